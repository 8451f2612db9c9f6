import Foundation
import Postgres
import TestSupport
import Testing

/// `company update --effective-from`, `company show --as-of`, `company history`, `policy try`,
/// `eligibility changes --from-run/--to-run`, `eligibility prune`, end to end.
@Suite struct TimeCommandTests {
    static let uscc = "91110116MA00YQ001M"

    func prepare(_ db: TestDatabase) throws {
        try db.connectRaw().executeScript(
            unsafeSQL: """
                INSERT INTO filmwg.companies (uscc, name, kind, registered_in_zone, registered_capital, founded_on, employees)
                VALUES ('\(Self.uscc)', 'Yanqi Lake Pictures', 'production', true, 10000000, '2015-06-18', 85),
                       ('91110108MA00YM003K', 'Cloudscreen', 'internet_platform', false, 50000000, '2012-01-09', 40);
                """)
        let added = try FilmWGBinary.run(
            [
                "policy", "add", "--code", "big-staff", "--title", "Big staff", "--rule", "employees >= 50",
                "--valid-from", "2017-05-20",
            ], database: db)
        #expect(added.status == 0, "\(added)")
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func datedValuesThroughTheCommandLine() throws {
        try TestDatabase.with { db in
            try prepare(db)
            let update = try FilmWGBinary.run(
                [
                    "company", "update", Self.uscc, "--employees", "120", "--name", "Yanqi Lake Studios",
                    "--effective-from", "2020-01-01", "--format", "json",
                ], database: db)
            #expect(update.status == 0, "\(update)")
            let updated = try #require(try json(update.stdout) as? [String: Any])
            #expect(updated["employees"] as? Int == 120 && updated["row_version"] as? Int == 2)
            let past = try FilmWGBinary.run(
                ["company", "show", Self.uscc, "--as-of", "2019-12-31", "--format", "json"], database: db)
            let old = try #require(try json(past.stdout) as? [String: Any])
            #expect(old["name"] as? String == "Yanqi Lake Pictures" && old["employees"] as? Int == 85)
            #expect(old["effective_from"] as? String == "2015-06-18" && old["effective_to"] as? String == "2020-01-01")
            let history = try FilmWGBinary.run(["company", "history", Self.uscc, "--format", "csv"], database: db)
            #expect(history.status == 0)
            let lines = history.stdout.split(separator: "\n")
            #expect(
                lines.first
                    == "id,company_id,effective_from,effective_to,name,name_zh,kind,district,registered_in_zone,zone_registered_on,registered_capital,employees,changed_fields"
            )
            #expect(lines.count == 3)
            #expect(
                lines[2].contains(",2020-01-01,,Yanqi Lake Studios,") && lines[2].hasSuffix(",120,\"employees, name\""))
            // Stale version: 75, nothing written.
            let stale = try FilmWGBinary.run(
                ["company", "update", Self.uscc, "--employees", "1", "--expect-version", "1"], database: db)
            #expect(stale.status == 75)
            // Before the founding: 65, one sentence.
            let early = try FilmWGBinary.run(
                ["company", "update", Self.uscc, "--employees", "1", "--effective-from", "2015-06-17"], database: db)
            #expect(early.status == 65)
            #expect(
                early.stderr
                    == "filmwg: values of company \(Self.uscc) cannot take effect on 2015-06-17, before it was founded on 2015-06-18\n"
            )
            let before = try FilmWGBinary.run(["company", "show", Self.uscc, "--as-of", "2010-01-01"], database: db)
            #expect(before.status == 1)
            #expect(before.stderr.contains("has no values in force on 2010-01-01, founded on 2015-06-18"))
            #expect(
                try FilmWGBinary.run(["company", "history", Self.uscc, "--format", "csv"], database: db).stdout
                    == history.stdout)
        }
    }

    @Test(arguments: [
        ["company", "update", uscc, "--employees", "1", "--effective-from", "2023-02-30"],
        ["company", "show", uscc, "--as-of", "2023-02-30"],
        ["eligibility", "run", "--as-of", "2023-02-30"],
        ["policy", "try", "employees >= 1", "--as-of", "2023-02-30"],
    ])
    func aDayThatDoesNotExistIsNamedAsSuch(arguments: [String]) throws {
        try TestDatabase.with { db in
            try prepare(db)
            let result = try FilmWGBinary.run(arguments, database: db)
            #expect(result.status == 64)
            let flag = arguments.first { $0.hasPrefix("--") && $0 != "--employees" } ?? ""
            #expect(
                result.stderr == "filmwg: \(flag): 2023-02-30 is not a day of the calendar: February 2023 has 28 days\n"
            )
        }
    }

    @Test func aCSVDayThatDoesNotExistIsNamedAsSuch() throws {
        try TestDatabase.with { db in
            try withTemporaryDirectory { folder in
                let file = folder.appendingPathComponent("c.csv")
                try "name,founded_on\nLeap,2023-02-29\n".write(to: file, atomically: true, encoding: .utf8)
                let result = try FilmWGBinary.run(["company", "import", file.path], database: db)
                #expect(result.status == 65)
                #expect(result.stderr.contains("\(file.path):2: founded_on: 2023-02-29 is not a day of the calendar"))
            }
        }
    }

    @Test func policyTryPrintsTheCountsAndWritesNothing() throws {
        try TestDatabase.with { db in
            try prepare(db)
            #expect(try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-01"], database: db).status == 0)
            let counts = try ActivityFixtures.rowCounts(db.connect())
            let tried = try FilmWGBinary.run(
                [
                    "policy", "try", "registered_in_zone and employees >= 20", "--policy", "big-staff", "--as-of",
                    "2024-06-01", "--format", "json",
                ], database: db)
            #expect(tried.status == 0, "\(tried)")
            let object = try #require(try json(tried.stdout) as? [String: Any])
            #expect(object["evaluated"] as? Int == 2 && object["eligible"] as? Int == 1)
            #expect(object["newly_eligible"] as? Int == 0 && object["no_longer_eligible"] as? Int == 0)
            let criteria = try #require(object["criteria"] as? [[String: Any]])
            #expect(criteria.map { $0["criterion"] as? String } == ["registered_in_zone", "employees >= 20"])
            #expect(
                criteria.map { [$0["true"] as? Int, $0["false"] as? Int, $0["null"] as? Int] } == [
                    [1, 1, 0], [2, 0, 0],
                ])
            let listed = try FilmWGBinary.run(
                [
                    "policy", "try", "employees >= 20", "--policy", "big-staff", "--as-of", "2024-06-01", "--list",
                    "--format", "csv",
                ],
                database: db)
            #expect(
                listed.stdout
                    == "company_id,uscc,name,name_zh,draft,current,change\n2,91110108MA00YM003K,Cloudscreen,,true,false,newly_eligible\n"
            )
            let bad = try FilmWGBinary.run(["policy", "try", "employes >= 20"], database: db)
            let check = try FilmWGBinary.run(["policy", "check", "employes >= 20"], database: db)
            #expect(bad.status == 65 && bad.stderr == check.stderr)
            #expect(try ActivityFixtures.rowCounts(db.connect()) == counts)
        }
    }

    @Test func changesBetweenTwoRunsAndPruneFromTheCommandLine() throws {
        try TestDatabase.with { db in
            try prepare(db)
            #expect(try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-01"], database: db).status == 0)
            let edit = try FilmWGBinary.run(
                ["company", "update", "91110108MA00YM003K", "--employees", "60", "--effective-from", "2024-06-02"],
                database: db)
            #expect(edit.status == 0, "\(edit)")
            #expect(try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-02"], database: db).status == 0)
            #expect(
                try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-03", "--dry-run"], database: db).status
                    == 0)
            let between = try FilmWGBinary.run(
                ["eligibility", "changes", "--from-run", "1", "--to-run", "2", "--format", "csv"], database: db)
            #expect(between.status == 0, "\(between)")
            #expect(
                between.stdout == """
                    run_id,previous_run_id,as_of,policy,version,company_id,uscc,name,name_zh,change
                    2,1,2024-06-02,big-staff,1,2,91110108MA00YM003K,Cloudscreen,,newly_eligible

                    """)
            let dry = try FilmWGBinary.run(
                ["eligibility", "changes", "--from-run", "3", "--to-run", "2"], database: db)
            #expect(dry.status == 65)
            #expect(dry.stderr == "filmwg: --from-run 3: run 3 was a dry run and kept no determinations to compare\n")
            let unknown = try FilmWGBinary.run(
                ["eligibility", "changes", "--from-run", "1", "--to-run", "42"], database: db)
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "filmwg: --to-run 42: there is no eligibility run 42; see 'filmwg jobs list'\n")
            let half = try FilmWGBinary.run(["eligibility", "changes", "--from-run", "1"], database: db)
            #expect(half.status == 64)
            let unasked = try FilmWGBinary.run(["eligibility", "prune", "--keep", "1"], database: db)
            #expect(unasked.status == 64)
            #expect(unasked.stderr.contains("Pass --yes to confirm"))
            let pruned = try FilmWGBinary.run(
                ["eligibility", "prune", "--keep", "1", "--yes", "--format", "csv"], database: db)
            #expect(pruned.status == 0, "\(pruned)")
            #expect(pruned.stdout == "run_id,as_of,determinations,dropped,reason\n1,2024-06-01,2,true,\n")
            #expect(pruned.stderr == "Dropped the determinations of 1 run (1): 2 rows.\n")
            let again = try FilmWGBinary.run(["eligibility", "prune", "--keep", "1", "--yes"], database: db)
            #expect(again.status == 0 && again.stderr.contains("Nothing to prune"))
            let zero = try FilmWGBinary.run(["eligibility", "prune", "--keep", "0", "--yes"], database: db)
            #expect(zero.status == 64)
        }
    }
}
