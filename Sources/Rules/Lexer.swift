/// The rule text cut into tokens, with what later stages need to quote it back.
struct LexedRule: Sendable {
    /// Always ends with an `.end` token, so the parser can look ahead without bounds checks.
    let tokens: [Token]

    /// The rule text of a span as its tokens spelled it, one space wherever the author left
    /// whitespace or a comment: a criterion written over several lines reads as one line in
    /// `eligibility explain`, while string literals keep every character.
    func text(of range: SourceRange) -> String {
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].range.start.offset < range.start.offset { low = middle + 1 } else { high = middle }
        }
        var result = ""
        var previousEnd: Int?
        for token in tokens[low...] {
            guard token.kind != .end, token.range.end.offset <= range.end.offset else { break }
            if let previousEnd, previousEnd < token.range.start.offset { result.append(" ") }
            result += token.text
            previousEnd = token.range.end.offset
        }
        return result
    }
}

/// Turns rule text into tokens, rejecting anything outside the language at the first character
/// that does not fit.
///
/// Identifiers and keywords are ASCII only, so a look-alike such as a full-width parenthesis
/// from a Chinese input method is reported with the ASCII character it stands for.
struct Lexer {
    /// Bounds the work any input can cause; real rules are a few hundred characters.
    static let maximumLength = 10_000
    /// A guard against grapheme clusters with thousands of combining marks, which the character
    /// count alone would let through.
    static let maximumUTF8Length = 100_000

    private let characters: [Character]
    private var index = 0
    private var line = 1
    private var column = 1
    private var tokens: [Token] = []

    private init(characters: [Character]) {
        self.characters = characters
    }

