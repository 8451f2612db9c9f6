/// Ten preferential policies of the kind the Huairou zone offers, each rule written twice: in
/// the rule language (what `filmwg policy add` takes) and by hand in SQL over
/// `filmwg.company_facts` (the baseline the nightly job is measured against).
struct Policy {
    let code: String
    let title: String
    /// Top-level `and` terms: rule-language source and the hand-written SQL over alias `f`.
    let criteria: [(rule: String, sql: String)]
    /// The amount formula (DESIGN §12), in the rules language and by hand in SQL over alias `f`
    /// (before rounding and the cap), and the cap; nil for a policy that only decides whether.
    var amount: (rule: String, sql: String)? = nil
    var cap: String? = nil

    var rule: String { criteria.map(\.rule).joined(separator: " and ") }

    /// The amount as the job stores it for an eligible row: rounded half-up to 0.01, at least 0,
    /// at most the cap; NULL when a fact it needs is.
    var amountSQL: String? {
        guard let amount else { return nil }
        // CASE, not greatest/least: those skip a NULL, and an unknown fact makes the amount NULL.
        let raw = "(\(amount.sql))::numeric"
        let value = "round(CASE WHEN \(raw) < 0 THEN 0 ELSE \(raw) END, 2)"
        return cap.map { "CASE WHEN \(value) > \($0) THEN \($0) ELSE \(value) END" } ?? value
    }
}

enum Policies {
    static let validFrom = "2017-05-20"

    static let all: [Policy] = [
        Policy(
            code: "zone-office-rent", title: "示范区办公用房租金补贴 Office rent subsidy in the zone",
            criteria: [
                ("registered_in_zone", "f.registered_in_zone"),
                ("years_in_operation >= 1", "f.years_in_operation >= 1"),
                ("employees >= 10", "f.employees >= 10"),
            ],
            amount: (
                "employees * 1000 * taper(zone_years + 1, 100%, 80%, 60%, 40%, 20%)",
                "f.employees * 1000 * CASE WHEN f.zone_years IS NULL THEN NULL WHEN f.zone_years + 1 BETWEEN 1 AND 5 THEN (ARRAY[1.00, 0.80, 0.60, 0.40, 0.20])[f.zone_years + 1] ELSE 0 END"
            ), cap: "500000"),
        Policy(
            code: "production-grant", title: "影视制作扶持资金 Film production grant",
            criteria: [
                ("registered_in_zone", "f.registered_in_zone"),
                ("registered_capital >= 5000000", "f.registered_capital >= 5000000"),
                ("years_in_operation >= 2", "f.years_in_operation >= 2"),
                (
                    "kind in ('production', 'post_production', 'internet_platform')",
                    "f.kind IN ('production', 'post_production', 'internet_platform')"
                ),
                ("member_tier in ('initiating', 'member')", "f.member_tier IN ('initiating', 'member')"),
                ("events_attended_12m >= 1", "f.events_attended_12m >= 1"),
            ],
            amount: (
                "min(registered_capital * 2%, 3000000)",
                "CASE WHEN f.registered_capital IS NOT NULL THEN least(f.registered_capital * 0.02, 3000000) END"
            )),
        Policy(
            code: "post-production-equipment", title: "后期制作设备购置补贴 Post-production equipment subsidy",
            criteria: [
                ("kind = 'post_production'", "f.kind = 'post_production'"),
                ("registered_in_zone", "f.registered_in_zone"),
                (
                    "registered_capital between 1000000 and 200000000",
                    "f.registered_capital BETWEEN 1000000 AND 200000000"
                ),
                ("granted_this_year < 2000000", "f.granted_this_year < 2000000"),
            ]),
        Policy(
            code: "talent-housing", title: "人才公寓配租 Talent apartments",
            criteria: [
                ("registered_in_zone", "f.registered_in_zone"),
                ("professionals_count >= 3", "f.professionals_count >= 3"),
                ("(is_member or employees >= 100)", "(f.is_member OR f.employees >= 100)"),
            ],
            amount: ("professionals_count * 20000", "f.professionals_count * 20000"), cap: "200000"),
        Policy(
            code: "startup-incubation", title: "初创企业孵化支持 Start-up incubation",
            criteria: [
                ("founded_on >= 2022-01-01", "f.founded_on >= DATE '2022-01-01'"),
                ("registered_capital < 10000000", "f.registered_capital < 10000000"),
                ("zone_years is not null", "f.zone_years IS NOT NULL"),
                ("kind <> 'investment'", "f.kind <> 'investment'"),
            ]),
        Policy(
            code: "film-tech-innovation", title: "影视科技创新奖励 Film technology innovation award",
            criteria: [
                ("kind in ('technology', 'internet_platform')", "f.kind IN ('technology', 'internet_platform')"),
                (
                    "(employees >= 50 or registered_capital >= 20000000)",
                    "(f.employees >= 50 OR f.registered_capital >= 20000000)"
                ),
                ("years_in_operation >= 3", "f.years_in_operation >= 3"),
                ("district = '怀柔区'", "f.district = '怀柔区'"),
            ],
            amount: (
                "case when employees >= 200 then 1000000 else 300000 end",
                "CASE WHEN f.employees >= 200 THEN 1000000 ELSE 300000 END"
            )),
        Policy(
            code: "distribution-promotion", title: "网络电影发行推广奖励 Online film distribution award",
            criteria: [
                ("kind = 'distribution'", "f.kind = 'distribution'"),
                ("is_member", "f.is_member"),
                ("member_since <= 2024-06-30", "f.member_since <= DATE '2024-06-30'"),
                ("events_attended_12m >= 2", "f.events_attended_12m >= 2"),
            ]),
        Policy(
            code: "member-participation", title: "成员单位活动参与奖励 Member participation award",
            criteria: [
                ("is_member", "f.is_member"),
                ("member_tier <> 'observer'", "f.member_tier <> 'observer'"),
                ("events_attended_12m >= 3", "f.events_attended_12m >= 3"),
                ("not holds_position", "NOT f.holds_position"),
            ]),
        Policy(
            code: "investment-guidance", title: "影视产业投资引导 Film industry investment guidance",
            criteria: [
                ("kind = 'investment'", "f.kind = 'investment'"),
                ("registered_capital >= 50000000", "f.registered_capital >= 50000000"),
                ("registered_in_zone", "f.registered_in_zone"),
                ("zone_registered_on <= 2023-12-31", "f.zone_registered_on <= DATE '2023-12-31'"),
            ]),
        Policy(
            code: "long-standing-member", title: "长期成员单位表彰 Long-standing member recognition",
            criteria: [
                ("is_member", "f.is_member"),
                ("member_since <= 2019-12-31", "f.member_since <= DATE '2019-12-31'"),
                ("years_in_operation between 5 and 40", "f.years_in_operation BETWEEN 5 AND 40"),
                (
                    "(member_tier = 'initiating' or professionals_count >= 2)",
                    "(f.member_tier = 'initiating' OR f.professionals_count >= 2)"
                ),
            ]),
    ]

