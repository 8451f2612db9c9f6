import Foundation
import Postgres
import TestSupport
import Testing

@testable import FilmWG

@Suite struct AttendanceTests {
    struct Setup {
        let connection: Connection
        let event: Int64
        let li: Int64
        let wang: Int64
        let pictures: Int64
        let picturesUSCC = ActivityFixtures.uscc(1)
        let postUSCC = ActivityFixtures.uscc(2)
    }

    static func setUp(_ db: TestDatabase) throws -> Setup {
        let connection = try db.connect(actor: "importer")
        let event = try ActivityFixtures.event(connection, name: "论坛", startsAt: "2018-05-20 14:00+08")
        let li = try ActivityFixtures.professional(connection, name: "李娜", email: "li.na@example.cn")
        let wang = try ActivityFixtures.professional(connection, name: "Wang Wei", email: "wang.wei@example.cn")
        let pictures = try ActivityFixtures.company(
            connection, name: "Huairou Pictures", uscc: ActivityFixtures.uscc(1))
        try ActivityFixtures.company(connection, name: "Beijing Post", uscc: ActivityFixtures.uscc(2))
        return Setup(connection: connection, event: event, li: li, wang: wang, pictures: pictures)
    }

    @Test func aDuplicateAttendanceIsRefusedWithASentence() throws {
        try TestDatabase.with { db in
            let s = try Self.setUp(db)
            let repository = AttendanceRepository(s.connection)
            let first = try repository.record(
                eventId: s.event, professionalId: s.li, companyId: s.pictures, role: "Speaker")
            #expect(
                first.role == "speaker" && first.companyName == "Huairou Pictures" && first.professionalName == "李娜")
            #expect(first.eventDay == CalendarDate(iso: "2018-05-20"))
            #expect(
                throws: RecordError.invalid(
                    "professional \(s.li) is already recorded as attending event \(s.event) (attendance \(first.id), as speaker); one professional attends an event once"
                )
            ) {
                _ = try repository.record(eventId: s.event, professionalId: s.li, companyId: nil)
            }
            #expect(try repository.list(eventId: s.event).count == 1)
        }
    }

    @Test func anUnknownRoleOrRecordIsRefusedBeforeWriting() throws {
        try TestDatabase.with { db in
            let s = try Self.setUp(db)
            let repository = AttendanceRepository(s.connection)
            #expect(
                throws: RecordError.invalid(
                    "role must be one of attendee, speaker, host, guest, not 'hots'; did you mean 'host'?")
            ) {
                _ = try repository.record(eventId: s.event, professionalId: s.li, companyId: nil, role: "hots")
            }
            #expect(throws: RecordError.notFound("no event with id 999; see 'filmwg event list'")) {
                _ = try repository.record(eventId: 999, professionalId: s.li, companyId: nil)
            }
            #expect(
                throws: RecordError.notFound(
                    "no professional has the e-mail address nobody@example.cn; see 'filmwg professional list \(field: "search")'"
                )
            ) {
                try References.professionalID("nobody@example.cn", db: s.connection)
            }
            #expect(
                throws: RecordError.notFound(
                    "no company has USCC \(ActivityFixtures.uscc(3)); see 'filmwg company list'")
            ) {
                try References.companyID(ActivityFixtures.uscc(3), db: s.connection)
            }
            #expect(try References.professionalID("LI.NA@example.cn", db: s.connection) == s.li)
            #expect(try References.companyID(String(s.pictures), db: s.connection) == s.pictures)
        }
    }

    @Test func listsFilterByEventProfessionalCompanyAndRole() throws {
        try TestDatabase.with { db in
            let s = try Self.setUp(db)
            let later = try ActivityFixtures.event(s.connection, name: "Workshop", startsAt: "2019-03-01 09:00+08")
            let repository = AttendanceRepository(s.connection)
            _ = try repository.record(eventId: later, professionalId: s.li, companyId: s.pictures, role: "host")
            _ = try repository.record(eventId: s.event, professionalId: s.li, companyId: nil)
            _ = try repository.record(eventId: s.event, professionalId: s.wang, companyId: s.pictures, role: "guest")
            #expect(try repository.list(professionalId: s.li).map(\.eventId) == [s.event, later])
            #expect(
                try repository.list(companyId: s.pictures).map(\.professionalId) == [s.wang, s.li])
            #expect(try repository.list(role: "guest").map(\.professionalId) == [s.wang])
            #expect(try repository.list(limit: 1).count == 1)
        }
    }

    static func write(_ text: String, in folder: URL, name: String = "attendance.csv") throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func anImportIsAllOrNothingAndReportsEveryBadRow() throws {
        try TestDatabase.with { db in
            let s = try Self.setUp(db)
            try withTemporaryDirectory { folder in
                let path = try Self.write(
                    """
                    \u{FEFF}professional_email,company_uscc,role\r
                    li.na@example.cn,\(s.picturesUSCC),speaker\r
                    nobody@example.cn,\(s.postUSCC),\r
                    WANG.WEI@example.cn,\(ActivityFixtures.uscc(3)),guest\r
                    li.na@example.cn,,boss\r

                    """, in: folder)
                var problems: [String] = []
                let before = try ActivityFixtures.rowCounts(s.connection)
                let error = try #require(throws: ImportFailure.self) {
                    try AttendanceImport(s.connection).run(
                        eventId: s.event, file: path,
                        listener: ImportListener(problem: { problems.append($0.description) }))
                }
                #expect(error == ImportFailure(file: path, rowsRead: 4, rowsInvalid: 3, dryRun: false))
                #expect(
                    problems == [
                        "\(path):3: professional_email: no professional has this e-mail; add them first (filmwg professional add or import)",
                        "\(path):4: company_uscc: no company has USCC \(ActivityFixtures.uscc(3)); add it first with filmwg company add",
                        "\(path):5: role: 'boss' is not a role; use one of attendee, speaker, host, guest; did you mean 'host'?",
                        "\(path):5: professional_email: the same professional is already on line 2",
                    ])
                #expect(try ActivityFixtures.rowCounts(s.connection) == before)
            }
        }
    }

    @Test func skipInvalidWritesTheValidRowsAndTheRejectsUnchangedWithAReason() throws {
        try TestDatabase.with { db in
            let s = try Self.setUp(db)
            _ = try AttendanceRepository(s.connection).record(eventId: s.event, professionalId: s.wang, companyId: nil)
            try withTemporaryDirectory { folder in
                let path = try Self.write(
                    """
                    role,professional_email
                    host,li.na@example.cn
                    guest,wang.wei@example.cn
                    "guest, honoured","nobody@example.cn"

                    """, in: folder)
                let rejects = folder.appendingPathComponent("rejects.csv").path
                let dry = try AttendanceImport(s.connection).run(
                    eventId: s.event, file: path, options: .init(skipInvalid: true, rejectsPath: rejects, dryRun: true))
                #expect(
                    dry
                        == ImportReport(
                            file: path, rowsRead: 3, rowsWritten: 0, rowsInvalid: 2, dryRun: true, rejectsPath: nil))
                #expect(!FileManager.default.fileExists(atPath: rejects))
                #expect(try AttendanceRepository(s.connection).list(eventId: s.event).count == 1)
                let summary = try AttendanceImport(s.connection).run(
                    eventId: s.event, file: path, options: .init(skipInvalid: true, rejectsPath: rejects))
                #expect(
                    summary
                        == ImportReport(
                            file: path, rowsRead: 3, rowsWritten: 1, rowsInvalid: 2, dryRun: false, rejectsPath: rejects
                        ))
                let rows = try AttendanceRepository(s.connection).list(eventId: s.event)
                #expect(rows.map(\.professionalId).sorted() == [s.li, s.wang].sorted())
                #expect(rows.first { $0.professionalId == s.li }?.role == "host")
                let text = try String(contentsOfFile: rejects, encoding: .utf8)
                // The rejects file of every import: RFC 4180 with CRLF line ends.
                #expect(
                    text == """
                        role,professional_email,reason\r
                        guest,wang.wei@example.cn,professional_email: this professional is already recorded as attending event \(s.event) (attendance \(rows.first { $0.professionalId == s.wang }!.id))\r
                        "guest, honoured",nobody@example.cn,"role: 'guest, honoured' is not a role; use one of attendee, speaker, host, guest; professional_email: no professional has this e-mail; add them first (filmwg professional add or import)"\r

                        """)
            }
        }
    }

    @Test func aBadHeaderOrBrokenFileIsRefusedWithItsLine() throws {
        try TestDatabase.with { db in
            let s = try Self.setUp(db)
            try withTemporaryDirectory { folder in
                let header = try Self.write(
                    "professional_mail,role\nli.na@example.cn,host\n", in: folder, name: "h.csv")
                #expect(
                    throws: RecordError.invalid(
                        "\(header):1: unknown column 'professional_mail'; did you mean 'professional_email'?; the columns are professional_email,company_uscc,role"
                    )
                ) {
                    try AttendanceImport(s.connection).run(eventId: s.event, file: header)
                }
                let missing = try Self.write("role\nhost\n", in: folder, name: "m.csv")
                #expect(
                    throws: RecordError.invalid(
                        "\(missing):1: the header has no 'professional_email' column, which is required")
                ) {
                    try AttendanceImport(s.connection).run(eventId: s.event, file: missing)
                }
                let broken = try Self.write("professional_email\n\"li.na@example.cn\n", in: folder, name: "b.csv")
                #expect(
                    throws: RecordError.invalid(
                        "\(broken):2: a quoted field is not closed before the end of the file; nothing was imported")
                ) {
                    try AttendanceImport(s.connection).run(eventId: s.event, file: broken)
                }
                let empty = try Self.write("", in: folder, name: "e.csv")
                #expect(
                    throws: RecordError.invalid(
                        "\(empty) is empty; its first line must be the header professional_email,company_uscc,role")
                ) {
                    try AttendanceImport(s.connection).run(eventId: s.event, file: empty)
                }
            }
        }
    }

    /// Many rows go through COPY and set-based checks; the writes are one INSERT … SELECT,
    /// and every row still leaves its audit row.
    @Test func aLargeImportResolvesEveryRowInTheDatabase() throws {
        try TestDatabase.with { db in
            let s = try Self.setUp(db)
            let count = 5000
            try s.connection.execute(
                """
                INSERT INTO filmwg.professionals (full_name, email)
                SELECT 'P' || n, 'p' || n || '@example.cn' FROM generate_series(1, \(count)) n
                """)
            try withTemporaryDirectory { folder in
                var text = "professional_email,company_uscc,role\n"
                for n in 1...count { text += "p\(n)@example.cn,\(n % 2 == 0 ? s.picturesUSCC : ""),\n" }
                let path = try Self.write(text, in: folder)
                let summary = try AttendanceImport(s.connection).run(eventId: s.event, file: path)
                #expect(
                    summary
                        == ImportReport(
                            file: path, rowsRead: count, rowsWritten: count, rowsInvalid: 0, dryRun: false,
                            rejectsPath: nil))
                let (rows, companies, audits) = try s.connection.query(
                    """
                    SELECT count(*)::integer, count(company_id)::integer,
                           (SELECT count(*)::integer FROM filmwg.audit_log WHERE table_name = 'attendance' AND actor = 'importer')
                      FROM filmwg.attendance WHERE event_id = \(s.event)
                    """
                ).one().decode((Int, Int, Int).self)
                #expect(rows == count && companies == count / 2 && audits == count)
            }
        }
    }
}
