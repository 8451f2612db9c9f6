/// Parses and type-checks a rule against the fact catalog; `filmwg policy check` and saving a
/// policy both call this, so a rule that is stored has always checked.
///
/// - Throws: `RuleError` for the first problem in reading order: a lexical or syntax error, an
///   unknown fact or value (with the nearest known one as suggestion), or a type mismatch.
public func check(_ source: String, catalog: FactCatalog) throws(RuleError) -> CheckedRule {
    let lexed = try Lexer.tokenize(source)
    let rule = try Parser.parse(lexed)
    return try Checker(catalog: catalog, lexed: lexed).check(rule)
}

/// Resolves names against the catalog and gives every node a type.
///
/// SQL would accept some of what this refuses (`kind = null`, `kind = 'productoin'`): those
/// rules are refused here because they can never be met, which an author wants to hear when
/// saving the rule rather than after a night of no one being eligible.
struct Checker {
    let catalog: FactCatalog
    let lexed: LexedRule

    /// An operand on its way up the tree: what it renders to, its type, and the literal it was,
    /// since a number literal's bind type depends on what it meets.
    private struct Typed {
        var expression: TypedExpression
        var type: FactType
        let node: Rule
        let literal: Literal?
    }

    func check(_ rule: Rule) throws(RuleError) -> CheckedRule {
        // Parentheses around the whole rule do not hide its criteria, but a rule that is one
        // criterion is quoted as written.
        var top = rule
        while case .group(let inner, _) = top { top = inner }
        let terms: [Rule]
        if case .and(let operands, _) = top { terms = operands } else { terms = [rule] }
        var criteria: [CheckedCriterion] = []
        for term in terms {
            let expression = try condition(term)
            criteria.append(
                CheckedCriterion(
                    source: lexed.text(of: term.range), range: term.range, facts: expression.facts,
                    expression: expression))
        }
        return CheckedRule(criteria: criteria)
    }

    // MARK: - Conditions

    private func condition(_ node: Rule) throws(RuleError) -> TypedExpression {
        let typed = try infer(node)
        guard typed.type == .boolean else {
            throw RuleError(at: node.range.start, "expected a condition, found \(describe(typed))")
        }
        return typed.expression
    }

    private func infer(_ node: Rule) throws(RuleError) -> Typed {
        switch node {
        case .fact(let name, let range):
            guard let fact = catalog[name] else {
                throw RuleError(
                    at: range.start, "unknown fact '\(name)'",
                    suggestion: nearest(to: name, among: catalog.facts.map(\.name)))
            }
            return Typed(expression: .fact(fact), type: fact.type, node: node, literal: nil)
        case .literal(let literal, let range):
            return try value(literal, node: node, at: range.start)
        case .group(let inner, _):
            return try infer(inner)
        case .not(let operand, _):
            return boolean(.not(try condition(operand)), node)
        case .and(let operands, _):
            return boolean(.and(try conditions(operands)), node)
        case .or(let operands, _):
            return boolean(.or(try conditions(operands)), node)
        case .comparison(let left, let comparison, let right, let range):
            return boolean(try self.comparison(left, comparison, right, at: range.start), node)
        case .isNull(let subject, let negated, _):
            return boolean(.isNull(try infer(subject).expression, negated: negated), node)
        case .inList(let subject, let items, let negated, _):
            return boolean(try inList(subject, items, negated: negated), node)
        case .between(let subject, let lower, let upper, let negated, let range):
            return boolean(try between(subject, lower, upper, negated: negated, at: range.start), node)
        }
    }

    private func conditions(_ nodes: [Rule]) throws(RuleError) -> [TypedExpression] {
        var result: [TypedExpression] = []
        for node in nodes { result.append(try condition(node)) }
        return result
    }

    private func boolean(_ expression: TypedExpression, _ node: Rule) -> Typed {
        Typed(expression: expression, type: .boolean, node: node, literal: nil)
    }

    private func value(_ literal: Literal, node: Rule, at location: SourceLocation) throws(RuleError) -> Typed {
        let value: RuleValue
        switch literal {
        case .boolean(let flag): value = .boolean(flag)
        case .number(let text):
            // A whole number too large for bigint still compares exactly as numeric.
            value = text.contains(".") ? .numeric(text) : Int64(text).map(RuleValue.integer) ?? .numeric(text)
        case .text(let text): value = .text(text)
        case .date(let date): value = .date(date)
        case .null:
            throw RuleError(
                at: location, "expected a fact or a value, found null; to test for a missing value write 'fact is null'"
            )
        }
        return Typed(expression: .value(value), type: value.factType, node: node, literal: literal)
    }

    // MARK: - Predicates