    /// `code|title|rule|amount|cap`, one policy a line (amount and cap empty when none).
    static var text: String {
        all.map { "\($0.code)|\($0.title)|\($0.rule)|\($0.amount?.rule ?? "")|\($0.cap ?? "")\n" }.joined()
    }

    static func literal(_ text: String) -> String { "'" + text.replacing("'", with: "''") + "'" }

    /// Inserts the policies straight into the tables, for a database whose `filmwg` has no
    /// `policy add` yet. Same rows as `policy add` would write (rule, criteria, validity).
    static var fallbackSQL: String {
        var sql = "-- Written by filmwg-bench generate: the benchmark's policies, for a filmwg without `policy add`.\n"
        sql += "SELECT set_config('filmwg.actor', 'bench', false);\n"
        for policy in all {
            let criteria = "ARRAY[" + policy.criteria.map { literal($0.rule) }.joined(separator: ", ") + "]::text[]"
            sql += """
                WITH p AS (INSERT INTO filmwg.policies (code, title) VALUES (\(literal(policy.code)), \(literal(policy.title))) RETURNING id)
                INSERT INTO filmwg.policy_versions (policy_id, version, valid, rule, criteria)
                SELECT p.id, 1, daterange(\(literal(validFrom)), NULL), \(literal(policy.rule)), \(criteria) FROM p;

                """
        }
        return sql
    }

