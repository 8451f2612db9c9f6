/// Builds the `Rule` tree by recursive descent, one function per precedence level:
/// `or` < `and` < `not` < comparison, `in`, `between`, `is null` < `+ -` < `* /` < unary `-`
/// < `%` < operand (a fact, a value, `( … )`, a function call, `case … end`).
///
/// Recursion happens only through parentheses and `not`, and both count against
/// `maximumDepth`, so no input can exhaust the stack.
struct Parser {
    static let maximumDepth = 200

    private let rule: LexedRule
    private var position = 0
    private var depth = 0

    private init(_ rule: LexedRule) {
        self.rule = rule
    }

    /// - Throws: `RuleError` at the first token that does not fit the grammar, saying what was
    ///   expected there.
    static func parse(_ lexed: LexedRule) throws(RuleError) -> Rule {
        var parser = Parser(lexed)
        if parser.current.kind == .end {
            throw RuleError(at: parser.current.start, "the rule is empty: expected a condition, found end of rule")
        }
        let result = try parser.parseOr()
        guard parser.current.kind == .end else {
            throw parser.unexpected(expected: "'and', 'or' or end of rule", keywords: [.and, .or])
        }
        return result
    }

    /// An amount is an expression like a rule's; the checker requires it to be a number.
    static func parseAmount(_ lexed: LexedRule) throws(RuleError) -> Rule {
        var parser = Parser(lexed)
        if parser.current.kind == .end {
            throw RuleError(
                at: parser.current.start,
                "the amount is empty: expected a number, a fact or a formula, found end of amount")
        }
        let result = try parser.parseOr()
        guard parser.current.kind == .end else {
            throw parser.unexpected(expected: "an operator (+ - * /) or end of amount")
        }
        return result
    }

    // MARK: - Tokens

    private var current: Token { rule.tokens[position] }

    private mutating func take() -> Token {
        let token = rule.tokens[position]
        if token.kind != .end { position += 1 }
        return token
    }

    private mutating func take(_ keyword: Keyword) -> Token? {
        current.is(keyword) ? take() : nil
    }

    private mutating func skip(_ symbol: Symbol) -> Bool {
        guard current.is(symbol) else { return false }
        position += 1
        return true
    }

    /// An error at the current token; an identifier close to one of `keywords` is suggested as
    /// that keyword, since `adn` is far likelier a typo than a second fact.
    private func unexpected(expected: String, keywords: [Keyword] = []) -> RuleError {
        var suggestion: String?
        if case .identifier(let word) = current.kind {
            suggestion = nearest(to: word, among: keywords.map(\.rawValue), maximumDistance: 1)
        }
        return RuleError(at: current.start, "expected \(expected), found \(current.found)", suggestion: suggestion)
    }

