import FilmWG
import Foundation
import TestSupport
import Testing

@Suite struct CSVReaderTests {
    func records(_ text: String, bytes: [UInt8]? = nil) throws -> [CSVReader.Record] {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("in.csv")
            try Data(bytes ?? Array(text.utf8)).write(to: file)
            let reader = try CSVReader(path: file.path)
            var out: [CSVReader.Record] = []
            while let record = try reader.next() { out.append(record) }
            return out
        }
    }

    @Test func readsQuotedCommasQuotesAndNewlinesWithBOMAndCRLF() throws {
        let text = "name,name_zh,note\r\n\"Huayi, Bros\",华谊兄弟,\"said \"\"hi\"\"\r\nand left\"\r\nplain,,\r\n"
        let rows = try records(text, bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(
            rows.map(\.fields) == [
                ["name", "name_zh", "note"],
                ["Huayi, Bros", "华谊兄弟", "said \"hi\"\r\nand left"],
                ["plain", "", ""],
            ])
        // Line numbers follow the file, so an error names the line a person sees in an editor.
        #expect(rows.map(\.line) == [1, 2, 4])
    }

    /// Invalid UTF-8 (a stray byte, a cut sequence, an overlong form, a surrogate) is refused
    /// with its line and field; a replacement character the file really holds is kept.
    @Test func refusesInvalidUTF8ButKeepsAWrittenReplacementCharacter() throws {
        let cases: [[UInt8]] = [[0xFF], [0xE4, 0xB8], [0xC0, 0xAF], [0xED, 0xA0, 0x80], Array("中".utf8) + [0x80]]
        for bad in cases {
            let bytes = Array("a,b\n1,x".utf8) + bad + Array("y\n".utf8)
            let error = #expect(throws: CSVReader.Failure.self) { try records("", bytes: bytes) }
            #expect(error?.line == 2, "bytes \(bad)")
            #expect(error?.reason == "field 2 is not valid UTF-8", "bytes \(bad)")
        }
        let rows = try records("a,b\n\u{FFFD}x,中\u{FFFD}\n")
        #expect(rows.last?.fields == ["\u{FFFD}x", "中\u{FFFD}"])
    }

    @Test func acceptsAFileWithoutTrailingNewlineAndSkipsBlankLines() throws {
        let rows = try records("a,b\n\n1,2")
        #expect(rows.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(rows.last?.line == 3)
    }

    @Test func reportsAnUnclosedQuoteWithItsLine() throws {
        let error = #expect(throws: CSVReader.Failure.self) { try records("a\n\"open\n") }
        #expect(error?.line == 2)
        #expect(error?.reason.contains("not closed") == true)
        let stray = #expect(throws: CSVReader.Failure.self) { try records("a\nab\"c\n") }
        #expect(stray?.line == 2)
    }

    @Test func aMissingFileIsNamed() {
        let error = #expect(throws: CSVFileError.self) { try CSVReader(path: "/nonexistent/companies.csv") }
        #expect(error?.sentence == "the file /nonexistent/companies.csv does not exist; check the path")
        let directory = #expect(throws: CSVFileError.self) { try CSVReader(path: "/tmp") }
        #expect(directory == .directory("/tmp"))
        #expect(directory?.sentence == "/tmp is a directory; name the CSV file in it")
    }

    @Test func headersNameUnknownColumnsWithASuggestion() {
        let error = #expect(throws: RecordError.self) {
            try CSVHeader(["uscc", "nmae"], known: ["uscc", "name", "kind"], required: ["name"], file: "c.csv")
        }
        #expect(error?.sentence.hasPrefix("c.csv:1: unknown column 'nmae'; did you mean 'name'?") == true)
    }
}

@Suite struct AmountTests {
    @Test(arguments: ["5000000.00", "0", "12.5", "-3.25", "99999999999999.99"])
    func acceptsPlainDecimals(_ text: String) throws {
        let value = try #require(Amount.parse(text))
        #expect(value == Decimal(string: text))
    }

    @Test(arguments: ["1e6", "5,000", "", ".5", "5.", "abc", "١٢"])
    func refusesAnythingElse(_ text: String) {
        #expect(Amount.parse(text) == nil)
    }

    @Test func formatsWithTwoDecimals() {
        #expect(Amount.format(Decimal(string: "5000000")!) == "5000000.00")
        #expect(Amount.format(Decimal(string: "12.5")!) == "12.50")
        #expect(Amount.format(Decimal(string: "99999999999999.99")!) == "99999999999999.99")
    }
}

@Suite struct ConnectionSettingsTests {
    @Test func databaseFlagWinsOverTheEnvironment() {
        let env = ["DATABASE_URL": "postgresql://env/db", "FILMWG_ACTOR": "env-actor", "USER": "os"]
        #expect(
            ConnectionSettings.resolve(database: "dbname=flag", actor: nil, environment: env)
                == ConnectionSettings(conninfo: "dbname=flag", actor: "env-actor"))
        #expect(
            ConnectionSettings.resolve(database: nil, actor: "me", environment: env)
                == ConnectionSettings(conninfo: "postgresql://env/db", actor: "me"))
        #expect(
            ConnectionSettings.resolve(database: nil, actor: nil, environment: ["USER": "os"])
                == ConnectionSettings(conninfo: nil, actor: "os"))
    }

    @Test func theActorIsRecordedInTheSession() throws {
        try TestDatabase.with { db in
            let connection = try db.connect(actor: "奚伟航")
            let row = try connection.query(
                "SELECT current_setting('filmwg.actor'), current_setting('application_name')"
            ).one()
            #expect(try row.decode(String.self, at: 0) == "奚伟航")
            // PostgreSQL keeps only printable ASCII in application_name; the audit log reads filmwg.actor.
            #expect(try row.decode(String.self, at: 1).hasPrefix("filmwg ("))
            let ascii = try db.connect(actor: "xi.weihang")
            #expect(
                try ascii.query("SELECT current_setting('application_name')").one().decode(String.self, at: 0)
                    == "filmwg (xi.weihang)")
        }
    }
}
