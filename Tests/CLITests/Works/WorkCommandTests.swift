import Foundation
import TestSupport
import Testing

@Suite struct WorkCommandTests {
    static let a = USCCFixture.make(1)
    static let b = USCCFixture.make(2)
    static let c = USCCFixture.make(3)

    static func companies(_ db: TestDatabase) throws {
        for (code, name) in [(a, "Yanqi Lake Pictures"), (b, "Hongluo Post"), (c, "Cloudscreen")] {
            let added = try RecordCLI.run(["company", "add", "--uscc", code, "--name", name], db)
            #expect(added.status == 0, "\(added)")
        }
    }

    static func addLakeLight(_ db: TestDatabase) throws -> CommandResult {
        try RecordCLI.run(
            [
                "work", "add", "--title", "Lake Light", "--title-zh", "湖光", "--kind", "film", "--released-on",
                "2024-07-12",
                "--licence-no", "L-1", "--first-producer", a, "--co-producer", c, "--co-producer", "2", "--format",
                "json",
            ], db)
    }

    @Test func addPrintsTheWorkWithItsCreditsAndShowListAndUpdateAgree() throws {
        try TestDatabase.with { db in
            try Self.companies(db)
            let added = try Self.addLakeLight(db)
            #expect(added.status == 0, "\(added)")
            #expect(added.stderr.isEmpty)
            let work = try RecordCLI.object(added.stdout)
            #expect(work["id"] as? Int == 1)
            #expect(work["first_producer_uscc"] as? String == Self.a)
            #expect(work["co_producer_usccs"] as? String == "\(Self.b);\(Self.c)")
            #expect(
                (work["co_producers"] as? [[String: Any]])?.map { $0["name"] as? String } == [
                    "Hongluo Post", "Cloudscreen",
                ])
            #expect(try RecordCLI.run(["work", "show", "L-1", "--format", "json"], db).stdout == added.stdout)
            let csv = try RecordCLI.run(["work", "list", "--company", Self.c, "--format", "csv"], db)
            #expect(
                csv.stdout == """
                    title,title_zh,kind,released_on,licence_no,first_producer_uscc,co_producer_usccs
                    Lake Light,湖光,film,2024-07-12,L-1,\(Self.a),\(Self.b);\(Self.c)

                    """)
            let updated = try RecordCLI.run(
                [
                    "work", "update", "1", "--released-on", "2024-07-19", "--co-producer", Self.b, "--expect-version",
                    "1",
                    "--format", "json",
                ], db)
            #expect(updated.status == 0, "\(updated)")
            let after = try RecordCLI.object(updated.stdout)
            #expect(after["released_on"] as? String == "2024-07-19")
            #expect(after["co_producer_usccs"] as? String == Self.b)
            #expect(after["row_version"] as? Int == 2)
            let stale = try RecordCLI.run(["work", "update", "1", "--title", "Late", "--expect-version", "1"], db)
            #expect(stale.status == 75, "\(stale)")
            #expect(try RecordCLI.run(["work", "list", "--company", Self.c, "--format", "json"], db).stdout == "[]\n")
            let history = try RecordCLI.run(["history", "work", "1", "--format", "json"], db)
            #expect(history.status == 0, "\(history)")
            let rows = try RecordCLI.array(history.stdout)
            #expect(
                rows.map { "\($0["table_name"] as? String ?? "") \($0["action"] as? String ?? "")" } == [
                    "works insert", "work_co_producers insert", "work_co_producers insert", "work_co_producers delete",
                    "works update",
                ])
            #expect(rows.allSatisfy { $0["actor"] as? String == "cli-test" })
        }
    }

    /// Flags and the expected stderr; `{A}`, `{B}`, `{C}` (archived) and `{Z}` (unknown) stand
    /// for the companies' USCCs.
    @Test(arguments: [
        (
            ["--first-producer", "{Z}"],
            "--first-producer {Z}: no company has that USCC or id; add it first with 'filmwg company add'"
        ),
        (
            ["--first-producer", "{C}"],
            "--first-producer {C}: company Cloudscreen is archived; an archived company cannot be credited on a work"
        ),
        (
            ["--first-producer", "1", "--co-producer", "2", "--co-producer", "{B}"],
            "--co-producer {B}: is named twice; name each co-producer once"
        ),
        (
            ["--first-producer", "{A}", "--co-producer", "1"],
            "--co-producer 1: is the first producer of the work; a company is either the first producer or a co-producer"
        ),
        (
            ["--first-producer", "{A}", "--co-producer", "{C}"],
            "--co-producer {C}: company Cloudscreen is archived; an archived company cannot be credited on a work"
        ),
        (
            ["--first-producer", "{A}", "--licence-no", "L-1"],
            "--licence-no L-1: is already recorded for work 1 (Lake Light)"
        ),
        (
            ["--first-producer", "{A}", "--released-on", "2023-02-29"],
            "released_on: 2023-02-29 is not a day of the calendar: February 2023 has 28 days"
        ),
    ])
    func badWorksExit65WithOneSentenceAndWriteNothing(_ bad: ([String], String)) throws {
        try TestDatabase.with { db in
            try Self.companies(db)
            #expect(try Self.addLakeLight(db).status == 0)
            #expect(try RecordCLI.run(["company", "archive", Self.c, "--yes"], db).status == 0)
            func fill(_ text: String) -> String {
                text.replacingOccurrences(of: "{A}", with: Self.a).replacingOccurrences(of: "{B}", with: Self.b)
                    .replacingOccurrences(of: "{C}", with: Self.c).replacingOccurrences(
                        of: "{Z}", with: USCCFixture.make(99))
            }
            var flags = bad.0.map(fill)
            if !flags.contains("--released-on") { flags += ["--released-on", "2024-01-01"] }
            let result = try RecordCLI.run(["work", "add", "--title", "Other", "--kind", "film"] + flags, db)
            #expect(result.status == 65, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "filmwg: " + fill(bad.1) + "\n")
            #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.works") == "1")
            #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.work_co_producers") == "2")
        }
    }

    @Test func awardsAreRecordedWonOrNominatedAndBadOnesExit65() throws {
        try TestDatabase.with { db in
            try Self.companies(db)
            #expect(try Self.addLakeLight(db).status == 0)
            let won = try RecordCLI.run(
                [
                    "award", "record", "--work", "1", "--award", "huabiao", "--on", "2024-09-10", "--category",
                    "Outstanding Feature Film", "--format", "json",
                ], db)
            #expect(won.status == 0, "\(won)")
            let award = try RecordCLI.object(won.stdout)
            #expect(award["result"] as? String == "won")
            #expect(award["award_name_zh"] as? String == "华表奖")
            #expect(award["scope"] as? String == "national")
            let nominated = try RecordCLI.run(
                [
                    "award", "record", "--work", "L-1", "--award", "tiantan", "--on", "2025-04-20", "--result",
                    "nominated",
                ], db)
            #expect(nominated.status == 0, "\(nominated)")
            let typo = try RecordCLI.run(
                ["award", "record", "--work", "1", "--award", "huabaio", "--on", "2024-09-10"], db)
            #expect(typo.status == 65)
            #expect(typo.stderr == "filmwg: --award 'huabaio' is not a known award code; did you mean 'huabiao'?\n")
            let noWork = try RecordCLI.run(
                ["award", "record", "--work", "7", "--award", "jinji", "--on", "2024-09-10"], db)
            #expect(noWork.status == 65)
            #expect(
                noWork.stderr
                    == "filmwg: --work 7: no work has that id or licence number; add it first with 'filmwg work add'\n")
            let noDay = try RecordCLI.run(
                ["award", "record", "--work", "1", "--award", "jinji", "--on", "2024-11-31"], db)
            #expect(noDay.status == 65)
            #expect(
                noDay.stderr
                    == "filmwg: awarded_on: 2024-11-31 is not a day of the calendar: November 2024 has 30 days\n")
            let again = try RecordCLI.run(
                [
                    "award", "record", "--work", "1", "--award", "huabiao", "--on", "2024-09-10", "--category",
                    "Outstanding Feature Film",
                ], db)
            #expect(again.status == 65)
            #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.awards") == "2")
            let list = try RecordCLI.array(
                try RecordCLI.run(["award", "list", "--result", "won", "--format", "json"], db).stdout)
            #expect(list.map { $0["award"] as? String } == ["huabiao"])
            let bodies = try RecordCLI.run(["award", "list", "--bodies", "--format", "csv"], db)
            #expect(bodies.stdout.hasPrefix("code,name,name_zh,scope\na_list_festival,"))
            #expect(bodies.stdout.contains("\nwuge_yi,Five-One Project Award,五个一工程奖,national\n"))
            // The fact and a rule over it.
            let check = try RecordCLI.run(
                ["policy", "check", "first_producer_awarded_works_12m >= 1 and works_released_12m > 0"], db)
            #expect(check.status == 0, "\(check)")
            let report = try RecordCLI.array(try RecordCLI.run(["report", "awards", "--format", "json"], db).stdout)
            #expect(report.map { $0["award_code"] as? String } == ["huabiao", "tiantan"])
            let byCompany = try RecordCLI.array(
                try RecordCLI.run(["report", "works_by_company", "--format", "json"], db).stdout)
            #expect(byCompany.map { $0["role"] as? String } == ["first_producer", "co_producer", "co_producer"])
            #expect(byCompany.first?["awards_won"] as? Int == 1)
        }
    }

    @Test func importIsAllOrNothingWithFileLineColumnReasons() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                try Self.companies(db)
                let file = folder.appendingPathComponent("works.csv")
                try """
                title,title_zh,kind,released_on,licence_no,first_producer_uscc,co_producer_usccs
                Lake Light,湖光,film,2024-07-12,L-1,\(Self.a),\(Self.b);\(Self.c)
                Bad Day,,film,2024-13-01,,\(Self.a),
                Twice,,series,2024-01-01,,\(Self.a),\(Self.b);\(Self.b)

                """.write(to: file, atomically: true, encoding: .utf8)
                let failed = try RecordCLI.run(["work", "import", file.path], db)
                #expect(failed.status == 65)
                #expect(
                    failed.stderr == """
                        \(file.path):3: released_on: 2024-13-01 is not a day of the calendar: there is no month 13
                        \(file.path):4: co_producer_usccs: \(Self.b) is named twice; name each co-producer once
                        filmwg: 2 rows of 3 in \(file.path) are invalid (listed above); nothing was imported. Fix them, or pass --skip-invalid --rejects FILE to import the valid rows

                        """)
                #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.works") == "0")
                let rejects = folder.appendingPathComponent("rejects.csv")
                let skipped = try RecordCLI.run(
                    ["work", "import", file.path, "--skip-invalid", "--rejects", rejects.path], db)
                #expect(skipped.status == 0, "\(skipped)")
                #expect(
                    skipped.stdout
                        == "imported 1 works from \(file.path) (3 rows read, 2 invalid left out and written to \(rejects.path))\n"
                )
                // The list's CSV imports again (into a database without the licence number).
                let listed = try RecordCLI.run(["work", "list", "--format", "csv"], db).stdout
                #expect(listed.hasSuffix("Lake Light,湖光,film,2024-07-12,L-1,\(Self.a),\(Self.b);\(Self.c)\n"))
                let again = folder.appendingPathComponent("again.csv")
                try listed.write(to: again, atomically: true, encoding: .utf8)
                let duplicate = try RecordCLI.run(["work", "import", again.path], db)
                #expect(duplicate.status == 65)
                #expect(
                    duplicate.stderr.hasPrefix(
                        "\(again.path):2: licence_no: L-1 is already recorded for work 1 (Lake Light)\n"))
            }
        }
    }
}
