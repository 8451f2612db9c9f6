import Foundation
public import Postgres
import Rules

/// What one run of the eligibility job did.
public struct EligibilityRun: Sendable, Equatable {
    /// One policy version evaluated against every company.
    public struct Outcome: Sendable, Equatable {
        public let policy: String
        public let version: Int
        public let policyVersionId: Int64
        public let companies: Int
        public let eligible: Int
    }

    /// The `filmwg.job_runs` row.
    public let id: Int64
    public let asOf: CalendarDate
    public let dryRun: Bool
    /// The succeeded, non-dry run the changes were computed against; nil for the first run.
    public let previousRunId: Int64?
    /// Earlier runs whose session was gone, marked `abandoned` by this run.
    public let abandonedRuns: Int
    public let companies: Int
    public let policyVersions: Int
    public let determinations: Int
    public let eligible: Int
    public let newlyEligible: Int
    public let noLongerEligible: Int
    public var changes: Int { newlyEligible + noLongerEligible }
    public let milliseconds: Int
    public let outcomes: [Outcome]
}

/// What the job reports while it works, so a caller can log or show progress; the domain
/// never writes to a terminal itself.
public enum EligibilityEvent: Sendable {
    /// The run row is visible to others as `running`; evaluation starts.
    case started(runId: Int64, asOf: CalendarDate, dryRun: Bool, policyVersions: Int, abandonedRuns: Int)
    /// What was decided for one policy version (`index` counts from 1). All versions are
    /// evaluated by one statement, so these come together once it has finished.
    case evaluated(EligibilityRun.Outcome, index: Int, of: Int)
    /// Committed (or, for a dry run, computed and rolled back).
    case finished(EligibilityRun)
    /// Nothing of the run was kept; `runId` is nil when the run never started (another run
    /// held the lock).
    case failed(runId: Int64?, asOf: CalendarDate?, message: String, milliseconds: Int)
}

/// The nightly job of DESIGN §7: decides, set-based inside PostgreSQL, which company is
/// eligible for which policy on a day, and why.
///
/// A run is one transaction on the main connection:
/// 1. `pg_try_advisory_xact_lock(lockKey)`; if another run holds it, `RecordError.conflict`
///    at once (nothing is written);
/// 2. through a second, short-lived autocommit connection: `filmwg.abandon_dead_runs()` and the
///    insert of the `running` row, carrying the main session's `backend_pid`/`backend_start`.
///    Committed at once, the row is visible while the run works, so if this process or its
///    session dies, the next run marks it `abandoned`. (abandon_dead_runs runs there, not on the
///    main connection, because its updates would otherwise stay uncommitted and the unique
///    index `job_runs_running_key` would make the insert wait for the main transaction, which
///    waits for the insert.)
/// 3. one `INSERT … SELECT` over `filmwg.company_facts(day)` for every policy version valid on
///    the day at once, each rule compiled to SQL by `Rules.compile` with its values bound as
///    parameters. One statement is one snapshot: a record edited while the run works is seen
///    by all policies or by none (the transaction is READ COMMITTED, so one statement per
///    policy could split them), and each company's facts are computed once, not once per
///    policy. The rows go into the run's own table (`filmwg.open_determinations`), whose
///    primary key is then built by sorting and its company index (BRIN, migration 0022) by one
///    pass (`filmwg.index_determinations`) — six times faster at 100,000 companies than three
///    lookups per row (migration 0008; no index on the version alone since 0019);
/// 4. one `INSERT INTO filmwg.determination_changes … SELECT` comparing the run's table with
///    the previous run (`filmwg.previous_run`: the latest succeeded, non-dry run for an earlier
///    day, or the same day and a lower id), **by policy**: a company's determination for a policy is
///    compared with its determination for the same policy in that run, whatever the versions;
///    a (policy, company) the previous run did not have counts as not eligible before, so one
///    seen for the first time and eligible is `newly_eligible`; one eligible before and absent
///    now (the policy has no version valid any more, or the company was archived) is
///    `no_longer_eligible`;
/// 5. the table is attached as the run's partition of `filmwg.determinations`
///    (`filmwg.attach_determinations`): nothing to validate or scan (migration 0016), so what
///    the attach locks is held for milliseconds; the run row becomes `succeeded` with counts,
///    and everything commits at once.
///
/// From step 1 to the commit the run holds `filmwg.determined_rows_lock_key()`, so no company
/// or policy version its rows name is deleted meanwhile (the partition has no foreign keys).
///
/// On any error the transaction rolls back and the run row becomes `failed` with the error
/// (through a second connection again). A dry run does all the work, rolls it back, and keeps
/// only its run row (`dry_run = true`, `succeeded`, with the counts it would have written),
/// which reports and change comparisons ignore.
///
/// Use a job from one task at a time, like its connection.
public struct EligibilityJob {
    /// The advisory lock of the job, in the database the job runs on: "filmwg" in ASCII, then 1.
    /// `SELECT pg_advisory_lock(7379548681833742337)` from psql holds off every run.
    public static let lockKey: Int64 = 0x6669_6C6D_7767_0001

