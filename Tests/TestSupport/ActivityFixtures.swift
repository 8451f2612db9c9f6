public import Foundation
public import Postgres

/// Rows the activity tests need from other parts of the records (companies, professionals,
/// policies, job runs), inserted with plain SQL so these tests depend on no other repository.
public enum ActivityFixtures {
    /// A valid Unified Social Credit Code (GB 32100-2015 check digit) made from `number`.
    public static func uscc(_ number: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        let digits = String(number)
        let body = "9111" + String(repeating: "0", count: max(0, 13 - digits.count)) + digits
        let total = zip(body, weights).reduce(0) { sum, pair in sum + alphabet.firstIndex(of: pair.0)! * pair.1 }
        return body + String(alphabet[(31 - total % 31) % 31])
    }

    @discardableResult
    public static func company(_ db: Connection, name: String, uscc: String? = nil) throws -> Int64 {
        try db.query("INSERT INTO filmwg.companies (name, uscc) VALUES (\(name), \(uscc)) RETURNING id")
            .one().decode(Int64.self, at: 0)
    }

    @discardableResult
    public static func professional(_ db: Connection, name: String, email: String? = nil) throws -> Int64 {
        try db.query("INSERT INTO filmwg.professionals (full_name, email) VALUES (\(name), \(email)) RETURNING id")
            .one().decode(Int64.self, at: 0)
    }

    /// An event starting at `startsAt` (SQL timestamptz text, e.g. `2017-05-20 09:30+08`).
    @discardableResult
    public static func event(_ db: Connection, name: String, kind: String = "forum", startsAt: String) throws -> Int64 {
        try db.query(
            """
            INSERT INTO filmwg.events (name, kind, starts_at) VALUES (\(name), \(kind), \(startsAt)::timestamptz)
            RETURNING id
            """
        ).one().decode(Int64.self, at: 0)
    }

    /// A policy with one open version (a rule that is always true), and its id.
    @discardableResult
    public static func policy(_ db: Connection, code: String, cap: Decimal? = nil) throws -> Int64 {
        let id = try db.query(
            """
            INSERT INTO filmwg.policies (code, title, cap) VALUES (\(code), \(code + " policy"), \(cap)) RETURNING id
            """
        ).one().decode(Int64.self, at: 0)
        try db.execute(
            """
            INSERT INTO filmwg.policy_versions (policy_id, valid, rule, criteria)
            VALUES (\(id), daterange('2017-01-01', NULL), 'registered_in_zone', ARRAY['registered_in_zone'])
            """)
        return id
    }

    /// A succeeded eligibility run of `asOf` with one determination per (version, company).
    @discardableResult
    public static func run(
        _ db: Connection, asOf: String, determinations: [(versionOf: Int64, company: Int64, eligible: Bool)]
    )
        throws -> Int64
    {
        let id = try db.query(
            """
            INSERT INTO filmwg.job_runs (job, as_of) VALUES ('eligibility', \(asOf)::date) RETURNING id
            """
        ).one().decode(Int64.self, at: 0)
        for d in determinations {
            try db.execute(
                """
                INSERT INTO filmwg.determinations (run_id, policy_version_id, company_id, eligible, criteria_values)
                SELECT \(id), v.id, \(d.company), \(d.eligible), ARRAY[\(d.eligible)]
                  FROM filmwg.policy_versions v WHERE v.policy_id = \(d.versionOf)
                """)
        }
        try db.execute(
            """
            UPDATE filmwg.job_runs SET status = 'succeeded', companies = 1, policy_versions = 1,
                   determinations = \(determinations.count), eligible = 0, changes = 0
             WHERE id = \(id)
            """)
        return id
    }

    /// Row counts of every table of schema filmwg.
    public static func rowCounts(_ db: Connection) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let tables = try db.query(
            """
            SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind = 'r' AND n.nspname = 'filmwg'
             ORDER BY 1
            """
        ).map { try $0.decode(String.self, at: 0) }
        for table in tables {
            counts[table] = try db.query(Query(unsafeSQL: "SELECT count(*)::integer FROM \(table)")).one().decode(
                Int.self, at: 0)
        }
        return counts
    }
}
