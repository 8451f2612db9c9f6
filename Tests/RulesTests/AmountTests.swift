import Rules
import Testing

/// Amount formulas (DESIGN §12): what checks, what is refused and where, and the SQL shape. What
/// the SQL computes is tested against PostgreSQL in FilmWGTests (AmountEvaluationTests).
@Suite struct AmountTests {
    static let catalog = FactCatalog(
        FactCatalog.fixture.facts + [
            Fact(name: "rent_paid_last_year", type: .numeric),
            Fact(name: "rented_area_m2_last_year", type: .numeric),
            Fact(name: "fiscal_contribution_per_m2_last_year", type: .numeric),
            Fact(name: "renovation_cost_last_year", type: .numeric),
            Fact(name: "renovated_area_m2_last_year", type: .numeric),
            Fact(name: "zone_years", type: .integer),
        ])

    static func amount(_ source: String) throws(RuleError) -> CompiledAmount {
        try checkAmount(source, catalog: catalog).compiled()
    }

    static func refusal(_ source: String) -> String? {
        do {
            _ = try checkAmount(source, catalog: catalog)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        "1000000",
        "rent_paid_last_year * taper(zone_years + 1, 100%, 80%, 60%, 40%, 20%)",
        "min(300 * renovated_area_m2_last_year, 30% * renovation_cost_last_year)",
        "max(0, rent_paid_last_year - 100000.50)",
        "case when fiscal_contribution_per_m2_last_year >= 300 then rent_paid_last_year else 0 end",
        "rent_paid_last_year / rented_area_m2_last_year * 12",
        "-(employees) + 10 * 2",
        "employees - 1",
        "employees -1",
        "(registered_capital)",
        "case when kind = 'production' and employees >= 10 then 1000 * employees when is_member then 500 else 0 end",
    ])
    func acceptsEveryFormulaShape(source: String) throws {
        let compiled = try Self.amount(source)
        #expect(compiled.value.hasPrefix("round(numeric_larger("))
        #expect(!compiled.binds.isEmpty)
    }

