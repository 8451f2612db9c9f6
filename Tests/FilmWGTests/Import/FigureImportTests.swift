import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// `figure import`: the header of DESIGN §12, every bad field as FILE:LINE: column: reason,
/// all or nothing, and a row replacing its company's year.
@Suite struct FigureImportTests {
    static func run(_ db: Connection, _ csv: String) throws -> (
        report: ImportReport?, error: (any Error)?, problems: [String]
    ) {
        let path = FileManager.default.temporaryDirectory.appending(path: "figures-\(UUID().uuidString).csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let problems = Locked<[String]>([])
        let listener = ImportListener(problem: { problem in
            problems.update { $0.append(problem.description.replacingOccurrences(of: path, with: "figures.csv")) }
        })
        do {
            return (try FigureImport(db).run(file: path, listener: listener), nil, problems.value)
        } catch {
            return (nil, error, problems.value)
        }
    }

    static let header =
        "company_uscc,year,rent_paid,rented_area_m2,fiscal_contribution,revenue,investment,renovation_cost,renovated_area_m2\n"

    @Test func importsAllOrNothingAndNamesEveryBadField() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let uscc = EligibilityFixture.uscc("91110116MA00YQ001")
            try EligibilityFixture.company(db, name: "Studio", uscc: uscc)
            let unknown = EligibilityFixture.uscc("91110116MA00YQ002")
            let nextYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
            let bad = try Self.run(
                db,
                Self.header + """
                    \(uscc),2017,100.00,50,,,,,
                    \(unknown),2017,1,1,1,1,1,1,1
                    \(uscc),1989,1,1,1,1,1,1,1
                    \(uscc),\(nextYear + 1),1,1,1,1,1,1,1
                    \(uscc),2018,-5,abc,1.234,,,,
                    \(uscc),2017,1,,,,,,

                    """)
            #expect(bad.error is ImportFailure)
            #expect(
                bad.problems == [
                    "figures.csv:3: company_uscc: no company has USCC \(unknown); add it first with filmwg company add",
                    "figures.csv:4: year: 1989 is outside 1990..\(nextYear)",
                    "figures.csv:5: year: \(nextYear + 1) is outside 1990..\(nextYear)",
                    "figures.csv:6: rent_paid: must be 0 or more, not -5",
                    "figures.csv:6: rented_area_m2: 'abc' is not a plain decimal amount such as 5000000.00",
                    "figures.csv:6: fiscal_contribution: 1.234 has more than 2 decimals",
                    "figures.csv:7: year: company \(uscc) already has figures for 2017 on line 2",
                ])
            #expect(try db.query("SELECT count(*) FROM filmwg.company_figures").one().decode(Int.self, at: 0) == 0)

            let good = try Self.run(db, Self.header + "\(uscc),2017,100.00,50,,,,,\n\(uscc),2018,200,,,,,,\n")
            #expect(good.report?.rowsWritten == 2, "\(good)")
            // A row replaces its company's year; an empty cell is unknown.
            _ = try Self.run(db, "company_uscc,year,rent_paid\n\(uscc),2017,150\n")
            let figures = try FigureRepository(db).list(year: 2017)
            #expect(figures.count == 1 && figures[0].values == ["rent_paid": 150] && figures[0].rowVersion == 2)
            #expect(try FigureRepository(db).list().map(\.year) == [2017, 2018])
            let facts = try db.query(
                "SELECT rent_paid_last_year::text, rented_area_m2_last_year FROM filmwg.company_facts('2018-12-31')"
            ).one().decode((String?, Decimal?).self)
            #expect(facts.0 == "150.00" && facts.1 == nil)
        }
    }
}
