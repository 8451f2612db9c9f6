import Rules
import Testing

extension FactCatalog {
    /// The facts DESIGN §6 names, with the types the facts view gives them.
    static let fixture = FactCatalog([
        Fact(name: "registered_in_zone", type: .boolean),
        Fact(name: "registered_capital", type: .numeric, description: "CNY"),
        Fact(name: "years_in_operation", type: .integer),
        Fact(
            name: "kind", type: .text,
            allowedValues: [
                "internet_platform", "production", "distribution", "post_production", "technology",
                "investment", "other",
            ]),
        Fact(name: "member_tier", type: .text, allowedValues: ["initiating", "member", "observer"]),
        Fact(name: "is_member", type: .boolean),
        Fact(name: "member_since", type: .date),
        Fact(name: "events_attended_12m", type: .integer),
        Fact(name: "professionals_count", type: .integer),
        Fact(name: "holds_position", type: .boolean),
        Fact(name: "granted_this_year", type: .numeric),
        Fact(name: "founded_on", type: .date),
        Fact(name: "employees", type: .integer),
        Fact(name: "district", type: .text),
        Fact(name: "zone_registered_on", type: .date),
        Fact(name: "name", type: .text),
    ])
}

/// Compiles against the fixture catalog, which nearly every test uses.
func compiled(_ source: String, firstParameter: Int = 1) throws(RuleError) -> CompiledRule {
    try compile(source, catalog: .fixture, firstParameter: firstParameter)
}

/// The one SQL expression of a single-criterion rule.
func sql(_ source: String) throws -> String {
    let criteria = try compiled(source).criteria
    try #require(criteria.count == 1)
    return criteria[0].sql
}

/// The error a rule is refused with, or nil when it compiles.
func refusal(_ source: String) -> RuleError? {
    do {
        _ = try compiled(source)
        return nil
    } catch {
        return error
    }
}
