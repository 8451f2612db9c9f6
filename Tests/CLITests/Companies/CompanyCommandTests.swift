import Foundation
import TestSupport
import Testing

/// Helpers the record command tests share.
enum RecordCLI {
    static func run(_ arguments: [String], _ db: TestDatabase? = nil, stdin: String? = nil) throws -> CommandResult {
        try FilmWGBinary.run(arguments, database: db, stdin: stdin)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func array(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    static func sql(_ db: TestDatabase, _ query: String) throws -> String {
        let connection = try db.connectRaw()
        defer { connection.close() }
        let rows = try connection.query(.init(unsafeSQL: query))
        return rows.map { row in (0..<row.columnNames.count).map { row.text(at: $0) ?? "NULL" }.joined(separator: "|") }
            .joined(separator: "\n")
    }
}

@Suite struct CompanyCommandTests {
    static let a = USCCFixture.make(1)
    static let b = USCCFixture.make(2)

    static func addStudio(_ db: TestDatabase) throws -> CommandResult {
        try RecordCLI.run(
            [
                "company", "add", "--uscc", a, "--name", "Huairou Film Studio", "--name-zh", "怀柔影视基地", "--kind",
                "production",
                "--district", "怀柔区", "--registered-in-zone", "true", "--zone-registered-on", "2017-05-01",
                "--registered-capital", "5000000", "--founded-on", "2010-03-15", "--employees", "120", "--format",
                "json",
            ], db)
    }

    @Test func addPrintsTheWrittenRecordAndJSONGivesTheNewId() throws {
        try TestDatabase.with { db in
            let result = try Self.addStudio(db)
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.isEmpty)
            #expect(result.stdout.contains("\"registered_capital\": 5000000.00,"))
            let json = try RecordCLI.object(result.stdout)
            #expect(json["id"] as? Int == 1)
            #expect(json["uscc"] as? String == Self.a)
            #expect(json["name_zh"] as? String == "怀柔影视基地")
            #expect(json["kind"] as? String == "production")
            #expect(json["registered_in_zone"] as? Bool == true)
            #expect(json["zone_registered_on"] as? String == "2017-05-01")
            #expect(json["employees"] as? Int == 120)
            #expect(json["archived_at"] is NSNull)
            #expect(json["row_version"] as? Int == 1)
            #expect(
                Set(json.keys) == [
                    "id", "uscc", "name", "name_zh", "kind", "district", "registered_in_zone", "zone_registered_on",
                    "registered_capital", "founded_on", "employees", "archived_at", "row_version", "created_at",
                    "region_code", "region_name", "uscc_override_reason", "uscc_override_by", "uscc_override_at",
                    "merged_into_id",
                ])
            #expect(json["region_code"] as? String == "110116")
            #expect(json["region_name"] as? String == "北京市怀柔区")
            #expect(
                try RecordCLI.sql(db, "SELECT actor FROM filmwg.audit_log WHERE table_name = 'companies'") == "cli-test"
            )
        }
    }

    @Test func badFieldsExit65WithOneSentenceAndWriteNothing() throws {
        try TestDatabase.with { db in
            let cases: [([String], String)] = [
                (
                    ["--uscc", "91110116ABC", "--name", "X"],
                    "filmwg: uscc 91110116ABC: has 11 characters, a USCC has 18\n"
                ),
                (
                    ["--uscc", USCCFixture.wrongCheck(Self.a), "--name", "X"],
                    "filmwg: uscc \(USCCFixture.wrongCheck(Self.a)): check digit is '\(USCCFixture.wrongCheck(Self.a).last!)', expected '\(Self.a.last!)'\n"
                ),
                (
                    ["--name", "X", "--kind", "prodution"],
                    "filmwg: kind: 'prodution' is not a kind of company; use one of internet_platform, production, distribution, post_production, technology, investment, other; did you mean 'production'?\n"
                ),
                (["--uscc", Self.a], "filmwg: name: is required and must not be blank\n"),
                (
                    ["--name", "X", "--registered-capital", "5,000"],
                    "filmwg: registered_capital: '5,000' is not a plain decimal amount such as 5000000.00\n"
                ),
            ]
            for (flags, stderr) in cases {
                let result = try RecordCLI.run(["company", "add"] + flags, db)
                #expect(result.status == 65, "\(flags) \(result)")
                #expect(result.stdout.isEmpty)
                #expect(result.stderr == stderr)
            }
            #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.companies") == "0")
        }
    }

    @Test func usageMistakesExit64() throws {
        try TestDatabase.with { db in
            let unknown = try RecordCLI.run(["company", "add", "--name", "X", "--nmae-zh", "Y"], db)
            #expect(unknown.status == 64)
            #expect(unknown.stderr == "filmwg: unknown option '--nmae-zh'; did you mean '--name-zh'?\n")
            #expect(try RecordCLI.run(["company", "show"], db).status == 64)
            #expect(try RecordCLI.run(["company", "list", "--limit", "many"], db).status == 64)
            #expect(
                try RecordCLI.run(["company", "list", "--as-of", "2020-01-01"], db).stderr
                    == "filmwg: --as-of goes with --member or --tier\n")
            #expect(try RecordCLI.run(["company", "list", "--kind", "studio"], db).status == 64)
            #expect(try RecordCLI.run(["company", "update", Self.a], db).status == 64)
            #expect(try RecordCLI.run(["company", "lst"], db).stderr.contains("did you mean 'list'?"))
        }
    }

    @Test func showFindsByUSCCOrIdAndAnUnknownOneExits1() throws {
        try TestDatabase.with { db in
            _ = try Self.addStudio(db)
            let byCode = try RecordCLI.run(["company", "show", Self.a], db)
            #expect(byCode.status == 0)
            // Names are padded to the longest, uscc_override_reason (20), plus two spaces.
            #expect(byCode.stdout.contains("name_zh" + String(repeating: " ", count: 15) + "怀柔影视基地\n"))
            #expect(byCode.stdout.contains("registered_capital    5000000.00\n"))
            let byID = try RecordCLI.run(["company", "show", "1", "--format", "csv"], db)
            #expect(
                byID.stdout.hasPrefix(
                    "id,uscc,name,name_zh,kind,district,registered_in_zone,zone_registered_on,registered_capital,founded_on,employees,archived_at,row_version,created_at,region_code,region_name,uscc_override_reason,uscc_override_by,uscc_override_at,merged_into_id\n1,\(Self.a),Huairou Film Studio,怀柔影视基地,production,怀柔区,true,2017-05-01,5000000.00,2010-03-15,120,,1,"
                ))
            let missing = try RecordCLI.run(["company", "show", Self.b], db)
            #expect(missing.status == 1)
            #expect(missing.stdout.isEmpty)
            #expect(missing.stderr == "filmwg: no company has USCC \(Self.b); see 'filmwg company list'\n")
            #expect(
                try RecordCLI.run(["company", "show", "42"], db).stderr
                    == "filmwg: no company has id 42; see 'filmwg company list'\n")
        }
    }

    @Test func listPrintsEveryMatchingRowInEachFormat() throws {
        try TestDatabase.with { db in
            _ = try Self.addStudio(db)
            #expect(
                try RecordCLI.run(
                    [
                        "company", "add", "--uscc", Self.b, "--name", "iQIYI", "--name-zh", "爱奇艺", "--kind",
                        "internet_platform",
                    ], db
                ).status == 0)
            #expect(
                try RecordCLI.run(
                    ["company", "add", "--name", "Internet Society of China", "--name-zh", "中国互联网协会"], db
                ).status == 0)
            let table = try RecordCLI.run(["company", "list"], db)
            #expect(table.status == 0)
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.count == 5)
            #expect(lines[0].hasPrefix("id  uscc                name"))
            #expect(lines[2].contains("Huairou Film Studio"))
            #expect(lines[4].contains("iQIYI"))
            let csv = try RecordCLI.run(["company", "list", "--format", "csv", "--search", "互联网"], db)
            #expect(csv.stdout.split(separator: "\n").count == 2)
            #expect(csv.stdout.contains(",Internet Society of China,中国互联网协会,other,"))
            let json = try RecordCLI.array(
                try RecordCLI.run(["company", "list", "--format", "json", "--kind", "internet_platform"], db).stdout)
            #expect(json.map { $0["name"] as? String } == ["iQIYI"])
            #expect(
                try RecordCLI.array(
                    try RecordCLI.run(["company", "list", "--format", "json", "--limit", "2"], db).stdout
                ).count == 2)
            #expect(
                try RecordCLI.array(try RecordCLI.run(["company", "list", "--format", "json", "--in-zone"], db).stdout)
                    .count == 1)
            #expect(
                try RecordCLI.run(["company", "list", "--format", "json", "--search", "nothing like it"], db).stdout
                    == "[]\n")
        }
    }

    @Test func updateWritesOnlyTheGivenFieldsAndAStaleVersionExits75() throws {
        try TestDatabase.with { db in
            _ = try Self.addStudio(db)
            let updated = try RecordCLI.run(
                ["company", "update", Self.a, "--employees", "150", "--district", "", "--format", "json"], db)
            #expect(updated.status == 0, "\(updated)")
            let json = try RecordCLI.object(updated.stdout)
            #expect(json["employees"] as? Int == 150)
            #expect(json["district"] is NSNull)
            #expect(json["name_zh"] as? String == "怀柔影视基地")
            #expect(json["row_version"] as? Int == 2)
            let stale = try RecordCLI.run(["company", "update", "1", "--name", "Lost", "--expect-version", "1"], db)
            #expect(stale.status == 75)
            #expect(stale.stdout.isEmpty)
            #expect(
                stale.stderr
                    == "filmwg: company 1 was changed by someone else since you read it (stale row_version: expected 1, current 2); nothing was written, show it again and retry\n"
            )
            #expect(
                try RecordCLI.sql(db, "SELECT name, employees, row_version FROM filmwg.companies")
                    == "Huairou Film Studio|150|2")
            let current = try RecordCLI.run(
                ["company", "update", "1", "--name", "Renamed", "--expect-version", "2"], db)
            #expect(current.status == 0)
            let invalid = try RecordCLI.run(["company", "update", "1", "--uscc", "91110116ABC"], db)
            #expect(invalid.status == 65)
            #expect(invalid.stderr == "filmwg: uscc 91110116ABC: has 11 characters, a USCC has 18\n")
            #expect(try RecordCLI.run(["company", "update", Self.b, "--name", "X"], db).status == 1)
        }
    }

    @Test func archiveAsksOnATerminalNeedsYesOtherwiseAndHidesTheCompanyFromLists() throws {
        try TestDatabase.with { db in
            _ = try Self.addStudio(db)
            let refused = try RecordCLI.run(["company", "archive", Self.a], db)
            #expect(refused.status == 64)
            #expect(
                refused.stderr
                    == "filmwg: Archive company \(Self.a) (Huairou Film Studio)? Pass --yes to confirm when not on a terminal.\n"
            )
            #expect(try RecordCLI.sql(db, "SELECT archived_at IS NULL FROM filmwg.companies") == "t")
            let archived = try RecordCLI.run(["company", "archive", Self.a, "--yes", "--format", "json"], db)
            #expect(archived.status == 0, "\(archived)")
            #expect(try RecordCLI.object(archived.stdout)["archived_at"] is String)
            #expect(try RecordCLI.run(["company", "list", "--format", "json"], db).stdout == "[]\n")
            #expect(
                try RecordCLI.array(
                    try RecordCLI.run(["company", "list", "--include-archived", "--format", "json"], db).stdout
                ).count == 1)
            let again = try RecordCLI.run(["company", "archive", Self.a, "--yes"], db)
            #expect(again.status == 0)
            #expect(again.stderr.contains("was already archived"))
            #expect(
                try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.audit_log WHERE table_name = 'companies'") == "2")
        }
    }

    @Test func importReadsBOMCRLFQuotesNewlinesAndChineseExactly() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let file = folder.appendingPathComponent("companies.csv")
                let text =
                    "uscc,name,name_zh,kind,registered_capital\r\n"
                    + "\(Self.a),\"Beijing Films, Ltd.\",北京电影制片厂,production,5000000.00\r\n"
                    + "\(Self.b),\"Two\nLines, \"\"quoted\"\"\",\"中国, 互联网\",other,\r\n"
                try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: file)
                let result = try RecordCLI.run(["company", "import", file.path], db)
                #expect(result.status == 0, "\(result)")
                #expect(result.stdout == "imported 2 companies from \(file.path) (2 rows read)\n")
                #expect(result.stderr.isEmpty)
                let rows = try RecordCLI.sql(
                    db, "SELECT uscc, name, name_zh, kind, registered_capital FROM filmwg.companies ORDER BY id")
                #expect(
                    rows
                        == "\(Self.a)|Beijing Films, Ltd.|北京电影制片厂|production|5000000.00\n\(Self.b)|Two\nLines, \"quoted\"|中国, 互联网|other|NULL"
                )
            }
        }
    }

    @Test func importWithBadRowsExits65NamesEveryLineAndWritesNothing() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let file = folder.appendingPathComponent("bad.csv")
                try """
                uscc,name,kind
                \(Self.a),Good,production
                91110116ABC,Short,other
                \(Self.a),Again,other
                \(Self.b),,studio

                """.write(to: file, atomically: true, encoding: .utf8)
                let result = try RecordCLI.run(["company", "import", file.path], db)
                #expect(result.status == 65)
                #expect(result.stdout.isEmpty)
                let p = file.path
                #expect(
                    result.stderr == """
                        \(p):3: uscc: has 11 characters, a USCC has 18
                        \(p):4: uscc: \(Self.a) appears again in this file; first on line 2
                        \(p):5: kind: 'studio' is not a kind of company; use one of internet_platform, production, distribution, post_production, technology, investment, other
                        \(p):5: name: is required and must not be blank
                        filmwg: 3 rows of 4 in \(p) are invalid (listed above); nothing was imported. Fix them, or pass --skip-invalid --rejects FILE to import the valid rows

                        """)
                #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.companies") == "0")

                let dry = try RecordCLI.run(["company", "import", file.path, "--dry-run"], db)
                #expect(dry.status == 65)
                #expect(
                    dry.stderr.hasSuffix(
                        "this was a dry run, nothing was written. Fix them, or pass --skip-invalid --rejects FILE to import the valid rows\n"
                    ))

                let rejects = folder.appendingPathComponent("rejects.csv")
                let skipped = try RecordCLI.run(
                    ["company", "import", file.path, "--skip-invalid", "--rejects", rejects.path], db)
                #expect(skipped.status == 0, "\(skipped)")
                #expect(
                    skipped.stdout
                        == "imported 1 companies from \(p) (4 rows read, 3 invalid left out and written to \(rejects.path))\n"
                )
                #expect(
                    try String(contentsOf: rejects, encoding: .utf8) == """
                        uscc,name,kind,reason\r
                        91110116ABC,Short,other,"uscc: has 11 characters, a USCC has 18"\r
                        \(Self.a),Again,other,uscc: \(Self.a) appears again in this file; first on line 2\r
                        \(Self.b),,studio,"kind: 'studio' is not a kind of company; use one of internet_platform, production, distribution, post_production, technology, investment, other; name: is required and must not be blank"\r

                        """)
                #expect(try RecordCLI.sql(db, "SELECT name FROM filmwg.companies") == "Good")
            }
        }
    }

    @Test func importOfAMissingFileExits66AndOptionMistakesExit64() throws {
        try TestDatabase.with { db in
            let missing = try RecordCLI.run(["company", "import", "/nonexistent/companies.csv"], db)
            #expect(missing.status == 66)
            #expect(missing.stderr == "filmwg: the file /nonexistent/companies.csv does not exist; check the path\n")
            // No database needed to say so.
            let offline = try FilmWGBinary.run(
                ["company", "import", "/nonexistent/companies.csv"],
                environment: ["DATABASE_URL": "postgresql://127.0.0.1:9/x"])
            #expect(offline.status == 66)
            let directory = try RecordCLI.run(["company", "import", "/tmp"], db)
            #expect(directory.status == 66)
            #expect(directory.stderr == "filmwg: /tmp is a directory; name the CSV file in it\n")
            let rejectsAlone = try RecordCLI.run(
                ["company", "import", "/nonexistent/companies.csv", "--rejects", "r.csv"], db)
            #expect(rejectsAlone.status == 64)
            #expect(try RecordCLI.run(["company", "import"], db).status == 64)
        }
    }

    @Test func importMemoryStaysFlatAsTheFileGrows() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                func file(rows: Int) throws -> URL {
                    let url = folder.appendingPathComponent("c\(rows).csv")
                    var text = "uscc,name,name_zh,kind,registered_capital,founded_on,employees\n"
                    for i in 0..<rows {
                        text +=
                            "\(USCCFixture.make(i)),\"Film Company \(i), Ltd.\",影视公司\(i),production,\(i).50,2010-01-01,\(i % 500)\n"
                    }
                    try text.write(to: url, atomically: true, encoding: .utf8)
                    return url
                }
                func peakKiB(_ url: URL) throws -> Int {
                    let result = try FilmWGBinary.run(
                        ["-f", "peak %M", FilmWGBinary.url.path, "company", "import", url.path, "--dry-run"],
                        database: db,
                        executable: URL(fileURLWithPath: "/usr/bin/time"))
                    #expect(result.status == 0, "\(result)")
                    let line = result.stderr.split(separator: "\n").last { $0.hasPrefix("peak ") } ?? ""
                    return Int(line.dropFirst(5)) ?? -1
                }
                let small = try peakKiB(try file(rows: 5_000))
                let large = try peakKiB(try file(rows: 80_000))
                #expect(small > 0)
                // 75,000 more rows of ~90 bytes would be ~7 MB of text alone if they were held.
                #expect(large - small < 4_000, "peak RSS \(small) KiB for 5,000 rows, \(large) KiB for 80,000")
            }
        }
    }

    @Test func everyCompanyCommandHasHelpWithAnExample() throws {
        for verb in ["add", "show", "list", "update", "archive", "import"] {
            let result = try RecordCLI.run(["company", verb, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Usage: filmwg company \(verb)"))
            #expect(result.stdout.contains("Example:\n  filmwg company \(verb)"))
        }
    }
}
