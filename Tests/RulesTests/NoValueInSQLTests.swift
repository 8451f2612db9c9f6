import Rules
import Testing

/// The promise DESIGN §6 makes to operators: no rule text is ever pasted into SQL. Checked on
/// generated rules whose values are chosen to be dangerous if they leaked.
@Suite struct NoValueInSQLTests {
    private struct Generated {
        var criteria: [String] = []
        var binds: [RuleValue] = []
    }

    private static let nastyPieces = [
        "'", "''", ";", "--", "/*", "*/", "$1", "$$", "\"", "\\", "f.\"kind\"", "drop table companies",
        " or true", "怀柔", "影视", "\n", "\t", "%", "?", ")", "(", "🎬", "null", "e'\\x00'",
    ]

    private static let compilerAlphabet = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_\".$:(), =<>")

    private static func text(_ generator: inout SplitMix64) -> String {
        var value = ""
        for _ in 0..<Int.random(in: 1...5, using: &generator) {
            value += nastyPieces.randomElement(using: &generator)!
        }
        return value
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "''") + "'"
    }

    private static func anyCase(_ keyword: String, _ generator: inout SplitMix64) -> String {
        Bool.random(using: &generator) ? keyword.uppercased() : keyword
    }

    private static func date(_ generator: inout SplitMix64) -> RuleDate {
        RuleDate(
            year: Int.random(in: 1900...2100, using: &generator), month: Int.random(in: 1...12, using: &generator),
            day: Int.random(in: 1...28, using: &generator))!
    }

    private static func rule(_ generator: inout SplitMix64) -> Generated {
        var result = Generated()
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            switch Int.random(in: 0..<6, using: &generator) {
            case 0:
                let values = (0..<Int.random(in: 1...3, using: &generator)).map { _ in text(&generator) }
                let fact = Bool.random(using: &generator) ? "district" : "name"
                if values.count == 1 {
                    result.criteria.append("\(fact) <> \(quoted(values[0]))")
                } else {
                    let list = values.map(quoted).joined(separator: ", ")
                    result.criteria.append("\(fact) \(anyCase("not in", &generator)) (\(list))")
                }
                result.binds += values.map(RuleValue.text)
            case 1:
                let whole = Int64.random(in: -1_000_000_000...1_000_000_000_000, using: &generator)
                let fraction = Int.random(in: 0...999, using: &generator)
                let digits = "\(whole).\(fraction)"
                result.criteria.append("registered_capital >= \(digits)")
                result.binds.append(.numeric(digits))
            case 2:
                let value = Int64.random(in: 0...Int64.max, using: &generator)
                result.criteria.append("employees<\(value)")
                result.binds.append(.integer(value))
            case 3:
                let (low, high) = (date(&generator), date(&generator))
                result.criteria.append("founded_on \(anyCase("between", &generator)) \(low) and \(high)")
                result.binds += [.date(low), .date(high)]
            case 4:
                let flag = Bool.random(using: &generator)
                result.criteria.append("(is_member = \(flag) or holds_position)")
                result.binds.append(.boolean(flag))
            default:
                let value = text(&generator)
                result.criteria.append("not (name = \(quoted(value)) or member_since is null)")
                result.binds.append(.text(value))
            }
        }
        return result
    }

    @Test func theCompiledSQLNeverContainsAValueFromTheRuleText() throws {
        var generator = SplitMix64(seed: 20_170_520)
        for _ in 0..<2_000 {
            let generated = Self.rule(&generator)
            let source = generated.criteria.joined(separator: Bool.random(using: &generator) ? "\nand " : " AND ")
            let rule = try compile(source, catalog: .fixture)

            #expect(rule.binds == generated.binds, "\(source)")
            #expect(rule.criteria.map(\.source) == generated.criteria)
            for criterion in rule.criteria {
                #expect(try isOnlyCompilerStructure(criterion.sql), "\(criterion.sql)")
            }
            // A value made only of characters the compiler writes itself (`"`, `$1`) could match by
            // chance; any other value must not appear at all.
            for case .text(let value) in generated.binds
            where value.contains(where: { !Self.compilerAlphabet.contains($0) }) {
                #expect(!rule.criteria.contains { $0.sql.contains(value) }, "\(value) leaked")
            }
            let numbers = try rule.criteria.flatMap { try placeholders(in: $0.sql) }
            #expect(numbers == Array(1..<(rule.binds.count + 1)))
        }
    }
}