    /// The nightly job written by hand: one INSERT … SELECT per policy over
    /// `filmwg.company_facts`, then the changes against the previous succeeded run, in one
    /// transaction. psql variable `as_of` names the day. The run is left `failed` (not
    /// `succeeded`) so that the `filmwg eligibility run` measured after it compares with the same
    /// previous run as this one did.
    ///
    /// Its rows go into a table of their own, `bench_baseline.determinations` (emptied first),
    /// with the primary key, indexes and three foreign keys of `filmwg.determinations`, so the
    /// baseline still pays a lookup per row for each key but leaves nothing in the default
    /// partition of `filmwg.determinations` for the job's attach to scan.
    static var baselineJobSQL: String {
        var sql = """
            -- Written by filmwg-bench generate: the eligibility job by hand, for the benchmark's baseline.
            -- Usage: psql -v as_of=2025-06-30 -f job-baseline.sql
            \\set ON_ERROR_STOP on
            \\timing on
            CREATE SCHEMA IF NOT EXISTS bench_baseline;
            CREATE TABLE IF NOT EXISTS bench_baseline.determinations (
                LIKE filmwg.determinations INCLUDING INDEXES,
                FOREIGN KEY (run_id) REFERENCES filmwg.job_runs (id) ON DELETE CASCADE,
                FOREIGN KEY (policy_version_id) REFERENCES filmwg.policy_versions (id),
                FOREIGN KEY (company_id) REFERENCES filmwg.companies (id));
            TRUNCATE bench_baseline.determinations;
            BEGIN;
            SELECT set_config('filmwg.actor', 'bench-baseline', true);
            INSERT INTO filmwg.job_runs (job, as_of) VALUES ('eligibility', :'as_of') RETURNING id AS run_id \\gset

            """
        for (number, policy) in all.enumerated() {
            let aliases = policy.criteria.indices.map { "c\($0 + 1)" }
            let select = zip(policy.criteria, aliases).map { "\($0.sql) AS \($1)" }.joined(
                separator: ",\n                       ")
            sql += """
                -- \(policy.code): \(policy.rule)
                WITH written AS (
                    INSERT INTO bench_baseline.determinations (run_id, policy_version_id, company_id, eligible, criteria_values)
                    SELECT :run_id, v.id, f.company_id, coalesce(\(aliases.joined(separator: " AND ")), false),
                           ARRAY[\(aliases.joined(separator: ", "))]
                      FROM (SELECT f.company_id,
                                   \(select)
                              FROM filmwg.company_facts(:'as_of') AS f) AS f,
                           (SELECT pv.id FROM filmwg.policy_versions pv JOIN filmwg.policies p ON p.id = pv.policy_id
                             WHERE p.code = \(literal(policy.code)) AND pv.valid @> :'as_of'::date) AS v
                    RETURNING eligible)
                SELECT count(*) AS n\(number + 1), count(*) FILTER (WHERE eligible) AS e\(number + 1) FROM written \\gset

                """
        }
        let determinations = all.indices.map { ":n\($0 + 1)" }.joined(separator: " + ")
        let eligible = all.indices.map { ":e\($0 + 1)" }.joined(separator: " + ")
        sql += changesSQL(table: "bench_baseline.determinations")
        sql += """
            UPDATE filmwg.job_runs
               SET status = 'failed', error = 'benchmark baseline (hand-written SQL), not a real run',
                   companies = (SELECT count(*) FROM filmwg.companies WHERE archived_at IS NULL),
                   policy_versions = \(all.count), determinations = \(determinations),
                   eligible = \(eligible), changes = :changes
             WHERE id = :run_id;
            COMMIT;

            """
        return sql
    }

    /// What changed since the previous succeeded run (by policy and company), the run's rows read
    /// from `table`: written to filmwg.determination_changes, counted into psql variable `changes`.
    static func changesSQL(table: String) -> String {
        """
        -- What changed since the previous succeeded run of the job (by policy and company).
        WITH previous AS (
            SELECT max(id) AS id FROM filmwg.job_runs
             WHERE job = 'eligibility' AND status = 'succeeded' AND NOT dry_run AND id < :run_id
        ), now AS (
            SELECT d.policy_version_id, v.policy_id, d.company_id, d.eligible
              FROM \(table) d JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
             WHERE d.run_id = :run_id
        ), before AS (
            SELECT d.policy_version_id, v.policy_id, d.company_id, d.eligible
              FROM filmwg.determinations d JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
             WHERE d.run_id = (SELECT id FROM previous)
        ), written AS (
            INSERT INTO filmwg.determination_changes (run_id, policy_version_id, company_id, change, previous_run_id)
            SELECT :run_id, coalesce(now.policy_version_id, before.policy_version_id),
                   coalesce(now.company_id, before.company_id),
                   CASE WHEN coalesce(now.eligible, false) THEN 'newly_eligible' ELSE 'no_longer_eligible' END,
                   (SELECT id FROM previous)
              FROM now FULL JOIN before ON before.policy_id = now.policy_id AND before.company_id = now.company_id
             WHERE coalesce(now.eligible, false) <> coalesce(before.eligible, false)
            RETURNING 1)
        SELECT count(*) AS changes FROM written \\gset

        """
    }