    /// - Throws: `RuleError` at the first character that cannot start or continue a token, or
    ///   when the rule is longer than `maximumLength` characters.
    static func tokenize(_ source: String) throws(RuleError) -> LexedRule {
        guard source.utf8.count <= maximumUTF8Length else {
            throw RuleError(
                line: 1, column: 1,
                message: "the rule is too long: expected at most \(maximumUTF8Length) bytes, found \(source.utf8.count)"
            )
        }
        var characters: [Character] = []
        var line = 1
        var column = 1
        for character in source {
            if characters.count == maximumLength {
                throw RuleError(
                    line: line, column: column,
                    message: "the rule is too long: expected at most \(maximumLength) characters, found \(source.count)"
                )
            }
            characters.append(character)
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        var lexer = Lexer(characters: characters)
        try lexer.run()
        return LexedRule(tokens: lexer.tokens)
    }

    // MARK: - Scanning

    private var location: SourceLocation { SourceLocation(offset: index, line: line, column: column) }

    private func peek(_ ahead: Int = 0) -> Character? {
        index + ahead < characters.count ? characters[index + ahead] : nil
    }

    private mutating func advance() {
        let character = characters[index]
        index += 1
        if character.isNewline {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    private mutating func run() throws(RuleError) {
        while true {
            skipWhitespaceAndComments()
            guard let character = peek() else { break }
            let start = location
            let kind: Token.Kind
            if character.isIdentifierStart {
                kind = scanWord()
            } else if character.isDigit {
                kind = try scanNumberOrDate(from: start)
            } else if character == "-", peek(1)?.isDigit == true, tokens.last?.endsOperand != true {
                advance()
                kind = try scanNumberOrDate(from: start, negative: true)
            } else if character == "'" {
                kind = try scanString(from: start)
            } else {
                kind = .symbol(try scanSymbol(from: start))
            }
            let text = String(characters[start.offset..<index])
            tokens.append(Token(kind: kind, text: text, range: SourceRange(start: start, end: location)))
        }
        let end = tokens.last?.range.end ?? SourceLocation(offset: 0, line: 1, column: 1)
        tokens.append(Token(kind: .end, text: "", range: SourceRange(start: end, end: end)))
    }

    private mutating func skipWhitespaceAndComments() {
        while let character = peek() {
            if character.isWhitespace {
                advance()
            } else if character == "-", peek(1) == "-" {
                while let next = peek(), !next.isNewline { advance() }
            } else {
                return
            }
        }
    }

    private mutating func scanWord() -> Token.Kind {
        let start = index
        while let character = peek(), character.isIdentifierContinuation { advance() }
        let word = String(characters[start..<index]).lowercased()
        return Keyword(rawValue: word).map(Token.Kind.keyword) ?? .identifier(word)
    }

    private mutating func scanDigits() {
        while let character = peek(), character.isDigit { advance() }
    }

    private mutating func scanNumberOrDate(from start: SourceLocation, negative: Bool = false) throws(RuleError)
        -> Token.Kind
    {
        scanDigits()
        // Only four digits then `-digit` starts a date, so `12-3` is a subtraction.
        if !negative, index - start.offset == 4, peek() == "-", peek(1)?.isDigit == true {
            while let character = peek(), character.isDigit || character == "-" { advance() }
            let text = String(characters[start.offset..<index])
            guard let date = RuleDate(iso: text) else {
                let shaped = text.split(separator: "-", omittingEmptySubsequences: false).map(\.count) == [4, 2, 2]
                throw RuleError(
                    at: start,
                    shaped
                        ? "\(text) is not a valid date"
                        : "malformed date '\(Token.shortened(text))'; write dates as YYYY-MM-DD")
            }
            try rejectGlued(after: text)
            return .date(date)
        }
        if peek() == "." {
            guard peek(1)?.isDigit == true else {
                let text = String(characters[start.offset...index])
                throw RuleError(at: start, "expected digits after the decimal point, found '\(text)'")
            }
            advance()
            scanDigits()
        }
        let text = String(characters[start.offset..<index])
        try rejectGlued(after: text)
        return .number(text)
    }

    /// `12abc` or `1.2.3` is a typo, not a number followed by a name.
    private func rejectGlued(after text: String) throws(RuleError) {
        guard let next = peek(), next.isIdentifierContinuation || next == "." else { return }
        throw RuleError(at: location, "unexpected character '\(next)' after \(Token.shortened(text))")
    }

    private mutating func scanString(from start: SourceLocation) throws(RuleError) -> Token.Kind {
        advance()
        var value = ""
        while true {
            guard let character = peek() else {
                throw RuleError(at: start, "unterminated string: expected a closing ' before the end of the rule")
            }
            advance()
            if character == "'" {
                guard peek() == "'" else { return .string(value) }
                advance()
            }
            value.append(character)
        }
    }

    private mutating func scanSymbol(from start: SourceLocation) throws(RuleError) -> Symbol {
        let character = characters[index]
        let next = peek(1)
        func two(_ symbol: Symbol) -> Symbol {
            advance()
            advance()
            return symbol
        }
        switch character {
        case "(":
            advance()
            return .leftParenthesis
        case ")":
            advance()
            return .rightParenthesis
        case ",":
            advance()
            return .comma
        case "+":
            advance()
            return .plus
        case "-":
            advance()
            return .minus
        case "*":
            advance()
            return .times
        case "/":
            advance()
            return .divide
        case "%":
            advance()
            return .percent
        case "=":
            switch next {
            case "=": throw RuleError(at: start, "unexpected '=='", suggestion: "=")
            case ">": throw RuleError(at: start, "unexpected '=>'", suggestion: ">=")
            case "<": throw RuleError(at: start, "unexpected '=<'", suggestion: "<=")
            default:
                advance()
                return .comparison(.equal)
            }
        case "<":
            switch next {
            case "=": return two(.comparison(.lessOrEqual))
            case ">": return two(.comparison(.notEqual))
            default:
                advance()
                return .comparison(.less)
            }
        case ">":
            if next == "=" { return two(.comparison(.greaterOrEqual)) }
            advance()
            return .comparison(.greater)
        case "!":
            if next == "=" { return two(.comparison(.notEqual)) }
            throw RuleError(at: start, "unexpected character '!'", suggestion: "not")
        case "&":
            throw RuleError(at: start, "unexpected character '&'", suggestion: "and")
        case "|":
            throw RuleError(at: start, "unexpected character '|'", suggestion: "or")
        case "\"":
            throw RuleError(
                at: start, "unexpected character '\"': write strings in single quotes and fact names without quotes")
        default:
            throw RuleError(
                at: start, "unexpected character \(Self.quoted(character))",
                suggestion: Self.lookAlikes[character])
        }
    }

    /// What an input method or a word processor types instead of the ASCII the language uses.
    private static let lookAlikes: [Character: String] = [
        "（": "(", "）": ")", "，": ",", "＝": "=", "＜": "<", "＞": ">", "×": "*", "÷": "/", "％": "%",
        "‘": "'", "’": "'", "“": "'", "”": "'", "≤": "<=", "≥": ">=", "≠": "<>",
    ]

    /// Invisible and control characters are named by code point, since quoting them shows nothing.
    private static func quoted(_ character: Character) -> String {
        let invisible = character.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .unassigned, .privateUse, .surrogate, .lineSeparator,
                .paragraphSeparator, .spaceSeparator, .nonspacingMark, .enclosingMark:
                true
            default:
                false
            }
        }
        guard invisible, let scalar = character.unicodeScalars.first else { return "'\(character)'" }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension Character {
    fileprivate var isDigit: Bool { isASCII && isWholeNumber }
    fileprivate var isIdentifierStart: Bool { isASCII && (isLetter || self == "_") }
    fileprivate var isIdentifierContinuation: Bool { isASCII && (isLetter || isWholeNumber || self == "_") }
}