    let db: Connection
    let openSideConnection: () throws -> Connection

    /// Why the run is being stopped ("interrupted by SIGINT"), when the caller cancelled its
    /// statement; it becomes the run's `error` and the sentence thrown.
    public var interruption: () -> String? = { nil }

    /// How soon the server notices that the job's client died mid-statement and ends the
    /// statement (`client_connection_check_interval`, set for the run's transaction only).
    public static let clientCheckInterval = "2s"

    /// `work_mem` for the run's transaction (SET LOCAL): the facts of every company, sorted by
    /// company id, are held in memory while each version reads them (about 150 MB at 1,000,000
    /// companies). A server with less to spare sets its own through the setting
    /// `workMemSetting` for the database or the job's role, read at the start of each run.
    public static let workMem = "256MB"

    /// The custom setting that replaces `workMem`:
    /// `ALTER DATABASE filmwg SET filmwg.job_work_mem = '64MB'` (the same run, slower).
    public static let workMemSetting = "filmwg.job_work_mem"

    /// - Parameters:
    ///   - db: the main connection; must not be inside a transaction.
    ///   - sideConnection: opens a new session to the same database (as the same actor), used
    ///     briefly for the run row; it is closed after each use.
    public init(_ db: Connection, sideConnection: @escaping () throws -> Connection) {
        self.db = db
        self.openSideConnection = sideConnection
    }

