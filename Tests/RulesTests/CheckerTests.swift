import Rules
import Testing

@Suite struct CheckerTests {
    @Test func suggestsTheNearestFactName() {
        let source = """
            registered_in_zone
            and registered_capitol >= 5000000
            """
        #expect(
            refusal(source)
                == RuleError(
                    line: 2, column: 5, message: "unknown fact 'registered_capitol'",
                    suggestion: "registered_capital"))
        #expect(
            refusal(source)?.description
                == "2:5: unknown fact 'registered_capitol'; did you mean 'registered_capital'?")
    }

    @Test(arguments: [
        ("years_in_operaton >= 2", "years_in_operation"),
        ("memeber_tier = 'member'", "member_tier"),
        ("evnets_attended_12m > 0", "events_attended_12m"),
        ("capital > 0", "registered_capital"),
        ("KIDN = 'other'", "kind"),
    ])
    func suggestsFactsForTypos(source: String, suggestion: String) {
        #expect(refusal(source)?.suggestion == suggestion)
    }

    @Test func offersNoSuggestionWhenNothingIsClose() throws {
        let error = try #require(refusal("turnover > 5"))
        #expect(error.description == "1:1: unknown fact 'turnover'")
    }

    @Test func suggestsTheNearestAllowedValue() {
        #expect(
            refusal("kind in ('production', 'post_prodution')")
                == RuleError(
                    line: 1, column: 24, message: "unknown value 'post_prodution' for 'kind'",
                    suggestion: "post_production"))
        #expect(refusal("kind = 'Production'")?.suggestion == "production")
        #expect(refusal("'memeber' = member_tier")?.suggestion == "member")
        #expect(refusal("member_tier <> 'observr'")?.suggestion == "observer")
    }

    @Test func listsTheAllowedValuesWhenNoneIsClose() {
        #expect(
            refusal("member_tier = 'gold'")?.description
                == "1:15: unknown value 'gold' for 'member_tier': expected one of 'initiating', 'member', 'observer'")
    }

    @Test func acceptsAnyValueForAnOpenTextFact() throws {
        #expect(try sql("district = '怀柔区'") == "(f.\"district\" = $1::text)")
    }

    @Test(arguments: [
        ("kind >= 5", "1:9: cannot compare 'kind' (text) with 5 (integer)"),
        ("registered_capital = 'a lot'", "1:22: cannot compare 'registered_capital' (numeric) with 'a lot' (text)"),
        ("registered_in_zone = 1", "1:22: cannot compare 'registered_in_zone' (boolean) with 1 (integer)"),
        ("founded_on < 2017", "1:14: cannot compare 'founded_on' (date) with 2017 (integer)"),
        ("employees in (1, 'two')", "1:18: cannot compare 'employees' (integer) with 'two' (text)"),
        ("founded_on between 2010-01-01 and 5", "1:35: cannot compare 'founded_on' (date) with 5 (integer)"),
        (
            "(is_member or holds_position) = 3",
            "1:33: cannot compare 'is_member or holds_position' (boolean) with 3 (integer)"
        ),
        ("registered_in_zone < true", "1:1: cannot order booleans with '<': expected '=' or '<>'"),
        ("is_member between false and true", "1:1: cannot use 'between' with booleans: expected '=' or '<>'"),
    ])
    func refusesComparisonsOfUnlikeTypes(source: String, expected: String) {
        #expect(refusal(source)?.description == expected)
    }

    @Test func suggestsADateLiteralForAQuotedDate() {
        #expect(
            refusal("founded_on >= '2010-01-01'")
                == RuleError(
                    line: 1, column: 15, message: "cannot compare 'founded_on' (date) with '2010-01-01' (text)",
                    suggestion: "2010-01-01"))
    }

    @Test(arguments: [
        ("registered_capital", "1:1: expected a condition, found 'registered_capital' (numeric)"),
        ("is_member and kind", "1:15: expected a condition, found 'kind' (text)"),
        ("5", "1:1: expected a condition, found 5 (integer)"),
        ("not employees", "1:5: expected a condition, found 'employees' (integer)"),
        ("is_member or 'yes'", "1:14: expected a condition, found 'yes' (text)"),
    ])
    func requiresConditionsWhereTruthIsNeeded(source: String, expected: String) {
        #expect(refusal(source)?.description == expected)
    }

    @Test func acceptsABareBooleanFactAsACriterion() throws {
        #expect(try sql("registered_in_zone") == "f.\"registered_in_zone\"")
    }

    @Test(arguments: [
        ("kind = null", "1:8: comparing with null never yields true or false; did you mean 'is null'?"),
        ("null = kind", "1:1: comparing with null never yields true or false; did you mean 'is null'?"),
        ("kind <> null", "1:9: comparing with null never yields true or false; did you mean 'is not null'?"),
        ("kind != (null)", "1:9: comparing with null never yields true or false; did you mean 'is not null'?"),
        ("employees > null", "1:13: comparing with null never yields true or false"),
        (
            "kind in ('other', null)",
            "1:19: null never matches in an 'in' list; test for a missing value with 'is null'"
        ),
        ("employees between null and 5", "1:19: a null bound makes 'between' never true or false"),
        ("null", "1:1: expected a fact or a value, found null; to test for a missing value write 'fact is null'"),
        (
            "null is null",
            "1:1: expected a fact or a value, found null; to test for a missing value write 'fact is null'"
        ),
    ])
    func refusesNullOutsideIsNull(source: String, expected: String) {
        #expect(refusal(source)?.description == expected)
    }

    @Test func splitsTheTopLevelAndChainIntoCriteria() throws {
        let rule = try check(
            """
            registered_in_zone
            and (is_member or   holds_position) -- either will do
            and kind in ('production',
                         'post_production')
            """, catalog: .fixture)
        #expect(
            rule.criteria.map(\.source) == [
                "registered_in_zone",
                "(is_member or holds_position)",
                "kind in ('production', 'post_production')",
            ])
        #expect(
            rule.criteria.map { $0.facts.map(\.name) } == [
                ["registered_in_zone"], ["is_member", "holds_position"], ["kind"],
            ])
    }

    @Test func treatsARuleWithoutATopLevelAndAsOneCriterion() throws {
        let rule = try check("is_member or holds_position and employees > 10", catalog: .fixture)
        #expect(rule.criteria.map(\.source) == ["is_member or holds_position and employees > 10"])
    }

    @Test func looksThroughParenthesesAroundTheWholeRule() throws {
        let rule = try check("((is_member and holds_position))", catalog: .fixture)
        #expect(rule.criteria.map(\.source) == ["is_member", "holds_position"])
        let single = try check("(is_member or holds_position)", catalog: .fixture)
        #expect(single.criteria.map(\.source) == ["(is_member or holds_position)"])
    }

    @Test func keepsCommentsOutOfCriterionText() throws {
        let rule = try check(
            "(is_member -- now\n or holds_position) and not ( -- unless\n holds_position)", catalog: .fixture)
        #expect(rule.criteria.map(\.source) == ["(is_member or holds_position)", "not ( holds_position)"])
    }

    @Test func listsEveryFactTheRuleReadsOnce() throws {
        let rule = try check(
            "employees > 1 and (employees < 9 or founded_on is null) and founded_on < member_since",
            catalog: .fixture)
        #expect(rule.facts.map(\.name) == ["employees", "founded_on", "member_since"])
    }

    @Test func matchesCatalogNamesCaseInsensitively() throws {
        let catalog = FactCatalog([Fact(name: "Mixed_Case", type: .boolean)])
        #expect(try compile("mixed_case", catalog: catalog).criteria[0].sql == "f.\"Mixed_Case\"")
    }

    @Test func keepsTheFirstOfTwoFactsWithOneName() throws {
        let catalog = FactCatalog([Fact(name: "x", type: .boolean), Fact(name: "X", type: .integer)])
        #expect(catalog.facts.count == 1)
        #expect(catalog["x"]?.type == .boolean)
    }
}
