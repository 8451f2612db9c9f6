import Foundation
import Postgres
import TestSupport
import Testing

@testable import FilmWG

@Suite struct EventImportTests {
    static let header = "name,kind,starts_at,ends_at,venue,district,capacity"

    static func write(_ text: String, bom: Bool = false, in folder: URL, name: String = "events.csv") throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)).write(to: url)
        return url.path
    }

    /// Runs an import collecting every problem the listener hears.
    static func run(
        _ body: (ImportListener) throws -> ImportReport
    ) -> (report: ImportReport?, error: (any Error)?, problems: [String]) {
        let problems = Locked<[String]>([])
        let listener = ImportListener(problem: { problem in problems.update { $0.append(problem.description) } })
        do {
            let report = try body(listener)
            return (report, nil, problems.value)
        } catch {
            return (nil, error, problems.value)
        }
    }

    static func counts(_ db: Connection) throws -> (events: Int, audit: Int) {
        try db.query(
            """
            SELECT (SELECT count(*) FROM filmwg.events)::integer,
                   (SELECT count(*) FROM filmwg.audit_log WHERE table_name = 'events')::integer
            """
        ).one().decode((Int, Int).self)
    }

    static func instant(_ text: String) throws -> Date { try #require(Instant.parse(text)) }

    @Test func aFileWithBOMCRLFQuotedCommasAndChineseNamesImportsExactly() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect(actor: "importer")
                let path = try Self.write(
                    [
                        Self.header,
                        "\"互联网电影论坛, 2018\",forum,2018-05-20T14:00:00+08:00,2018-05-20T17:30:00+08:00,\"Huairou Film Town, Hall 1\",怀柔区,200",
                        "启动仪式,Ceremony,2017-05-20T01:30:00Z,,,,",
                        "\"Workshop \"\"Editing\"\"\",,2019-03-01 09:00+0800,2019-03-01T09:00:00+08:00, 中国电影博物馆 ,,1",
                    ].joined(separator: "\r\n") + "\r\n", bom: true, in: folder)
                let report = try EventImport(connection).run(file: path)
                #expect(
                    report
                        == ImportReport(
                            file: path, rowsRead: 3, rowsWritten: 3, rowsInvalid: 0, dryRun: false, rejectsPath: nil))
                let events = try EventRepository(connection).list()
                #expect(events.map(\.id) == [2, 1, 3], "listed by start, ids in line order")
                let forum = try #require(events.first { $0.id == 1 })
                #expect(forum.name == "互联网电影论坛, 2018")
                #expect(forum.kind == "forum")
                #expect(forum.startsAt == (try Self.instant("2018-05-20T06:00:00Z")))
                #expect(forum.endsAt == (try Self.instant("2018-05-20T09:30:00Z")))
                #expect(forum.venue == "Huairou Film Town, Hall 1")
                #expect(forum.district == "怀柔区")
                #expect(forum.capacity == 200)
                let ceremony = try #require(events.first { $0.id == 2 })
                #expect(ceremony.name == "启动仪式" && ceremony.kind == "ceremony")
                #expect(Instant.format(ceremony.startsAt) == "2017-05-20T09:30:00+08:00")
                #expect(
                    ceremony.endsAt == nil && ceremony.venue == nil && ceremony.district == nil
                        && ceremony.capacity == nil)
                let workshop = try #require(events.first { $0.id == 3 })
                #expect(workshop.name == "Workshop \"Editing\"")
                #expect(workshop.kind == "other")
                #expect(workshop.startsAt == (try Self.instant("2019-03-01T01:00:00Z")))
                #expect(workshop.endsAt == workshop.startsAt)
                #expect(workshop.venue == "中国电影博物馆")
                #expect(workshop.capacity == 1)
                let audit = try connection.query(
                    """
                    SELECT count(*)::integer, bool_and(actor = 'importer') FROM filmwg.audit_log
                     WHERE table_name = 'events' AND action = 'insert'
                    """
                ).one().decode((Int, Bool).self)
                #expect(audit == (3, true))
            }
        }
    }

    @Test func columnsMayComeInAnyOrderAndOptionalOnesMayBeLeftOut() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let path = try Self.write("starts_at,name\n2018-05-20T14:00:00+08:00,Forum\n", in: folder)
                #expect(try EventImport(connection).run(file: path).rowsWritten == 1)
                let event = try EventRepository(connection).show(1)
                #expect(event.name == "Forum" && event.kind == "other" && event.endsAt == nil && event.capacity == nil)
            }
        }
    }

    /// Line 2 is good; every other line is wrong in its own way.
    static func badFile() -> (text: String, problems: [String]) {
        let text = """
            \(header)
            Forum,forum,2018-05-20T14:00:00+08:00,,,,
            Ceremony,forun,2018-06-01T10:00:00+08:00,,,,
            Meeting,meeting,2018-06-02T10:00:00,,,,
            Workshop,workshop,2018-05-20T14:00:00+08:00,2018-05-20T13:00:00+08:00,,,
            "Screening, outdoor",other,2018-07-01T20:00:00+08:00,,Huairou,怀柔区,0
             ,forum,,,,,
            Forum,forum,2018-05-20T06:00:00Z,,,,
            Launch,ceremony,2017-05-20T09:30:00+08:00,,,,-3

            """
        let problems = [
            "F:3: kind: 'forun' is not a kind of event; use one of ceremony, forum, meeting, workshop, screening, festival, award_ceremony, training, premiere, press_conference, exhibition, other; did you mean 'forum'?",
            "F:4: starts_at: '2018-06-02T10:00:00' is not an ISO 8601 instant with its offset, such as 2017-05-20T09:30:00+08:00",
            "F:5: ends_at: 2018-05-20T13:00:00+08:00 is before starts_at 2018-05-20T14:00:00+08:00; an event cannot end before it starts",
            "F:6: capacity: must be at least 1, not 0",
            "F:7: name: is required and must not be blank",
            "F:7: starts_at: is required",
            "F:8: name: the same event (name and starts_at) is already on line 2",
            "F:9: capacity: must be at least 1, not -3",
            "F:9: name: event 1 already has this name and starts_at; it was added or imported before",
        ]
        return (text, problems)
    }

    /// The event line 9 of `badFile` repeats.
    static func addLaunch(_ connection: Connection) throws {
        _ = try EventRepository(connection).add(
            NewEvent(name: "Launch", kind: "ceremony", startsAt: try instant("2017-05-20T09:30:00+08:00")))
    }

    @Test func aBadFileWritesNothingAndNamesEveryBadLine() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                try Self.addLaunch(connection)
                let (text, expected) = Self.badFile()
                let path = try Self.write(text, in: folder)
                let before = try Self.counts(connection)
                let outcome = Self.run { try EventImport(connection).run(file: path, listener: $0) }
                #expect(
                    outcome.error as? ImportFailure
                        == ImportFailure(file: path, rowsRead: 8, rowsInvalid: 7, dryRun: false))
                #expect(outcome.problems == expected.map { $0.replacingOccurrences(of: "F:", with: path + ":") })
                #expect(try Self.counts(connection) == before)
            }
        }
    }

    @Test func skipInvalidWritesTheGoodRowsAndTheRejectsFileHoldsExactlyTheBadRowsWithTheirReasons() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                try Self.addLaunch(connection)
                let path = try Self.write(Self.badFile().text, in: folder)
                let rejects = folder.appendingPathComponent("rejects.csv").path
                let report = try EventImport(connection).run(
                    file: path, options: ImportOptions(skipInvalid: true, rejectsPath: rejects))
                #expect(
                    report
                        == ImportReport(
                            file: path, rowsRead: 8, rowsWritten: 1, rowsInvalid: 7, dryRun: false, rejectsPath: rejects
                        ))
                #expect(try EventRepository(connection).list().map(\.name) == ["Launch", "Forum"])
                #expect(
                    try String(contentsOfFile: rejects, encoding: .utf8) == """
                        name,kind,starts_at,ends_at,venue,district,capacity,reason\r
                        Ceremony,forun,2018-06-01T10:00:00+08:00,,,,,"kind: 'forun' is not a kind of event; use one of ceremony, forum, meeting, workshop, screening, festival, award_ceremony, training, premiere, press_conference, exhibition, other; did you mean 'forum'?"\r
                        Meeting,meeting,2018-06-02T10:00:00,,,,,"starts_at: '2018-06-02T10:00:00' is not an ISO 8601 instant with its offset, such as 2017-05-20T09:30:00+08:00"\r
                        Workshop,workshop,2018-05-20T14:00:00+08:00,2018-05-20T13:00:00+08:00,,,,ends_at: 2018-05-20T13:00:00+08:00 is before starts_at 2018-05-20T14:00:00+08:00; an event cannot end before it starts\r
                        "Screening, outdoor",other,2018-07-01T20:00:00+08:00,,Huairou,怀柔区,0,"capacity: must be at least 1, not 0"\r
                         ,forum,,,,,,name: is required and must not be blank; starts_at: is required\r
                        Forum,forum,2018-05-20T06:00:00Z,,,,,name: the same event (name and starts_at) is already on line 2\r
                        Launch,ceremony,2017-05-20T09:30:00+08:00,,,,-3,"capacity: must be at least 1, not -3; name: event 1 already has this name and starts_at; it was added or imported before"\r

                        """)
            }
        }
    }

    @Test func aDryRunChecksEverythingAndWritesNothing() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                try Self.addLaunch(connection)
                let before = try Self.counts(connection)
                let good = try Self.write(
                    "\(Self.header)\nForum,forum,2018-05-20T14:00:00+08:00,,,,\n", in: folder, name: "good.csv")
                let report = try EventImport(connection).run(file: good, options: ImportOptions(dryRun: true))
                #expect(
                    report
                        == ImportReport(
                            file: good, rowsRead: 1, rowsWritten: 0, rowsInvalid: 0, dryRun: true, rejectsPath: nil))
                #expect(try Self.counts(connection) == before)

                let bad = try Self.write(Self.badFile().text, in: folder, name: "bad.csv")
                let failed = Self.run {
                    try EventImport(connection).run(file: bad, options: ImportOptions(dryRun: true), listener: $0)
                }
                #expect(
                    failed.error as? ImportFailure
                        == ImportFailure(file: bad, rowsRead: 8, rowsInvalid: 7, dryRun: true))
                #expect(failed.problems.count == 9)

                let rejects = folder.appendingPathComponent("rejects.csv")
                let skipping = try EventImport(connection).run(
                    file: bad, options: ImportOptions(skipInvalid: true, rejectsPath: rejects.path, dryRun: true))
                #expect(
                    skipping
                        == ImportReport(
                            file: bad, rowsRead: 8, rowsWritten: 0, rowsInvalid: 7, dryRun: true, rejectsPath: nil))
                #expect(!FileManager.default.fileExists(atPath: rejects.path))
                #expect(try Self.counts(connection) == before)
            }
        }
    }

    @Test func aMissingFileABadHeaderAndABrokenFileAreRefusedWholesale() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let missing = folder.appendingPathComponent("none.csv").path
                #expect(throws: CSVFileError.missing(missing)) { try EventImport(connection).run(file: missing) }
                let header = try Self.write("name,kind,start_at\n", in: folder, name: "h.csv")
                #expect(
                    throws: RecordError.invalid(
                        "\(header):1: unknown column 'start_at'; did you mean 'starts_at'?; the columns are \(Self.header)"
                    )
                ) {
                    try EventImport(connection).run(file: header)
                }
                let noStart = try Self.write("name,kind\nForum,forum\n", in: folder, name: "s.csv")
                #expect(
                    throws: RecordError.invalid("\(noStart):1: the header has no 'starts_at' column, which is required")
                ) {
                    try EventImport(connection).run(file: noStart)
                }
                let broken = try Self.write(
                    "name,starts_at\nForum,2018-05-20T14:00:00+08:00\n\"open\n", in: folder, name: "b.csv")
                #expect(
                    throws: RecordError.invalid(
                        "\(broken):3: a quoted field is not closed before the end of the file; nothing was imported")
                ) {
                    try EventImport(connection).run(file: broken)
                }
                #expect(try Self.counts(connection).events == 0)
            }
        }
    }
}
