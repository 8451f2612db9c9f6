enum Keyword: String, Sendable, CaseIterable {
    case and, or, not, `in`, between, `is`, null, `true`, `false`
    /// `case when … then … else … end`, in amounts and rules alike.
    case `case`, when, then, `else`, end
}

enum Symbol: String, Sendable {
    case leftParenthesis = "("
    case rightParenthesis = ")"
    case comma = ","
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case plus = "+"
    case minus = "-"
    case times = "*"
    case divide = "/"
    case percent = "%"

    var arithmetic: ArithmeticOperator? {
        switch self {
        case .plus: .add
        case .minus: .subtract
        case .times: .multiply
        case .divide: .divide
        default: nil
        }
    }

    var comparison: ComparisonOperator? {
        switch self {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        case .leftParenthesis, .rightParenthesis, .comma, .plus, .minus, .times, .divide, .percent: nil
        }
    }
}

struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Lowercased, since names are case-insensitive.
        case identifier(String)
        case keyword(Keyword)
        case number(String)
        /// With `''` already turned into `'`.
        case string(String)
        case date(RuleDate)
        case symbol(Symbol)
        case end
    }

    let kind: Kind
    /// As written, for messages that quote the rule back to its author.
    let text: String
    let range: SourceRange

    var start: SourceLocation { range.start }

    /// The token as the "found …" half of an error message.
    var found: String {
        switch kind {
        case .identifier, .keyword, .symbol: "'\(Self.shortened(text))'"
        case .number: "the number \(Self.shortened(text))"
        case .string: "the string \(Self.shortened(text))"
        case .date: "the date \(text)"
        case .end: "end of rule"
        }
    }

    /// Whether the token can end an operand, so a `-` after it subtracts instead of starting a
    /// negative number (`zone_years -1` is `zone_years - 1`).
    var endsOperand: Bool {
        switch kind {
        case .identifier, .number, .string, .date: true
        case .keyword(let keyword): [.true, .false, .null, .end].contains(keyword)
        case .symbol(let symbol): symbol == .rightParenthesis || symbol == .percent
        case .end: false
        }
    }

    func `is`(_ keyword: Keyword) -> Bool { kind == .keyword(keyword) }
    func `is`(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }

    /// Keeps messages one line long when someone pastes a paragraph into a string literal.
    static func shortened(_ text: String, limit: Int = 40) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}
