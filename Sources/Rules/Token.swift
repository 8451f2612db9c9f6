enum Keyword: String, Sendable, CaseIterable {
    case and, or, not, `in`, between, `is`, null, `true`, `false`
    /// `case when … then … else … end`, in amounts and rules alike.
    case `case`, when, then, `else`, end
}

enum Symbol: Sendable, Equatable {
    case leftParenthesis, rightParenthesis, comma
    /// `=`, `<>`, `<`, `<=`, `>`, `>=`: spelled once, by `ComparisonOperator`.
    case comparison(ComparisonOperator)
    /// `+ - * /`: spelled once, by `ArithmeticOperator`.
    case arithmetic(ArithmeticOperator)
    /// `80%`.
    case percent

    static let plus = Symbol.arithmetic(.add)
    static let minus = Symbol.arithmetic(.subtract)
    static let times = Symbol.arithmetic(.multiply)
    static let divide = Symbol.arithmetic(.divide)

    var comparison: ComparisonOperator? {
        if case .comparison(let comparison) = self { comparison } else { nil }
    }

    var arithmeticOperator: ArithmeticOperator? {
        if case .arithmetic(let op) = self { op } else { nil }
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
