import Foundation
import TestSupport
import Testing

@Suite struct AttendanceCommandTests {
    /// An event 1, professionals li.na@ (1) and wang.wei@ (2), a company with USCC uscc(1).
    static func setUp(_ db: TestDatabase) throws {
        let connection = try db.connect()
        try ActivityFixtures.event(connection, name: "Forum", startsAt: "2018-05-20 14:00+08")
        try ActivityFixtures.professional(connection, name: "李娜", email: "li.na@example.cn")
        try ActivityFixtures.professional(connection, name: "Wang Wei", email: "wang.wei@example.cn")
        try ActivityFixtures.company(connection, name: "Huairou Pictures", uscc: ActivityFixtures.uscc(1))
    }

    @Test func recordThenADuplicateIsRefusedWithASentence() throws {
        try TestDatabase.with { db in
            try Self.setUp(db)
            let uscc = ActivityFixtures.uscc(1)
            let first = try FilmWGBinary.run(
                [
                    "attendance", "record", "--event", "1", "--professional", "LI.NA@example.cn", "--company", uscc,
                    "--role", "speaker", "--format", "json",
                ], database: db)
            #expect(first.status == 0, "\(first)")
            #expect(
                first.stdout.hasPrefix(
                    #"{"id": 1, "event_id": 1, "event_name": "Forum", "event_day": "2018-05-20", "professional_id": 1, "professional_name": "李娜", "company_id": 1, "company_name": "Huairou Pictures", "role": "speaker", "row_version": 1, "#
                ))
            let again = try FilmWGBinary.run(
                ["attendance", "record", "--event", "1", "--professional", "1"], database: db)
            #expect(again.status == 65)
            #expect(again.stdout.isEmpty)
            #expect(
                again.stderr
                    == "filmwg: professional 1 is already recorded as attending event 1 (attendance 1, as speaker); one professional attends an event once\n"
            )
            let unknown = try FilmWGBinary.run(
                ["attendance", "record", "--event", "1", "--professional", "x@example.cn"], database: db)
            #expect(unknown.status == 1)
            #expect(
                unknown.stderr
                    == "filmwg: no professional has the e-mail address x@example.cn; see 'filmwg professional list --search'\n"
            )
            let badCompany = try FilmWGBinary.run(
                ["attendance", "record", "--event", "1", "--professional", "2", "--company", "Huairou"], database: db)
            #expect(badCompany.status == 65)
            #expect(
                badCompany.stderr.contains("'Huairou' is not a USCC or an id; companies with that name: "),
                "\(badCompany)")
            let list = try FilmWGBinary.run(["attendance", "list", "--event", "1", "--format", "csv"], database: db)
            #expect(
                list.stdout == """
                    id,event_id,event_name,event_day,professional_id,professional_name,company_id,company_name,role
                    1,1,Forum,2018-05-20,1,李娜,1,Huairou Pictures,speaker

                    """)
            let byCompany = try FilmWGBinary.run(
                ["attendance", "list", "--company", uscc, "--format", "json"], database: db)
            #expect(byCompany.status == 0 && byCompany.stdout.hasPrefix(#"[{"id": 1,"#))
        }
    }

    @Test func anImportWithBadRowsWritesNothingAndNamesEachRow() throws {
        try TestDatabase.with { db in
            try Self.setUp(db)
            try withTemporaryDirectory { folder in
                let file = folder.appendingPathComponent("attendance.csv")
                try Data(
                    """
                    professional_email,company_uscc,role
                    li.na@example.cn,\(ActivityFixtures.uscc(1)),speaker
                    nobody@example.cn,,
                    wang.wei@example.cn,\(ActivityFixtures.uscc(1)).,

                    """.utf8
                ).write(to: file)
                let result = try FilmWGBinary.run(["attendance", "import", "--event", "1", file.path], database: db)
                #expect(result.status == 65)
                #expect(result.stdout.isEmpty)
                #expect(
                    result.stderr == """
                        \(file.path):3: professional_email: no professional has this e-mail; add them first (filmwg professional add or import)
                        \(file.path):4: company_uscc: has 19 characters, a USCC has 18
                        filmwg: 2 rows of 3 in \(file.path) are invalid (listed above); nothing was imported. Fix them, or pass --skip-invalid --rejects FILE to import the valid rows

                        """)
                let list = try FilmWGBinary.run(["attendance", "list", "--format", "json"], database: db)
                #expect(list.stdout == "[]\n")

                let rejects = folder.appendingPathComponent("rejects.csv")
                let dry = try FilmWGBinary.run(
                    [
                        "attendance", "import", file.path, "--event", "1", "--skip-invalid", "--rejects", rejects.path,
                        "--dry-run",
                    ], database: db)
                #expect(dry.status == 0)
                // The summary of every import: on stdout, the problems on stderr.
                #expect(
                    dry.stdout
                        == "dry run: 1 of 3 rows of \(file.path) would be imported into attendance records; nothing was written\n"
                )
                #expect(!FileManager.default.fileExists(atPath: rejects.path))
                #expect(
                    try FilmWGBinary.run(["attendance", "list", "--format", "json"], database: db).stdout == "[]\n")

                let skip = try FilmWGBinary.run(
                    ["attendance", "import", file.path, "--event", "1", "--skip-invalid", "--rejects", rejects.path],
                    database: db)
                #expect(skip.status == 0, "\(skip)")
                #expect(
                    skip.stdout
                        == "imported 1 attendance records from \(file.path) (3 rows read, 2 invalid left out and written to \(rejects.path))\n"
                )
                let rejected = try String(contentsOf: rejects, encoding: .utf8)
                #expect(
                    rejected.hasPrefix(
                        "professional_email,company_uscc,role,reason\r\nnobody@example.cn,,,professional_email: no professional"
                    ))
                #expect(rejected.split(separator: "\r\n").count == 3)
                let after = try FilmWGBinary.run(["attendance", "list", "--format", "csv"], database: db)
                #expect(after.stdout.split(separator: "\n").count == 2)
                #expect(after.stdout.hasSuffix(",1,Forum,2018-05-20,1,李娜,1,Huairou Pictures,speaker\n"))
            }
        }
    }

    @Test func importUsageAndMissingFilesHaveTheirExitCodes() throws {
        try TestDatabase.with { db in
            try Self.setUp(db)
            let missing = try FilmWGBinary.run(
                ["attendance", "import", "--event", "1", "/nonexistent/attendance.csv"], database: db)
            #expect(missing.status == 66)
            #expect(missing.stderr == "filmwg: the file /nonexistent/attendance.csv does not exist; check the path\n")
            let directory = try FilmWGBinary.run(["attendance", "import", "--event", "1", "/tmp"], database: db)
            #expect(directory.status == 66)
            #expect(directory.stderr == "filmwg: /tmp is a directory; name the CSV file in it\n")
            let rejectsAlone = try FilmWGBinary.run(
                ["attendance", "import", "--event", "1", "--rejects", "r.csv", "a.csv"], database: db)
            #expect(rejectsAlone.status == 64)
            #expect(
                rejectsAlone.stderr
                    == "filmwg: --rejects goes with --skip-invalid; without it an invalid row means nothing is written\n"
            )
            let noEvent = try FilmWGBinary.run(["attendance", "import", "a.csv"], database: db)
            #expect(noEvent.status == 64)
            try withTemporaryDirectory { folder in
                let file = folder.appendingPathComponent("a.csv")
                try Data("professional_email\nli.na@example.cn\n".utf8).write(to: file)
                let unknownEvent = try FilmWGBinary.run(
                    ["attendance", "import", "--event", "7", file.path], database: db)
                #expect(unknownEvent.status == 1)
                #expect(unknownEvent.stderr == "filmwg: no event with id 7; see 'filmwg event list'\n")
                let ok = try FilmWGBinary.run(["attendance", "import", "--event", "1", file.path], database: db)
                #expect(ok.status == 0)
                #expect(ok.stderr.isEmpty)
                #expect(ok.stdout == "imported 1 attendance records from \(file.path) (1 row read)\n")
                // --skip-invalid alone writes the valid rows, as in every import.
                try Data("professional_email\nwang.wei@example.cn\nnobody@example.cn\n".utf8).write(to: file)
                let skipped = try FilmWGBinary.run(
                    ["attendance", "import", "--event", "1", "--skip-invalid", file.path], database: db)
                #expect(skipped.status == 0, "\(skipped)")
                #expect(
                    skipped.stdout
                        == "imported 1 attendance records from \(file.path) (2 rows read, 1 invalid left out)\n")
            }
        }
    }
}
