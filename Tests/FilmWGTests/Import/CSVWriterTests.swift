import FilmWG
import Foundation
import Testing

/// The one RFC 4180 writer: what must be quoted is, whatever Swift thinks a Character is.
@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("a\nb", "\"a\nb\""),
        ("a\rb", "\"a\rb\""), ("a\r\nb", "\"a\r\nb\""), ("\r\n", "\"\r\n\""), ("怀柔,影视", "\"怀柔,影视\""), ("", ""),
        ("e\u{301}\r\n", "\"e\u{301}\r\n\""),
    ])
    func quotesAFieldHoldingACommaAQuoteCRLFOrCRLF(field: String, written: String) {
        #expect(CSVWriter.field(field) == written)
    }

    @Test func crlfInsideAFieldIsQuotedThoughSwiftSeesOneCharacter() {
        let crlf = "line one\r\nline two"
        #expect(!crlf.contains { $0 == "\n" || $0 == "\r" })  // why a Character test missed it
        #expect(CSVWriter.line(["1", crlf]) == "1,\"line one\r\nline two\"\n")
    }

    @Test func whatTheWriterWritesTheReaderReadsBackExactly() throws {
        let pieces = ["a", ",", "\"", "\n", "\r", "\r\n", "怀柔", " ", "''", "x\u{301}"]
        var random = SystemRandomNumberGenerator()
        var rows: [[String]] = []
        for _ in 0..<500 {
            rows.append(
                (0..<4).map { _ in
                    (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                        .joined()
                })
        }
        // Blank lines are skipped by the reader, so each row starts with a non-empty field.
        rows = rows.map { ["r"] + $0 }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvwriter-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try rows.map { CSVWriter.line($0) }.joined().write(to: url, atomically: true, encoding: .utf8)
        let reader = try CSVReader(path: url.path)
        var read: [[String]] = []
        while let record = try reader.next() { read.append(record.fields) }
        #expect(read == rows)
    }

    @Test func aFieldOverOneMebibyteIsAProblemOfItsRowAndTheNextRowStillReads() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvlimit-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let big = String(repeating: "x", count: CSVReader.maxFieldBytes + 1)
        try "a,b\n1,\"\(big)\"\n2,ok\n3,\"n\u{0}ul\"\n".write(to: url, atomically: true, encoding: .utf8)
        let reader = try CSVReader(path: url.path)
        _ = try reader.next()
        let first = try #require(try reader.next())
        #expect(first.line == 2)
        #expect(first.fields == ["1", ""])
        #expect(first.problems.map(\.field) == [1])
        #expect(first.problems.first?.reason.contains("more than the limit of 1 MiB") == true)
        let second = try #require(try reader.next())
        #expect(second.fields == ["2", "ok"])
        #expect(second.problems.isEmpty)
        let third = try #require(try reader.next())
        #expect(third.problems.first?.reason.contains("NUL byte") == true)
    }
}
