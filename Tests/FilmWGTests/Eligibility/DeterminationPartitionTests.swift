import FilmWG
import Postgres
import TestSupport
import Testing

private typealias F = EligibilityFixture

/// Migration 0008: each run's determinations are written into a table of their own and attached
/// as its partition of filmwg.determinations. Migration 0016: indexed before the attach, which
/// validates nothing and locks neither companies, policy_versions nor job_runs; the keys hold by
/// construction, and what a determination names is not deleted.
@Suite struct DeterminationPartitionTests {
    static func partitions(_ db: Connection) throws -> [String] {
        try db.query(
            """
            SELECT inhrelid::regclass::text FROM pg_catalog.pg_inherits
             WHERE inhparent = 'filmwg.determinations'::regclass ORDER BY 1
            """
        ).map { try $0.decode(String.self, at: 0) }
    }

    @Test func aRunsDeterminationsAreItsOwnPartitionWithItsTwoIndexesAndItsRunsCheck() throws {
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
            // The job's partitions have none (migration 0016); the default partition keeps them.
            #expect(foreignKeys.isEmpty)
            let defaultKeys = try db.query(
                """
                SELECT conname::text FROM pg_catalog.pg_constraint
                 WHERE conrelid = 'filmwg.determinations_default'::regclass AND contype = 'f' ORDER BY 1
                """
            ).map { try $0.decode(String.self, at: 0) }
            #expect(
                defaultKeys == [
                    "determinations_company_id_fkey", "determinations_policy_version_id_fkey",
                    "determinations_run_id_fkey",
                ])
            let check = try db.query(
                """
                SELECT pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint
                 WHERE conrelid = ('filmwg.' || \(table))::regclass AND contype = 'c'
                """
            ).map { try $0.decode(String.self, at: 0) }
            #expect(check == ["CHECK (((run_id >= \(second.id)) AND (run_id < \(second.id + 1))))"])
            #expect(
                try F.count(
                    db,
                    "SELECT count(*) FROM pg_catalog.pg_indexes WHERE schemaname = 'filmwg' AND tablename = \(table)")
                    == 2)
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
            // Another session reading the default partition holds off the attach (which scans
            // it): the run fails there, after its rows were written and indexed in its own table.
            let other = try test.connect()
            try other.execute("BEGIN")
            try other.execute("LOCK TABLE filmwg.determinations_default IN ACCESS SHARE MODE")
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

    /// The job's steps by hand up to the attach, inside one transaction of `db`; returns the run.
    static func attachByHand(_ db: Connection, company: Int64, version: Int64, extra: (Int64) -> String = { _ in "" })
        throws -> Int64
    {
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
                    VALUES ($1, $2, $3, true, '{t}')\(extra(run))
                    """,
                binds: [PostgresBind(run), PostgresBind(version), PostgresBind(company)]))
        try db.execute("SELECT filmwg.index_determinations(\(run))")
        try db.execute("SELECT filmwg.attach_determinations(\(run))")
        return run
    }

    @Test func aRunsTableTakesOnlyThatRunsRows() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try F.company(db, name: "Studio")
            let version = try F.policy(db, code: "zone", rule: "registered_in_zone").versions[0].id
            try db.execute("BEGIN")
            let error = #expect(throws: PostgresError.self) {
                try Self.attachByHand(db, company: company, version: version) { run in
                    ", (\(run + 1), $2, $3, true, '{t}')"
                }
            }
            #expect(error?.sqlState == "23514")
            #expect(error?.constraint?.hasSuffix("_run_id_check") == true, "\(String(describing: error))")
            try db.execute("ROLLBACK")
        }
    }

    @Test func theAttachLocksNeitherCompaniesNorPolicyVersionsNorJobRuns() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try F.company(db, name: "Studio")
            let version = try F.policy(db, code: "zone", rule: "registered_in_zone").versions[0].id
            try db.execute("BEGIN")
            let run = try Self.attachByHand(db, company: company, version: version)
            let held = try db.query(
                """
                SELECT c.relname::text || ' ' || l.mode FROM pg_catalog.pg_locks l
                  JOIN pg_catalog.pg_class c ON c.oid = l.relation
                 WHERE l.pid = pg_backend_pid() AND c.relname IN ('companies', 'policy_versions', 'job_runs')
                   AND l.mode NOT IN ('AccessShareLock', 'RowShareLock', 'RowExclusiveLock')
                 ORDER BY 1
                """
            ).map { try $0.decode(String.self, at: 0) }
            #expect(held.isEmpty, "\(held)")
            // An admin's write to each goes through at once.
            let other = try test.connect()
            try other.execute("SET lock_timeout = '200ms'")
            try other.execute("UPDATE filmwg.companies SET employees = 5 WHERE id = \(company)")
            try other.execute("UPDATE filmwg.policy_versions SET valid = valid WHERE id = \(version)")
            try db.execute("COMMIT")
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determinations WHERE run_id = \(run)") == 1)
        }
    }

    @Test func whatADeterminationNamesIsNotDeletedAndARunTakesItsRowsAlong() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try F.company(db, name: "Studio")
            let version = try F.policy(db, code: "zone", rule: "registered_in_zone").versions[0].id
            let run = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            let companyError = #expect(throws: PostgresError.self) {
                try db.execute("DELETE FROM filmwg.companies WHERE id = \(company)")
            }
            #expect(companyError?.sqlState == "23503")
            #expect(companyError?.constraint == "determinations_company_id_fkey")
            let versionError = #expect(throws: PostgresError.self) {
                try db.execute("DELETE FROM filmwg.policy_versions WHERE id = \(version)")
            }
            #expect(versionError?.sqlState == "23503")
            #expect(versionError?.constraint == "determinations_policy_version_id_fkey")
            // A company no determination names goes.
            let other = try F.company(db, name: "Lab")
            #expect(try db.execute("DELETE FROM filmwg.companies WHERE id = \(other)") == 1)
            // As ON DELETE CASCADE did.
            try db.execute("DELETE FROM filmwg.determination_changes WHERE run_id = \(run.id)")
            try db.execute("DELETE FROM filmwg.job_runs WHERE id = \(run.id)")
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determinations") == 0)
            #expect(try db.execute("DELETE FROM filmwg.companies WHERE id = \(company)") == 1)
        }
    }

    @Test func noDeletionWhileARunIsInProgress() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try F.company(db, name: "Studio")
            // What the job holds from its start to its commit.
            let job = try test.connect()
            try job.execute("BEGIN")
            try job.execute("SELECT pg_advisory_xact_lock(filmwg.determined_rows_lock_key())")
            let error = #expect(throws: PostgresError.self) {
                try db.execute("DELETE FROM filmwg.companies WHERE id = \(company)")
            }
            #expect(error?.sqlState == "55P03")
            #expect(error?.message == "an eligibility run is in progress and may name companies \(company)")
            try job.execute("COMMIT")
            #expect(try db.execute("DELETE FROM filmwg.companies WHERE id = \(company)") == 1)
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
