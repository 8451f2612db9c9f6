/// Parses, checks and compiles a rule in one call.
///
/// - Parameters:
///   - factsAlias: the alias of the facts relation in the caller's query, e.g. `f` for
///     `FROM company_facts(D) AS f`; an SQL identifier the caller writes, never user input.
///   - firstParameter: the number of the first placeholder, so the rule's binds can follow the
///     caller's own (`$1` is often the as-of date).
/// - Throws: `RuleError` as `check(_:catalog:)` does.
public func compile(
    _ source: String, catalog: FactCatalog, factsAlias: String = "f", firstParameter: Int = 1
) throws(RuleError) -> CompiledRule {
    try check(source, catalog: catalog).compiled(factsAlias: factsAlias, firstParameter: firstParameter)
}

extension CheckedRule {
    /// Renders each criterion as SQL in which every fact is a quoted column of `factsAlias` and
    /// every value is a cast placeholder: no text from the rule reaches the SQL, so a rule can
    /// never inject anything whatever its author typed.
    ///
    /// - Throws: `RuleError` at 1:1 when `factsAlias` is not a plain SQL identifier or
    ///   `firstParameter` is below 1: the caller's mistake, reported rather than trapped.
    public func compiled(factsAlias: String = "f", firstParameter: Int = 1) throws(RuleError) -> CompiledRule {
        var compiler = try SQLCompiler(alias: factsAlias, firstParameter: firstParameter)
        let rendered = criteria.map { CompiledCriterion(source: $0.source, sql: compiler.render($0.expression)) }
        return CompiledRule(criteria: rendered, binds: compiler.binds)
    }
}

extension CheckedAmount {
    /// Renders the formula as SQL over `factsAlias`, every value of the formula a cast
    /// placeholder, as rules are. The SQL holds only fact columns, placeholders, operators and
    /// the compiler's own constants (0, the rounding to 2 places, a taper's number of steps).
    ///
    /// - Throws: `RuleError` at 1:1 when `factsAlias` is not a plain SQL identifier or
    ///   `firstParameter` is below 1, as `CheckedRule.compiled` does.
    public func compiled(factsAlias: String = "f", firstParameter: Int = 1) throws(RuleError) -> CompiledAmount {
        var compiler = try SQLCompiler(alias: factsAlias, firstParameter: firstParameter)
        let raw = compiler.render(expression)
        let tapers = compiler.tapers
        // Exact decimal all the way; below 0 is 0, then half-up at the cent (PostgreSQL rounds
        // numeric half away from zero, which is half-up for what is left).
        let value = "round(numeric_larger(\(raw), 0::numeric), 2)"
        var reasons: [String] = []
        for fact in facts {
            let column = "\(factsAlias).\(SQLCompiler.quoted(fact.name))"
            reasons.append("WHEN \(column) IS NULL THEN \(compiler.bind(.text("\(fact.name) is unknown")))")
        }
        let otherwise = compiler.bind(
            .text(divides ? "division by zero in the amount \(source)" : "the amount \(source) came out null"))
        let reason = reasons.isEmpty ? otherwise : "CASE \(reasons.joined(separator: " ")) ELSE \(otherwise) END"
        return CompiledAmount(
            value: value, raw: raw, reason: reason, tapers: tapers, binds: compiler.binds,
            columns: facts.map { SQLCompiler.quoted($0.name) })
    }
}

/// Turns a checked tree into SQL text and binds.
///
/// Every compound is parenthesised, so the SQL groups exactly as the rule does whatever
/// PostgreSQL's own precedence would have been, and each criterion can be dropped into a
/// select list or a `WHERE` as it is.
struct SQLCompiler {
    let alias: String
    let firstParameter: Int
    private(set) var binds: [RuleValue] = []
    private(set) var tapers: [CompiledTaper] = []

