/// A rule whose every name is a known fact and whose every comparison makes sense, split into
/// the criteria a determination records one by one.
public struct CheckedRule: Sendable, Hashable {
    /// The top-level `and` terms in rule order; a rule without a top-level `and` is one criterion.
    public let criteria: [CheckedCriterion]

    /// Every fact the rule reads, in order of first use, so a caller can compute only those.
    public var facts: [Fact] {
        var seen: Set<String> = []
        return criteria.flatMap(\.facts).filter { seen.insert($0.name).inserted }
    }
}

/// One top-level `and` term of a rule.
public struct CheckedCriterion: Sendable, Hashable {
    /// The term's tokens as written, without comments and with one space wherever there was
    /// whitespace, so `eligibility explain` can quote exactly what failed on one line.
    public let source: String
    public let range: SourceRange
    /// The facts this criterion reads, in order of first use, so an explanation can show their
    /// values beside the criterion.
    public let facts: [Fact]
    let expression: TypedExpression
}

/// The checked tree the SQL compiler renders: names resolved to catalog facts, literals turned
/// into values of the type they are compared with, parentheses dropped (the compiler adds its
/// own around every compound).
indirect enum TypedExpression: Sendable, Hashable {
    case fact(Fact)
    case value(RuleValue)
    case not(TypedExpression)
    case and([TypedExpression])
    case or([TypedExpression])
    case comparison(TypedExpression, ComparisonOperator, TypedExpression)
    case isNull(TypedExpression, negated: Bool)
    case inList(TypedExpression, [TypedExpression], negated: Bool)
    case between(TypedExpression, lower: TypedExpression, upper: TypedExpression, negated: Bool)
    /// Rendered in `numeric` whatever its operands, so no `bigint` can overflow and `7 / 2` is
    /// 3.5; a division by zero is null (`NULLIF`), never an error.
    case arithmetic(TypedExpression, [TypedStep])
    case negate(TypedExpression)
    /// An integer operand where arithmetic needs `numeric`.
    case asNumeric(TypedExpression)
    /// `min(…)` / `max(…)`: null when any argument is null (unlike SQL's LEAST and GREATEST).
    case least([TypedExpression])
    case greatest([TypedExpression])
    /// `taper(INDEX, P1, …, Pn)`: P_INDEX when 1 ≤ INDEX ≤ n, else 0; null when INDEX is.
    /// `source` is the index as written, for the explanation.
    case taper(index: TypedExpression, steps: [TypedExpression], source: String)
    case caseWhen([TypedBranch], otherwise: TypedExpression)

    /// Facts in order of first use, left to right.
    var facts: [Fact] {
        var found: [Fact] = []
        var seen: Set<String> = []
        func visit(_ expression: TypedExpression) {
            switch expression {
            case .fact(let fact):
                if seen.insert(fact.name).inserted { found.append(fact) }
            case .value:
                break
            case .not(let operand), .isNull(let operand, _):
                visit(operand)
            case .and(let operands), .or(let operands):
                operands.forEach(visit)
            case .comparison(let left, _, let right):
                visit(left)
                visit(right)
            case .inList(let subject, let items, _):
                visit(subject)
                items.forEach(visit)
            case .between(let subject, let lower, let upper, _):
                visit(subject)
                visit(lower)
                visit(upper)
            case .arithmetic(let first, let steps):
                visit(first)
                steps.forEach { visit($0.operand) }
            case .negate(let operand), .asNumeric(let operand):
                visit(operand)
            case .least(let operands), .greatest(let operands):
                operands.forEach(visit)
            case .taper(let index, let steps, _):
                visit(index)
                steps.forEach(visit)
            case .caseWhen(let branches, let otherwise):
                for branch in branches {
                    visit(branch.condition)
                    visit(branch.result)
                }
                visit(otherwise)
            }
        }
        visit(self)
        return found
    }
}

struct TypedStep: Sendable, Hashable {
    let op: ArithmeticOperator
    let operand: TypedExpression
}

struct TypedBranch: Sendable, Hashable {
    let condition: TypedExpression
    let result: TypedExpression
}

/// An amount formula (DESIGN §12) that checked: a number over the facts.
public struct CheckedAmount: Sendable, Hashable {
    /// The formula's tokens as written, on one line, comments left out.
    public let source: String
    /// Every fact the formula reads, in order of first use: a null one makes the amount null,
    /// and the explanation shows each one's value.
    public let facts: [Fact]
    let expression: TypedExpression

    /// Whether the formula divides, so a null amount may come from a zero divisor.
    var divides: Bool {
        func visit(_ expression: TypedExpression) -> Bool {
            switch expression {
            case .arithmetic(let first, let steps):
                steps.contains { $0.op == .divide } || visit(first) || steps.contains { visit($0.operand) }
            case .negate(let operand), .asNumeric(let operand), .not(let operand), .isNull(let operand, _):
                visit(operand)
            case .least(let operands), .greatest(let operands), .and(let operands), .or(let operands):
                operands.contains(where: visit)
            case .taper(let index, let steps, _):
                visit(index) || steps.contains(where: visit)
            case .caseWhen(let branches, let otherwise):
                branches.contains { visit($0.condition) || visit($0.result) } || visit(otherwise)
            case .comparison(let left, _, let right):
                visit(left) || visit(right)
            case .inList(let subject, let items, _):
                visit(subject) || items.contains(where: visit)
            case .between(let subject, let lower, let upper, _):
                visit(subject) || visit(lower) || visit(upper)
            case .fact, .value:
                false
            }
        }
        return visit(expression)
    }
}