    private func comparison(
        _ leftNode: Rule, _ comparison: ComparisonOperator, _ rightNode: Rule, at location: SourceLocation
    ) throws(RuleError) -> TypedExpression {
        if let null = [leftNode, rightNode].first(where: \.isNullLiteral) {
            let suggestion: String? =
                switch comparison {
                case .equal: "is null"
                case .notEqual: "is not null"
                default: nil
                }
            throw RuleError(
                at: null.range.start, "comparing with null never yields true or false",
                suggestion: suggestion)
        }
        var left = try infer(leftNode)
        var right = try infer(rightNode)
        try requireComparable(left, right)
        if comparison.isOrdering, left.type == .boolean {
            throw RuleError(
                at: location, "cannot order booleans with '\(comparison.rawValue)': expected '=' or '<>'")
        }
        try requireAllowedValue(right, for: left)
        try requireAllowedValue(left, for: right)
        (left, right) = (fitted(left, to: [right]), fitted(right, to: [left]))
        return .comparison(left.expression, comparison, right.expression)
    }

    private func inList(_ subjectNode: Rule, _ itemNodes: [Rule], negated: Bool) throws(RuleError) -> TypedExpression {
        var subject = try infer(subjectNode)
        var items: [Typed] = []
        for node in itemNodes {
            if node.isNullLiteral {
                throw RuleError(
                    at: node.range.start,
                    "null never matches in an 'in' list; test for a missing value with 'is null'")
            }
            let item = try infer(node)
            try requireComparable(subject, item)
            try requireAllowedValue(item, for: subject)
            items.append(item)
        }
        let original = subject
        subject = fitted(subject, to: items)
        return .inList(
            subject.expression, items.map { fitted($0, to: [original]).expression }, negated: negated)
    }

    private func between(
        _ subjectNode: Rule, _ lowerNode: Rule, _ upperNode: Rule, negated: Bool, at location: SourceLocation
    ) throws(RuleError) -> TypedExpression {
        if let null = [subjectNode, lowerNode, upperNode].first(where: \.isNullLiteral) {
            throw RuleError(at: null.range.start, "a null bound makes 'between' never true or false")
        }
        let subject = try infer(subjectNode)
        let lower = try infer(lowerNode)
        let upper = try infer(upperNode)
        try requireComparable(subject, lower)
        try requireComparable(subject, upper)
        if subject.type == .boolean {
            throw RuleError(at: location, "cannot use 'between' with booleans: expected '=' or '<>'")
        }
        try requireAllowedValue(lower, for: subject)
        try requireAllowedValue(upper, for: subject)
        return .between(
            fitted(subject, to: [lower, upper]).expression,
            lower: fitted(lower, to: [subject]).expression,
            upper: fitted(upper, to: [subject]).expression,
            negated: negated)
    }

    // MARK: - Types and values

    /// Integers and numerics mix freely, as they do in SQL; everything else must match exactly.
    private func requireComparable(_ subject: Typed, _ other: Typed) throws(RuleError) {
        guard subject.type != other.type, !(subject.type.isNumber && other.type.isNumber) else { return }
        var suggestion: String?
        if subject.type == .date, case .text(let text) = other.literal, let date = RuleDate(iso: text) {
            suggestion = date.description
        }
        throw RuleError(
            at: other.node.range.start, "cannot compare \(describe(subject)) with \(describe(other))",
            suggestion: suggestion)
    }

    /// A misspelt value of a closed text fact would silently never match, so it is refused.
    private func requireAllowedValue(_ candidate: Typed, for subject: Typed) throws(RuleError) {
        guard case .fact(let fact) = subject.expression, let allowed = fact.allowedValues,
            case .text(let text) = candidate.literal, !allowed.contains(text)
        else { return }
        let suggestion = nearest(to: text, among: allowed)
        var message = "unknown value '\(Token.shortened(text))' for '\(fact.name)'"
        if suggestion == nil {
            message += ": expected one of " + allowed.map { "'\($0)'" }.joined(separator: ", ")
        }
        throw RuleError(at: candidate.node.range.start, message, suggestion: suggestion)
    }

    /// A number literal meeting a numeric operand is bound as numeric, so `registered_capital >=
    /// 5000000` compares numerics and `employees >= 2.5` does not truncate.
    private func fitted(_ typed: Typed, to partners: [Typed]) -> Typed {
        guard case .number(let text) = typed.literal, partners.contains(where: { $0.type == .numeric }) else {
            return typed
        }
        var result = typed
        result.expression = .value(.numeric(text))
        result.type = .numeric
        return result
    }

    private func describe(_ typed: Typed) -> String {
        let text = Token.shortened(lexed.text(of: typed.node.range))
        // Literals already read as themselves (`5`, `'abc'`); names and conditions need quotes.
        if case .literal = typed.node { return "\(text) (\(typed.type))" }
        return "'\(text)' (\(typed.type))"
    }
}

extension Rule {
    /// Looks through parentheses, since `(null)` is as null as `null`.
    fileprivate var isNullLiteral: Bool {
        switch self {
        case .literal(.null, _): true
        case .group(let inner, _): inner.isNullLiteral
        default: false
        }
    }
}

extension RuleValue {
    fileprivate var factType: FactType {
        switch self {
        case .boolean: .boolean
        case .integer: .integer
        case .numeric: .numeric
        case .text: .text
        case .date: .date
        }
    }
}
