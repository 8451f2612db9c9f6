/// A point in the rule text, kept both as an offset (to cut out a criterion's text) and as
/// line and column (to tell a person where to look).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Offset in characters (grapheme clusters) from the start of the rule.
    public let offset: Int
    /// 1-based.
    public let line: Int
    /// 1-based, in characters.
    public let column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.offset < rhs.offset }

    public var description: String { "\(line):\(column)" }
}

/// The half-open span of rule text a token or AST node came from.
public struct SourceRange: Sendable, Hashable {
    public let start: SourceLocation
    /// Just past the last character.
    public let end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// The span covering both, whatever their order.
    func joined(_ other: Self) -> Self {
        Self(start: min(start, other.start), end: max(end, other.end))
    }
}
