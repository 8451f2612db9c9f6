import FilmWG
import Postgres
import TestSupport
import Testing

private typealias F = EligibilityFixture

/// Migration 0022: the company index of every run's partition is BRIN (one pass over rows the
/// job writes in company order within each version, no sort), and it still finds a company's
/// determinations, so a determined company is not deleted.
@Suite struct CompanyIndexTests {
    /// The company indexes of the partitions of filmwg.determinations, by partition: access
    /// method and whether the partitioned index owns it (the attach took it over).
    static func companyIndexes(_ db: Connection) throws -> [String: String] {
        let rows = try db.query(
            """
            SELECT t.relname, am.amname, EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h
                                                 WHERE h.inhrelid = i.oid
                                                   AND h.inhparent = 'filmwg.determinations_company_id_idx'::regclass)
              FROM pg_catalog.pg_inherits p
              JOIN pg_catalog.pg_class t ON t.oid = p.inhrelid
              JOIN pg_catalog.pg_index x ON x.indrelid = t.oid
              JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
              JOIN pg_catalog.pg_am am ON am.oid = i.relam
             WHERE p.inhparent = 'filmwg.determinations'::regclass AND i.relname LIKE '%company_id%'
             ORDER BY t.relname
            """
        ).map { try $0.decode((String, String, Bool).self) }
        return Dictionary(
            rows.map { ($0.0, "\($0.1)\($0.2 ? "" : " (not attached)")") }, uniquingKeysWith: { a, b in a + "; " + b })
    }

    @Test func migration0022RebuildsEveryPartitionsCompanyIndexAsBRIN() throws {
        try TestDatabase.with(migrated: false) { test in
            let raw = try test.connectRaw()
            _ = try Migrator(
                connection: raw, migrations: EmbeddedFiles.migrations.filter { $0.version < 22 }, reporting: []
            )
            .migrate()
            let db = try test.connect()
            let studio = try F.company(db, name: "Studio")
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            let before = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            #expect(try Self.companyIndexes(db)["determinations_\(before.id)"] == "btree")

            _ = try Migrator(connection: raw).migrate()

            let after = try F.job(test, db).run(asOf: F.day("2024-01-02"))
            #expect(
                try Self.companyIndexes(db) == [
                    "determinations_default": "brin", "determinations_\(before.id)": "brin",
                    "determinations_\(after.id)": "brin",
                ])
            // The attach took over the job's index and built none: the run's partition has two.
            #expect(
                try F.count(
                    db, "SELECT count(*) FROM pg_catalog.pg_indexes WHERE tablename = \("determinations_\(after.id)")")
                    == 2)
            // The index finds the company's rows: it is not deleted; one no run has seen is.
            let error = #expect(throws: PostgresError.self) {
                try db.execute("DELETE FROM filmwg.companies WHERE id = \(studio)")
            }
            #expect(error?.sqlState == "23503")
            let newcomer = try F.company(db, name: "Newcomer")
            #expect(try db.execute("DELETE FROM filmwg.companies WHERE id = \(newcomer)") == 1)
        }
    }

    /// Rows of one company spread over the run in version order still come back through the
    /// BRIN index, planner forced onto it, among thousands of others.
    @Test func aCompanysDeterminationsAreFoundThroughTheBRINIndex() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try db.execute(
                """
                INSERT INTO filmwg.companies (name, kind, registered_in_zone, employees)
                SELECT 'Company ' || g, 'production', g % 2 = 0, g FROM generate_series(1, 3000) g
                """)
            for code in ["a", "b", "c"] { try F.policy(db, code: code, rule: "registered_in_zone") }
            let run = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            let company = try db.query("SELECT id FROM filmwg.companies WHERE name = 'Company 1234'").one()
                .decode(Int64.self, at: 0)
            try db.execute("BEGIN")
            try db.execute("SET LOCAL enable_seqscan = off")
            try db.execute("SET LOCAL enable_indexscan = off")
            let plan = try db.query(
                "EXPLAIN SELECT * FROM filmwg.determinations WHERE run_id = \(run.id) AND company_id = \(company)"
            ).map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
            #expect(plan.contains("determinations_\(run.id)_company_id_idx"))
            let found = try db.query(
                "SELECT eligible FROM filmwg.determinations WHERE run_id = \(run.id) AND company_id = \(company)"
            ).map { try $0.decode(Bool.self, at: 0) }
            try db.execute("ROLLBACK")
            #expect(found == [true, true, true])
        }
    }
}