    private mutating func descend(at token: Token) throws(RuleError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw RuleError(
                at: token.start,
                "the rule nests too deeply: expected at most \(Self.maximumDepth) levels of parentheses and 'not'")
        }
    }

    // MARK: - Grammar

    private mutating func parseOr() throws(RuleError) -> Rule {
        var operands = [try parseAnd()]
        while take(.or) != nil { operands.append(try parseAnd()) }
        return operands.count == 1 ? operands[0] : .or(operands, range: operands[0].range.joined(operands.last!.range))
    }

    private mutating func parseAnd() throws(RuleError) -> Rule {
        var operands = [try parseNot()]
        while take(.and) != nil { operands.append(try parseNot()) }
        return operands.count == 1 ? operands[0] : .and(operands, range: operands[0].range.joined(operands.last!.range))
    }

    private mutating func parseNot() throws(RuleError) -> Rule {
        guard let not = take(.not) else { return try parsePredicate() }
        try descend(at: not)
        defer { depth -= 1 }
        let operand = try parseNot()
        return .not(operand, range: not.range.joined(operand.range))
    }

    private mutating func parsePredicate() throws(RuleError) -> Rule {
        let subject = try parseSum()
        if case .symbol(let symbol) = current.kind, let comparison = symbol.comparison {
            _ = take()
            let other = try parseSum()
            return .comparison(subject, comparison, other, range: subject.range.joined(other.range))
        }
        if take(.is) != nil {
            let negated = take(.not) != nil
            guard let null = take(.null) else {
                throw unexpected(expected: negated ? "'null' after 'is not'" : "'null' or 'not null' after 'is'")
            }
            return .isNull(subject, negated: negated, range: subject.range.joined(null.range))
        }
        var negated = false
        if current.is(.not) {
            _ = take()
            negated = true
            guard current.is(.in) || current.is(.between) else {
                throw unexpected(expected: "'in' or 'between' after 'not'", keywords: [.in, .between])
            }
        }
        if take(.in) != nil { return try parseInList(subject, negated: negated) }
        if take(.between) != nil { return try parseBetween(subject, negated: negated) }
        return subject
    }

    private mutating func parseInList(_ subject: Rule, negated: Bool) throws(RuleError) -> Rule {
        guard current.is(.leftParenthesis) else { throw unexpected(expected: "'(' after 'in'") }
        _ = take()
        var items: [Rule] = []
        repeat {
            guard current.kind != .end, !current.is(.rightParenthesis) else {
                throw unexpected(expected: items.isEmpty ? "a value in the 'in' list" : "a value after ','")
            }
            items.append(try parseSum())
        } while skip(.comma)
        guard current.is(.rightParenthesis) else {
            throw unexpected(expected: "',' or ')' in the 'in' list")
        }
        let close = take()
        return .inList(subject, items, negated: negated, range: subject.range.joined(close.range))
    }

    private mutating func parseBetween(_ subject: Rule, negated: Bool) throws(RuleError) -> Rule {
        let lower = try parseSum()
        guard take(.and) != nil else {
            throw unexpected(expected: "'and' between the bounds of 'between'", keywords: [.and])
        }
        let upper = try parseSum()
        return .between(subject, lower: lower, upper: upper, negated: negated, range: subject.range.joined(upper.range))
    }

    // MARK: Arithmetic

    private mutating func parseSum() throws(RuleError) -> Rule {
        try parseChain(of: [.plus, .minus]) { (parser: inout Parser) throws(RuleError) in try parser.parseProduct() }
    }

    private mutating func parseProduct() throws(RuleError) -> Rule {
        try parseChain(of: [.times, .divide]) { (parser: inout Parser) throws(RuleError) in try parser.parseUnary() }
    }

    private mutating func parseChain(
        of symbols: [Symbol], operand: (inout Parser) throws(RuleError) -> Rule
    ) throws(RuleError) -> Rule {
        let first = try operand(&self)
        var steps: [ArithmeticStep] = []
        while case .symbol(let symbol) = current.kind, symbols.contains(symbol), let op = symbol.arithmeticOperator {
            _ = take()
            steps.append(ArithmeticStep(op: op, operand: try operand(&self)))
        }
        guard let last = steps.last else { return first }
        return .arithmetic(first, steps, range: first.range.joined(last.operand.range))
    }

    private mutating func parseUnary() throws(RuleError) -> Rule {
        guard current.is(.minus) else { return try parsePercent() }
        let minus = take()
        try descend(at: minus)
        defer { depth -= 1 }
        let operand = try parseUnary()
        return .negate(operand, range: minus.range.joined(operand.range))
    }

    private mutating func parsePercent() throws(RuleError) -> Rule {
        let operand = try parseOperand()
        guard current.is(.percent) else { return operand }
        let percent = take()
        return .percent(operand, range: operand.range.joined(percent.range))
    }

    /// `name(ARG, …)`, after the name.
    private mutating func parseCall(_ name: String, at nameToken: Token) throws(RuleError) -> Rule {
        let open = take()
        try descend(at: open)
        defer { depth -= 1 }
        var arguments: [Rule] = []
        if !current.is(.rightParenthesis) {
            repeat {
                guard current.kind != .end, !current.is(.rightParenthesis) else {
                    throw unexpected(expected: "an argument after ','")
                }
                arguments.append(try parseOr())
            } while skip(.comma)
        }
        guard current.is(.rightParenthesis) else {
            throw unexpected(expected: "',' or ')' in the arguments of '\(nameToken.text)'")
        }
        let close = take()
        return .call(name, arguments, nameRange: nameToken.range, range: nameToken.range.joined(close.range))
    }

    /// `case when CONDITION then RESULT … else RESULT end`, after `case`.
    private mutating func parseCase(at caseToken: Token) throws(RuleError) -> Rule {
        try descend(at: caseToken)
        defer { depth -= 1 }
        var branches: [CaseBranch] = []
        while take(.when) != nil {
            let condition = try parseOr()
            guard take(.then) != nil else {
                throw unexpected(expected: "'then' after the condition of 'when'", keywords: [.then])
            }
            branches.append(CaseBranch(condition: condition, result: try parseOr()))
        }
        guard !branches.isEmpty else {
            throw unexpected(expected: "'when' after 'case'", keywords: [.when])
        }
        guard take(.else) != nil else {
            throw unexpected(
                expected: "'when' or 'else' (a case needs an else: what applies when no condition holds)",
                keywords: [.when, .else])
        }
        let otherwise = try parseOr()
        guard let end = take(.end) else {
            throw unexpected(expected: "'end' to close the 'case' at \(caseToken.start)", keywords: [.end])
        }
        return .caseWhen(branches, otherwise: otherwise, range: caseToken.range.joined(end.range))
    }

    private mutating func parseOperand() throws(RuleError) -> Rule {
        let token = current
        switch token.kind {
        case .identifier(let name):
            _ = take()
            if current.is(.leftParenthesis) { return try parseCall(name, at: token) }
            return .fact(name, range: token.range)
        case .keyword(.case):
            _ = take()
            return try parseCase(at: token)
        case .number(let text):
            _ = take()
            return .literal(.number(text), range: token.range)
        case .string(let text):
            _ = take()
            return .literal(.text(text), range: token.range)
        case .date(let date):
            _ = take()
            return .literal(.date(date), range: token.range)
        case .keyword(.true), .keyword(.false):
            _ = take()
            return .literal(.boolean(token.is(.true)), range: token.range)
        case .keyword(.null):
            _ = take()
            return .literal(.null, range: token.range)
        case .symbol(.leftParenthesis):
            _ = take()
            try descend(at: token)
            defer { depth -= 1 }
            let inner = try parseOr()
            guard current.is(.rightParenthesis) else {
                throw unexpected(
                    expected: "')' to close the '(' at \(token.start)", keywords: [.and, .or])
            }
            let close = take()
            return .group(inner, range: token.range.joined(close.range))
        default:
            throw unexpected(expected: "a fact, a value or '('")
        }
    }
}

/// Parses without consulting a catalog, for tools that only need the tree.
///
/// - Throws: `RuleError` for lexical and syntax errors.
public func parse(_ source: String) throws(RuleError) -> Rule {
    try Parser.parse(Lexer.tokenize(source))
}
