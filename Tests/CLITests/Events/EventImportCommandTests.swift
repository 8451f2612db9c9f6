import Foundation
import TestSupport
import Testing

@Suite struct EventImportCommandTests {
    static let header = "name,kind,starts_at,ends_at,venue,district,capacity"

    static func events(_ db: TestDatabase) throws -> String {
        try FilmWGBinary.run(["event", "list", "--format", "csv"], database: db).stdout
    }

    @Test func aGoodFileWithBOMCRLFQuotedCommasAndChineseImportsExactly() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let file = folder.appendingPathComponent("events.csv")
                let text =
                    [
                        Self.header,
                        "\"互联网电影论坛, 2018\",forum,2018-05-20T14:00:00+08:00,2018-05-20T17:30:00+08:00,\"Huairou Film Town, Hall 1\",怀柔区,200",
                        "启动仪式,ceremony,2017-05-20T01:30:00Z,,,,",
                        "\"Workshop \"\"Editing\"\"\",,2019-03-01T09:00:00+08:00,,中国电影博物馆,朝阳区,30",
                    ].joined(separator: "\r\n") + "\r\n"
                try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: file)
                let result = try FilmWGBinary.run(["event", "import", file.path], database: db)
                #expect(result.status == 0, "\(result)")
                #expect(result.stdout == "imported 3 events from \(file.path) (3 rows read)\n")
                #expect(result.stderr.isEmpty)
                #expect(
                    try Self.events(db) == #"""
                        id,name,kind,starts_at,ends_at,venue,district,capacity,attendees
                        2,启动仪式,ceremony,2017-05-20T09:30:00+08:00,,,,,0
                        1,"互联网电影论坛, 2018",forum,2018-05-20T14:00:00+08:00,2018-05-20T17:30:00+08:00,"Huairou Film Town, Hall 1",怀柔区,200,0
                        3,"Workshop ""Editing""",other,2019-03-01T09:00:00+08:00,,中国电影博物馆,朝阳区,30,0

                        """#)
            }
        }
    }

    @Test func aBadFileExits65NamesEveryBadLineAndWritesNothingUnlessSkipInvalid() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let file = folder.appendingPathComponent("bad.csv")
                try Data(
                    """
                    \(Self.header)
                    Forum,forum,2018-05-20T14:00:00+08:00,,,,
                    Ceremony,forun,2018-06-01T10:00:00+08:00,,,,
                    Meeting,meeting,20 May 2018,,,,
                    Workshop,workshop,2018-05-20T14:00:00+08:00,2018-05-20T13:00:00+08:00,,,
                    "Screening, outdoor",other,2018-07-01T20:00:00+08:00,,,,0

                    """.utf8
                ).write(to: file)
                let p = file.path
                let result = try FilmWGBinary.run(["event", "import", p], database: db)
                #expect(result.status == 65)
                #expect(result.stdout.isEmpty)
                #expect(
                    result.stderr == """
                        \(p):3: kind: 'forun' is not a kind of event; use one of ceremony, forum, meeting, workshop, screening, festival, award_ceremony, training, premiere, press_conference, exhibition, other; did you mean 'forum'?
                        \(p):4: starts_at: '20 May 2018' is not an ISO 8601 instant with its offset, such as 2017-05-20T09:30:00+08:00
                        \(p):5: ends_at: 2018-05-20T13:00:00+08:00 is before starts_at 2018-05-20T14:00:00+08:00; an event cannot end before it starts
                        \(p):6: capacity: must be at least 1, not 0
                        filmwg: 4 rows of 5 in \(p) are invalid (listed above); nothing was imported. Fix them, or pass --skip-invalid --rejects FILE to import the valid rows

                        """)
                #expect(try Self.events(db) == "id,name,kind,starts_at,ends_at,venue,district,capacity,attendees\n")

                let dry = try FilmWGBinary.run(["event", "import", p, "--dry-run"], database: db)
                #expect(dry.status == 65)
                #expect(
                    dry.stderr.hasSuffix(
                        "this was a dry run, nothing was written. Fix them, or pass --skip-invalid --rejects FILE to import the valid rows\n"
                    ))

                let rejects = folder.appendingPathComponent("rejects.csv")
                let skipped = try FilmWGBinary.run(
                    ["event", "import", p, "--skip-invalid", "--rejects", rejects.path], database: db)
                #expect(skipped.status == 0, "\(skipped)")
                #expect(
                    skipped.stdout
                        == "imported 1 events from \(p) (5 rows read, 4 invalid left out and written to \(rejects.path))\n"
                )
                #expect(skipped.stderr.split(separator: "\n").count == 4, "each bad row is still named")
                #expect(
                    try String(contentsOf: rejects, encoding: .utf8) == """
                        name,kind,starts_at,ends_at,venue,district,capacity,reason\r
                        Ceremony,forun,2018-06-01T10:00:00+08:00,,,,,"kind: 'forun' is not a kind of event; use one of ceremony, forum, meeting, workshop, screening, festival, award_ceremony, training, premiere, press_conference, exhibition, other; did you mean 'forum'?"\r
                        Meeting,meeting,20 May 2018,,,,,"starts_at: '20 May 2018' is not an ISO 8601 instant with its offset, such as 2017-05-20T09:30:00+08:00"\r
                        Workshop,workshop,2018-05-20T14:00:00+08:00,2018-05-20T13:00:00+08:00,,,,ends_at: 2018-05-20T13:00:00+08:00 is before starts_at 2018-05-20T14:00:00+08:00; an event cannot end before it starts\r
                        "Screening, outdoor",other,2018-07-01T20:00:00+08:00,,,,0,"capacity: must be at least 1, not 0"\r

                        """)
                #expect(
                    try Self.events(db) == """
                        id,name,kind,starts_at,ends_at,venue,district,capacity,attendees
                        1,Forum,forum,2018-05-20T14:00:00+08:00,,,,,0

                        """)

                // The same file again: the good row is now a repeat of event 1.
                let again = try FilmWGBinary.run(["event", "import", p], database: db)
                #expect(again.status == 65)
                #expect(
                    again.stderr.hasPrefix(
                        "\(p):2: name: event 1 already has this name and starts_at; it was added or imported before\n"))
            }
        }
    }

    @Test func aDryRunOfAGoodFileSaysWhatItWouldDoAndWritesNothing() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let file = folder.appendingPathComponent("events.csv")
                try Data("starts_at,name\n2018-05-20T14:00:00+08:00,Forum\n2018-05-21T09:00:00+08:00,Meeting\n".utf8)
                    .write(to: file)
                let dry = try FilmWGBinary.run(["event", "import", file.path, "--dry-run"], database: db)
                #expect(dry.status == 0, "\(dry)")
                #expect(
                    dry.stdout
                        == "dry run: 2 of 2 rows of \(file.path) would be imported into events; nothing was written\n")
                #expect(dry.stderr.isEmpty)
                #expect(try Self.events(db) == "id,name,kind,starts_at,ends_at,venue,district,capacity,attendees\n")
            }
        }
    }

    @Test func aMissingFileExits66AndOptionMistakesExit64() throws {
        try TestDatabase.with { db in
            let missing = try FilmWGBinary.run(["event", "import", "/nonexistent/events.csv"], database: db)
            #expect(missing.status == 66)
            #expect(missing.stdout.isEmpty)
            #expect(missing.stderr == "filmwg: the file /nonexistent/events.csv does not exist; check the path\n")
            let rejectsAlone = try FilmWGBinary.run(
                ["event", "import", "/nonexistent/events.csv", "--rejects", "r.csv"], database: db)
            #expect(rejectsAlone.status == 64)
            #expect(try FilmWGBinary.run(["event", "import"], database: db).status == 64)
        }
    }

    @Test func helpShowsTheHeaderAndAnExample() throws {
        let help = try FilmWGBinary.run(["event", "import", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("Import events from a CSV file, all or nothing.\n"))
        #expect(help.stdout.contains("Usage: filmwg event import FILE.csv"))
        #expect(help.stdout.contains("Header: name,kind,starts_at,ends_at,venue,district,capacity"))
        #expect(help.stdout.contains("Example:\n  filmwg event import "))
        #expect(help.stdout.contains("--skip-invalid") && help.stdout.contains("--dry-run"))
    }
}