    @Test func bindsEveryValueAndPercentagesAsFractions() throws {
        let compiled = try Self.amount("rent_paid_last_year * taper(zone_years + 1, 100%, 80%, 12.5%)")
        #expect(
            compiled.raw
                == #"(f."rent_paid_last_year" * (ARRAY[0::numeric, $2::numeric, $3::numeric, $4::numeric, 0::numeric])[width_bucket(((f."zone_years")::numeric + $1::numeric), 1::numeric, 4::numeric, 3) + 1])"#
        )
        #expect(
            compiled.binds.prefix(4).map(\.description) == [
                "numeric 1", "numeric 1.00", "numeric 0.80", "numeric 0.125",
            ])
        #expect(
            compiled.tapers == [
                CompiledTaper(source: "zone_years + 1", steps: 3, index: #"((f."zone_years")::numeric + $1::numeric)"#)
            ])
        #expect(compiled.binds.contains(.text("rent_paid_last_year is unknown")))
        #expect(compiled.binds.contains(.text("zone_years is unknown")))
    }

    @Test func dividesWithoutEverRaisingAndSaysSoWhenNull() throws {
        let compiled = try Self.amount("rent_paid_last_year / rented_area_m2_last_year")
        #expect(compiled.raw.contains(#"/ NULLIF(f."rented_area_m2_last_year", 0::numeric)"#))
        #expect(
            compiled.binds.contains(
                .text("division by zero in the amount rent_paid_last_year / rented_area_m2_last_year")))
    }

    @Test func minAndMaxAreStrictAboutNulls() throws {
        let compiled = try Self.amount("min(1, 2, employees)")
        #expect(
            compiled.raw == #"numeric_smaller(numeric_smaller($1::numeric, $2::numeric), (f."employees")::numeric)"#)
    }

    @Test func namesEachColumnItReadsOnceInOrderOfFirstUse() throws {
        let compiled = try Self.amount("employees * taper(zone_years + 1, 100%, 50%) + employees")
        #expect(compiled.columns == [#""employees""#, #""zone_years""#])
        #expect(try Self.amount("1000").columns.isEmpty)
    }

    @Test func startsAtTheGivenPlaceholder() throws {
        let compiled = try checkAmount("employees * 2", catalog: Self.catalog).compiled(
            factsAlias: "x", firstParameter: 7)
        #expect(compiled.raw == #"((x."employees")::numeric * $7::numeric)"#)
    }

    @Test(arguments: [
        ("", "1:1: the amount is empty: expected a number, a fact or a formula, found end of amount"),
        ("registered_in_zone * 100", "1:1: cannot use 'registered_in_zone' (boolean) in arithmetic: expected a number"),
        ("100 + kind", "1:7: cannot use 'kind' (text) in arithmetic: expected a number"),
        ("registered_in_zone", "1:1: an amount must be a number, found 'registered_in_zone' (boolean)"),
        ("rent_paid_last_year * 1200%", "1:23: a percentage must be from 0% to 1000%, found 1200%"),
        ("rent_paid_last_year * -5%", "1:23: a percentage must be from 0% to 1000%, found -5%"),
        (
            "taper(zone_years)",
            "1:1: taper has no steps: expected at least one after its index, as in taper(zone_years + 1, 100%, 80%)"
        ),
        ("taper()", "1:1: taper needs an index and at least one step, as in taper(zone_years + 1, 100%, 80%)"),
        (
            "taper(rent_paid_last_year, 1)",
            "1:7: the index of taper must be a whole number (integer), found 'rent_paid_last_year' (numeric)"
        ),
        ("mn(1, 2)", "1:1: unknown function 'mn': expected min, max or taper; did you mean 'min'?"),
        ("min(1)", "1:1: min needs at least two numbers, found 1"),
        ("rent_paid_last_yr * 2", "1:1: unknown fact 'rent_paid_last_yr'; did you mean 'rent_paid_last_year'?"),
        ("case when employees then 1 else 0 end", "1:11: expected a condition, found 'employees' (integer)"),
        (
            "case when is_member then 1 end",
            "1:28: expected 'when' or 'else' (a case needs an else: what applies when no condition holds), found 'end'"
        ),
        (
            "case when is_member then 'x' else 0 end",
            "1:26: cannot use 'x' (text) as the result of 'then': expected a number"
        ),
        ("employees +", "1:12: expected a fact, a value or '(', found end of rule"),
        ("(employees + 1) %", "1:1: '%' may follow a number only, as in 80%; write a formula as (…) * 80%"),
        ("employees 2", "1:11: expected an operator (+ - * /) or end of amount, found the number 2"),
        ("founded_on + 1", "1:1: cannot use 'founded_on' (date) in arithmetic: expected a number"),
    ])
    func refusesWithLineAndColumn(source: String, expected: String) {
        #expect(Self.refusal(source) == expected)
    }

    @Test func reportsTheLineOfAProblemOnALaterLine() {
        #expect(
            Self.refusal("rent_paid_last_year\n  * taper(zone_years + 1)")
                == "2:5: taper has no steps: expected at least one after its index, as in taper(zone_years + 1, 100%, 80%)"
        )
    }

    @Test func rulesMayCompareArithmetic() throws {
        let rule = try compile("registered_capital >= 300 * employees and employees - 1 > 0", catalog: .fixture)
        #expect(
            rule.criteria.map(\.sql) == [
                #"(f."registered_capital" >= ($1::numeric * (f."employees")::numeric))"#,
                #"(((f."employees")::numeric - $2::numeric) > $3::bigint)"#,
            ])
    }

    @Test func keepsTheFormulaAsWrittenOnOneLine() throws {
        let checked = try checkAmount("rent_paid_last_year -- the rent\n * 80%", catalog: Self.catalog)
        #expect(checked.source == "rent_paid_last_year * 80%")
        #expect(checked.facts.map(\.name) == ["rent_paid_last_year"])
    }
}
