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

/// Parses and type-checks an amount formula (DESIGN §12) against the fact catalog: it must be a
/// number. `policy add | revise --amount` call this, so a stored formula has always checked.
///
/// - Throws: `RuleError` for the first problem in reading order, as `check(_:catalog:)` does;
///   also a formula that is not a number, arithmetic on a boolean, text or date, a percentage
///   outside 0 %…1000 %, an unknown function, `taper` without steps.
public func checkAmount(_ source: String, catalog: FactCatalog) throws(RuleError) -> CheckedAmount {
    let lexed = try Lexer.tokenize(source)
    let tree = try Parser.parseAmount(lexed)
    return try Checker(catalog: catalog, lexed: lexed).checkAmount(tree)
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

    func checkAmount(_ tree: Rule) throws(RuleError) -> CheckedAmount {
        let typed = try infer(tree)
        guard typed.type.isNumber else {
            throw RuleError(at: tree.range.start, "an amount must be a number, found \(describe(typed))")
        }
        let expression = numeric(typed)
        return CheckedAmount(source: lexed.text(of: tree.range), facts: expression.facts, expression: expression)
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
        case .arithmetic(let first, let steps, _):
            var operands = [try number(first, "in arithmetic")]
            for step in steps { operands.append(try number(step.operand, "in arithmetic")) }
            let integer = operands.allSatisfy { $0.type == .integer } && !steps.contains { $0.op == .divide }
            let expression = TypedExpression.arithmetic(
                numeric(operands[0]),
                zip(steps, operands.dropFirst()).map { TypedStep(op: $0.op, operand: numeric($1)) })
            return Typed(expression: expression, type: integer ? .integer : .numeric, node: node, literal: nil)
        case .negate(let operand, _):
            let typed = try number(operand, "after '-'")
            return Typed(expression: .negate(numeric(typed)), type: typed.type, node: node, literal: nil)
        case .percent(let operand, let range):
            return try percentage(operand, node: node, at: range.start)
        case .call(let name, let arguments, let nameRange, _):
            return try call(name, arguments, node: node, at: nameRange.start)
        case .caseWhen(let branches, let otherwise, _):
            var typedBranches: [TypedBranch] = []
            var results: [Typed] = []
            for branch in branches {
                let condition = try condition(branch.condition)
                let result = try number(branch.result, "as the result of 'then'")
                results.append(result)
                typedBranches.append(TypedBranch(condition: condition, result: numeric(result)))
            }
            let fallback = try number(otherwise, "as the result of 'else'")
            results.append(fallback)
            let integer = results.allSatisfy { $0.type == .integer }
            return Typed(
                expression: .caseWhen(typedBranches, otherwise: numeric(fallback)), type: integer ? .integer : .numeric,
                node: node, literal: nil)
        }
    }

    // MARK: - Numbers

    /// An operand that must be a number: `registered_in_zone * 2` is refused here, at the fact.
    private func number(_ node: Rule, _ role: String) throws(RuleError) -> Typed {
        let typed = try infer(node)
        guard typed.type.isNumber else {
            if node.isNullLiteral {
                throw RuleError(
                    at: node.range.start, "null cannot be used \(role): a missing fact already makes the result null")
            }
            throw RuleError(at: node.range.start, "cannot use \(describe(typed)) \(role): expected a number")
        }
        return typed
    }

    /// The operand as `numeric`: an integer literal becomes a numeric bind, an integer fact or
    /// formula is cast, so arithmetic is exact decimal and never overflows `bigint`.
    private func numeric(_ typed: Typed) -> TypedExpression {
        if case .number(let text) = typed.literal { return .value(.numeric(text)) }
        // Every integer formula (arithmetic, min, max, case) already renders numeric; only an
        // integer fact itself needs the cast.
        if typed.type == .integer, case .fact = typed.expression { return .asNumeric(typed.expression) }
        return typed.expression
    }

    /// `80%` is 0.80; only a number literal from 0 to 1000 may carry `%`.
    private func percentage(_ operand: Rule, node: Rule, at location: SourceLocation) throws(RuleError) -> Typed {
        guard case .literal(.number(let text), _) = operand else {
            throw RuleError(at: location, "'%' may follow a number only, as in 80%; write a formula as (…) * 80%")
        }
        guard let fraction = Self.percentFraction(text) else {
            throw RuleError(at: operand.range.start, "a percentage must be from 0% to 1000%, found \(text)%")
        }
        return Typed(expression: .value(.numeric(fraction)), type: .numeric, node: node, literal: nil)
    }

    /// `"80"` → `"0.80"`, `"12.5"` → `"0.125"`, exactly, by moving the decimal point; nil
    /// outside 0…1000.
    static func percentFraction(_ text: String) -> String? {
        guard !text.hasPrefix("-") else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0].drop { $0 == "0" })
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        if whole.count > 4 { return nil }
        if let value = Int(whole.isEmpty ? "0" : whole),
            value > 1000 || (value == 1000 && fraction.contains { $0 != "0" })
        {
            return nil
        }
        let padded = String(repeating: "0", count: max(0, 2 - whole.count)) + whole
        let integerPart = String(padded.dropLast(2))
        return (integerPart.isEmpty ? "0" : integerPart) + "." + padded.suffix(2) + fraction
    }

    static let functions = ["min", "max", "taper"]

    private func call(_ name: String, _ arguments: [Rule], node: Rule, at location: SourceLocation) throws(RuleError)
        -> Typed
    {
        switch name {
        case "min", "max":
            guard arguments.count >= 2 else {
                throw RuleError(
                    at: location, "\(name) needs at least two numbers, found \(arguments.count)")
            }
            var typed: [Typed] = []
            for argument in arguments { typed.append(try number(argument, "in \(name)")) }
            let operands = typed.map(numeric)
            let integer = typed.allSatisfy { $0.type == .integer }
            return Typed(
                expression: name == "min" ? .least(operands) : .greatest(operands), type: integer ? .integer : .numeric,
                node: node, literal: nil)
        case "taper":
            guard let first = arguments.first else {
                throw RuleError(
                    at: location, "taper needs an index and at least one step, as in taper(zone_years + 1, 100%, 80%)")
            }
            guard arguments.count >= 2 else {
                throw RuleError(
                    at: location,
                    "taper has no steps: expected at least one after its index, as in taper(zone_years + 1, 100%, 80%)")
            }
            let index = try number(first, "as the index of taper")
            guard index.type == .integer else {
                throw RuleError(
                    at: first.range.start,
                    "the index of taper must be a whole number (integer), found \(describe(index))")
            }
            var steps: [TypedExpression] = []
            for argument in arguments.dropFirst() { steps.append(numeric(try number(argument, "as a step of taper"))) }
            return Typed(
                expression: .taper(index: numeric(index), steps: steps, source: lexed.text(of: first.range)),
                type: .numeric, node: node, literal: nil)
        default:
            let isFact = catalog[name] != nil
            throw RuleError(
                at: location,
                isFact
                    ? "'\(name)' is a fact, not a function: write it without '(…)'"
                    : "unknown function '\(name)': expected min, max or taper",
                suggestion: isFact ? nil : nearest(to: name, among: Self.functions))
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