    /// One SELECT of every policy's determinations, `(run_id, policy_version_id, company_id,
    /// eligible, criteria_values, amount)`, over the facts computed once (a MATERIALIZED CTE read once
    /// per policy): the least work that yields the job's rows. `run` is the SQL of the run id.
    static func allDeterminationsSelect(run: String) -> String {
        let branches = all.map { policy in
            let aliases = policy.criteria.indices.map { "c\($0 + 1)" }
            let select = zip(policy.criteria, aliases).map { "\($0.sql) AS \($1)" }.joined(separator: ", ")
            return """
                SELECT \(run)::bigint AS run_id, v.id AS policy_version_id, f.company_id,
                       coalesce(\(aliases.joined(separator: " AND ")), false) AS eligible,
                       ARRAY[\(aliases.joined(separator: ", "))]::boolean[] AS criteria_values,
                       CASE WHEN coalesce(\(aliases.joined(separator: " AND ")), false) THEN \(policy.amountSQL == nil ? "NULL" : "f.a") END::numeric AS amount
                  FROM (SELECT f.company_id, \(select)\(policy.amountSQL.map { ", \($0) AS a" } ?? "") FROM facts f) AS f
                  JOIN versions v ON v.code = \(literal(policy.code))
                """
        }
        return """
            WITH facts AS MATERIALIZED (SELECT * FROM filmwg.company_facts(:'as_of')),
            versions AS MATERIALIZED (
                SELECT pv.id, p.code FROM filmwg.policy_versions pv JOIN filmwg.policies p ON p.id = pv.policy_id
                 WHERE pv.valid @> :'as_of'::date)
            \(branches.joined(separator: "\nUNION ALL\n"))
            """
    }

    /// The floor of the nightly job: every criterion value of every policy for every company,
    /// written by one `CREATE UNLOGGED TABLE … AS SELECT` (no WAL, no index, no key, no changes).
    static var floorJobSQL: String {
        """
        -- Written by filmwg-bench generate: the floor of the eligibility job (one unlogged CREATE TABLE AS).
        -- Usage: psql -v as_of=2025-06-30 -f job-floor.sql
        \\set ON_ERROR_STOP on
        CREATE SCHEMA IF NOT EXISTS bench_floor;
        DROP TABLE IF EXISTS bench_floor.determinations;
        CREATE UNLOGGED TABLE bench_floor.determinations AS
        \(allDeterminationsSelect(run: "0"));

        """
    }

    /// The job's technique written by hand: one logged `CREATE TABLE … AS SELECT` of every
    /// policy, then the primary key and the two indexes built by sorting, the three foreign keys
    /// validated in bulk (one query each), ANALYZE, and the changes against the previous
    /// succeeded run, in one transaction. The run row is left `failed`, as the baseline's.
    static var bulkJobSQL: String {
        """
        -- Written by filmwg-bench generate: the eligibility job by hand with bulk checks.
        -- Usage: psql -v as_of=2025-06-30 -f job-bulk.sql
        \\set ON_ERROR_STOP on
        CREATE SCHEMA IF NOT EXISTS bench_bulk;
        DROP TABLE IF EXISTS bench_bulk.determinations;
        BEGIN;
        SELECT set_config('filmwg.actor', 'bench-bulk', true);
        INSERT INTO filmwg.job_runs (job, as_of) VALUES ('eligibility', :'as_of') RETURNING id AS run_id \\gset
        CREATE TABLE bench_bulk.determinations AS
        \(allDeterminationsSelect(run: ":run_id"));
        ALTER TABLE bench_bulk.determinations ADD PRIMARY KEY (run_id, policy_version_id, company_id);
        CREATE INDEX ON bench_bulk.determinations (company_id, policy_version_id);
        CREATE INDEX ON bench_bulk.determinations (policy_version_id);
        ALTER TABLE bench_bulk.determinations
            ADD FOREIGN KEY (run_id) REFERENCES filmwg.job_runs (id) ON DELETE CASCADE,
            ADD FOREIGN KEY (policy_version_id) REFERENCES filmwg.policy_versions (id),
            ADD FOREIGN KEY (company_id) REFERENCES filmwg.companies (id);
        ANALYZE bench_bulk.determinations;
        \(changesSQL(table: "bench_bulk.determinations"))
        UPDATE filmwg.job_runs
           SET status = 'failed', error = 'benchmark bulk (hand-written SQL), not a real run',
               companies = (SELECT count(*) FROM filmwg.companies WHERE archived_at IS NULL),
               policy_versions = \(all.count), determinations = (SELECT count(*) FROM bench_bulk.determinations),
               eligible = (SELECT count(*) FROM bench_bulk.determinations WHERE eligible), changes = :changes
         WHERE id = :run_id;
        COMMIT;

        """
    }
}
