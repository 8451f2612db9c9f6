import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct WorkImportTests {
    static let header = "title,title_zh,kind,released_on,licence_no,first_producer_uscc,co_producer_usccs"

    static func run(_ connection: Connection, _ path: String, _ options: ImportOptions = ImportOptions())
        -> (report: ImportReport?, error: (any Error)?, problems: [String])
    {
        let problems = Locked<[String]>([])
        let listener = ImportListener(problem: { problem in problems.update { $0.append(problem.description) } })
        do {
            return (
                try WorkImport(connection).run(file: path, options: options, listener: listener), nil, problems.value
            )
        } catch {
            return (nil, error, problems.value)
        }
    }

    static func count(_ connection: Connection, _ table: String) throws -> Int {
        try connection.query("SELECT count(*) FROM \(identifier: "filmwg").\(identifier: table)").one().decode(
            Int.self, at: 0)
    }

    @Test func everyBadRowIsNamedAndNothingIsWrittenUnlessSkipInvalid() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let companies = CompanyRepository(connection)
                let a = USCCFixture.make(1), b = USCCFixture.make(2), c = USCCFixture.make(3), z = USCCFixture.make(9)
                for (n, code) in [a, b, c].enumerated() {
                    try companies.create(CompanyInput(uscc: code, name: "Studio \(n + 1)"))
                }
                _ = try companies.archive(id: 3, expectVersion: 1)
                try WorkRepository(connection).create(
                    WorkInput(
                        title: "Old", kind: .film, releasedOn: CalendarDate(iso: "2020-01-01"), licenceNo: "L-0",
                        firstProducer: a))
                let file = folder.appendingPathComponent("works.csv")
                try [
                    Self.header,
                    "Lake Light,湖光,film,2024-07-12,L-1,\(a),\(b)",  // 2 valid
                    "Two,,series,2024-02-30,,\(a),",  // 3 day that does not exist
                    "Three,,film,2024-01-01,,\(z),",  // 4 unknown first producer
                    "Four,,film,2024-01-01,,\(c),",  // 5 archived first producer
                    "Five,,film,2024-01-01,,\(a),\(b); \(b)",  // 6 co-producer twice
                    "Six,,film,2024-01-01,,\(a),\(b);\(a)",  // 7 co-producer = first producer
                    "Seven,,film,2024-01-01,L-0,\(a),",  // 8 licence already recorded
                    "Eight,,film,2024-01-01,L-1,\(b),",  // 9 licence again in the file
                    "Nine,,movie,2024-01-01,,\(b),\(z);\(c)",  // 10 kind, unknown and archived co-producers
                    "\"Ten, with a comma\",十,animation,2024-03-01,,\(b),\(a)",  // 11 valid
                ].joined(separator: "\r\n").appending("\r\n").write(to: file, atomically: true, encoding: .utf8)
                let failed = Self.run(connection, file.path)
                let failure = try #require(failed.error as? ImportFailure)
                #expect(failure.rowsInvalid == 8 && failure.rowsRead == 10)
                let p = file.path
                #expect(
                    failed.problems == [
                        "\(p):3: released_on: 2024-02-30 is not a day of the calendar: February 2024 has 29 days",
                        "\(p):4: first_producer_uscc: no company has USCC \(z); add it first with filmwg company add",
                        "\(p):5: first_producer_uscc: company \(c) is archived; an archived company cannot be credited on a work",
                        "\(p):6: co_producer_usccs: \(b) is named twice; name each co-producer once",
                        "\(p):7: co_producer_usccs: \(a) is the first producer; a company is either the first producer or a co-producer",
                        "\(p):8: licence_no: L-0 is already recorded for work 1 (Old)",
                        "\(p):9: licence_no: L-1 appears again in this file; first on line 2",
                        "\(p):10: kind: 'movie' is not a kind of work; use one of film, online_film, series, documentary, animation",
                        "\(p):10: co_producer_usccs: no company has USCC \(z); add it first with filmwg company add",
                        "\(p):10: co_producer_usccs: company \(c) is archived; an archived company cannot be credited on a work",
                    ])
                #expect(try Self.count(connection, "works") == 1)
                #expect(try Self.count(connection, "work_co_producers") == 0)

                let rejects = folder.appendingPathComponent("rejects.csv")
                let skipped = Self.run(
                    connection, file.path, ImportOptions(skipInvalid: true, rejectsPath: rejects.path))
                let report = try #require(skipped.report, "\(String(describing: skipped.error))")
                #expect(report.rowsWritten == 2 && report.rowsInvalid == 8)
                let written = try WorkRepository(connection).list()
                #expect(written.map(\.title) == ["Old", "Ten, with a comma", "Lake Light"])
                #expect(written[2].coProducers.map(\.uscc) == [b])
                #expect(written[1].coProducers.map(\.uscc) == [a] && written[1].firstProducer.uscc == b)
                let rejected = try String(contentsOf: rejects, encoding: .utf8).split(separator: "\r\n")
                #expect(rejected.count == 9)
                #expect(rejected[0] == Substring(Self.header + ",reason"))
                // Audited like every insert.
                #expect(
                    try connection.query(
                        """
                        SELECT count(*) FROM filmwg.audit_log WHERE table_name IN ('works', 'work_co_producers')
                        """
                    ).one().decode(Int.self, at: 0) == 5)
            }
        }
    }

    @Test func anOnlineFilmWithACoProducerImports() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let a = USCCFixture.make(1), b = USCCFixture.make(2)
                try CompanyRepository(connection).create(CompanyInput(uscc: a, name: "Studio 1"))
                try CompanyRepository(connection).create(CompanyInput(uscc: b, name: "Studio 2"))
                let file = folder.appendingPathComponent("works.csv")
                try "\(Self.header)\nLake Light,湖光,online_film,2024-07-12,,\(a),\(b)\n"
                    .write(to: file, atomically: true, encoding: .utf8)
                let result = Self.run(connection, file.path)
                #expect(result.report?.rowsWritten == 1, "\(result.problems)")
                #expect(try WorkRepository(connection).list().first?.kind == .onlineFilm)
            }
        }
    }
}
