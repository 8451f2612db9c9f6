import FilmWG
import Postgres
import TestSupport
import Testing

private typealias F = EligibilityFixture

/// Migration 0008: each run's determinations are written into a table of their own and attached
/// as its partition of filmwg.determinations, with every constraint checked in bulk.
@Suite struct DeterminationPartitionTests {
    static func partitions(_ db: Connection) throws -> [String] {
        try db.query(
            """
            SELECT inhrelid::regclass::text FROM pg_catalog.pg_inherits
             WHERE inhparent = 'filmwg.determinations'::regclass ORDER BY 1
            """
        ).map { try $0.decode(String.self, at: 0) }
    }

    @Test func aRunsDeterminationsAreItsOwnPartitionWithEveryIndexAndForeignKey() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "Studio")
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            let first = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            let second = try F.job(test, db).run(asOf: F.day("2024-01-02"))
            #expect(
                try Self.partitions(db) == [
                    "filmwg.determinations_\(first.id)", "filmwg.determinations_\(second.id)",
                    "filmwg.determinations_default",
                ])
            let table = "determinations_\(second.id)"
            let foreignKeys = try db.query(
                """
                SELECT confrelid::regclass::text FROM pg_catalog.pg_constraint
                 WHERE conrelid = ('filmwg.' || \(table))::regclass AND contype = 'f' ORDER BY 1
                """
            ).map { try $0.decode(String.self, at: 0) }
            #expect(foreignKeys == ["filmwg.companies", "filmwg.job_runs", "filmwg.policy_versions"])
            #expect(
                try F.count(
                    db,
                    "SELECT count(*) FROM pg_catalog.pg_indexes WHERE schemaname = 'filmwg' AND tablename = \(table)")
                    == 3)
            // Read through the parent, by run.
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determinations WHERE run_id = \(second.id)") == 1)
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determinations_default") == 0)
        }
    }

    @Test func aDryRunAndAFailedRunLeaveNoTableBehind() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "Studio")
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            let dry = try F.job(test, db).run(asOf: F.day("2024-01-01"), dryRun: true)
            #expect(dry.determinations == 1)
            // Another session writing companies holds off the attach (which validates the
            // foreign keys): the run fails there, after its rows were written to its own table.
            let other = try test.connect()
            try other.execute("BEGIN")
            try other.execute("LOCK TABLE filmwg.companies IN ROW EXCLUSIVE MODE")
            try db.execute("SET lock_timeout = '300ms'")
            let error = #expect(throws: RecordError.self) { try F.job(test, db).run(asOf: F.day("2024-01-02")) }
            #expect(error?.sentence.contains("lock timeout") == true, "\(String(describing: error))")
            try other.execute("ROLLBACK")
            try db.execute("RESET lock_timeout")
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.job_runs WHERE status = 'failed'") == 1)
            #expect(try Self.partitions(db) == ["filmwg.determinations_default"])
            #expect(
                try F.count(
                    db,
                    """
                    SELECT count(*) FROM pg_catalog.pg_class
                     WHERE relnamespace = 'filmwg'::regnamespace AND relname ~ '^determinations_[0-9]+$'
                    """) == 0)
        }
    }

    @Test func onlyTheSessionDoingARunMayOpenItsTable() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let run = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            let error = #expect(throws: PostgresError.self) {
                try db.execute("SELECT filmwg.open_determinations(\(run.id))")
            }
            #expect(error?.sqlState == "55000")
            #expect(error?.message == "job run \(run.id) is not running in this session")
        }
    }

    @Test func attachingValidatesTheForeignKeysOfEveryRow() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try F.company(db, name: "Studio")
            let version = try F.policy(db, code: "zone", rule: "registered_in_zone").versions[0].id
            try db.execute("BEGIN")
            // A running row of this session, as the job writes it.
            let run = try db.query(
                "INSERT INTO filmwg.job_runs (job, as_of) VALUES ('eligibility', '2024-01-01') RETURNING id"
            ).one().decode(Int64.self, at: 0)
            let table = try db.query("SELECT filmwg.open_determinations(\(run))").one().decode(String.self, at: 0)
            #expect(table == "filmwg.determinations_\(run)")
            try db.execute(
                Query(
                    unsafeSQL: """
                        INSERT INTO \(table) (run_id, policy_version_id, company_id, eligible, criteria_values)
                        VALUES ($1, $2, $3, true, '{t}'), ($1, $2, $4, true, '{t}')
                        """,
                    binds: [
                        PostgresBind(run), PostgresBind(version), PostgresBind(company), PostgresBind(company + 1000),
                    ]))
            let error = #expect(throws: PostgresError.self) {
                try db.execute("SELECT filmwg.attach_determinations(\(run))")
            }
            #expect(error?.sqlState == "23503")
            #expect(error?.constraint == "determinations_company_id_fkey")
            try db.execute("ROLLBACK")
        }
    }

    @Test func theCurrentEligibilityReportReadsOnlyTheLatestRunsPartition() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "Studio")
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            let old = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            let latest = try F.job(test, db).run(asOf: F.day("2024-01-02"))
            try db.execute("SET reporting.as_of = '2024-06-01'")
            let plan = try db.query(
                "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM reporting.policy_eligibility_current"
            ).map { try $0.decode(String.self, at: 0) }
            let lines = { (name: String) in plan.filter { $0.contains(" \(name) ") || $0.hasSuffix(" \(name)") } }
            #expect(lines("determinations_\(old.id)").allSatisfy { $0.contains("never executed") }, "\(plan)")
            #expect(
                lines("determinations_\(latest.id)").contains { !$0.contains("never executed") },
                "\(plan.joined(separator: "\n"))")
            #expect(
                try F.count(db, "SELECT count(*) FROM reporting.policy_eligibility_current WHERE run_id = \(latest.id)")
                    == 1)
        }
    }
}

