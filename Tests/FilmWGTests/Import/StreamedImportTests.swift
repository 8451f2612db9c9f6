import Foundation
import Postgres
import TestSupport
import Testing

@testable import FilmWG

/// The import reads and validates on a thread of its own while the COPY runs (`StagedRows`),
/// with amounts and white space parsed byte-wise: the same rows, lines, problems and messages
/// as when it did all in order, however many batches the file fills.
@Suite struct StreamedImportTests {
    /// More rows than the batches that may wait between the reading thread and the COPY hold.
    static let goodRows = StagedRows<CompanySchema>.depth * StagedRows<CompanySchema>.batchRows * 2 + 123

    /// A file of `goodRows` valid companies, then the bad rows of `ImportTests.badCompanyFile`;
    /// its problems with their lines moved past the good rows.
    static func bigFile(existing: String) -> (text: String, problems: [String]) {
        let (bad, problems) = ImportTests.badCompanyFile(existing: existing)
        var lines = bad.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.removeFirst()
        let good = (0..<goodRows).map { "\(USCCFixture.make(100_000 + $0)),Company \($0),公司\($0),,,,,12.5,," }
        let shift = goodRows
        let moved = problems.map { problem -> String in
            var text = problem
            // "F:LINE: …" and "first on line LINE".
            if let colon = text.dropFirst(2).firstIndex(of: ":"),
                let line = Int(text[text.index(text.startIndex, offsetBy: 2)..<colon])
            {
                text = "F:\(line + shift)" + text[colon...]
            }
            if let range = text.range(of: "first on line "), let line = Int(text[range.upperBound...]) {
                text = text[..<range.upperBound] + String(line + shift)
            }
            return text
        }
        return (([header] + good + lines).joined(separator: "\n"), moved)
    }

    @Test func aFileOfManyBatchesNamesTheSameProblemsOnTheSameLinesAndWritesNothing() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let existing = USCCFixture.make(99)
                try CompanyRepository(connection).create(CompanyInput(uscc: existing, name: "Existing"))
                let file = folder.appendingPathComponent("big.csv")
                let (text, expected) = Self.bigFile(existing: existing)
                try ImportTests.write(text, to: file)
                let outcome = ImportTests.run { try CompanyImport(connection).run(file: file.path, listener: $0) }
                #expect(
                    outcome.error as? ImportFailure
                        == ImportFailure(file: file.path, rowsRead: Self.goodRows + 10, rowsInvalid: 9, dryRun: false))
                #expect(outcome.problems == expected.map { $0.replacingOccurrences(of: "F:", with: file.path + ":") })
                #expect(try ImportTests.count(connection, "companies") == 1)
            }
        }
    }

    @Test func skipInvalidOverManyBatchesWritesEveryValidRowAndRejectsTheRest() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let existing = USCCFixture.make(99)
                try CompanyRepository(connection).create(CompanyInput(uscc: existing, name: "Existing"))
                let file = folder.appendingPathComponent("big.csv")
                let rejects = folder.appendingPathComponent("rejects.csv")
                try ImportTests.write(Self.bigFile(existing: existing).text, to: file)
                var progress: [ImportProgress] = []
                let report = try CompanyImport(connection).run(
                    file: file.path, options: ImportOptions(skipInvalid: true, rejectsPath: rejects.path),
                    listener: ImportListener(progress: { progress.append($0) }))
                #expect(report.rowsRead == Self.goodRows + 10)
                #expect(report.rowsWritten == Self.goodRows + 1)
                #expect(report.rowsInvalid == 9)
                #expect(try ImportTests.count(connection, "companies") == Self.goodRows + 2)
                let reading = progress.compactMap { if case .reading(let rows) = $0 { rows } else { nil } }
                #expect(
                    reading == Array(stride(from: 10_000, through: report.rowsRead, by: 10_000)) + [report.rowsRead])
                let capital = try connection.query(
                    "SELECT sum(registered_capital)::text FROM filmwg.companies WHERE name LIKE 'Company %'"
                ).one().decode(String.self, at: 0)
                #expect(capital == Amount.format(Decimal(Self.goodRows) * Decimal(string: "12.5")!))
                let reader = try CSVReader(path: rejects.path)
                var lines = 0
                while try reader.next() != nil { lines += 1 }
                #expect(lines == 1 + 9)
            }
        }
    }

    @Test func brokenCSVAfterManyBatchesIsOneSentenceWithItsLineAndNothingIsWritten() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let connection = try db.connect()
                let file = folder.appendingPathComponent("broken.csv")
                let rows = (0..<Self.goodRows).map { "\(USCCFixture.make(200_000 + $0)),Company \($0),,,,,,,," }
                try ImportTests.write(
                    ([ImportTests.companyHeader] + rows + ["\(USCCFixture.make(1)),\"never closed"]).joined(
                        separator: "\n"),
                    to: file)
                #expect(
                    throws: RecordError.invalid(
                        "\(file.path):\(Self.goodRows + 2): a quoted field is not closed before the end of the file; nothing was imported"
                    )
                ) { try CompanyImport(connection).run(file: file.path) }
                #expect(try ImportTests.count(connection, "companies") == 0)
            }
        }
    }

    /// The parse that replaced `Decimal(string:locale:)` gives the same value or refusal.
    @Test func amountsParseAsDecimalReadsThem() {
        let accepted = [
            "0", "0.00", "5000000.00", "+12", "-3.5", "-0", "007.10", "123456789012345678", "1234567890123456789.5",
            "99999999999999999999999.99", "0.000000000000000000001",
        ]
        for text in accepted {
            #expect(Amount.parse(text) == Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), "\(text)")
        }
        #expect(Amount.parse("-0")?.isSignMinus == false)
        for text in ["", "-", "+", ".5", "5.", "1e6", "5,000", "1.2.3", "--1", "+-1", " 1", "1 ", "１２", "0x10", "NaN"] {
            #expect(Amount.parse(text) == nil, "\(text)")
        }
    }

    @Test func amountRulesNameTheSameProblems() {
        func problem(_ text: String) -> String? {
            var reader = FieldReader(FieldValues(["a": text]))
            _ = reader.amount("a")
            return reader.problems.first?.reason
        }
        #expect(problem("12.34") == nil)
        #expect(problem("000000000000000000000123456789012345678.5") == nil)
        #expect(
            problem("1234567890123456789") == "1234567890123456789 is too large; at most 18 digits before the point")
        #expect(problem("5000000.001") == "5000000.001 has more than 2 decimals")
        #expect(problem("-4") == "must be 0 or more, not -4")
        #expect(problem("1e6") == "'1e6' is not a plain decimal amount such as 5000000.00")
    }

    /// The byte-wise trim is Unicode's White_Space, as `properties.isWhitespace` says.
    @Test func whiteSpaceIsUnicodesWhiteSpace() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if FieldValues.isWhite(scalar) != scalar.properties.isWhitespace {
                Issue.record("U+\(String(value, radix: 16)) differs")
            }
        }
        #expect(FieldValues.trimmed("\u{3000}北京\u{3000}") == "北京")
        #expect(FieldValues.trimmed(" \tname\r\n") == "name")
        #expect(FieldValues.trimmed("\u{A0}é") == "é")
        #expect(FieldValues.trimmed("é\u{2028}") == "é")
        #expect(FieldValues.trimmed("北京") == "北京")
        #expect(FieldValues.trimmed(" ") == "")
        #expect(FieldValues.trimmed("") == "")
        #expect(
            FieldValues(columns: ["a", nil, "c"], fields: [" x ", "y", "z"]) == FieldValues(["a": "x", "c": "z"]))
    }
}
