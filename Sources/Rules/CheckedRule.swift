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
            }
        }
        visit(self)
        return found
    }
}
