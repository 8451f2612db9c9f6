/// Why a rule was refused, pointing at the token a person has to change.
///
/// Every stage (lexer, parser, checker) reports through this one type, so `filmwg policy check`
/// prints the same shape whatever went wrong: `line:column: message; did you mean '…'?`.
public struct RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line of the offending token.
    public let line: Int
    /// 1-based column of the offending token, counted in characters, so Chinese text counts
    /// one per character.
    public let column: Int
    /// What was expected and what was found, in one clause without the position.
    public let message: String
    /// Text that would likely make the rule valid at this position: a fact name, an allowed
    /// value, a keyword or an operator.
    public let suggestion: String?

    public init(line: Int, column: Int, message: String, suggestion: String? = nil) {
        self.line = line
        self.column = column
        self.message = message
        self.suggestion = suggestion
    }

    init(at location: SourceLocation, _ message: String, suggestion: String? = nil) {
        self.init(line: location.line, column: location.column, message: message, suggestion: suggestion)
    }

    public var description: String {
        var text = "\(line):\(column): \(message)"
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        return text
    }
}