    /// Runs the job for `asOf` (default: today in Asia/Shanghai by the database's clock).
    ///
    /// - Throws: `RecordError.conflict` when another run is in progress (exit 75);
    ///   `RecordError.invalid` when a stored rule no longer checks against the fact catalog;
    ///   `PostgresError` for anything the database refuses. The run row is then `failed`.
    @discardableResult
    public func run(
        asOf: CalendarDate? = nil, dryRun: Bool = false, report: (EligibilityEvent) -> Void = { _ in }
    ) throws -> EligibilityRun {
        let clock = ContinuousClock()
        let start = clock.now
        var runId: Int64?
        var day = asOf
        guard db.transactionStatus == .idle else {
            throw RecordError("the eligibility job needs a connection outside any transaction", .other)
        }
        do {
            // On a standby every write fails, and advisory locks too: say so before trying.
            if try db.query("SELECT pg_is_in_recovery()").one().decode(Bool.self, at: 0) {
                throw RecordError(
                    "the database is a read-only standby (in recovery); run the job against the primary", .unavailable)
            }
            try db.execute("BEGIN")
            // SET LOCAL, not SET: behind a transaction-mode pooler a session setting would stay
            // on the server connection for the next client.
            try db.execute("SELECT set_config('client_connection_check_interval', \(Self.clientCheckInterval), true)")
            // Room for the facts of every company in memory: their sort by company id and the
            // table the versions read them from (at 1,000,000 companies about 150 MB; with the
            // server's default they go to temporary files, read once per version).
            try setWorkMem()
            guard try db.query("SELECT pg_try_advisory_xact_lock(\(Self.lockKey))").one().decode(Bool.self, at: 0)
            else {
                throw RecordError.conflict(
                    "another eligibility run is in progress; try again when it has finished")
            }
            // No company or policy version is deleted from here to the commit (trigger
            // keep_determined, migration 0016): the run's partition has no foreign keys, its rows
            // name what its one statement read. Waits only for deletions already under way.
            try db.execute("SELECT pg_advisory_xact_lock(filmwg.determined_rows_lock_key())")
            let runDay =
                try asOf
                ?? db.query("SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date").one()
                .decode(CalendarDate.self, at: 0)
            day = runDay
            let (abandoned, id) = try startRun(day: runDay, dryRun: dryRun)
            runId = id
            var run = try evaluate(runId: id, day: runDay, dryRun: dryRun, abandoned: abandoned, report: report)
            if dryRun {
                try db.execute("ROLLBACK")
                _ = try withSideConnection { side in
                    try side.execute(Self.finishQuery(run, status: "succeeded"))
                }
            } else {
                try db.execute(Self.finishQuery(run, status: "succeeded"))
                try db.execute("COMMIT")
            }
            run = run.with(milliseconds: Self.milliseconds(clock.now - start))
            report(.finished(run))
            return run
        } catch {
            if !db.isClosed, db.transactionStatus != .idle { _ = try? db.execute("ROLLBACK") }
            var translated = Self.translate(error)
            var message = Self.sentence(translated)
            if let reason = interruption() {
                message = "\(reason); the run was cancelled and nothing of it was kept"
                translated = RecordError(
                    runId.map { "run \($0) was cancelled and marked failed; nothing of it was kept" }
                        ?? "the run was cancelled before it started; nothing was kept", .other)
            }
            if let runId {
                // Best effort: if even this fails, the row stays running and the next run marks
                // it abandoned.
                _ = try? withSideConnection { side in
                    try side.execute(
                        """
                        UPDATE filmwg.job_runs SET status = 'failed', error = \(message)
                         WHERE id = \(runId) AND status = 'running'
                        """)
                }
            }
            report(
                .failed(runId: runId, asOf: day, message: message, milliseconds: Self.milliseconds(clock.now - start)))
            throw translated
        }
    }

    /// `work_mem` for the run's transaction: `workMemSetting` when the database or role sets
    /// it, else `workMem`. A value PostgreSQL does not take is the operator's to fix, said in
    /// one sentence before anything is written.
    private func setWorkMem() throws {
        let configured =
            try db.query("SELECT nullif(current_setting(\(Self.workMemSetting), true), '')").one()
            .decode(String?.self, at: 0)
        do {
            try db.execute("SELECT set_config('work_mem', \(configured ?? Self.workMem), true)")
        } catch {
            guard error.sqlState == "22023" else { throw error }
            throw RecordError(
                "the setting \(Self.workMemSetting) is '\(configured ?? Self.workMem)', which is not a size of memory work_mem takes (e.g. '64MB'); correct it with ALTER DATABASE … SET \(Self.workMemSetting)",
                .invalid)
        }
    }

