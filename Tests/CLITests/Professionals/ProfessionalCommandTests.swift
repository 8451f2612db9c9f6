import Foundation
import TestSupport
import Testing

@Suite struct ProfessionalCommandTests {
    static let studio = USCCFixture.make(1)

    static func addXi(_ db: TestDatabase) throws -> CommandResult {
        #expect(
            try RecordCLI.run(["company", "add", "--uscc", studio, "--name", "Studio", "--name-zh", "影视基地"], db).status
                == 0)
        return try RecordCLI.run(
            [
                "professional", "add", "--full-name", "席伟航", "--latin-name", "Xi Weihang", "--title", "Head",
                "--email", "Xi@Example.org", "--phone", "+86 10 1234", "--specialties", "production; distribution",
                "--company", studio, "--employed-from", "2017-05-20", "--format", "json",
            ], db)
    }

    /// One rule for naming a professional, whichever command names one: an id or an e-mail
    /// that matches nobody is not found (exit 1); a name that is neither is invalid (exit 65).
    @Test func everyCommandNamesAProfessionalByTheSameRuleAndExitCodes() throws {
        try TestDatabase.with { db in
            _ = try Self.addXi(db)
            let malformed = "'bob' names no professional: give their numeric id or e-mail address"
            let show = try RecordCLI.run(["professional", "show", "bob"], db)
            #expect(show.status == 65)
            #expect(show.stderr == "filmwg: \(malformed)\n")
            let roles = try RecordCLI.run(["role", "list", "--professional", "bob"], db)
            #expect(roles.status == 65)
            #expect(roles.stderr == "filmwg: \(malformed)\n")
            let missingByShow = try RecordCLI.run(["professional", "show", "nobody@example.org"], db)
            let missingByRoles = try RecordCLI.run(["role", "list", "--professional", "nobody@example.org"], db)
            #expect(missingByShow.status == 1 && missingByRoles.status == 1)
            #expect(missingByShow.stderr == missingByRoles.stderr)
            #expect(
                try RecordCLI.run(["role", "list", "--professional", "7"], db).stderr
                    == "filmwg: no professional has id 7; see 'filmwg professional list'\n")
        }
    }

    @Test func addPrintsThePersonWithTheEmploymentAndJSONGivesTheId() throws {
        try TestDatabase.with { db in
            let result = try Self.addXi(db)
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.isEmpty)
            let json = try RecordCLI.object(result.stdout)
            #expect(json["id"] as? Int == 1)
            #expect(json["full_name"] as? String == "席伟航")
            #expect(json["email"] as? String == "Xi@Example.org")
            #expect(json["specialties"] as? [String] == ["production", "distribution"])
            let employments = try #require(json["employments"] as? [[String: Any]])
            #expect(employments.count == 1)
            #expect(employments.first?["uscc"] as? String == Self.studio)
            #expect(employments.first?["employed_from"] as? String == "2017-05-20")
            #expect(employments.first?["employed_to"] is NSNull)
        }
    }

    @Test func showFindsByIdOrEmailInAnyCaseAndAnUnknownOneExits1() throws {
        try TestDatabase.with { db in
            _ = try Self.addXi(db)
            let byEmail = try RecordCLI.run(["professional", "show", "xi@EXAMPLE.org"], db)
            #expect(byEmail.status == 0)
            #expect(byEmail.stdout.contains("full_name    席伟航\n"))
            #expect(byEmail.stdout.contains("specialties  production;distribution\n"))
            #expect(byEmail.stdout.contains("employments  Studio (\(Self.studio)) from 2017-05-20, still employed\n"))
            #expect(try RecordCLI.run(["professional", "show", "1", "--format", "json"], db).status == 0)
            let missing = try RecordCLI.run(["professional", "show", "nobody@example.org"], db)
            #expect(missing.status == 1)
            #expect(
                missing.stderr
                    == "filmwg: no professional has the e-mail address nobody@example.org; see 'filmwg professional list --search'\n"
            )
            #expect(
                try RecordCLI.run(["professional", "show", "7"], db).stderr
                    == "filmwg: no professional has id 7; see 'filmwg professional list'\n")
        }
    }

    @Test func badInputExits65AndUsageMistakesExit64() throws {
        try TestDatabase.with { db in
            _ = try Self.addXi(db)
            let duplicate = try RecordCLI.run(
                ["professional", "add", "--full-name", "Copy", "--email", "XI@example.org"], db)
            #expect(duplicate.status == 65)
            #expect(duplicate.stderr == "filmwg: email XI@example.org: already belongs to professional 1\n")
            let noName = try RecordCLI.run(["professional", "add", "--email", "a@example.org"], db)
            #expect(noName.status == 65)
            #expect(noName.stderr == "filmwg: full_name: is required and must not be blank\n")
            let badEmail = try RecordCLI.run(
                ["professional", "add", "--full-name", "A", "--email", "a at example.org"], db)
            #expect(badEmail.status == 65)
            #expect(
                try RecordCLI.run(["professional", "add", "--full-name", "A", "--employed-from", "2017-01-01"], db)
                    .status == 64)
            #expect(try RecordCLI.run(["professional", "update", "1"], db).status == 64)
            #expect(try RecordCLI.run(["professional", "list", "--as-of", "2017-01-01"], db).status == 64)
            #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.professionals") == "1")
        }
    }

    @Test func listSearchesAndFiltersByCompanyInEachFormat() throws {
        try TestDatabase.with { db in
            _ = try Self.addXi(db)
            #expect(
                try RecordCLI.run(
                    ["professional", "add", "--full-name", "Shi Xiansheng", "--title", "Deputy Secretary-General"], db
                ).status == 0)
            let table = try RecordCLI.run(["professional", "list"], db)
            #expect(table.status == 0)
            #expect(table.stdout.split(separator: "\n").count == 4)
            let csv = try RecordCLI.run(["professional", "list", "--format", "csv", "--search", "weihang"], db)
            #expect(
                csv.stdout.hasPrefix(
                    "id,full_name,latin_name,title,email,phone,specialties,erased_at,row_version,created_at\n1,席伟航,Xi Weihang,Head,Xi@Example.org,+86 10 1234,production;distribution,,1,"
                ))
            #expect(csv.stdout.split(separator: "\n").count == 2)
            let atStudio = try RecordCLI.array(
                try RecordCLI.run(["professional", "list", "--company", Self.studio, "--format", "json"], db).stdout)
            #expect(atStudio.map { $0["id"] as? Int } == [1])
            #expect(
                try RecordCLI.run(
                    ["professional", "list", "--company", Self.studio, "--as-of", "2017-05-19", "--format", "json"], db
                ).stdout == "[]\n")
            #expect(
                try RecordCLI.array(
                    try RecordCLI.run(["professional", "list", "--limit", "1", "--format", "json"], db).stdout
                ).count == 1)
        }
    }

    @Test func updateChangesTheGivenFieldsEndsAnEmploymentAndAStaleVersionExits75() throws {
        try TestDatabase.with { db in
            _ = try Self.addXi(db)
            let updated = try RecordCLI.run(
                [
                    "professional", "update", "xi@example.org", "--phone", "", "--title", "Head, IFWG", "--company",
                    Self.studio,
                    "--employed-to", "2024-01-01", "--format", "json",
                ], db)
            #expect(updated.status == 0, "\(updated)")
            let json = try RecordCLI.object(updated.stdout)
            #expect(json["phone"] is NSNull)
            #expect(json["title"] as? String == "Head, IFWG")
            #expect(json["row_version"] as? Int == 2)
            let employment = try #require((json["employments"] as? [[String: Any]])?.first)
            #expect(employment["employed_from"] as? String == "2017-05-20")
            #expect(employment["employed_to"] as? String == "2024-01-01")
            let stale = try RecordCLI.run(
                ["professional", "update", "1", "--title", "Lost", "--expect-version", "1"], db)
            #expect(stale.status == 75)
            #expect(stale.stderr.hasPrefix("filmwg: professional 1 was changed by someone else since you read it"))
            #expect(try RecordCLI.sql(db, "SELECT title, row_version FROM filmwg.professionals") == "Head, IFWG|2")
        }
    }

    @Test func eraseNeedsYesOffATerminalAndKeepsAnonymousHistory() throws {
        try TestDatabase.with { db in
            _ = try Self.addXi(db)
            let refused = try RecordCLI.run(["professional", "erase", "1"], db)
            #expect(refused.status == 64)
            #expect(
                refused.stderr
                    == "filmwg: Erase the personal data of professional 1 (席伟航)? This cannot be undone. Pass --yes to confirm when not on a terminal.\n"
            )
            #expect(try RecordCLI.sql(db, "SELECT full_name FROM filmwg.professionals") == "席伟航")
            let erased = try RecordCLI.run(
                ["professional", "erase", "xi@example.org", "--yes", "--format", "json"], db)
            #expect(erased.status == 0, "\(erased)")
            let json = try RecordCLI.object(erased.stdout)
            #expect(json["full_name"] is NSNull)
            #expect(json["email"] is NSNull)
            #expect(json["erased_at"] is String)
            #expect((json["employments"] as? [Any])?.count == 1)
            #expect(
                try RecordCLI.sql(
                    db,
                    "SELECT count(*) FROM filmwg.audit_log WHERE audit_log::text LIKE '%席伟航%' OR audit_log::text ILIKE '%xi@example%'"
                ) == "0")
            #expect(try RecordCLI.run(["professional", "list", "--format", "json"], db).stdout == "[]\n")
            #expect(
                try RecordCLI.array(
                    try RecordCLI.run(["professional", "list", "--include-erased", "--format", "json"], db).stdout
                ).count == 1)
            #expect(try RecordCLI.run(["professional", "erase", "99", "--yes"], db).status == 1)
        }
    }

    @Test func importWritesPeopleAndEmploymentsAllOrNothing() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                #expect(
                    try RecordCLI.run(["company", "add", "--uscc", Self.studio, "--name", "Studio"], db).status == 0)
                let file = folder.appendingPathComponent("people.csv")
                try Data(
                    [0xEF, 0xBB, 0xBF]
                        + Array(
                            """
                            full_name,latin_name,title,email,phone,specialties,company_uscc,employed_from,employed_to\r
                            席伟航,Xi Weihang,"Head, IFWG",xi@example.org,,production;distribution,\(Self.studio),2017-05-20,\r
                            "Shi
                            Xiansheng",,,,,,,,\r

                            """.utf8)
                ).write(to: file)
                let result = try RecordCLI.run(["professional", "import", file.path], db)
                #expect(result.status == 0, "\(result)")
                #expect(result.stdout == "imported 2 professionals from \(file.path) (2 rows read)\n")
                #expect(
                    try RecordCLI.sql(db, "SELECT full_name, title, specialties FROM filmwg.professionals ORDER BY id")
                        == "席伟航|Head, IFWG|{production,distribution}\nShi\nXiansheng|NULL|{}")
                #expect(
                    try RecordCLI.sql(
                        db, "SELECT e.professional_id, lower(e.period), upper(e.period) FROM filmwg.employments e")
                        == "1|2017-05-20|NULL")

                let again = try RecordCLI.run(["professional", "import", file.path], db)
                #expect(again.status == 65)
                #expect(
                    again.stderr.hasPrefix(
                        "\(file.path):2: email: xi@example.org already belongs to professional 1\nfilmwg: 1 row of 2 in \(file.path) is invalid"
                    ))
                #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.professionals") == "2")
            }
        }
    }

    @Test func everyProfessionalCommandHasHelpWithAnExample() throws {
        for verb in ["add", "show", "list", "update", "erase", "import"] {
            let result = try RecordCLI.run(["professional", verb, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example:\n  filmwg professional \(verb)"))
        }
    }
}
