import Rules
import Testing

@Suite struct ParserTests {
    @Test(arguments: [
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("not a and b", "(and (not a) b)"),
        ("not a or not b", "(or (not a) (not b))"),
        ("not x = 1", "(not (= x 1))"),
        ("not x in (1, 2)", "(not (in x 1 2))"),
        ("not x is null", "(not (is-null x))"),
        ("not not a", "(not (not a))"),
        ("(a or b) and c", "(and (or a b) c)"),
        ("a and (b or c) and d", "(and a (or b c) d)"),
        ("a and b and c and d", "(and a b c d)"),
        ("a or b or c", "(or a b c)"),
        ("x between 1 and 5 and y", "(and (between x 1 5) y)"),
        ("x not between 1 and 5", "(not-between x 1 5)"),
        ("x not in ('a')", "(not-in x 'a')"),
        ("x is not null or y is null", "(or (is-not-null x) (is-null y))"),
        ("x <> 1 and y != 2", "(and (<> x 1) (<> y 2))"),
        ("x<=1 and y>=2 and z<3 and w>4 and v=5", "(and (<= x 1) (>= y 2) (< z 3) (> w 4) (= v 5))"),
        ("(a)", "a"),
    ])
    func groupsByPrecedence(source: String, outline: String) throws {
        #expect(try parse(source).outline == outline)
    }

    @Test func readsEveryKindOfLiteral() throws {
        let rule = try parse("x in (5000000, 2.5, -3, 'it''s', 2017-05-20, true, FALSE, null)")
        #expect(rule.outline == "(in x 5000000 2.5 -3 'it's' 2017-05-20 true false null)")
    }

    @Test func readsDatesOnlyWhenTheDayExists() throws {
        #expect(try parse("founded_on = 2024-02-29").outline == "(= founded_on 2024-02-29)")
        #expect(refusal("founded_on = 2023-02-29")?.message == "2023-02-29 is not a valid date")
        #expect(refusal("founded_on = 2100-02-29")?.message == "2100-02-29 is not a valid date")
        #expect(try parse("founded_on = 2000-02-29").outline == "(= founded_on 2000-02-29)")
        #expect(RuleDate(iso: "0000-01-01") == nil)
        #expect(RuleDate(iso: "２０１７-05-20") == nil)
        #expect(RuleDate(year: 2017, month: 5, day: 20)! < RuleDate(year: 2017, month: 12, day: 1)!)
    }

    @Test func keepsNullInTheTree() throws {
        #expect(try parse("x = null").outline == "(= x null)")
        #expect(try parse("x is not null").outline == "(is-not-null x)")
    }

