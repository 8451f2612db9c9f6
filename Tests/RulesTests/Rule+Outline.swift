import Rules

extension Rule {
    /// The tree as a compact S-expression, so tests state grouping without spelling out ranges.
    var outline: String {
        switch self {
        case .fact(let name, _): name
        case .literal(let literal, _):
            switch literal {
            case .boolean(let flag): "\(flag)"
            case .number(let text): text
            case .text(let text): "'\(text)'"
            case .date(let date): "\(date)"
            case .null: "null"
            }
        case .group(let inner, _): inner.outline
        case .not(let operand, _): "(not \(operand.outline))"
        case .and(let operands, _): "(and " + operands.map(\.outline).joined(separator: " ") + ")"
        case .or(let operands, _): "(or " + operands.map(\.outline).joined(separator: " ") + ")"
        case .comparison(let left, let comparison, let right, _):
            "(\(comparison.rawValue) \(left.outline) \(right.outline))"
        case .isNull(let subject, let negated, _): "(\(negated ? "is-not-null" : "is-null") \(subject.outline))"
        case .inList(let subject, let items, let negated, _):
            "(\(negated ? "not-in" : "in") \(subject.outline) " + items.map(\.outline).joined(separator: " ") + ")"
        case .between(let subject, let lower, let upper, let negated, _):
            "(\(negated ? "not-between" : "between") \(subject.outline) \(lower.outline) \(upper.outline))"
        case .arithmetic(let first, let steps, _):
            steps.reduce(first.outline) { "(\($1.op.rawValue) \($0) \($1.operand.outline))" }
        case .negate(let operand, _): "(neg \(operand.outline))"
        case .percent(let operand, _): "(% \(operand.outline))"
        case .call(let name, let arguments, _, _): "(\(name) " + arguments.map(\.outline).joined(separator: " ") + ")"
        case .caseWhen(let branches, let otherwise, _):
            "(case " + branches.map { "(\($0.condition.outline) \($0.result.outline))" }.joined(separator: " ")
                + " (else \(otherwise.outline)))"
        }
    }
}
