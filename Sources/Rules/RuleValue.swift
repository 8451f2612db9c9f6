/// A literal from the rule, typed for the fact it is compared with, ready to be bound as a
/// query parameter. Values travel only here, never inside SQL text.
public enum RuleValue: Sendable, Hashable, CustomStringConvertible {
    case boolean(Bool)
    case integer(Int64)
    /// The literal's decimal text exactly as written (`5000000`, `-2.50`), so no digit is lost to
    /// binary floating point on the way to PostgreSQL's `numeric`.
    case numeric(String)
    case text(String)
    case date(RuleDate)

    /// The type the placeholder is cast to, e.g. `$3::numeric`.
    public var sqlType: String {
        switch self {
        case .boolean: FactType.boolean.sqlType
        case .integer: FactType.integer.sqlType
        case .numeric: FactType.numeric.sqlType
        case .text: FactType.text.sqlType
        case .date: FactType.date.sqlType
        }
    }

    /// The value in PostgreSQL's text input format, for drivers that send parameters as text.
    public var parameterText: String {
        switch self {
        case .boolean(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .numeric(let text): text
        case .text(let text): text
        case .date(let date): date.description
        }
    }

    /// `numeric 5000000`, `text 'O''Brien'`: the kind, then the value as the rule would spell it,
    /// one line per bind in golden files.
    public var description: String {
        switch self {
        case .boolean(let value): "boolean \(value)"
        case .integer(let value): "integer \(value)"
        case .numeric(let text): "numeric \(text)"
        case .text(let text): "text '\(text.replacing("'", with: "''"))'"
        case .date(let date): "date \(date)"
        }
    }
}
