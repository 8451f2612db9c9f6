public import Foundation
public import Postgres
import Rules

/// What a run decided for one company and one policy.
public struct Determination: Sendable, Equatable {
    public let runId: Int64
    public let asOf: CalendarDate
    public let company: CompanyIdentity
    /// The policy's code.
    public let policy: String
    /// The number of the policy version evaluated.
    public let version: Int
    public let policyVersionId: Int64
    public let eligible: Bool
    /// What the company receives (DESIGN §12); nil when not eligible, when the version has no
    /// amount formula, or when a fact it needs is unknown (then `amountReason` says which).
    public var amount: Decimal? = nil
    /// Why `amount` is nil, or 0 by its exclusive group.
    public var amountReason: String? = nil
}

/// One step of how an amount was reached, as `eligibility explain` shows it: a fact's value,
/// a taper's step, the formula's value, the rounding, the cap, the exclusive group.
public struct AmountStep: Sendable, Equatable {
    public let step: String
    public let value: String?
}

/// One criterion of a rule and the value it had for the company on the day.
public struct CriterionValue: Sendable, Equatable {
    /// The criterion's source text, as stored with the policy version.
    public let criterion: String
    /// nil when SQL said null (a fact was missing), which counts as not met.
    public let value: Bool?
}

/// Why a company is or is not eligible for a policy: every criterion with its value.
public struct Explanation: Sendable, Equatable {
    public let determination: Determination
    public let rule: String
    public let criteria: [CriterionValue]
    /// The version's formula, nil when it has none.
    public var amountFormula: String? = nil
    /// Empty without a formula.
    public var amountSteps: [AmountStep] = []
}

/// A company that became, or stopped being, eligible for a policy in a run.
public struct DeterminationChange: Sendable, Equatable {
    public let runId: Int64
    public let previousRunId: Int64?
    public let asOf: CalendarDate
    public let company: CompanyIdentity
    public let policy: String
    public let version: Int
    /// newly_eligible or no_longer_eligible.
    public let change: String
}

/// Reads what the eligibility job decided: `eligibility explain | list | changes`.
///
/// Without a day, answers come from the latest succeeded, non-dry run; with `asOf`, from the
/// latest succeeded, non-dry run for that day.
public struct DeterminationRepository {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    // MARK: Runs

    /// The run answers come from: the current run (`filmwg.current_run`, DESIGN §11), the same
    /// one every reporting view reads. Without a day, the run with the latest `as_of` (ties: the
    /// highest id); with `asOf`, the latest run of that day.
    ///
    /// - Throws: `RecordError.notFound` saying which run to start when there is none.
    public func latestRun(asOf: CalendarDate? = nil) throws -> JobRun {
        let row = try db.query(
            """
            SELECT \(unsafeRaw: JobRun.columns) FROM filmwg.job_runs r
             WHERE r.id = filmwg.current_run(\(asOf)::date)
               AND (\(asOf)::date IS NULL OR r.as_of = \(asOf))
            """
        ).optional()
        guard let row else {
            if let asOf {
                throw RecordError.notFound(
                    "no eligibility run has succeeded for \(asOf) yet; run \(command: "eligibility run \(field: "as_of") \(asOf)") first"
                )
            }
            throw RecordError.notFound("no eligibility run has succeeded yet; run \(command: "eligibility run") first")
        }
        return try JobRun(row: row)
    }

    /// The previous run of `run` (`filmwg.previous_run`), nil when there is none.
    public func previousRun(of run: Int64) throws -> Int64? {
        try db.query("SELECT filmwg.previous_run(\(run))").one().decode(Int64?.self, at: 0)
    }

    public func run(id: Int64) throws -> JobRun {
        guard
            let row = try db.query(
                """
                SELECT \(unsafeRaw: JobRun.columns) FROM filmwg.job_runs r WHERE r.id = \(id) AND r.job = 'eligibility'
                """
            ).optional()
        else { throw RecordError.notFound("there is no eligibility run \(id)") }
        return try JobRun(row: row)
    }

    // MARK: Determinations

