import Foundation
import Postgres
import TestSupport
import Testing

/// Reports from a real streaming standby; writes and the job refused there as read-only.
@Suite(.serialized) struct StandbyTests {
    @Test func everyReportIsServedFromAStandbyAndWritesAndTheJobAreRefusedThere() throws {
        try TestDatabase.with { db in
            try db.connectRaw().executeScript(
                unsafeSQL: """
                    INSERT INTO filmwg.companies (uscc, name, kind, employees) VALUES ('91110116MA00YQ001M', 'Yanqi', 'production', 90);
                    INSERT INTO filmwg.memberships (company_id, tier, period)
                    SELECT id, 'member', daterange('2017-05-20', NULL) FROM filmwg.companies;
                    """)
            #expect(
                try FilmWGBinary.run(
                    [
                        "policy", "add", "--code", "big", "--title", "Big", "--rule", "employees >= 50", "--valid-from",
                        "2017-05-20",
                    ],
                    database: db
                ).status == 0)
            #expect(try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-01"], database: db).status == 0)
            try Standby.with { standby in
                let replica = standby.conninfo(db.name)
                // Wait until the standby has replayed the test's data.
                var replayed = false
                for _ in 0..<200 {
                    if let connection = try? Connection.connect(replica),
                        let runs = try? connection.query("SELECT count(*) FROM filmwg.job_runs").one().decode(
                            Int.self, at: 0),
                        runs == 1
                    {
                        replayed = true
                        break
                    }
                    usleep(100_000)
                }
                try #require(replayed)
                #expect(
                    try Connection.connect(replica).query("SELECT pg_is_in_recovery()").one().decode(Bool.self, at: 0))
                let names = try FilmWGBinary.run(["report", "list", "--format", "csv"], database: db)
                let reports = names.stdout.split(separator: "\n").dropFirst().map {
                    String($0.split(separator: ",")[0])
                }
                #expect(reports.count >= 5, "\(names)")
                for report in reports {
                    let served = try FilmWGBinary.run(
                        ["report", report, "--format", "csv", "--reporting-database", replica], database: db)
                    #expect(served.status == 0, "\(report): \(served)")
                }
                let roster = try FilmWGBinary.run(
                    ["report", "member_roster", "--format", "csv", "--reporting-database", replica], database: db)
                #expect(roster.stdout.contains("Yanqi"), "\(roster)")

                let write = try FilmWGBinary.run(
                    ["company", "add", "--name", "Nope", "--kind", "other"], environment: ["DATABASE_URL": replica])
                #expect(write.status == 69, "\(write)")
                #expect(write.stderr.hasPrefix("filmwg: the database is read-only (a standby in recovery"), "\(write)")
                let job = try FilmWGBinary.run(
                    ["eligibility", "run", "--as-of", "2024-06-02"], environment: ["DATABASE_URL": replica])
                #expect(job.status == 69, "\(job)")
                #expect(
                    job.stderr.hasSuffix(
                        "filmwg: the database is a read-only standby (in recovery); run the job against the primary\n"),
                    "\(job)")
            }
        }
    }
}