    @Test func treatsKeywordsAndNamesCaseInsensitively() throws {
        #expect(
            try parse("Registered_In_Zone AND NOT Kind IN ('x') Or Y IS NOT NULL").outline
                == "(or (and registered_in_zone (not (in kind 'x'))) (is-not-null y))")
    }

    @Test func skipsComments() throws {
        let source = """
            -- who may apply
            a -- in the zone
            and b--no space needed
            -- trailing
            """
        #expect(try parse(source).outline == "(and a b)")
    }

    @Test func readsChineseTextInStrings() throws {
        #expect(try parse("district = '怀柔区'").outline == "(= district '怀柔区')")
    }

    @Test func recordsSourceRangesOfNodes() throws {
        let rule = try parse("a\n  and (b or c)")
        guard case .and(let operands, let range) = rule else {
            Issue.record("expected an and-chain, got \(rule.outline)")
            return
        }
        #expect(range.start == SourceLocation(offset: 0, line: 1, column: 1))
        #expect(range.end == SourceLocation(offset: 16, line: 2, column: 15))
        #expect(operands[1].range.start == SourceLocation(offset: 8, line: 2, column: 7))
    }

    @Test(arguments: [
        ("", "1:1: the rule is empty: expected a condition, found end of rule"),
        ("  -- only a comment\n", "1:1: the rule is empty: expected a condition, found end of rule"),
        ("(a or b", "1:8: expected ')' to close the '(' at 1:1, found end of rule"),
        ("a and\n  ((b)", "2:7: expected ')' to close the '(' at 2:3, found end of rule"),
        ("a )", "1:3: expected 'and', 'or' or end of rule, found ')'"),
        ("a b", "1:3: expected 'and', 'or' or end of rule, found 'b'"),
        ("a = 1 = 2", "1:7: expected 'and', 'or' or end of rule, found '='"),
        ("kind in ('a', 'b'", "1:18: expected ',' or ')' in the 'in' list, found end of rule"),
        ("kind in ()", "1:10: expected a value in the 'in' list, found ')'"),
        ("kind in ('a',)", "1:14: expected a value after ',', found ')'"),
        ("kind in 'a'", "1:9: expected '(' after 'in', found the string 'a'"),
        ("x between 1 or 2", "1:13: expected 'and' between the bounds of 'between', found 'or'"),
        ("x is 5", "1:6: expected 'null' or 'not null' after 'is', found the number 5"),
        ("x is not 5", "1:10: expected 'null' after 'is not', found the number 5"),
        ("x not = 5", "1:7: expected 'in' or 'between' after 'not', found '='"),
        ("a and", "1:6: expected a fact, a value or '(', found end of rule"),
        ("and a", "1:1: expected a fact, a value or '(', found 'and'"),
        ("x = ", "1:4: expected a fact, a value or '(', found end of rule"),
        ("a and b;", "1:8: unexpected character ';'"),
        ("name = 'open", "1:8: unterminated string: expected a closing ' before the end of the rule"),
        ("founded_on > 2017-02-30", "1:14: 2017-02-30 is not a valid date"),
        ("founded_on > 2017-5-20", "1:14: malformed date '2017-5-20'; write dates as YYYY-MM-DD"),
        ("x > 1.", "1:5: expected digits after the decimal point, found '1.'"),
        ("x > 12abc", "1:7: unexpected character 'a' after 12"),
        ("x > 1.2.3", "1:8: unexpected character '.' after 1.2"),
        ("x > * 1", "1:5: expected a fact, a value or '(', found '*'"),
        (
            "\"kind\" = 'a'",
            "1:1: unexpected character '\"': write strings in single quotes and fact names without quotes"
        ),
        ("a and b\u{0}", "1:8: unexpected character U+0000"),
    ])
    func reportsSyntaxErrorsWithPositions(source: String, expected: String) {
        #expect(refusal(source)?.description == expected)
    }

    @Test(arguments: [
        ("a adn b", "adn", "and"),
        ("a an b", "an", "and"),
        ("x between 1 nad 2", "nad", "and"),
        ("a == 1", "==", "="),
        ("a => 1", "=>", ">="),
        ("a =< 1", "=<", "<="),
        ("a && b", "&", "and"),
        ("a || b", "|", "or"),
        ("!a", "!", "not"),
        ("kind in （'x')", "（", "("),
        ("kind in ('x'，'y')", "，", ","),
        ("name = ‘x’", "‘", "'"),
    ])
    func suggestsWhatAMistypedTokenMeant(source: String, offending: String, suggestion: String) throws {
        let error = try #require(refusal(source))
        #expect(error.suggestion == suggestion, "for \(offending)")
    }

    @Test func doesNotCorrectAFactIntoAKeyword() throws {
        let error = try #require(refusal("registered_in_zone kind = 'x'"))
        #expect(error.suggestion == nil)
    }

    @Test func countsColumnsInCharactersNotBytes() throws {
        let error = try #require(refusal("district = '怀柔区' and ;"))
        #expect((error.line, error.column) == (1, 22))
    }

    @Test func countsLinesAcrossCarriageReturns() throws {
        let error = try #require(refusal("a\r\nand b\r\nand ;"))
        #expect((error.line, error.column) == (3, 5))
    }

    @Test func refusesNestingDeeperThanTheLimit() throws {
        let deep = String(repeating: "(", count: 500) + "a" + String(repeating: ")", count: 500)
        let error = try #require(refusal(deep))
        #expect(error.message.hasPrefix("the rule nests too deeply"))
        #expect((error.line, error.column) == (1, 201))

        let nots = String(repeating: "not ", count: 1000) + "a"
        #expect(refusal(nots)?.message.hasPrefix("the rule nests too deeply") == true)
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let deep = String(repeating: "(", count: 200) + "is_member" + String(repeating: ")", count: 200)
        #expect(try sql(deep) == "f.\"is_member\"")
    }

    @Test func refusesARuleLongerThanTheLimit() throws {
        let long = String(repeating: "a and ", count: 2000) + "a"
        let error = try #require(refusal(long))
        #expect(error.message == "the rule is too long: expected at most 10000 characters, found 12001")
        #expect((error.line, error.column) == (1, 10001))
    }

    @Test func handlesALongFlatChainWithinTheLimit() throws {
        let source = Array(repeating: "is_member", count: 600).joined(separator: " and ")
        #expect(try compiled(source).criteria.count == 600)
    }
}