    /// Marks dead runs abandoned and inserts this run's `running` row, committed at once.
    private func startRun(day: CalendarDate, dryRun: Bool) throws -> (abandoned: Int, id: Int64) {
        // backend_start is hidden (NULL) when the current role may not see the session's
        // details (SET ROLE to a role the login user is not); abandon_dead_runs then goes by
        // the pid alone.
        let (pid, backendStart) = try db.query(
            """
            SELECT pg_backend_pid(), (SELECT a.backend_start FROM pg_catalog.pg_stat_activity a WHERE a.pid = pg_backend_pid())
            """
        ).one().decode((Int32, Date?).self)
        return try withSideConnection { side in
            let abandoned = try side.query("SELECT filmwg.abandon_dead_runs('eligibility')").one().decode(
                Int.self, at: 0)
            let id = try DatabaseErrors.translating {
                try side.query(
                    """
                    INSERT INTO filmwg.job_runs (job, as_of, dry_run, backend_pid, backend_start)
                    VALUES ('eligibility', \(day), \(dryRun), \(pid), \(backendStart))
                    RETURNING id
                    """
                ).one().decode(Int64.self, at: 0)
            }
            return (abandoned, id)
        }
    }

    private func withSideConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let side = try openSideConnection()
        defer { side.close() }
        return try body(side)
    }

    struct ValidVersion {
        let id: Int64
        let policy: String
        let version: Int
        let rule: String
        let criteria: [String]
        var amount: String? = nil
        var cap: Decimal? = nil
        var exclusiveGroup: String? = nil
    }

    /// Steps 3 and 4, on the main connection inside its transaction.
    private func evaluate(
        runId: Int64, day: CalendarDate, dryRun: Bool, abandoned: Int, report: (EligibilityEvent) -> Void
    ) throws -> EligibilityRun {
        let clock = ContinuousClock()
        let start = clock.now
        let versions = try db.query(
            """
            SELECT v.id, p.code, v.version, v.rule, v.criteria, v.amount, v.amount_cap, v.exclusive_group
              FROM filmwg.policy_versions v JOIN filmwg.policies p ON p.id = v.policy_id
             WHERE v.valid @> \(day)
             ORDER BY p.code
            """
        ).map { row in
            let (id, code, version, rule, criteria, amount, cap, group) =
                try row.decode((Int64, String, Int, String, [String], String?, Decimal?, String?).self)
            return ValidVersion(
                id: id, policy: code, version: version, rule: rule, criteria: criteria, amount: amount, cap: cap,
                exclusiveGroup: group)
        }
        let catalog = try FactCatalogRepository(db).load()
        report(
            .started(runId: runId, asOf: day, dryRun: dryRun, policyVersions: versions.count, abandonedRuns: abandoned))

        var inserted = 0
        if !versions.isEmpty {
            let query = try Self.determinationsQuery(versions, catalog: catalog, runId: runId, day: day)
            let table = Self.determinationsTable(runId)
            let opened = try db.query("SELECT filmwg.open_determinations(\(runId))").one().decode(String.self, at: 0)
            guard opened == table else {
                throw RecordError(
                    "filmwg.open_determinations made \(opened), not \(table); migrate the database", .other)
            }
            inserted = try db.execute(query)
            if let exclusive = Self.exclusiveGroupsQuery(versions, runId: runId) { try db.execute(exclusive) }
            try db.execute("SELECT filmwg.index_determinations(\(runId))")
        }

        // Every version meets every company's facts row once, so each version has
        // inserted / versions rows: the companies evaluated, without a scan to count them.
        let companies =
            versions.isEmpty
            ? try db.query("SELECT count(*) FROM filmwg.company_facts(\(day))").one().decode(Int.self, at: 0)
            : inserted / versions.count
        // The one definition of the previous run (DESIGN §11): the latest run for an earlier day
        // (same day: a lower id), so a backfill is compared with its own predecessor.
        let previous = try db.query("SELECT filmwg.previous_run(\(runId))").one().decode(Int64?.self, at: 0)
        // The changes and, from the same read of the run's eligible rows, how many each version has.
        let (newly, noLonger, countedVersions, countedEligible) = try db.query(
            Self.changesQuery(
                runId: runId, previousRunId: previous, table: versions.isEmpty ? nil : Self.determinationsTable(runId))
        ).one().decode((Int, Int, [Int64], [Int64]).self)
        let eligibleByVersion = Dictionary(
            zip(countedVersions, countedEligible).map { ($0, Int($1)) }, uniquingKeysWith: { first, _ in first })
        var outcomes: [EligibilityRun.Outcome] = []
        for (index, version) in versions.enumerated() {
            let outcome = EligibilityRun.Outcome(
                policy: version.policy, version: version.version, policyVersionId: version.id,
                companies: companies, eligible: eligibleByVersion[version.id] ?? 0)
            outcomes.append(outcome)
            report(.evaluated(outcome, index: index + 1, of: versions.count))
        }
        // Last, so that what it locks (filmwg.determinations, its default partition) is held
        // for the attach and the commit only: milliseconds (migration 0016).
        if !versions.isEmpty { try db.execute("SELECT filmwg.attach_determinations(\(runId))") }
        return EligibilityRun(
            id: runId, asOf: day, dryRun: dryRun, previousRunId: previous, abandonedRuns: abandoned,
            companies: companies, policyVersions: versions.count,
            determinations: outcomes.reduce(0) { $0 + $1.companies },
            eligible: outcomes.reduce(0) { $0 + $1.eligible },
            newlyEligible: newly, noLongerEligible: noLonger,
            milliseconds: Self.milliseconds(clock.now - start), outcomes: outcomes)
    }

    /// Step 3: one INSERT for every valid policy version and every company into the run's own
    /// table (its row count, divided by the versions, is the companies evaluated; the eligible
    /// ones are counted by the changes: cheaper than RETURNING a million rows).
    ///
    /// `$1` run, `$2` the day, `$3` the versions' ids; the rules' own values follow from `$4`
    /// on, bound, never pasted: the SQL holds only the compiler's fact columns, placeholders and
    /// the versions' positions. Each company's facts row meets every version (`unnest … WITH
    /// ORDINALITY`), and a `CASE` on the position builds that version's criteria array, so only
    /// its criteria are evaluated. The facts are computed once (`MATERIALIZED`), sorted by company
    /// id, and read once per version, versions by id (the `LATERAL … WHERE p.i > 0`, always true,
    /// puts the versions on the outer side): the rows then arrive exactly in primary-key order
    /// (run, version, company), so `filmwg.index_determinations` sorts input already in order,
    /// which PostgreSQL's sort recognises in one pass. Without the `ORDER BY` the facts come in
    /// `company_versions`' physical order, which updates disturb: at 1,000,000 companies 228 rows
    /// out of place per version cost the primary key's build 4 s of CPU more (8.5–9.6 s instead
    /// of 4.8–5.6 s), the sort of the facts less than 1 s (migration 0021). (A `LATERAL (VALUES …)`
    /// row per version reads the same, but PostgreSQL 15 rebuilds the expression state of a
    /// `VALUES` row every time it evaluates it: 38 s instead of 14 s for 1,000,000 companies ×
    /// 10 policies.) Each criterion is kept in
    /// `criteria_values` as SQL computed it (null included); the rule holds when every criterion
    /// is true (`true = ALL`), and a null outcome is not met. `OFFSET 0` keeps the criteria array
    /// computed once per row: without it the planner pulls the subquery up and evaluates every
    /// criterion twice.
    static func determinationsQuery(
        _ versions: [ValidVersion], catalog: FactCatalog, runId: Int64, day: CalendarDate
    ) throws -> Query {
        // By id, the primary key's second column: the rows then come version after version in
        // the key's order (the versions arrive sorted by policy code), and the key's sort in
        // filmwg.index_determinations finds its input nearly in order.
        let versions = versions.sorted { $0.id < $1.id }
        var binds = [PostgresBind(runId), PostgresBind(day), PostgresBind(versions.map(\.id))]
        var branches: [String] = []
        var amounts: [String] = []
        var reasons: [String] = []
        // The facts the amounts read, carried up to their level; the criteria read the facts
        // row where it is joined.
        var amountColumns: [String] = []
        for (index, version) in versions.enumerated() {
            let compiled = try compile(version, catalog: catalog, firstParameter: binds.count + 1)
            binds += compiled.binds.map { PostgresBind(text: $0.parameterText, type: .unknown) }
            let criteria = compiled.criteria.map(\.sql).joined(separator: ",\n                                ")
            branches.append("WHEN \(index + 1) THEN ARRAY[\(criteria)]::boolean[]")
            guard let amount = try compileAmount(version, catalog: catalog, firstParameter: binds.count + 1) else {
                continue
            }
            binds += amount.binds.map { PostgresBind(text: $0.parameterText, type: .unknown) }
            amountColumns += amount.columns.filter { !amountColumns.contains($0) }
            var value = amount.value
            if let cap = version.cap {
                binds.append(PostgresBind(text: Amount.format(cap), type: .unknown))
                value = "numeric_smaller(\(value), $\(binds.count)::numeric)"
            }
            amounts.append("WHEN \(index + 1) THEN \(value)")
            reasons.append("WHEN \(index + 1) THEN \(amount.reason)")
        }
        // The amount is computed for eligible rows only, over the same facts row: the columns it
        // reads (only those: at 100,000 companies x 10 policies carrying every column of
        // company_facts through the levels cost a fifth of the statement) travel up through
        // each level, all named x so the formula's `x."fact"` (and its reason, one level further
        // up) read them; fact names never start with _ (fact_catalog_name_check), so they cannot
        // clash with the levels' own columns.
        let amountSQL =
            amounts.isEmpty
            ? "NULL::numeric"
            : "CASE WHEN x._eligible THEN CASE x._position \(amounts.joined(separator: " ")) END END"
        let reasonSQL =
            reasons.isEmpty
            ? "NULL::text"
            : "CASE WHEN x._eligible AND x._amount IS NULL THEN CASE x._position \(reasons.joined(separator: " ")) END END"
        let carried = (["f.company_id"] + amountColumns.map { "f.\($0)" }).joined(separator: ", ")
        let sql = """
            WITH facts AS MATERIALIZED (SELECT * FROM filmwg.company_facts($2) ORDER BY company_id)
            INSERT INTO \(determinationsTable(runId)) (run_id, policy_version_id, company_id, eligible, criteria_values, amount, amount_reason)
            SELECT $1, x._version, x.company_id, x._eligible, x._criteria, x._amount, \(reasonSQL)
              FROM (SELECT x.*, \(amountSQL) AS _amount
                      FROM (SELECT w.*, coalesce(true = ALL (w._criteria), false) AS _eligible
                              FROM (SELECT p.policy_version_id AS _version, p.i AS _position, \(carried),
                                           CASE p.i
                                           \(branches.joined(separator: "\n                                           "))
                                           END AS _criteria
                                      FROM unnest($3::bigint[]) WITH ORDINALITY AS p (policy_version_id, i)
                                     CROSS JOIN LATERAL (SELECT * FROM facts WHERE p.i > 0) AS f
                                    OFFSET 0) AS w) AS x
                    OFFSET 0) AS x
            """
        return Query(unsafeSQL: sql, binds: binds)
    }

    /// Policies of one exclusive group are not cumulative (DESIGN §12): per company, among the
    /// group's eligible determinations of the run, the highest amount keeps it (a null amount
    /// counts lowest; ties: the smaller policy code) and the others get 0 and the reason. One
    /// set-based UPDATE of the run's own table, before it is attached; nil when no group has
    /// two versions valid on the day.
    static func exclusiveGroupsQuery(_ versions: [ValidVersion], runId: Int64) -> Query? {
        let grouped = versions.filter { $0.exclusiveGroup != nil }
        let counts = Dictionary(grouping: grouped, by: { $0.exclusiveGroup ?? "" }).mapValues(\.count)
        let contested = grouped.filter { (counts[$0.exclusiveGroup ?? ""] ?? 0) > 1 }
        guard !contested.isEmpty else { return nil }
        let table = determinationsTable(runId)
        return Query(
            unsafeSQL: """
                WITH g (policy_version_id, exclusive_group, code) AS (
                    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])
                ), ranked AS (
                    SELECT d.policy_version_id, d.company_id, g.exclusive_group,
                           row_number() OVER w AS n, first_value(g.code) OVER w AS winner
                      FROM \(table) d JOIN g ON g.policy_version_id = d.policy_version_id
                     WHERE d.eligible
                    WINDOW w AS (PARTITION BY d.company_id, g.exclusive_group
                                 ORDER BY d.amount DESC NULLS LAST, g.code)
                )
                UPDATE \(table) d
                   SET amount = 0,
                       amount_reason = format('not cumulative: %s of the same exclusive group (%s) pays at least as much', r.winner, r.exclusive_group)
                  FROM ranked r
                 WHERE r.n > 1 AND d.policy_version_id = r.policy_version_id AND d.company_id = r.company_id
                """,
            binds: [
                PostgresBind(contested.map(\.id)), PostgresBind(contested.map { $0.exclusiveGroup ?? "" }),
                PostgresBind(contested.map(\.policy)),
            ])
    }

    /// A version's amount formula compiled against today's fact catalog; nil without one.
    static func compileAmount(_ version: ValidVersion, catalog: FactCatalog, firstParameter: Int) throws
        -> CompiledAmount?
    {
        guard let amount = version.amount else { return nil }
        do {
            return try Rules.checkAmount(amount, catalog: catalog).compiled(
                factsAlias: "x", firstParameter: firstParameter)
        } catch {
            throw RecordError.invalid(
                "the amount of version \(version.version) of policy \(version.policy) no longer checks against the fact catalog (\(error.description)); revise the policy"
            )
        }
    }

    /// The table of a run's determinations before it is attached as the run's partition of
    /// `filmwg.determinations` (migration 0008). Only digits come from the run id, so the name
    /// is safe in SQL text.
    static func determinationsTable(_ runId: Int64) -> String { "filmwg.determinations_\(runId)" }

    /// A version's rule compiled against today's fact catalog, its criteria checked against
    /// the ones stored when the version was written.
    static func compile(_ version: ValidVersion, catalog: FactCatalog, firstParameter: Int) throws -> CompiledRule {
        let compiled: CompiledRule
        do {
            compiled = try Rules.compile(
                version.rule, catalog: catalog, factsAlias: "f", firstParameter: firstParameter)
        } catch {
            throw RecordError.invalid(
                "version \(version.version) of policy \(version.policy) no longer checks against the fact catalog (\(error.description)); revise the policy"
            )
        }
        guard compiled.criteria.map(\.source) == version.criteria else {
            throw RecordError.invalid(
                "version \(version.version) of policy \(version.policy): its stored criteria no longer match its rule; revise the policy"
            )
        }
        return compiled
    }

    /// Step 4, set-based: the differences by (policy, company) between this run and its previous
    /// run (`filmwg.previous_run`), written and counted in one statement, which also counts the
    /// run's eligible rows per version from the same read of them (one scan of the run's table
    /// fewer than a separate count; migration 0019).
    ///
    /// The comparison is the one of `filmwg.determination_differences` (migration 0011), which
    /// `eligibility changes --from-run A --to-run B` reads: absent and not eligible count the
    /// same, so only the eligible rows of each run are joined; a change names the version valid
    /// on the run's day for its policy, else (the policy has none any more) the previous one.
    /// The run's rows are read from its own `table` before it is attached (so the attach, and
    /// what it locks, comes last); nil when no version was valid (no rows).
    static func changesQuery(runId: Int64, previousRunId: Int64?, table: String?) -> Query {
        guard let table else {
            return """
                WITH written AS (
                    INSERT INTO filmwg.determination_changes (run_id, policy_version_id, company_id, change, previous_run_id)
                    SELECT \(runId), x.policy_version_id, x.company_id, x.change, \(previousRunId)
                      FROM filmwg.determination_differences(\(previousRunId), \(runId)) AS x
                    RETURNING change
                )
                SELECT count(*) FILTER (WHERE change = 'newly_eligible'),
                       count(*) FILTER (WHERE change = 'no_longer_eligible'),
                       '{}'::bigint[], '{}'::bigint[]
                  FROM written
                """
        }
        return Query(
            unsafeSQL: """
                WITH cur AS (
                    SELECT d.company_id, v.policy_id, d.policy_version_id
                      FROM \(table) d JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
                     WHERE d.eligible
                ), prev AS (
                    SELECT d.company_id, v.policy_id, d.policy_version_id
                      FROM filmwg.determinations d JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
                     WHERE d.run_id = $2 AND d.eligible
                ), valid_then AS (
                    SELECT v.policy_id, v.id AS policy_version_id
                      FROM filmwg.policy_versions v JOIN filmwg.job_runs r ON v.valid @> r.as_of
                     WHERE r.id = $1
                ), written AS (
                    INSERT INTO filmwg.determination_changes (run_id, policy_version_id, company_id, change, previous_run_id)
                    SELECT $1, coalesce(c.policy_version_id, n.policy_version_id, p.policy_version_id),
                           coalesce(c.company_id, p.company_id),
                           CASE WHEN c.company_id IS NOT NULL THEN 'newly_eligible' ELSE 'no_longer_eligible' END, $2
                      FROM cur c
                      FULL JOIN prev p ON p.policy_id = c.policy_id AND p.company_id = c.company_id
                      LEFT JOIN valid_then n ON n.policy_id = p.policy_id
                     WHERE c.company_id IS NULL OR p.company_id IS NULL
                    RETURNING change
                ), counted AS (
                    SELECT c.policy_version_id, count(*) AS eligible FROM cur c GROUP BY c.policy_version_id
                )
                SELECT (SELECT count(*) FROM written WHERE change = 'newly_eligible'),
                       (SELECT count(*) FROM written WHERE change = 'no_longer_eligible'),
                       coalesce((SELECT array_agg(policy_version_id ORDER BY policy_version_id) FROM counted), '{}'),
                       coalesce((SELECT array_agg(eligible ORDER BY policy_version_id) FROM counted), '{}')
                """, binds: [PostgresBind(runId), PostgresBind(previousRunId)])
    }

    static func finishQuery(_ run: EligibilityRun, status: String) -> Query {
        """
        UPDATE filmwg.job_runs
           SET status = \(status), companies = \(run.companies), policy_versions = \(run.policyVersions),
               determinations = \(run.determinations), eligible = \(run.eligible), changes = \(run.changes)
         WHERE id = \(run.id)
        """
    }

    /// The run's own refusals in the records' words; the rest as `DatabaseErrors` has them.
    static func translate(_ error: any Error) -> any Error {
        if let error = error as? PostgresError, error.constraint == "job_runs_running_key" {
            return RecordError.conflict(
                "another eligibility run is in progress; try again when it has finished")
        }
        return DatabaseErrors.translate(error)
    }

    static func sentence(_ error: any Error) -> String {
        switch error {
        case let error as any UserFacingError: error.sentence
        case let error as PostgresError where error.isConnectionLost:
            "the run's database session ended before it finished (\(error.message)); nothing of it was kept"
        case let error as PostgresError: error.description
        default: "\(error)"
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

extension EligibilityRun {
    func with(milliseconds: Int) -> EligibilityRun {
        EligibilityRun(
            id: id, asOf: asOf, dryRun: dryRun, previousRunId: previousRunId, abandonedRuns: abandonedRuns,
            companies: companies, policyVersions: policyVersions, determinations: determinations,
            eligible: eligible, newlyEligible: newlyEligible, noLongerEligible: noLongerEligible,
            milliseconds: milliseconds, outcomes: outcomes)
    }
}
