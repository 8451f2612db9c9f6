/// A five-character SQLSTATE code, kept as data so callers match on it rather than on
/// message text. Constants are grouped by the class (first two characters) the project reacts to.
public struct SQLState: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let code: String

    public init(_ code: String) { self.code = code }
    public init(stringLiteral value: String) { self.code = value }

    /// The class (first two characters), for falling back when a specific code is not known.
    public var classCode: String { String(code.prefix(2)) }
    public var description: String { code }

    // Class 08: connection exception
    public static let connectionException: SQLState = "08000"
    public static let connectionFailure: SQLState = "08006"
    // Class 22: data exception
    public static let invalidTextRepresentation: SQLState = "22P02"
    public static let numericValueOutOfRange: SQLState = "22003"
    public static let invalidDatetimeFormat: SQLState = "22007"
    public static let datetimeFieldOverflow: SQLState = "22008"
    public static let stringDataRightTruncation: SQLState = "22001"
    // Class 23: integrity constraint violation
    public static let notNullViolation: SQLState = "23502"
    public static let foreignKeyViolation: SQLState = "23503"
    public static let uniqueViolation: SQLState = "23505"
    public static let checkViolation: SQLState = "23514"
    public static let exclusionViolation: SQLState = "23P01"
    // Class 25: invalid transaction state
    public static let readOnlySQLTransaction: SQLState = "25006"
    public static let inFailedTransaction: SQLState = "25P02"
    // Class 40: transaction rollback
    public static let serializationFailure: SQLState = "40001"
    public static let deadlockDetected: SQLState = "40P01"
    // Class 42: syntax error or access rule violation
    public static let insufficientPrivilege: SQLState = "42501"
    public static let syntaxError: SQLState = "42601"
    public static let undefinedTable: SQLState = "42P01"
    public static let undefinedFunction: SQLState = "42883"
    // Class 55: object not in prerequisite state
    public static let lockNotAvailable: SQLState = "55P03"
    // Class 57: operator intervention
    public static let queryCanceled: SQLState = "57014"
    public static let adminShutdown: SQLState = "57P01"
    public static let crashShutdown: SQLState = "57P02"
    public static let cannotConnectNow: SQLState = "57P03"
    // Class P0: PL/pgSQL
    public static let raiseException: SQLState = "P0001"
}
