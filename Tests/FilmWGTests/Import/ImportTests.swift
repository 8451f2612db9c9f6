import Foundation
import Postgres
import TestSupport
import Testing

@testable import FilmWG

@Suite struct ImportTests {
    static let companyHeader =
        "uscc,name,name_zh,kind,district,registered_in_zone,zone_registered_on,registered_capital,founded_on,employees"

    static func write(_ text: String, bom: Bool = false, to url: URL) throws {
        try Data((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)).write(to: url)
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

    static func count(_ db: Connection, _ table: String) throws -> Int {
        try db.query("SELECT count(*) FROM \(identifier: "filmwg").\(identifier: table)").one().decode(Int.self, at: 0)
    }

    @Test func aFileWithBOMCRLFQuotedCommasNewlinesAndChineseImportsExactly() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect(actor: "importer")
                let file = folder.appendingPathComponent("companies.csv")
                let a = USCCFixture.make(1), b = USCCFixture.make(2), c = USCCFixture.make(3)
                let text =
                    [
                        Self.companyHeader,
                        "\(a),\"Beijing Films, Ltd.\",北京电影制片厂,production,怀柔区,true,2017-05-01,5000000.00,1949-04-01,1200",
                        "\(b),\"Two\r\nLines \"\"quoted\"\"\",\"中国, 互联网\",internet_platform,,false,,0,,0",
                        "\(c),Plain,,,,,,,,",
                    ].joined(separator: "\r\n") + "\r\n"
                try Self.write(text, bom: true, to: file)
                let report = try CompanyImport(connection).run(file: file.path)
                #expect(
                    report
                        == ImportReport(
                            file: file.path, rowsRead: 3, rowsWritten: 3, rowsInvalid: 0, dryRun: false,
                            rejectsPath: nil))
                let companies = CompanyRepository(connection)
                let first = try companies.find(.uscc(a))
                #expect(
                    first.input
                        == CompanyInput(
                            uscc: a, name: "Beijing Films, Ltd.", nameZh: "北京电影制片厂", kind: .production, district: "怀柔区",
                            registeredInZone: true, zoneRegisteredOn: CalendarDate(iso: "2017-05-01"),
                            registeredCapital: Decimal(string: "5000000.00"),
                            foundedOn: CalendarDate(iso: "1949-04-01"), employees: 1200))
                let second = try companies.find(.uscc(b))
                #expect(second.name == "Two\r\nLines \"quoted\"")
                #expect(second.nameZh == "中国, 互联网")
                #expect(second.kind == .internetPlatform)
                #expect(second.registeredCapital == 0)
                #expect(second.employees == 0)
                let third = try companies.find(.uscc(c))
                #expect(third.input == CompanyInput(uscc: c, name: "Plain"))
                // One audit row per company, with the actor.
                let audit = try connection.query(
                    """
                    SELECT count(*), bool_and(actor = 'importer') FROM filmwg.audit_log WHERE table_name = 'companies' AND action = 'insert'
                    """
                ).one().decode((Int, Bool).self)
                #expect(audit.0 == 3)
                #expect(audit.1)
            }
        }
    }

    static func badCompanyFile(existing: String) -> (text: String, problems: [String]) {
        let good = USCCFixture.make(10)
        let rows = [
            Self.companyHeader,
            "\(good),Good One,,,,,,,,",  // 2
            "91110116ABC,Short Code,,,,,,,,",  // 3
            "\(USCCFixture.wrongCheck(USCCFixture.make(11))),Wrong Check,,,,,,,,",  // 4
            "\(USCCFixture.make(12)),,,studio,,maybe,2017-13-01,5000000.001,,-4",  // 5
            "\(good),Duplicate In File,,,,,,,,",  // 6
            "\(existing),Already There,,,,,,,,",  // 7
            "\(USCCFixture.make(13)),\"Multi\nline\",,,,false,2017-05-01,,,",  // 8-9
            "\(USCCFixture.make(14)),Too,Many,Fields,,,,,,,,",  // 10
            "\(USCCFixture.make(15)),Too Few",  // 11
            "\(USCCFixture.make(16)),Fine Again,,,,,,1e6,,",  // 12
        ]
        let wrong = USCCFixture.wrongCheck(USCCFixture.make(11))
        let problems = [
            "F:3: uscc: has 11 characters, a USCC has 18",
            "F:4: uscc: \(USCC.problem(wrong)!)",
            "F:5: kind: 'studio' is not a kind of company; use one of internet_platform, production, distribution, post_production, technology, investment, other",
            "F:5: registered_in_zone: 'maybe' is not a boolean; write true or false",
            "F:5: zone_registered_on: 2017-13-01 is not a day of the calendar: there is no month 13",
            "F:5: registered_capital: 5000000.001 has more than 2 decimals",
            "F:5: employees: must be 0 or more, not -4",
            "F:5: name: is required and must not be blank",
            "F:6: uscc: \(good) appears again in this file; first on line 2",
            "F:7: uscc: \(existing) already belongs to company 1 (Existing)",
            "F:8: zone_registered_on: only a company registered in the zone has a zone registration day; set registered_in_zone to true or leave the day out",
            "F:10: row: the line has 12 fields, the header only 10",
            "F:10: kind: 'Fields' is not a kind of company; use one of internet_platform, production, distribution, post_production, technology, investment, other",
            "F:11: name_zh: missing: the line has 2 fields, the header 10",
            "F:12: registered_capital: '1e6' is not a plain decimal amount such as 5000000.00",
        ]
        return (rows.joined(separator: "\n") + "\n", problems)
    }

    @Test func aFileWithBadRowsWritesNothingAndNamesEveryBadLine() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let existing = USCCFixture.make(99)
                try CompanyRepository(connection).create(CompanyInput(uscc: existing, name: "Existing"))
                let auditBefore = try Self.count(connection, "audit_log")
                let file = folder.appendingPathComponent("bad.csv")
                let (text, expected) = Self.badCompanyFile(existing: existing)
                try Self.write(text, to: file)
                let outcome = Self.run { try CompanyImport(connection).run(file: file.path, listener: $0) }
                #expect(outcome.report == nil)
                #expect(
                    outcome.error as? ImportFailure
                        == ImportFailure(file: file.path, rowsRead: 10, rowsInvalid: 9, dryRun: false))
                #expect(outcome.problems == expected.map { $0.replacingOccurrences(of: "F:", with: file.path + ":") })
                #expect(try Self.count(connection, "companies") == 1)
                #expect(try Self.count(connection, "audit_log") == auditBefore)
            }
        }
    }

    @Test func skipInvalidWritesTheValidRowsAndTheRejectsFileHoldsExactlyTheBadRows() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let existing = USCCFixture.make(99)
                try CompanyRepository(connection).create(CompanyInput(uscc: existing, name: "Existing"))
                let file = folder.appendingPathComponent("bad.csv")
                let rejects = folder.appendingPathComponent("rejects.csv")
                let (text, expected) = Self.badCompanyFile(existing: existing)
                try Self.write(text, to: file)
                let report = try CompanyImport(connection).run(
                    file: file.path, options: ImportOptions(skipInvalid: true, rejectsPath: rejects.path))
                #expect(report.rowsWritten == 1)
                #expect(report.rowsInvalid == 9)
                #expect(report.rejectsPath == rejects.path)
                #expect(try CompanyRepository(connection).list().map(\.name) == ["Existing", "Good One"])

                // The rejects: the header plus reason, then each bad row unchanged plus its reasons.
                let source = try CSVReader(path: file.path)
                var original: [Int: [String]] = [:]
                while let record = try source.next() { original[record.line] = record.fields }
                let reader = try CSVReader(path: rejects.path)
                let header = try #require(try reader.next())
                #expect(header.fields == Self.companyHeader.split(separator: ",").map(String.init) + ["reason"])
                var rows: [[String]] = []
                while let record = try reader.next() { rows.append(record.fields) }
                let badLines = [3, 4, 5, 6, 7, 8, 10, 11, 12]
                #expect(rows.count == badLines.count)
                for (line, row) in zip(badLines, rows) {
                    #expect(Array(row.dropLast()) == original[line]!, "line \(line)")
                    let reasons = expected.filter { $0.hasPrefix("F:\(line):") }
                        .map { String($0.dropFirst("F:\(line): ".count)) }.joined(separator: "; ")
                    #expect(row.last == reasons, "line \(line)")
                }
                let raw = try String(contentsOf: rejects, encoding: .utf8)
                #expect(raw.hasSuffix("\r\n"))
                #expect(raw.contains("\"Multi\nline\""))
            }
        }
    }

    @Test func aDryRunChecksAgainstTheDatabaseAndWritesNothing() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let file = folder.appendingPathComponent("ok.csv")
                try Self.write(
                    Self.companyHeader + "\n\(USCCFixture.make(1)),One,,,,,,,,\n\(USCCFixture.make(2)),Two,,,,,,,,\n",
                    to: file)
                let report = try CompanyImport(connection).run(file: file.path, options: ImportOptions(dryRun: true))
                #expect(
                    report
                        == ImportReport(
                            file: file.path, rowsRead: 2, rowsWritten: 0, rowsInvalid: 0, dryRun: true, rejectsPath: nil
                        ))
                #expect(try Self.count(connection, "companies") == 0)
                try CompanyRepository(connection).create(CompanyInput(uscc: USCCFixture.make(2), name: "Two"))
                let outcome = Self.run {
                    try CompanyImport(connection).run(
                        file: file.path, options: ImportOptions(dryRun: true), listener: $0)
                }
                #expect((outcome.error as? ImportFailure)?.dryRun == true)
                #expect(
                    outcome.problems == [
                        "\(file.path):3: uscc: \(USCCFixture.make(2)) already belongs to company 1 (Two)"
                    ])
                #expect(try Self.count(connection, "companies") == 1)
            }
        }
    }

    @Test func headerProblemsAndBrokenFilesAreOneSentence() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let importer = CompanyImport(connection)
                func attempt(_ text: String) -> (any Error)? {
                    let file = folder.appendingPathComponent("f.csv")
                    try? Self.write(text, to: file)
                    do { _ = try importer.run(file: file.path) } catch { return error }
                    return nil
                }
                let path = folder.appendingPathComponent("f.csv").path
                #expect(
                    attempt("uscc,nmae\n") as? RecordError
                        == RecordError.invalid(
                            "\(path):1: unknown column 'nmae'; did you mean 'name'?; the columns are \(Self.companyHeader),uscc_override_reason"
                        ))
                #expect(
                    attempt("uscc,kind\n") as? RecordError
                        == RecordError.invalid(
                            "\(path):1: the header has no 'name' column, which is required"))
                #expect(
                    attempt("") as? RecordError
                        == RecordError.invalid(
                            "\(path) is empty; its first line must be the header \(Self.companyHeader),uscc_override_reason"
                        ))
                #expect(
                    attempt("name\nok\n\"open quote\n") as? RecordError
                        == RecordError.invalid(
                            "\(path):3: a quoted field is not closed before the end of the file; nothing was imported"))
                #expect(try Self.count(connection, "companies") == 0)
                #expect(throws: CSVFileError.missing(folder.appendingPathComponent("none.csv").path)) {
                    try importer.run(file: folder.appendingPathComponent("none.csv").path)
                }
            }
        }
    }

    @Test func professionalsImportWithEmploymentsUnderTheAdminRole() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect(actor: "hr")
                let studio = try CompanyRepository(connection).create(
                    CompanyInput(uscc: USCCFixture.make(1), name: "Studio"))
                try ProfessionalRepository(connection).create(
                    ProfessionalInput(fullName: "Existing", email: "taken@example.org"))
                try connection.execute("SET ROLE filmwg_admin")
                let file = folder.appendingPathComponent("people.csv")
                try Self.write(
                    """
                    full_name,latin_name,title,email,phone,specialties,company_uscc,employed_from,employed_to
                    席伟航,Xi Weihang,Head,xi@example.org,,production; distribution,\(USCCFixture.make(1)),2017-05-20,
                    "Shi, Xiansheng",,,,,,,,
                    李雷,Li Lei,,li@example.org,+86 10 1,vfx,\(USCCFixture.make(1)),2018-01-01,2019-01-01

                    """, to: file)
                let report = try ProfessionalImport(connection).run(file: file.path)
                #expect(report.rowsWritten == 3)
                let people = ProfessionalRepository(connection)
                let xi = try people.find(.email("XI@example.org"))
                #expect(
                    xi.input
                        == ProfessionalInput(
                            fullName: "席伟航", latinName: "Xi Weihang", title: "Head", email: "xi@example.org",
                            specialties: ["production", "distribution"]))
                #expect(xi.employments.map(\.companyId) == [studio.id])
                #expect(xi.employments.first?.employedFrom == CalendarDate(iso: "2017-05-20"))
                #expect(xi.employments.first?.employedTo == nil)
                #expect(xi.employments.first?.title == "Head")
                let li = try people.find(.email("li@example.org"))
                #expect(li.employments.first?.employedTo == CalendarDate(iso: "2019-01-01"))
                #expect(try people.list(search: "Shi").first?.fullName == "Shi, Xiansheng")
                #expect(try people.list(search: "Shi").first?.employments.isEmpty == true)
                // Ids came from the identity sequence: the next plain insert does not collide.
                let next = try people.create(ProfessionalInput(fullName: "After"))
                #expect(next.id > li.id)

                let bad = folder.appendingPathComponent("bad.csv")
                try Self.write(
                    """
                    full_name,email,company_uscc,employed_from,employed_to
                    A,Taken@Example.org,,,
                    B,b@example.org,\(USCCFixture.make(2)),,
                    C,B@EXAMPLE.ORG,,2017-01-01,
                    D,not-an-address,\(USCCFixture.make(1)),2018-01-01,2017-01-01
                    ,e@example.org,,,

                    """, to: bad)
                let outcome = Self.run { try ProfessionalImport(connection).run(file: bad.path, listener: $0) }
                #expect(outcome.error is ImportFailure)
                let p = bad.path
                #expect(
                    outcome.problems == [
                        "\(p):2: email: Taken@Example.org already belongs to professional 1",
                        "\(p):3: company_uscc: no company has USCC \(USCCFixture.make(2)); add it first with filmwg company add",
                        "\(p):4: company_uscc: employed_from and employed_to need the company_uscc of the employer",
                        "\(p):4: email: B@EXAMPLE.ORG appears again in this file; first on line 3",
                        "\(p):5: email: 'not-an-address' is not an e-mail address (local@domain)",
                        "\(p):5: employed_to: 2017-01-01 must be after employed_from 2018-01-01 (the last day employed is the day before)",
                        "\(p):6: full_name: is required and must not be blank",
                    ])
                #expect(try Self.count(connection, "professionals") == 5)
            }
        }
    }

    @Test func membershipsImportHalfOpenPeriodsAndRefuseOverlaps() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let companies = CompanyRepository(connection)
                let a = try companies.create(CompanyInput(uscc: USCCFixture.make(1), name: "A"))
                let b = try companies.create(CompanyInput(uscc: USCCFixture.make(2), name: "B"))
                let c = try companies.create(CompanyInput(uscc: USCCFixture.make(3), name: "C"))
                try companies.archive(id: c.id, expectVersion: 1)
                try MembershipRepository(connection).join(b, tier: .member, from: CalendarDate(iso: "2019-01-01")!)
                let ua = a.uscc!, ub = b.uscc!, uc = c.uscc!, unknown = USCCFixture.make(4)
                let bad = folder.appendingPathComponent("bad.csv")
                try Self.write(
                    """
                    company_uscc,tier,joined_on,left_on
                    \(ua),initiating,2017-05-20,2020-01-01
                    \(ua),member,2019-06-01,
                    \(ub),observer,2018-01-01,2019-01-02
                    \(uc),member,2018-01-01,
                    \(unknown),member,2018-01-01,
                    \(ua),gold,,2017-01-01
                    \(ua),member,2021-01-01,2021-01-01

                    """, to: bad)
                let outcome = Self.run { try MembershipImport(connection).run(file: bad.path, listener: $0) }
                #expect(outcome.error is ImportFailure)
                let p = bad.path
                #expect(
                    outcome.problems == [
                        "\(p):3: joined_on: the period overlaps the one on line 2 for the same company",
                        "\(p):4: joined_on: the period overlaps the existing member membership of company \(ub) from 2019-01-01, still open",
                        "\(p):5: company_uscc: company \(uc) is archived; an archived company cannot join",
                        "\(p):6: company_uscc: no company has USCC \(unknown); add it first with filmwg company add",
                        "\(p):7: tier: 'gold' is not a tier; use one of initiating, member, observer",
                        "\(p):7: joined_on: is required",
                        "\(p):8: left_on: 2021-01-01 must be after joined_on 2021-01-01 (the last day as a member is the day before)",
                    ])
                #expect(try Self.count(connection, "memberships") == 1)

                let good = folder.appendingPathComponent("good.csv")
                try Self.write(
                    """
                    company_uscc,tier,joined_on,left_on
                    \(ua),initiating,2017-05-20,2020-01-01
                    \(ua),member,2020-01-01,
                    \(ub),observer,2018-01-01,2019-01-01

                    """, to: good)
                #expect(try MembershipImport(connection).run(file: good.path).rowsWritten == 3)
                let memberships = MembershipRepository(connection)
                #expect(try memberships.history(companyID: a.id).map(\.tier) == [.initiating, .member])
                #expect(
                    try memberships.members(asOf: CalendarDate(iso: "2019-12-31")).map(\.tier) == [
                        .initiating, .member,
                    ])
                #expect(
                    try memberships.members(asOf: CalendarDate(iso: "2018-12-31")).map(\.companyName) == ["A", "B"])
            }
        }
    }

    @Test func aKeyWrittenBySomeoneElseDuringTheImportIsAConflictAndNothingIsWritten() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let other = try db.connect(actor: "other")
                let watcher = try db.connect()
                let code = USCCFixture.make(7)
                let file = folder.appendingPathComponent("c.csv")
                try Self.write("name,uscc\nFirst,\(USCCFixture.make(6))\nSecond,\(code)\n", to: file)
                // The other admin's row is not committed yet, so the import's checks cannot see it.
                try other.execute("BEGIN")
                try other.execute("INSERT INTO filmwg.companies (uscc, name) VALUES (\(code), 'Other')")
                let outcome = Locked<Result<ImportReport, any Error>?>(nil)
                let pid = Locked<Int32?>(nil)
                let done = DispatchSemaphore(value: 0)
                Thread.detachNewThread {
                    let result = Result {
                        let importer = try db.connect(actor: "importer")
                        pid.update { $0 = importer.backendPID }
                        return try CompanyImport(importer).run(file: file.path)
                    }
                    outcome.update { $0 = result }
                    done.signal()
                }
                // Wait until the import waits on the other admin's row, then let that commit.
                while true {
                    if let pid = pid.value, outcome.value == nil,
                        try !watcher.query(
                            """
                            SELECT 1 FROM pg_stat_activity WHERE pid = \(Int(pid)) AND wait_event_type = 'Lock'
                            """
                        ).isEmpty
                    {
                        break
                    }
                    if outcome.value != nil { break }
                    usleep(20_000)
                }
                try other.execute("COMMIT")
                done.wait()
                let result = try #require(outcome.value)
                #expect(throws: RecordError.self) { try result.get() }
                if case .failure(let error as RecordError) = result {
                    #expect(error.category == .conflict)
                    #expect(error.sentence.contains("companies_uscc_key"))
                }
                #expect(
                    try watcher.query("SELECT name FROM filmwg.companies").map { try $0.decode(String.self, at: 0) }
                        == ["Other"])
            }
        }
    }

    @Test func theRejectsFileMayNotBeTheFileBeingImported() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let file = folder.appendingPathComponent("c.csv")
                try Self.write("name\nA\n", to: file)
                let same = folder.appendingPathComponent("./c.csv").path
                #expect(
                    throws: RecordError.invalid(
                        "the rejects file \(same) is the file being imported; name another file for \(field: "rejects")"
                    )
                ) {
                    try CompanyImport(try db.connect()).run(
                        file: file.path, options: ImportOptions(skipInvalid: true, rejectsPath: same))
                }
                #expect(try String(contentsOf: file, encoding: .utf8) == "name\nA\n")
            }
        }
    }
}