    /// Every criterion of the company's determination for the policy, with its value.
    ///
    /// - Parameter company: a USCC or a numeric id.
    /// - Throws: `RecordError.notFound` for an unknown company or policy, when no run has
    ///   succeeded, or when the run has no determination for the pair (saying why and what to
    ///   run).
    public func explain(company: String, policy code: String, asOf: CalendarDate? = nil) throws -> Explanation {
        let identity = try CompanyLookup(db).resolve(company)
        let policy = try PolicyRepository(db).find(code: code)
        let run = try latestRun(asOf: asOf)
        let row = try db.query(
            """
            SELECT v.id, v.version, v.rule, v.criteria, d.eligible, d.criteria_values, d.amount, d.amount_reason,
                   v.amount AS formula, v.amount_cap, v.exclusive_group
              FROM filmwg.determinations d
              JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
             WHERE d.run_id = \(run.id) AND v.policy_id = \(policy.id) AND d.company_id = \(identity.id)
            """
        ).optional()
        guard let row else {
            throw try missing(company: identity, policy: policy, run: run)
        }
        let (versionId, version, rule, criteria, eligible, values) =
            try row.decode((Int64, Int, String, [String], Bool, [Bool?]).self)
        let determination = Determination(
            runId: run.id, asOf: run.asOf, company: identity, policy: policy.code, version: version,
            policyVersionId: versionId, eligible: eligible,
            amount: try row.decode(Decimal?.self, column: "amount"),
            amountReason: try row.decode(String?.self, column: "amount_reason"))
        let paired = criteria.enumerated().map { index, text in
            CriterionValue(criterion: text, value: index < values.count ? values[index] : nil)
        }
        var explanation = Explanation(determination: determination, rule: rule, criteria: paired)
        if let formula = try row.decode(String?.self, column: "formula") {
            explanation.amountFormula = formula
            explanation.amountSteps = try amountSteps(
                formula, determination: determination, cap: try row.decode(Decimal?.self, column: "amount_cap"),
                group: try row.decode(String?.self, column: "exclusive_group"))
        }
        return explanation
    }

    /// How the amount was reached, recomputed from the facts as of the run's day: each fact the
    /// formula reads, each taper's index and step, the formula's exact value, the rounding, the
    /// cap and the exclusive group, then what the run stored. The facts are not stored with a
    /// determination, so a record edited after the run for its day (a corrected head count, last
    /// year's figures filed late) gives other steps than the run saw: when the steps no longer
    /// arrive at the stored amount, a step says so, with both amounts, rather than show a
    /// calculation that contradicts its result.
    func amountSteps(_ formula: String, determination: Determination, cap: Decimal?, group: String?) throws
        -> [AmountStep]
    {
        let catalog = try FactCatalogRepository(db).load()
        guard let checked = try? Rules.checkAmount(formula, catalog: catalog) else {
            return [AmountStep(step: "formula", value: "no longer checks against the fact catalog")]
        }
        guard let compiled = try? checked.compiled(factsAlias: "x", firstParameter: 1) else { return [] }
        var binds = compiled.binds.map { PostgresBind(text: $0.parameterText, type: .unknown) }
        binds.append(PostgresBind(determination.asOf))
        binds.append(PostgresBind(determination.company.id))
        let day = binds.count - 1
        let company = binds.count
        let tapers = compiled.tapers.map { "(\($0.index))::text" }
        let facts = checked.facts.map { "x.\(Query.quoteIdentifier($0.name))::text" }
        // The reason comes last: unused, but it types its placeholders.
        let columns = (["(\(compiled.raw))::text", "(\(compiled.value))::text"] + facts + tapers + [compiled.reason])
            .joined(separator: ", ")
        guard
            let row = try db.query(
                Query(
                    unsafeSQL: """
                        SELECT \(columns) FROM filmwg.company_facts($\(day)::date) AS x WHERE x.company_id = $\(company)::bigint
                        """, binds: binds)
            ).optional()
        else { return [] }
        var steps: [AmountStep] = []
        for (index, fact) in checked.facts.enumerated() {
            steps.append(AmountStep(step: fact.name, value: try row.decode(String?.self, at: 2 + index) ?? "unknown"))
        }
        for (index, taper) in compiled.tapers.enumerated() {
            let value = try row.decode(String?.self, at: 2 + checked.facts.count + index)
            let text: String
            if let value, let step = Int(value) {
                text =
                    (1...taper.steps).contains(step)
                    ? "step \(step) of \(taper.steps)" : "\(step): outside steps 1 to \(taper.steps), so 0"
            } else {
                text = value ?? "unknown, so the amount is unknown"
            }
            steps.append(AmountStep(step: "taper(\(taper.source), …)", value: text))
        }
        let rounded = try row.decode(String?.self, at: 1)
        steps.append(AmountStep(step: "formula \(checked.source)", value: try row.decode(String?.self, at: 0)))
        steps.append(AmountStep(step: "rounded half-up to 0.01, at least 0", value: rounded))
        if let cap { steps.append(AmountStep(step: "cap", value: Amount.format(cap))) }
        // The job's reason for a loser of an exclusive group (EligibilityJob.exclusiveGroupsQuery).
        let notCumulative = determination.amountReason?.hasPrefix("not cumulative") == true
        if let group {
            let outcome =
                notCumulative ? determination.amountReason : "keeps its amount (highest of the group, or alone)"
            steps.append(AmountStep(step: "exclusive group \(group)", value: outcome))
        }
        if determination.eligible, !notCumulative {
            let now = rounded.flatMap { Decimal(string: $0) }.map { value in cap.map { Swift.min(value, $0) } ?? value }
            if now != determination.amount {
                let day = determination.asOf.description
                steps.append(
                    AmountStep(
                        step: "records edited since the run",
                        value:
                            "as they are now, the records for \(day) give \(now.map(Amount.format) ?? "no amount"), not the run's \(determination.amount.map(Amount.format) ?? "no amount"); a run for \(day) would decide anew"
                    ))
            }
        }
        if !determination.eligible {
            steps.append(AmountStep(step: "amount", value: "none: not eligible"))
        } else {
            steps.append(
                AmountStep(
                    step: "amount", value: determination.amount.map(Amount.format) ?? determination.amountReason))
        }
        return steps
    }

