import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct PolicyCommandTests {
    static let fundRule = """
        registered_in_zone
        and registered_capital >= 5000000 -- CNY
        and kind in ('production', 'post_production')
        """

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func add(_ db: TestDatabase, code: String = "film-fund", rule: String = fundRule, from: String = "2017-05-20")
        throws -> CommandResult
    {
        try FilmWGBinary.run(
            [
                "policy", "add", "--code", code, "--title", "Film fund 影视基金", "--rule", rule, "--valid-from", from,
                "--issuer", "Zone committee", "--cap", "5000000.00", "--format", "json",
            ], database: db)
    }

    @Test func addPrintsThePolicyWithItsFirstVersionAndShowGivesTheSame() throws {
        try TestDatabase.with { db in
            let added = try add(db)
            #expect(added.status == 0, "\(added)")
            let policy = try json(added.stdout)
            #expect(policy["code"] as? String == "film-fund")
            #expect(policy["title"] as? String == "Film fund 影视基金")
            #expect((policy["cap"] as? NSNumber)?.intValue == 5_000_000)
            #expect(policy["benefit"] is NSNull)
            let versions = try #require(policy["versions"] as? [[String: Any]])
            #expect(versions.count == 1)
            #expect(versions[0]["version"] as? Int == 1)
            #expect(versions[0]["valid_from"] as? String == "2017-05-20")
            #expect(versions[0]["valid_to"] is NSNull)
            #expect(
                versions[0]["criteria"] as? [String] == [
                    "registered_in_zone", "registered_capital >= 5000000", "kind in ('production', 'post_production')",
                ])
            let shown = try FilmWGBinary.run(["policy", "show", "film-fund", "--format", "json"], database: db)
            #expect(shown.status == 0)
            #expect(shown.stdout == added.stdout)
            let table = try FilmWGBinary.run(["policy", "show", "film-fund"], database: db)
            #expect(
                table.stdout.contains(
                    "version 1: from 2017-05-20, open\n  1. registered_in_zone\n  2. registered_capital >= 5000000\n"))
        }
    }

    @Test func aRuleThatDoesNotCheckExits65WithLineColumnAndSuggestionAndNothingIsSaved() throws {
        try TestDatabase.with { db in
            let result = try add(db, rule: "registered_in_zone\nand kind = 'prodution'")
            #expect(result.status == 65)
            #expect(result.stdout.isEmpty)
            #expect(
                result.stderr
                    == "filmwg: the rule does not check: 2:12: unknown value 'prodution' for 'kind'; did you mean 'production'?\n"
            )
            let policies = try db.connectRaw().query("SELECT count(*) FROM filmwg.policies").one().decode(
                Int.self, at: 0)
            #expect(policies == 0)

            let check = try FilmWGBinary.run(["policy", "check", "registred_in_zone and employees > 10"], database: db)
            #expect(check.status == 65)
            #expect(check.stderr.contains("1:1: unknown fact 'registred_in_zone'; did you mean 'registered_in_zone'?"))
            let syntax = try FilmWGBinary.run(["policy", "check", "employees >"], database: db)
            #expect(syntax.status == 65)
            #expect(syntax.stderr.hasPrefix("filmwg: the rule does not check: 1:"))
        }
    }

    @Test func checkPrintsEachCriterionWithTheFactsItReads() throws {
        try TestDatabase.with { db in
            let result = try FilmWGBinary.run(
                ["policy", "check", "is_member and (events_attended_12m >= 2 or holds_position)", "--format", "csv"],
                database: db)
            #expect(result.status == 0, "\(result)")
            #expect(
                result.stdout == """
                    number,criterion,facts
                    1,is_member,is_member
                    2,(events_attended_12m >= 2 or holds_position),"events_attended_12m, holds_position"

                    """)
            try withTemporaryDirectory { folder in
                let file = folder.appendingPathComponent("fund.rule")
                try Self.fundRule.write(to: file, atomically: true, encoding: .utf8)
                let fromFile = try FilmWGBinary.run(
                    ["policy", "check", "--rule-file", file.path, "--format", "json"], database: db)
                #expect(fromFile.status == 0)
                #expect(
                    fromFile.stdout.contains(
                        "{\"number\": 3, \"criterion\": \"kind in ('production', 'post_production')\", \"facts\": [\"kind\"]}"
                    ))
            }
        }
    }

    @Test func reviseEndsTheOpenVersionTheDayBeforeTheNewOne() throws {
        try TestDatabase.with { db in
            #expect(try add(db).status == 0)
            let revised = try FilmWGBinary.run(
                [
                    "policy", "revise", "film-fund", "--rule", "registered_in_zone and employees >= 10", "--valid-from",
                    "2021-01-01",
                    "--format", "json",
                ], database: db)
            #expect(revised.status == 0, "\(revised)")
            let versions = try #require(try json(revised.stdout)["versions"] as? [[String: Any]])
            #expect(versions.map { $0["version"] as? Int } == [1, 2])
            #expect(versions[0]["valid_to"] as? String == "2021-01-01")
            #expect(versions[1]["valid_from"] as? String == "2021-01-01")
            #expect(versions[1]["criteria"] as? [String] == ["registered_in_zone", "employees >= 10"])
            let table = try FilmWGBinary.run(["policy", "show", "film-fund"], database: db)
            #expect(table.stdout.contains("version 1: from 2017-05-20, up to 2020-12-31 (valid_to 2021-01-01)"))

            let early = try FilmWGBinary.run(
                ["policy", "revise", "film-fund", "--rule", "is_member", "--valid-from", "2021-01-01"], database: db)
            #expect(early.status == 65)
            #expect(
                early.stderr.contains(
                    "version 2 of policy film-fund starts on 2021-01-01; a new version must start after that day"))
            let unknown = try FilmWGBinary.run(
                ["policy", "revise", "film-fnd", "--rule", "is_member", "--valid-from", "2022-01-01"], database: db)
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "filmwg: no policy has code 'film-fnd'; did you mean 'film-fund'?\n")
        }
    }

    @Test func listShowsEachPolicyWithTheVersionValidToday() throws {
        try TestDatabase.with { db in
            #expect(try add(db, code: "b-fund").status == 0)
            #expect(try add(db, code: "a-fund", rule: "is_member", from: "2017-05-20").status == 0)
            let list = try FilmWGBinary.run(["policy", "list", "--format", "csv"], database: db)
            #expect(list.status == 0)
            let lines = list.stdout.split(separator: "\n")
            #expect(
                lines.first == "id,code,title,issuer,benefit,cap,versions,current_version,valid_from,valid_to,criteria")
            #expect(lines.count == 3)
            #expect(lines[1].contains(",a-fund,") && lines[1].hasSuffix(",1,1,2017-05-20,,is_member"))
            let limited = try FilmWGBinary.run(["policy", "list", "--limit", "1", "--format", "json"], database: db)
            #expect(limited.stdout.hasPrefix("[{") && !limited.stdout.contains("b-fund"))
        }
    }

    @Test func factsListsEveryFactWithItsTypeAndMeaning() throws {
        try TestDatabase.with { db in
            let result = try FilmWGBinary.run(["policy", "facts", "--format", "json"], database: db)
            #expect(result.status == 0)
            let facts = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            let count = try db.connectRaw().query("SELECT count(*) FROM filmwg.fact_catalog").one().decode(
                Int.self, at: 0)
            #expect(facts.count == count)
            let events = try #require(facts.first { $0["name"] as? String == "events_attended_12m" })
            #expect(events["type"] as? String == "integer")
            #expect((events["description"] as? String)?.contains("Asia/Shanghai") == true)
            let tier = try #require(facts.first { $0["name"] as? String == "member_tier" })
            #expect(tier["allowed_values"] as? [String] == ["initiating", "member", "observer"])
        }
    }

    @Test func ruleInputMistakesAreUsageOrMissingFileErrors() throws {
        try TestDatabase.with { db in
            let missing = try FilmWGBinary.run(
                [
                    "policy", "add", "--code", "x", "--title", "X", "--rule-file", "/nonexistent/x.rule",
                    "--valid-from", "2020-01-01",
                ],
                database: db)
            #expect(missing.status == 66)
            #expect(missing.stderr.contains("/nonexistent/x.rule"))
            let both = try FilmWGBinary.run(
                [
                    "policy", "add", "--code", "x", "--title", "X", "--rule", "is_member", "--rule-file", "x.rule",
                    "--valid-from", "2020-01-01",
                ],
                database: db)
            #expect(both.status == 64)
            let none = try FilmWGBinary.run(
                ["policy", "add", "--code", "x", "--title", "X", "--valid-from", "2020-01-01"], database: db)
            #expect(none.status == 64)
            #expect(none.stderr.contains("missing --rule"))
            let badDate = try FilmWGBinary.run(
                ["policy", "add", "--code", "x", "--title", "X", "--rule", "is_member", "--valid-from", "2020-13-01"],
                database: db)
            #expect(badDate.status == 64)
        }
    }

    @Test func everyPolicyCommandHasHelpWithAnExample() throws {
        for verb in ["add", "revise", "show", "list", "check", "facts"] {
            let result = try FilmWGBinary.run(["policy", verb, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example:\n  filmwg policy \(verb)"), "\(verb)")
        }
    }
}