/// Upgrading a database that already holds determinations and grants resting on them.
@Suite struct DeterminationPartitionUpgradeTests {
    @Test func migration0008KeepsEveryDeterminationAndTheGrantsOnThem() throws {
        try TestDatabase.with(migrated: false) { test in
            let raw = try test.connectRaw()
            let before = EmbeddedFiles.migrations.filter { $0.version < 8 }
            _ = try Migrator(connection: raw, migrations: before, reporting: []).migrate()
            let db = try test.connect()
            let company = try F.company(db, name: "Studio")
            // The policy as that schema holds it (today's repository names later columns).
            try ActivityFixtures.policy(db, code: "zone")
            // The job of that schema wrote into the plain table; the same rows by hand here.
            let run = try db.query(
                """
                INSERT INTO filmwg.job_runs (job, as_of, status, backend_pid, finished_at)
                VALUES ('eligibility', '2024-01-01', 'succeeded', NULL, now()) RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
            try db.execute(
                """
                INSERT INTO filmwg.determinations (run_id, policy_version_id, company_id, eligible, criteria_values)
                SELECT \(run), v.id, \(company), true, '{t}' FROM filmwg.policy_versions v
                """)
            try db.execute(
                """
                INSERT INTO filmwg.grants (policy_id, company_id, run_id, policy_version_id, amount)
                SELECT v.policy_id, d.company_id, d.run_id, d.policy_version_id, 100
                  FROM filmwg.determinations d JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
                """)

            _ = try Migrator(connection: raw).migrate()

            #expect(
                try DeterminationPartitionTests.partitions(db) == [
                    "filmwg.determinations_default", "filmwg.determinations_legacy",
                ])
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determinations WHERE run_id = \(run)") == 1)
            // The grant still rests on its determination, through the partitioned table.
            let error = #expect(throws: PostgresError.self) {
                try db.execute("DELETE FROM filmwg.determinations WHERE run_id = \(run)")
            }
            #expect(error?.sqlState == "23503")
            // And the next job run gets a partition of its own after the legacy range.
            let next = try F.job(test, db).run(asOf: F.day("2024-01-02"))
            #expect(next.determinations == 1 && next.previousRunId == run && next.changes == 0)
            #expect(try DeterminationPartitionTests.partitions(db).contains("filmwg.determinations_\(next.id)"))
        }
    }
}