    private func missing(company: CompanyIdentity, policy: Policy, run: JobRun) throws -> RecordError {
        let valid =
            try db.query(
                """
                SELECT 1 FROM filmwg.policy_versions WHERE policy_id = \(policy.id) AND valid @> \(run.asOf)
                """
            ).optional() != nil
        let who = "company \(company.uscc ?? String(company.id)) (\(company.name))"
        if !valid {
            return RecordError.notFound(
                "policy \(policy.code) has no version valid on \(run.asOf), so run \(run.id) did not evaluate it; see \(command: "policy show \(policy.code)")"
            )
        }
        return RecordError.notFound(
            "run \(run.id) (as of \(run.asOf)) has no determination yet for \(who) and policy \(policy.code): the company or the policy version was added after that run; run \(command: "eligibility run") to evaluate it"
        )
    }

    /// The determinations of one policy in the run, by company id; `eligible` filters.
    public func list(
        policy code: String, eligible: Bool? = nil, asOf: CalendarDate? = nil, limit: Int? = nil
    ) throws -> (run: JobRun, determinations: [Determination]) {
        let policy = try PolicyRepository(db).find(code: code)
        let run = try latestRun(asOf: asOf)
        let rows = try db.query(
            """
            SELECT d.company_id, c.uscc, coalesce(cv.name, c.name),
                   CASE WHEN cv.id IS NULL THEN c.name_zh ELSE cv.name_zh END, v.version, v.id, d.eligible, d.amount, d.amount_reason
              FROM filmwg.determinations d
              JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
              JOIN filmwg.companies c ON c.id = d.company_id
              -- the names in force on the run's day, as reporting.policy_eligibility_current shows them
              LEFT JOIN filmwg.company_versions cv ON cv.company_id = d.company_id AND cv.valid @> \(run.asOf)
             WHERE d.run_id = \(run.id) AND v.policy_id = \(policy.id)
               AND (\(eligible)::boolean IS NULL OR d.eligible = \(eligible))
             ORDER BY d.company_id
             LIMIT \(limit)
            """)
        let determinations = try rows.map { row in
            let (id, uscc, name, nameZh, version, versionId, isEligible) =
                try row.decode((Int64, String?, String, String?, Int, Int64, Bool).self)
            return Determination(
                runId: run.id, asOf: run.asOf, company: CompanyIdentity(id: id, uscc: uscc, name: name, nameZh: nameZh),
                policy: policy.code, version: version, policyVersionId: versionId, eligible: isEligible,
                amount: try row.decode(Decimal?.self, column: "amount"),
                amountReason: try row.decode(String?.self, column: "amount_reason"))
        }
        return (run, determinations)
    }

    /// What a run changed compared with its previous run, as the job recorded it (default: the
    /// current run), by policy code and company id.
    ///
    /// - Throws: `RecordError.notFound` for an unknown run, or one that kept no changes
    ///   (running, failed, abandoned or dry).
    public func changes(runId: Int64? = nil, limit: Int? = nil) throws -> (run: JobRun, changes: [DeterminationChange])
    {
        let run = try runId.map { try self.run(id: $0) } ?? latestRun()
        guard run.status == "succeeded", !run.dryRun else {
            let what = run.dryRun ? "a dry run" : run.status
            throw RecordError.notFound(
                "run \(run.id) is \(what) and kept no changes; \(command: "eligibility changes") without \(field: "run") shows the current run"
            )
        }
        let rows = try db.query(
            """
            SELECT ch.previous_run_id, ch.company_id, c.uscc, c.name, c.name_zh, p.code, v.version, ch.change
              FROM filmwg.determination_changes ch
              JOIN filmwg.policy_versions v ON v.id = ch.policy_version_id
              JOIN filmwg.policies p ON p.id = v.policy_id
              JOIN filmwg.companies c ON c.id = ch.company_id
             WHERE ch.run_id = \(run.id)
             ORDER BY p.code, ch.change, ch.company_id
             LIMIT \(limit)
            """)
        let changes = try rows.map { row in
            let (previous, id, uscc, name, nameZh, code, version, change) =
                try row.decode((Int64?, Int64, String?, String, String?, String, Int, String).self)
            return DeterminationChange(
                runId: run.id, previousRunId: previous, asOf: run.asOf,
                company: CompanyIdentity(id: id, uscc: uscc, name: name, nameZh: nameZh),
                policy: code, version: version, change: change)
        }
        return (run, changes)
    }

