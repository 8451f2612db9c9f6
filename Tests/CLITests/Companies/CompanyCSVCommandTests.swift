import Foundation
import TestSupport
import Testing

/// CSV that round-trips, rejects from a pipe, limits and NUL bytes, through the built binary.
@Suite struct CompanyCSVCommandTests {
    static func bash(_ script: String, _ db: TestDatabase) throws -> CommandResult {
        try FilmWGBinary.run(
            ["-c", script], database: db, environment: ["FILMWG": FilmWGBinary.url.path],
            executable: URL(fileURLWithPath: "/bin/bash"))
    }

    @Test func aListExportWithCRLFInAFieldReimportsExactly() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let a = USCCFixture.make(1)
                #expect(
                    try RecordCLI.run(
                        [
                            "company", "add", "--uscc", a, "--name", "Two\r\nLines, \"Quoted\"", "--name-zh",
                            "怀柔\r影视\n基地",
                            "--district", "怀柔区", "--registered-capital", "5000000.00",
                        ], db
                    ).status == 0)
                #expect(
                    try RecordCLI.run(["company", "add", "--name", "No Code Pictures", "--kind", "production"], db)
                        .status == 0)
                let before = try RecordCLI.run(["company", "list", "--format", "csv"], db)
                #expect(before.status == 0)
                #expect(before.stdout.contains("\"Two\r\nLines, \"\"Quoted\"\"\""), "\(before)")
                let file = folder.appendingPathComponent("companies.csv")
                try before.stdout.write(to: file, atomically: true, encoding: .utf8)
                _ = try RecordCLI.sql(db, "DELETE FROM filmwg.companies")
                let imported = try RecordCLI.run(["company", "import", file.path], db)
                #expect(imported.status == 0, "\(imported)")
                #expect(
                    imported.stderr.contains(
                        "note: \(file.path): ignoring the columns id, archived_at, row_version, created_at"),
                    "\(imported)")
                let after = try RecordCLI.run(["company", "list", "--format", "json"], db)
                let rows = try RecordCLI.array(after.stdout)
                #expect(rows.map { $0["name"] as? String } == ["No Code Pictures", "Two\r\nLines, \"Quoted\""])
                #expect(rows.last?["name_zh"] as? String == "怀柔\r影视\n基地")
                #expect(rows.last?["registered_capital"] as? Double == 5_000_000)
            }
        }
    }

    @Test func importingTheSameFileTwiceDoesNotDoubleCompaniesWithoutUSCC() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let file = folder.appendingPathComponent("c.csv")
                try "name,name_zh\n\"Yanqi Lake Pictures Co., Ltd.\",雁栖湖影业有限公司\n".write(
                    to: file, atomically: true, encoding: .utf8)
                #expect(try RecordCLI.run(["company", "import", file.path], db).status == 0)
                try "name,name_zh\nYANQI LAKE PICTURES INC,雁栖湖影业（北京）股份有限公司\n".write(
                    to: file, atomically: true, encoding: .utf8)
                let again = try RecordCLI.run(["company", "import", file.path], db)
                #expect(again.status == 65, "\(again)")
                #expect(
                    again.stderr.contains(
                        "\(file.path):2: name: probable duplicate of company 1 (Yanqi Lake Pictures Co., Ltd.)"),
                    "\(again)")
                #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.companies") == "1")
            }
        }
    }

    @Test func rejectsOfAFileReadFromAPipeAreWritten() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let file = folder.appendingPathComponent("c.csv"), rejects = folder.appendingPathComponent("r.csv")
                try
                    "uscc,name\n\(USCCFixture.make(1)),Good\n\(USCCFixture.wrongCheck(USCCFixture.make(2))),\"Bad,\r\nRow\"\n"
                    .write(to: file, atomically: true, encoding: .utf8)
                let result = try Self.bash(
                    "\"$FILMWG\" company import <(cat '\(file.path)') --skip-invalid --rejects '\(rejects.path)'", db)
                #expect(result.status == 0, "\(result)")
                let written = try String(contentsOf: rejects, encoding: .utf8)
                #expect(
                    written.hasPrefix(
                        "uscc,name,reason\r\n\(USCCFixture.wrongCheck(USCCFixture.make(2))),\"Bad,\r\nRow\",\"uscc: check digit is"
                    ), "\(written)")
                #expect(try RecordCLI.sql(db, "SELECT name FROM filmwg.companies") == "Good")
            }
        }
    }

    @Test func aHugeLineIsAnInvalidRowAndMemoryStaysFlat() throws {
        try TestDatabase.with { db in
            // 1 GiB streamed through a pipe (never on disk), then a good row.
            let script = """
                /usr/bin/time -f "peak %M" "$FILMWG" company import <(printf 'uscc,name\\n,"'; head -c 1073741824 /dev/zero | tr '\\0' a; printf '"\\n,Fine Pictures\\n') --skip-invalid
                """
            let result = try Self.bash(script, db)
            #expect(result.status == 0, "\(result.stderr.prefix(500))")
            #expect(
                result.stderr.contains(":2: name: holds 1073741824 bytes, more than the limit of 1 MiB"),
                "\(result.stderr.prefix(500))")
            let peak =
                Int(result.stderr.split(separator: "\n").last { $0.hasPrefix("peak ") }?.dropFirst(5) ?? "") ?? -1
            #expect(peak > 0 && peak < 80_000, "peak RSS \(peak) KiB for a 1 GiB line")
            #expect(try RecordCLI.sql(db, "SELECT name FROM filmwg.companies") == "Fine Pictures")
        }
    }

    @Test func aNULByteInAFieldIsAnInvalidRowNamingTheColumn() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let file = folder.appendingPathComponent("c.csv")
                try Data("name,district\nNul Pictures,\"怀柔\u{0}区\"\n".utf8).write(to: file)
                let result = try RecordCLI.run(["company", "import", file.path], db)
                #expect(result.status == 65)
                #expect(result.stderr.contains("\(file.path):2: district: holds a NUL byte"), "\(result)")
            }
        }
    }
}