    /// - Throws: `RuleError` at 1:1 when `alias` is not a plain SQL identifier or
    ///   `firstParameter` is below 1 (the caller's mistake, checked here for rules and formulas alike).
    init(alias: String, firstParameter: Int) throws(RuleError) {
        guard SQLCompiler.isPlainIdentifier(alias) else {
            throw RuleError(line: 1, column: 1, message: "the facts alias must be a plain SQL identifier")
        }
        guard firstParameter >= 1 else {
            throw RuleError(line: 1, column: 1, message: "placeholders start at $1")
        }
        self.alias = alias
        self.firstParameter = firstParameter
    }

    static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
            first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
    }

    /// `"name"` with embedded quotes doubled, as PostgreSQL reads a delimited identifier.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    /// A placeholder for `value`, cast to its type.
    mutating func bind(_ value: RuleValue) -> String {
        binds.append(value)
        return "$\(firstParameter + binds.count - 1)::\(value.sqlType)"
    }

    mutating func render(_ expression: TypedExpression) -> String {
        switch expression {
        case .fact(let fact):
            return "\(alias).\(Self.quoted(fact.name))"
        case .value(let value):
            binds.append(value)
            return "$\(firstParameter + binds.count - 1)::\(value.sqlType)"
        case .not(let operand):
            return "(NOT \(render(operand)))"
        case .and(let operands):
            return "(" + operands.map { render($0) }.joined(separator: " AND ") + ")"
        case .or(let operands):
            return "(" + operands.map { render($0) }.joined(separator: " OR ") + ")"
        case .comparison(let left, let comparison, let right):
            let leftSQL = render(left)
            let rightSQL = render(right)
            return "(\(leftSQL) \(comparison.rawValue) \(rightSQL))"
        case .isNull(let subject, let negated):
            return "(\(render(subject)) IS \(negated ? "NOT " : "")NULL)"
        case .inList(let subject, let items, let negated):
            let subjectSQL = render(subject)
            let itemsSQL = items.map { render($0) }.joined(separator: ", ")
            return "(\(subjectSQL) \(negated ? "NOT " : "")IN (\(itemsSQL)))"
        case .between(let subject, let lower, let upper, let negated):
            let subjectSQL = render(subject)
            let lowerSQL = render(lower)
            let upperSQL = render(upper)
            return "(\(subjectSQL) \(negated ? "NOT " : "")BETWEEN \(lowerSQL) AND \(upperSQL))"
        case .arithmetic(let first, let steps):
            var sql = render(first)
            for step in steps {
                let operand = render(step.operand)
                sql += step.op == .divide ? " / NULLIF(\(operand), 0::numeric)" : " \(step.op.rawValue) \(operand)"
            }
            return "(\(sql))"
        case .negate(let operand):
            return "(- \(render(operand)))"
        case .asNumeric(let operand):
            return "(\(render(operand)))::numeric"
        case .least(let operands), .greatest(let operands):
            // numeric_smaller/numeric_larger are strict: one null argument makes the result null.
            let function: String
            if case .least = expression { function = "numeric_smaller" } else { function = "numeric_larger" }
            var sql = render(operands[0])
            for operand in operands.dropFirst() { sql = "\(function)(\(sql), \(render(operand)))" }
            return sql
        case .taper(let index, let steps, let source):
            // width_bucket maps INDEX < 1 to 0 and INDEX > n to n + 1, both to a 0 step, and a
            // null INDEX to null.
            let indexSQL = render(index)
            let stepsSQL = steps.map { render($0) }.joined(separator: ", ")
            let n = steps.count
            tapers.append(CompiledTaper(source: source, steps: n, index: indexSQL))
            return
                "(ARRAY[0::numeric, \(stepsSQL), 0::numeric])[width_bucket(\(indexSQL), 1::numeric, \(n + 1)::numeric, \(n)) + 1]"
        case .caseWhen(let branches, let otherwise):
            var sql = "(CASE"
            for branch in branches {
                let condition = render(branch.condition)
                let result = render(branch.result)
                sql += " WHEN \(condition) THEN \(result)"
            }
            return sql + " ELSE \(render(otherwise)) END)"
        }
    }
}