    /// What changed from run `from` to run `to` (any two succeeded, non-dry runs whose
    /// determinations are kept), by the same comparison the job records
    /// (`filmwg.determination_differences`).
    ///
    /// - Throws: `RecordError.notFound` for an unknown run; `RecordError.invalid` for a run that
    ///   is dry, not succeeded, or pruned, naming it and the flag.
    public func changes(from: Int64, to: Int64, limit: Int? = nil) throws -> (
        from: JobRun, to: JobRun, changes: [DeterminationChange]
    ) {
        let older = try comparable(from, field: "from_run")
        let newer = try comparable(to, field: "to_run")
        let rows = try db.query(
            """
            SELECT x.company_id, c.uscc, c.name, c.name_zh, p.code, v.version, x.change
              FROM filmwg.determination_differences(\(from), \(to)) x
              JOIN filmwg.policy_versions v ON v.id = x.policy_version_id
              JOIN filmwg.policies p ON p.id = v.policy_id
              JOIN filmwg.companies c ON c.id = x.company_id
             ORDER BY p.code, x.change, x.company_id
             LIMIT \(limit)
            """)
        let changes = try rows.map { row in
            let (id, uscc, name, nameZh, code, version, change) =
                try row.decode((Int64, String?, String, String?, String, Int, String).self)
            return DeterminationChange(
                runId: newer.id, previousRunId: older.id, asOf: newer.asOf,
                company: CompanyIdentity(id: id, uscc: uscc, name: name, nameZh: nameZh),
                policy: code, version: version, change: change)
        }
        return (older, newer, changes)
    }

    /// A run `changes(from:to:)` may compare.
    private func comparable(_ id: Int64, field: String) throws -> JobRun {
        guard
            let row = try db.query(
                """
                SELECT \(unsafeRaw: JobRun.columns), r.pruned_at IS NOT NULL AS pruned FROM filmwg.job_runs r
                 WHERE r.id = \(id) AND r.job = 'eligibility'
                """
            ).optional()
        else {
            throw RecordError.notFound(
                "\(field: field) \(id): there is no eligibility run \(id); see \(command: "jobs list")")
        }
        let run = try JobRun(row: row)
        let pruned = try row.decode(Bool.self, column: "pruned")
        if run.dryRun {
            throw RecordError.invalid(
                "\(field: field) \(id): run \(id) was a dry run and kept no determinations to compare")
        }
        if run.status != "succeeded" {
            throw RecordError.invalid(
                "\(field: field) \(id): run \(id) is \(run.status) and kept no determinations to compare; name a succeeded run"
            )
        }
        if pruned {
            throw RecordError.invalid(
                "\(field: field) \(id): the determinations of run \(id) were pruned (\(command: "eligibility prune")), so it cannot be compared"
            )
        }
        return run
    }

    // MARK: Retention

    /// A run `prune(keep:)` drops, or keeps because a grant rests on it.
    public struct PrunedRun: Sendable, Equatable {
        public let runId: Int64
        public let asOf: CalendarDate
        public let determinations: Int
        /// false when a grant rests on one of its determinations: it is kept.
        public let dropped: Bool
        public let reason: String?
    }

    /// The runs beyond the newest `keep` (by `as_of`, then id, as the current run is chosen) and
    /// their determinations; with `dryRun` false, drops them (never a run a grant rests on).
    ///
    /// - Throws: `RecordError.invalid` when `keep` < 1; `RecordError.conflict` when a run of the
    ///   job is in progress.
    public func prune(keep: Int, dryRun: Bool) throws -> [PrunedRun] {
        guard keep >= 1 else {
            throw RecordError.invalid(
                "\(field: "keep") must be 1 or more (the current run is always kept), not \(keep)")
        }
        do {
            return try db.transaction { tx in
                try tx.query("SELECT * FROM filmwg.prune_determinations(\(Int32(clamping: keep)), \(dryRun))").map {
                    row in
                    let (run, asOf, count, dropped, reason) = try row.decode(
                        (Int64, CalendarDate, Int, Bool, String?).self)
                    return PrunedRun(runId: run, asOf: asOf, determinations: count, dropped: dropped, reason: reason)
                }
            }
        } catch let error as PostgresError where error.sqlState == "55P03" {
            throw RecordError.conflict("an eligibility run is in progress; prune when it has finished")
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }
}
