/// A literal as written, before the checker knows what it is compared with.
public enum Literal: Sendable, Hashable {
    case boolean(Bool)
    /// Decimal text as written, with an optional leading `-`; whether it becomes a `bigint` or a
    /// `numeric` bind depends on the fact it meets.
    case number(String)
    case text(String)
    case date(RuleDate)
    case null
}

public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    var isOrdering: Bool { self != .equal && self != .notEqual }
}

/// `+ - * /` in amounts and in the operands of comparisons.
public enum ArithmeticOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
}

/// One `operator operand` of a chain `a + b - c` (or `a * b / c`), kept flat so a long chain
/// never makes a deep tree.
public struct ArithmeticStep: Sendable, Hashable {
    public let op: ArithmeticOperator
    public let operand: Rule
}

/// One `when CONDITION then RESULT` of a `case`.
public struct CaseBranch: Sendable, Hashable {
    public let condition: Rule
    public let result: Rule
}

/// The parsed rule, before names are resolved. Every node keeps the text span it came from so
/// later stages can point at it and criteria can quote themselves.
///
/// `and` and `or` hold all operands of a chain at once: the top-level `and` chain is exactly the
/// list of criteria, and a long chain never makes a deep tree.
public indirect enum Rule: Sendable, Hashable {
    /// A name, lowercased; whether it is a known fact is the checker's business.
    case fact(String, range: SourceRange)
    case literal(Literal, range: SourceRange)
    /// Parentheses as written, so a parenthesised criterion keeps them in its source text.
    case group(Rule, range: SourceRange)
    case not(Rule, range: SourceRange)
    case and([Rule], range: SourceRange)
    case or([Rule], range: SourceRange)
    case comparison(Rule, ComparisonOperator, Rule, range: SourceRange)
    case isNull(Rule, negated: Bool, range: SourceRange)
    case inList(Rule, [Rule], negated: Bool, range: SourceRange)
    case between(Rule, lower: Rule, upper: Rule, negated: Bool, range: SourceRange)
    /// `a + b - c` or `a * b / c`: one precedence level, left to right.
    case arithmetic(Rule, [ArithmeticStep], range: SourceRange)
    case negate(Rule, range: SourceRange)
    /// `80%`: the checker allows it after a number only.
    case percent(Rule, range: SourceRange)
    /// `min(…)`, `max(…)`, `taper(…)`: the name lowercased, checked by the checker.
    case call(String, [Rule], nameRange: SourceRange, range: SourceRange)
    case caseWhen([CaseBranch], otherwise: Rule, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .fact(_, let range), .literal(_, let range), .group(_, let range), .not(_, let range),
            .and(_, let range), .or(_, let range), .comparison(_, _, _, let range),
            .isNull(_, _, let range), .inList(_, _, _, let range), .between(_, _, _, _, let range),
            .arithmetic(_, _, let range), .negate(_, let range), .percent(_, let range), .call(_, _, _, let range),
            .caseWhen(_, _, let range):
            range
        }
    }
}
