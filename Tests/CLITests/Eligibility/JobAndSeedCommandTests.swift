import Foundation
import TestSupport
import Testing

@Suite struct JobAndSeedCommandTests {
    @Test func jobsListShowsRunsNewestFirstWithTheirCountsAndErrors() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try ActivityFixtures.run(connection, asOf: "2018-01-01", determinations: [])
            try connection.execute(
                """
                INSERT INTO filmwg.job_runs (job, as_of, status, finished_at, error)
                VALUES ('eligibility', '2018-01-02', 'failed', clock_timestamp(), 'rule of policy x did not compile')
                """)
            let json = try FilmWGBinary.run(["jobs", "list", "--format", "json"], database: db)
            #expect(json.status == 0, "\(json)")
            #expect(
                json.stdout.hasPrefix(
                    #"[{"id": 2, "job": "eligibility", "as_of": "2018-01-02", "status": "failed", "dry_run": false, "actor": "#
                ))
            #expect(json.stdout.contains(#""error": "rule of policy x did not compile"}"#))
            #expect(
                json.stdout.contains(#"{"id": 1, "job": "eligibility", "as_of": "2018-01-01", "status": "succeeded""#))
            #expect(
                json.stdout.contains(
                    #""companies": 1, "policy_versions": 1, "determinations": 0, "eligible": 0, "changes": 0, "error": null}"#
                ))
            let failed = try FilmWGBinary.run(["jobs", "list", "--status", "failed", "--format", "csv"], database: db)
            #expect(failed.stdout.split(separator: "\n").count == 2)
            #expect(
                failed.stdout.hasPrefix(
                    "id,job,as_of,status,dry_run,actor,started_at,finished_at,duration_ms,companies,policy_versions,determinations,eligible,changes,error\n2,eligibility,2018-01-02,failed,false,"
                ))
            let limited = try FilmWGBinary.run(["jobs", "list", "--limit", "1", "--format", "csv"], database: db)
            #expect(limited.stdout.split(separator: "\n").count == 2)
            let bad = try FilmWGBinary.run(["jobs", "list", "--status", "done"], database: db)
            #expect(bad.status == 65)
            let negative = try FilmWGBinary.run(["jobs", "list", "--limit", "-1"], database: db)
            #expect(negative.status == 64)
        }
    }

    @Test func seedingTwiceWritesOnceAndSaysSo() throws {
        try TestDatabase.with { db in
            let list = try FilmWGBinary.run(["seed", "list", "--format", "csv"], database: db)
            #expect(list.status == 0)
            #expect(
                list.stdout.hasPrefix("name,description\nlaunch-2017,\"the records that the ISC article of 2017-05-23"))
            let first = try FilmWGBinary.run(["--actor", "admin", "seed", "launch-2017"], database: db)
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout.isEmpty)
            #expect(first.stderr == "Seed launch-2017: wrote 7 rows.\n")
            let counts = try ActivityFixtures.rowCounts(db.connect())
            let second = try FilmWGBinary.run(["seed", "launch-2017"], database: db)
            #expect(second.status == 0)
            #expect(second.stderr == "Seed launch-2017: the records were already there; nothing was written.\n")
            #expect(try ActivityFixtures.rowCounts(db.connect()) == counts)
            let head = try FilmWGBinary.run(["role", "list", "--as-of", "2017-05-20", "--format", "csv"], database: db)
            #expect(head.stdout.hasSuffix("1,head,2,Xi Weihang,,,2017-05-20,\n"))
            let audit = try FilmWGBinary.run(
                ["audit", "--actor", "admin (seed launch-2017)", "--format", "csv"], database: db)
            // 7 rows, and the first dated values of its 2 companies (company_versions)
            #expect(audit.stdout.split(separator: "\n").count == 10)
            let typo = try FilmWGBinary.run(["seed", "launch-2018"], database: db)
            #expect(typo.status == 64)
            #expect(
                typo.stderr == "filmwg: 'launch-2018' is not a command of 'filmwg seed'; did you mean 'launch-2017'?\n")
        }
    }

    @Test func aSeedAgainstAnUnreachableDatabaseExits69() throws {
        let result = try FilmWGBinary.run(
            ["seed", "launch-2017"], environment: ["DATABASE_URL": "postgresql://admin:secret@127.0.0.1:9/filmwg"])
        #expect(result.status == 69)
        #expect(!result.stderr.contains("secret"))
    }
}
