enum Keyword: String, Sendable, CaseIterable {
    case and, or, not, `in`, between, `is`, null, `true`, `false`
}

enum Symbol: Sendable, Equatable {
    case leftParenthesis, rightParenthesis, comma
    /// `=`, `<>`, `<`, `<=`, `>`, `>=`: spelled once, by `ComparisonOperator`.
    case comparison(ComparisonOperator)

    var comparison: ComparisonOperator? {
        if case .comparison(let comparison) = self { comparison } else { nil }
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

    func `is`(_ keyword: Keyword) -> Bool { kind == .keyword(keyword) }
    func `is`(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }

    /// Keeps messages one line long when someone pastes a paragraph into a string literal.
    static func shortened(_ text: String, limit: Int = 40) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}
