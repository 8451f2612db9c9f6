import Testing

@testable import Rules

@Suite struct SQLCompilerTests {
    @Test(arguments: [
        ("employees = 3", "(f.\"employees\" = $1::bigint)"),
        ("employees <> 3", "(f.\"employees\" <> $1::bigint)"),
        ("employees != 3", "(f.\"employees\" <> $1::bigint)"),
        ("employees < 3", "(f.\"employees\" < $1::bigint)"),
        ("employees <= 3", "(f.\"employees\" <= $1::bigint)"),
        ("employees > 3", "(f.\"employees\" > $1::bigint)"),
        ("employees >= 3", "(f.\"employees\" >= $1::bigint)"),
        ("not is_member", "(NOT f.\"is_member\")"),
        ("is_member or holds_position", "(f.\"is_member\" OR f.\"holds_position\")"),
        (
            "(is_member and holds_position) or not registered_in_zone",
            "((f.\"is_member\" AND f.\"holds_position\") OR (NOT f.\"registered_in_zone\"))"
        ),
        (
            "is_member or holds_position and employees > 10",
            "(f.\"is_member\" OR (f.\"holds_position\" AND (f.\"employees\" > $1::bigint)))"
        ),
        ("not (is_member or holds_position)", "(NOT (f.\"is_member\" OR f.\"holds_position\"))"),
        ("kind in ('production', 'other')", "(f.\"kind\" IN ($1::text, $2::text))"),
        ("kind not in ('other')", "(f.\"kind\" NOT IN ($1::text))"),
        ("employees between 1 and 9", "(f.\"employees\" BETWEEN $1::bigint AND $2::bigint)"),
        ("employees not between 1 and 9", "(f.\"employees\" NOT BETWEEN $1::bigint AND $2::bigint)"),
        ("founded_on is null", "(f.\"founded_on\" IS NULL)"),
        ("founded_on is not null", "(f.\"founded_on\" IS NOT NULL)"),
        ("not founded_on is null", "(NOT (f.\"founded_on\" IS NULL))"),
        ("founded_on < zone_registered_on", "(f.\"founded_on\" < f.\"zone_registered_on\")"),
        ("employees < registered_capital", "(f.\"employees\" < f.\"registered_capital\")"),
        ("registered_in_zone = true", "(f.\"registered_in_zone\" = $1::boolean)"),
        ("true", "$1::boolean"),
        ("1 = 1", "($1::bigint = $2::bigint)"),
    ])
    func rendersEachOperator(source: String, expected: String) throws {
        #expect(try sql(source) == expected)
    }

    @Test func bindsEveryLiteralInOrderAcrossCriteria() throws {
        let rule = try compiled(
            """
            registered_capital >= 5000000
            and founded_on between 2010-01-01 and 2017-05-20
            and name <> 'O''Brien'
            and is_member = false
            and employees > 2
            """, firstParameter: 2)
        #expect(
            rule.criteria.map(\.sql) == [
                "(f.\"registered_capital\" >= $2::numeric)",
                "(f.\"founded_on\" BETWEEN $3::date AND $4::date)",
                "(f.\"name\" <> $5::text)",
                "(f.\"is_member\" = $6::boolean)",
                "(f.\"employees\" > $7::bigint)",
            ])
        #expect(
            rule.binds == [
                .numeric("5000000"), .date(RuleDate(year: 2010, month: 1, day: 1)!),
                .date(RuleDate(year: 2017, month: 5, day: 20)!), .text("O'Brien"), .boolean(false), .integer(2),
            ])
    }

    @Test func bindsANumberAsNumericWhenItMeetsANumericFact() throws {
        #expect(try compiled("registered_capital > 5").binds == [.numeric("5")])
        #expect(try compiled("5 < registered_capital").binds == [.numeric("5")])
        #expect(try compiled("registered_capital in (1, 2.5)").binds == [.numeric("1"), .numeric("2.5")])
        #expect(try compiled("registered_capital between 1 and 2").binds == [.numeric("1"), .numeric("2")])
    }

    @Test func castsADecimalComparedWithAnIntegerFactAsNumeric() throws {
        #expect(try sql("employees >= 2.5") == "(f.\"employees\" >= $1::numeric)")
        #expect(try compiled("employees >= 2.5").binds == [.numeric("2.5")])
        #expect(try compiled("employees in (2, 2.5)").binds == [.integer(2), .numeric("2.5")])
    }

    @Test func keepsNumericDigitsExactly() throws {
        let digits = "123456789012345678901234567890.000000000000000000001"
        #expect(try compiled("granted_this_year = \(digits)").binds == [.numeric(digits)])
        #expect(try compiled("granted_this_year > -1.50").binds == [.numeric("-1.50")])
    }

    @Test func bindsAWholeNumberBeyondBigintAsNumeric() throws {
        #expect(try sql("employees < 99999999999999999999") == "(f.\"employees\" < $1::numeric)")
    }

    @Test func usesTheCallersAlias() throws {
        let rule = try compile("is_member", catalog: .fixture, factsAlias: "facts")
        #expect(rule.criteria[0].sql == "facts.\"is_member\"")
    }

    @Test func quotesFactNamesAsOneIdentifier() {
        // Rule text cannot spell such a name, but a catalog row can hold one.
        #expect(SQLCompiler.quoted("odd\"name") == "\"odd\"\"name\"")
        #expect(SQLCompiler.quoted("资本") == "\"资本\"")
    }

    @Test func bindsChineseText() throws {
        let rule = try compiled("district in ('怀柔区', '朝阳区') and name = '中国互联网协会'")
        #expect(rule.binds == [.text("怀柔区"), .text("朝阳区"), .text("中国互联网协会")])
    }

    @Test func checksOnceAndCompilesForDifferentQueries() throws {
        let checked = try check("employees > 1 and kind = 'other'", catalog: .fixture)
        let first = try checked.compiled()
        let second = try checked.compiled(factsAlias: "g", firstParameter: 10)
        #expect(first.criteria.map(\.sql) == ["(f.\"employees\" > $1::bigint)", "(f.\"kind\" = $2::text)"])
        #expect(second.criteria.map(\.sql) == ["(g.\"employees\" > $10::bigint)", "(g.\"kind\" = $11::text)"])
        #expect(first.binds == second.binds)
    }

    @Test func describesBindsForGoldenFiles() throws {
        #expect(RuleValue.text("O'Brien").description == "text 'O''Brien'")
        #expect(RuleValue.numeric("5000000").description == "numeric 5000000")
        #expect(RuleValue.date(RuleDate(iso: "2017-05-20")!).parameterText == "2017-05-20")
        #expect(RuleValue.boolean(true).parameterText == "true")
    }
}
