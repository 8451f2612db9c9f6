import Foundation
import Postgres
import TestSupport
import Testing

@testable import FilmWG

/// The company import leaves out the checks that cannot find anything in what was staged (the
/// name checks without a row lacking a USCC, the USCC checks without a row that has one) and the
/// count of invalid rows when no row was marked. These files sit on the edges of those choices:
/// each has exactly one invalid row that only a set-based check finds.
@Suite struct ImportCheckSelectionTests {
    static func outcome(_ text: String, existing: [CompanyInput]) throws -> (
        report: ImportReport?, error: (any Error)?, problems: [String], companies: Int
    ) {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                for input in existing { _ = try CompanyRepository(connection).create(input) }
                let file = folder.appendingPathComponent("c.csv")
                try ImportTests.write(text, to: file)
                let run = ImportTests.run { try CompanyImport(connection).run(file: file.path, listener: $0) }
                return (
                    run.report, run.error, run.problems.map { $0.replacingOccurrences(of: file.path, with: "F") },
                    try ImportTests.count(connection, "companies")
                )
            }
        }
    }

    @Test func oneRowWithoutUSCCAmongManyWithStillMeetsTheNameCheck() throws {
        let rows = (1...50).map { "\(USCCFixture.make($0)),Company \($0)" }
        let text = (["uscc,name"] + rows + [",Yanqi Lake Pictures"]).joined(separator: "\n") + "\n"
        let run = try Self.outcome(text, existing: [CompanyInput(name: "Yanqi Lake Pictures Co., Ltd.")])
        #expect(
            run.problems == [
                "F:52: name: probable duplicate of company 1 (Yanqi Lake Pictures Co., Ltd.); give its uscc, or merge later with company merge"
            ])
        #expect((run.error as? ImportFailure)?.rowsInvalid == 1)
        #expect(run.companies == 1)
    }

    @Test func aFileWithoutUSCCColumnStillMeetsTheNameChecks() throws {
        let text = "name\nAlpha Films\nBeta Films\nalpha films ltd.\n"
        let run = try Self.outcome(text, existing: [])
        #expect(run.problems == ["F:4: name: probable duplicate of line 2 of this file"])
        #expect((run.error as? ImportFailure)?.rowsInvalid == 1)
        #expect(run.companies == 0)
    }

    @Test func aFileWhereEveryRowHasAUSCCStillMeetsTheUSCCChecks() throws {
        let taken = USCCFixture.make(900)
        let rows = (1...50).map { "\(USCCFixture.make($0)),Company \($0)" }
        let text =
            (["uscc,name"] + rows + ["\(USCCFixture.make(7)),Again", "\(taken),Taken"]).joined(separator: "\n") + "\n"
        let run = try Self.outcome(text, existing: [CompanyInput(uscc: taken, name: "Holder")])
        #expect(
            run.problems == [
                "F:52: uscc: \(USCCFixture.make(7)) appears again in this file; first on line 8",
                "F:53: uscc: \(taken) already belongs to company 1 (Holder)",
            ])
        #expect((run.error as? ImportFailure)?.rowsInvalid == 2)
        #expect(run.companies == 1)
    }

    @Test func aCleanFileReportsNoInvalidRowsAndWritesEveryRow() throws {
        let rows = (1...50).map { "\(USCCFixture.make($0)),Company \($0)" } + [",Without Code"]
        let run = try Self.outcome((["uscc,name"] + rows).joined(separator: "\n") + "\n", existing: [])
        #expect(run.error == nil)
        #expect(run.report?.rowsInvalid == 0)
        #expect(run.report?.rowsWritten == 51)
        #expect(run.companies == 51)
    }

    @Test func theChecksLeftOutAreExactlyThoseThatCannotFindAnything() {
        let schema = CompanySchema()
        let all = schema.checks().map(\.sql)
        let names = all.filter { $0.contains("probable duplicate") }
        let codes = all.filter { !$0.contains("probable duplicate") }
        #expect(names.count == 2)
        func chosen(rows: Int, withoutUSCC: Int) -> [String] {
            schema.checks(for: StagedSummary(rows: rows, nulls: ["uscc": withoutUSCC])).map(\.sql)
        }
        #expect(chosen(rows: 10, withoutUSCC: 1) == all)
        #expect(chosen(rows: 10, withoutUSCC: 9) == all)
        #expect(chosen(rows: 10, withoutUSCC: 0) == codes)
        #expect(chosen(rows: 10, withoutUSCC: 10) == names)
        // A header without the column: every row lacks it.
        #expect(schema.checks(for: StagedSummary(rows: 3)).map(\.sql) == names)
    }
}
