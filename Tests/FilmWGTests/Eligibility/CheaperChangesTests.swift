import Postgres
import TestSupport
import Testing

@testable import FilmWG

private typealias F = EligibilityFixture

/// Migration 0021: the changes carry no foreign keys (their keys hold by construction; what a
/// change names is not deleted, a deleted run takes its changes along and is forgotten as a
/// previous run), and the job writes a run's rows in its primary key's order for
/// filmwg.index_determinations, which sorts in memory.
@Suite struct CheaperChangesTests {
    @Test func whatAChangeNamesIsNotDeletedAndADeletedRunTakesItsChangesAlong() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            // Studio qualifies on both days, Lab only on the second: one change in each run.
            let studio = try F.company(db, name: "Studio", founded: "2010-01-01")
            let lab = try F.company(db, name: "Lab", founded: "2015-06-18")
            let version = try F.policy(db, code: "seasoned", rule: "years_in_operation >= 9").versions[0].id
            let first = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            let second = try F.job(test, db).run(asOf: F.day("2024-07-01"))
            #expect(first.newlyEligible == 1 && second.newlyEligible == 1)
            #expect(
                try F.count(
                    db,
                    """
                    SELECT count(*) FROM pg_catalog.pg_constraint
                     WHERE conrelid = 'filmwg.determination_changes'::regclass AND contype = 'f'
                    """) == 0)
            #expect(
                try F.count(
                    db,
                    """
                    SELECT count(*) FROM filmwg.determination_changes
                     WHERE run_id = \(second.id) AND company_id = \(lab) AND previous_run_id = \(first.id)
                    """) == 1)
            // As after a prune: the determinations are gone, the changes stay and keep what they name.
            try db.execute("DELETE FROM filmwg.determinations WHERE run_id IN (\(first.id), \(second.id))")
            let companyError = #expect(throws: PostgresError.self) {
                try db.execute("DELETE FROM filmwg.companies WHERE id = \(studio)")
            }
            #expect(companyError?.sqlState == "23503")
            #expect(companyError?.constraint == "determination_changes_company_id_fkey")
            #expect(companyError?.table == "determination_changes")
            let versionError = #expect(throws: PostgresError.self) {
                try db.execute("DELETE FROM filmwg.policy_versions WHERE id = \(version)")
            }
            #expect(versionError?.sqlState == "23503")
            #expect(versionError?.constraint == "determination_changes_policy_version_id_fkey")
            // As ON DELETE CASCADE and ON DELETE SET NULL did.
            try db.execute("DELETE FROM filmwg.job_runs WHERE id = \(first.id)")
            #expect(
                try F.count(db, "SELECT count(*) FROM filmwg.determination_changes WHERE run_id = \(first.id)") == 0)
            #expect(
                try F.count(
                    db,
                    """
                    SELECT count(*) FROM filmwg.determination_changes
                     WHERE run_id = \(second.id) AND previous_run_id IS NULL
                    """) == 1)
            // Studio is named by nothing any more; Lab still by the second run's change.
            #expect(try db.execute("DELETE FROM filmwg.companies WHERE id = \(studio)") == 1)
            let labError = #expect(throws: PostgresError.self) {
                try db.execute("DELETE FROM filmwg.companies WHERE id = \(lab)")
            }
            #expect(labError?.constraint == "determination_changes_company_id_fkey")
        }
    }

    @Test func aRunsRowsAreWrittenInItsPrimaryKeysOrder() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            for name in ["A", "B", "C", "D"] { try F.company(db, name: "Studio \(name)") }
            // Codes in the other order than ids (the job reads the versions by code).
            try F.policy(db, code: "zz", rule: "registered_in_zone")
            try F.policy(db, code: "aa", rule: "employees >= 10")
            // The first company's values row moves behind the others' in the heap.
            try db.execute(
                """
                UPDATE filmwg.company_versions SET employees = employees
                 WHERE company_id = (SELECT min(id) FROM filmwg.companies)
                """)
            let run = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            #expect(run.determinations == 8)
            let outOfOrder = try F.count(
                db,
                Query(
                    unsafeSQL: """
                        SELECT count(*) FROM (
                            SELECT ROW(policy_version_id, company_id) < lag(ROW(policy_version_id, company_id)) OVER (ORDER BY ctid) AS back
                              FROM filmwg.determinations_\(run.id)) x
                         WHERE back
                        """))
            #expect(outOfOrder == 0)
            // The sorts of the attach in memory.
            let settings = try db.query(
                "SELECT proconfig::text[] FROM pg_catalog.pg_proc WHERE oid = 'filmwg.index_determinations(bigint)'::regprocedure"
            ).one().decode([String].self, at: 0)
            #expect(settings.contains("maintenance_work_mem=1GB"), "\(settings)")
        }
    }

    @Test func theJobsInsertReadsTheVersionsByIdAndTheFactsByCompany() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let catalog = try FactCatalogRepository(db).load()
            let second = EligibilityJob.ValidVersion(
                id: 7, policy: "a", version: 1, rule: "employees >= 12", criteria: ["employees >= 12"])
            let first = EligibilityJob.ValidVersion(
                id: 3, policy: "b", version: 1, rule: "registered_in_zone", criteria: ["registered_in_zone"])
            let query = try EligibilityJob.determinationsQuery(
                [second, first], catalog: catalog, runId: 1, day: F.day("2024-01-01"))
            // The versions by id, whatever order they came in.
            #expect(query.binds[2].text == #"{"3","7"}"#)
            // The facts by company id (a plan over an empty database orders them by merge joins
            // instead, so the statement itself is checked; aRunsRowsAreWrittenInItsPrimaryKeysOrder
            // checks what it does).
            #expect(
                query.sql.contains(
                    "WITH facts AS MATERIALIZED (SELECT * FROM filmwg.company_facts($2) ORDER BY company_id)"))
        }
    }
}
