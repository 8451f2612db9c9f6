/// The one error type of the driver. SQLSTATE and the server's fields are data, so callers
/// translate errors by code and constraint name, never by parsing messages.
///
/// `description` is short and never holds a password: it is the server's primary message (which
/// may quote the offending input, e.g. `invalid input syntax for type integer: "x"`) or the
/// driver's own. Detail and hint, which often quote row values, stay in `debugDescription`.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server could not be reached or refused the session.
        case connectionFailed
        /// The session broke while in use.
        case connectionLost
        /// The server answered a statement with an error.
        case server
        /// The driver was used wrongly or libpq reported a protocol problem.
        case client
    }

    public var kind: Kind
    public var sqlState: SQLState?
    public var message: String
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var schema: String?
    public var table: String?
    public var column: String?
    /// Where the connection was going, for connection errors ("host:port" or the socket path).
    public var target: String?

    public init(
        kind: Kind, sqlState: SQLState? = nil, message: String, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, schema: String? = nil, table: String? = nil,
        column: String? = nil, target: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.schema = schema
        self.table = table
        self.column = column
        self.target = target
    }

    public var description: String {
        if let sqlState { return "\(message) (SQLSTATE \(sqlState))" }
        return message
    }

    /// Includes detail and hint, which may quote data values; for logs kept by operators.
    public var debugDescription: String {
        var parts = [description]
        if let detail { parts.append("DETAIL: \(detail)") }
        if let hint { parts.append("HINT: \(hint)") }
        if let constraint { parts.append("CONSTRAINT: \(constraint)") }
        return parts.joined(separator: " ")
    }

    // Predicates for the classes the project reacts to.
    public var isUniqueViolation: Bool { sqlState == .uniqueViolation }
    public var isForeignKeyViolation: Bool { sqlState == .foreignKeyViolation }
    public var isCheckViolation: Bool { sqlState == .checkViolation }
    public var isExclusionViolation: Bool { sqlState == .exclusionViolation }
    public var isSerializationFailure: Bool { sqlState == .serializationFailure }
    public var isDeadlock: Bool { sqlState == .deadlockDetected }
    public var isInsufficientPrivilege: Bool { sqlState == .insufficientPrivilege }
    /// Integrity constraint violations of any kind (class 23).
    public var isIntegrityViolation: Bool { sqlState?.classCode == "23" }
    /// The session is gone: retrying needs a new connection.
    public var isConnectionLost: Bool {
        kind == .connectionLost || kind == .connectionFailed || sqlState?.classCode == "08"
            || sqlState == .adminShutdown || sqlState == .crashShutdown
    }
    /// Worth retrying the whole transaction.
    public var isTransient: Bool { isSerializationFailure || isDeadlock || sqlState == .lockNotAvailable }
}
