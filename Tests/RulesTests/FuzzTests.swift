import Rules
import Testing

/// Arbitrary input must end in a rule or a `RuleError`, never a crash or a hang: the text comes
/// from people editing policies, and `policy check` runs it before anything else does.
@Suite struct FuzzTests {
    private static let vocabulary = [
        "registered_in_zone", "registered_capital", "registered_capitol", "kind", "KIND", "member_tier",
        "employees", "founded_on", "name", "district", "is_member", "unknown_fact", "and", "AND", "or",
        "not", "Not", "in", "between", "is", "null", "true", "false", "(", ")", ",", "=", "<>", "!=",
        "<", "<=", ">", ">=", "==", "5", "2.5", "-3", "1.", "99999999999999999999999", "2017-05-20",
        "2017-13-40", "2017-5-1", "'production'", "'it''s'", "'怀柔区'", "'unterminated", "''",
        "-- comment\n", "--", "\n", "\r\n", ";", "\"", "!", "&&", "（", "😀", "\u{0}", "\u{301}", "e",
        "$1", "f.\"kind\"",
    ]

    private static func tokenSoup(_ generator: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...30, using: &generator) {
            text += vocabulary.randomElement(using: &generator)!
            text += ["", " ", " ", "\n", "\t"].randomElement(using: &generator)!
        }
        return text
    }

    private static func randomBytes(_ generator: inout SplitMix64) -> String {
        let count = Int.random(in: 0...120, using: &generator)
        // Mostly ASCII, so the lexer gets past the first character often enough to matter.
        let bytes = (0..<count).map { _ in
            Bool.random(using: &generator)
                ? UInt8.random(in: 0x20...0x7E, using: &generator) : UInt8.random(in: 0...255, using: &generator)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let literals = [
        "0", "5000000", "2.5", "-1", "'production'", "'other'", "'member'", "'怀柔区'", "'O''Brien'",
        "2017-05-20", "true", "false", "null",
    ]

    /// Rules that parse but are typed at random, so the checker and compiler see real work.
    private static func wellFormed(_ generator: inout SplitMix64, depth: Int = 3) -> String {
        func pick(_ options: [String]) -> String { options.randomElement(using: &generator)! }
        func operand() -> String {
            Bool.random(using: &generator) ? pick(FactCatalog.fixture.facts.map(\.name)) : pick(literals)
        }
        if depth == 0 || Int.random(in: 0..<10, using: &generator) < 4 {
            let subject = operand()
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: return subject
            case 1: return "\(subject) \(pick(["=", "<>", "!=", "<", "<=", ">", ">="])) \(operand())"
            case 2: return "\(subject) \(pick(["in", "not in"])) (\(operand()), \(operand()))"
            case 3: return "\(subject) \(pick(["between", "not between"])) \(operand()) and \(operand())"
            case 4: return "\(subject) is \(pick(["", "not "]))null"
            default: return pick(["registered_in_zone", "is_member", "holds_position"])
            }
        }
        let inner = wellFormed(&generator, depth: depth - 1)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return "\(inner) and \(wellFormed(&generator, depth: depth - 1))"
        case 1: return "\(inner) or \(wellFormed(&generator, depth: depth - 1))"
        case 2: return "not \(inner)"
        default: return "(\(inner))"
        }
    }

    @Test func neverCrashesOnRandomInput() throws {
        var generator = SplitMix64(seed: 0xF11A_1701)
        var accepted = 0
        for round in 0..<20_000 {
            let source =
                switch round % 3 {
                case 0: Self.randomBytes(&generator)
                case 1: Self.tokenSoup(&generator)
                default: Self.wellFormed(&generator)
                }
            switch Result(catching: { () throws(RuleError) in try compile(source, catalog: .fixture) }) {
            case .success(let rule):
                accepted += 1
                #expect(!rule.criteria.isEmpty)
                for criterion in rule.criteria {
                    #expect(try isOnlyCompilerStructure(criterion.sql), "\(source.debugDescription)")
                }
                let numbers = try rule.criteria.flatMap { try placeholders(in: $0.sql) }
                #expect(numbers == Array(1..<(rule.binds.count + 1)), "\(source.debugDescription)")
            case .failure(let error):
                let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
                #expect(
                    error.line >= 1 && error.line <= lines && error.column >= 1, "\(source.debugDescription): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
        // If few inputs ever compiled, the checks on compiled SQL above would prove little.
        #expect(accepted > 1_000)
    }

    @Test func neverCrashesOnPathologicalShapes() {
        let shapes = [
            String(repeating: "(", count: 9_999),
            String(repeating: ")", count: 9_999),
            String(repeating: "not ", count: 2_500),
            String(repeating: "'", count: 9_999),
            String(repeating: "-", count: 9_999),
            String(repeating: "9", count: 9_999),
            "x in (" + String(repeating: "1,", count: 4_990) + "1)",
            String(repeating: "e\u{301}", count: 9_000),
            String(repeating: "\u{301}", count: 50_000),
            String(repeating: "\n", count: 9_999) + "?",
        ]
        for shape in shapes {
            do {
                _ = try compile(shape, catalog: .fixture)
            } catch {
                #expect(error.line >= 1 && error.column >= 1)
            }
        }
    }
}
