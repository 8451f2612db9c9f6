import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct PolicyRepositoryTests {
    typealias F = EligibilityFixture

    @Test func theFactCatalogHoldsEveryColumnOfCompanyFacts() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let catalog = try FactCatalogRepository(db).load()
            let columns = try db.query("SELECT * FROM filmwg.company_facts(current_date) LIMIT 0").columnNames
            #expect(["company_id"] + catalog.facts.map(\.name) == columns)
            #expect(catalog["member_tier"]?.allowedValues == ["initiating", "member", "observer"])
            #expect(catalog["years_in_operation"]?.type.rawValue == "integer")
            #expect(catalog.facts.allSatisfy { !$0.description.isEmpty })
        }
    }

    @Test func addSavesThePolicyAndItsFirstVersionWithTheCriteria() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let details = try PolicyRepository(db).add(
                NewPolicy(
                    code: "film-fund", title: "Film fund", issuer: "Zone committee", benefit: "30% of costs",
                    cap: Decimal(string: "5000000.00"),
                    rule:
                        "-- the fund\nregistered_in_zone\nand registered_capital >= 5000000 -- CNY\nand kind in ('production', 'post_production')\n",
                    validFrom: F.day("2017-05-20")))
            #expect(details.policy.code == "film-fund")
            #expect(details.policy.cap == Decimal(string: "5000000"))
            #expect(details.versions.count == 1)
            let version = try #require(details.versions.first)
            #expect(version.version == 1)
            #expect(version.validFrom == F.day("2017-05-20"))
            #expect(version.validTo == nil)
            #expect(
                version.criteria == [
                    "registered_in_zone", "registered_capital >= 5000000", "kind in ('production', 'post_production')",
                ])
            #expect(version.rule.hasPrefix("-- the fund\nregistered_in_zone"))
            #expect(try PolicyRepository(db).details(code: "film-fund") == details)
            let audited = try F.count(
                db,
                "SELECT count(*) FROM filmwg.audit_log WHERE table_name IN ('policies', 'policy_versions') AND actor = 'test'"
            )
            #expect(audited == 2)
        }
    }

    @Test func aRuleThatDoesNotCheckIsNeverSaved() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let repository = PolicyRepository(db)
            let error = try #require(throws: RecordError.self) {
                try repository.add(
                    NewPolicy(
                        code: "film-fund", title: "Film fund",
                        rule: "registered_in_zone\nand registred_capital >= 5000000", validFrom: F.day("2017-05-20")))
            }
            #expect(error.category == .invalid)
            #expect(
                error.sentence
                    == "the rule does not check: 2:5: unknown fact 'registred_capital'; did you mean 'registered_capital'?"
            )
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.policies") == 0)
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.policy_versions") == 0)

            let value = try #require(throws: RecordError.self) {
                try repository.check(rule: "member_tier = 'gold'")
            }
            #expect(value.sentence.hasPrefix("the rule does not check: 1:15: unknown value 'gold' for 'member_tier'"))
        }
    }

    @Test func checkReturnsTheCriteriaAndTheFactsTheyRead() throws {
        try TestDatabase.with { test in
            let summary = try PolicyRepository(try test.connect()).check(
                rule: "is_member and (events_attended_12m >= 2 or holds_position)")
            #expect(summary.criteria.map(\.source) == ["is_member", "(events_attended_12m >= 2 or holds_position)"])
            #expect(summary.criteria.map(\.facts) == [["is_member"], ["events_attended_12m", "holds_position"]])
        }
    }

    @Test(arguments: [
        ("Film/Fund", "policy code 'Film/Fund' may hold only letters, digits, - and _"),
        ("film fund", "policy code 'film fund' may hold only letters, digits, - and _"),
    ])
    func aBadCodeIsRefused(code: String, sentence: String) throws {
        try TestDatabase.with { test in
            let error = try #require(throws: RecordError.self) {
                try PolicyRepository(try test.connect()).add(
                    NewPolicy(code: code, title: "T", rule: "is_member", validFrom: F.day("2020-01-01")))
            }
            #expect(error.sentence == sentence)
        }
    }

    @Test func aTakenCodeAndAnEmptyPeriodAreRefused() throws {
        try TestDatabase.with { test in
            let repository = PolicyRepository(try test.connect())
            try F.policy(try test.connect(), code: "film-fund", rule: "is_member")
            let taken = try #require(throws: RecordError.self) {
                try repository.add(
                    NewPolicy(code: "film-fund", title: "Again", rule: "is_member", validFrom: F.day("2020-01-01")))
            }
            #expect(
                taken.sentence
                    == "a policy with code 'film-fund' already exists; use 'filmwg policy revise film-fund' for a new rule"
            )
            let period = try #require(throws: RecordError.self) {
                try repository.add(
                    NewPolicy(
                        code: "other", title: "Other", rule: "is_member", validFrom: F.day("2020-01-01"),
                        validTo: F.day("2020-01-01")))
            }
            #expect(period.sentence.hasPrefix("valid_to (2020-01-01) must be after valid_from (2020-01-01)"))
            #expect(period.phrase.fields == ["valid_to", "valid_from"])
        }
    }

    @Test func reviseClosesTheOpenVersionTheDayBeforeTheNewOneStarts() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.policy(db, code: "film-fund", rule: "registered_in_zone", from: "2017-05-20")
            let revised = try PolicyRepository(db).revise(
                code: "film-fund", rule: "registered_in_zone and employees >= 10", validFrom: F.day("2021-01-01"))
            #expect(revised.versions.map(\.version) == [1, 2])
            let (first, second) = (revised.versions[0], revised.versions[1])
            #expect(first.validTo == F.day("2021-01-01"))
            #expect(first.isValid(on: F.day("2020-12-31")))
            #expect(!first.isValid(on: F.day("2021-01-01")))
            #expect(second.validFrom == F.day("2021-01-01") && second.validTo == nil)
            #expect(second.criteria == ["registered_in_zone", "employees >= 10"])
            #expect(revised.version(on: F.day("2020-12-31"))?.version == 1)
            #expect(revised.version(on: F.day("2021-01-01"))?.version == 2)
            let lastDay = try db.query(
                """
                SELECT upper(valid) - 1 FROM filmwg.policy_versions WHERE id = \(first.id)
                """
            ).one().decode(CalendarDate.self, at: 0)
            #expect(lastDay == F.day("2020-12-31"))
        }
    }

    @Test func reviseRefusesAVersionThatDoesNotStartAfterTheOpenOneAndKeepsEverything() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.policy(db, code: "film-fund", rule: "registered_in_zone", from: "2021-01-01")
            let error = try #require(throws: RecordError.self) {
                try PolicyRepository(db).revise(code: "film-fund", rule: "is_member", validFrom: F.day("2021-01-01"))
            }
            #expect(
                error.sentence
                    == "version 1 of policy film-fund starts on 2021-01-01; a new version must start after that day")
            let bad = try #require(throws: RecordError.self) {
                try PolicyRepository(db).revise(code: "film-fund", rule: "is_membr", validFrom: F.day("2022-01-01"))
            }
            #expect(bad.sentence.contains("1:1: unknown fact 'is_membr'; did you mean 'is_member'?"))
            let details = try PolicyRepository(db).details(code: "film-fund")
            #expect(details.versions.count == 1)
            #expect(details.versions[0].validTo == nil)
        }
    }

    @Test func aRevisionThatWouldOverlapAClosedVersionIsRefused() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.policy(db, code: "film-fund", rule: "registered_in_zone", from: "2020-01-01", to: "2023-01-01")
            let error = try #require(throws: RecordError.self) {
                try PolicyRepository(db).revise(code: "film-fund", rule: "is_member", validFrom: F.day("2022-01-01"))
            }
            #expect(error.sentence.contains("overlaps another version"))
            let later = try PolicyRepository(db).revise(
                code: "film-fund", rule: "is_member", validFrom: F.day("2023-01-01"))
            #expect(later.versions.map(\.validTo) == [F.day("2023-01-01"), nil])
        }
    }

    @Test func aVersionTheJobHasUsedCanStillBeClosedByARevision() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "Yanqi Lake Pictures")
            try F.policy(db, code: "film-fund", rule: "registered_in_zone", from: "2017-05-20")
            try F.job(test, db).run(asOf: F.day("2020-06-01"))
            let revised = try PolicyRepository(db).revise(
                code: "film-fund", rule: "is_member", validFrom: F.day("2021-01-01"))
            #expect(revised.versions[0].validTo == F.day("2021-01-01"))
            // The rule of a used version stays fixed (policy_versions_immutable).
            #expect(throws: PostgresError.self) {
                try db.execute(
                    "UPDATE filmwg.policy_versions SET rule = 'is_member', criteria = '{is_member}' WHERE version = 1")
            }
        }
    }

    @Test func anUnknownCodeNamesTheNearestOne() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.policy(db, code: "film-fund", rule: "is_member")
            let error = try #require(throws: RecordError.self) { try PolicyRepository(db).find(code: "film-fnd") }
            #expect(error.category == .notFound)
            #expect(error.sentence == "no policy has code 'film-fnd'; did you mean 'film-fund'?")
        }
    }

    @Test func listGivesEveryPolicyWithItsVersionsByCode() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.policy(db, code: "b-policy", rule: "is_member")
            try F.policy(db, code: "a-policy", rule: "registered_in_zone", from: "2017-05-20")
            _ = try PolicyRepository(db).revise(
                code: "a-policy", rule: "holds_position", validFrom: F.day("2019-01-01"))
            let list = try PolicyRepository(db).list()
            #expect(list.map(\.policy.code) == ["a-policy", "b-policy"])
            #expect(list.map { $0.versions.count } == [2, 1])
        }
    }
}
