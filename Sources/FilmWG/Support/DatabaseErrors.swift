public import Postgres

/// The one place where the database's refusals become the records' own errors.
///
/// Repositories pass the constraint names they know, with the phrase a user should read;
/// anything else that is still a rule of the records (class 22/23, the stale-version check)
/// keeps the server's message, which our migrations phrase for people. The command line hands
/// every `PostgresError` that reaches it through here too, so each SQLSTATE is read once.
public enum DatabaseErrors {
    /// The custom SQLSTATE the row_version trigger raises for an update naming a stale version.
    public static let staleVersion: SQLState = "FW409"

    /// What a role the database refused should ask for, unless the caller knows better.
    public static let adminRoleAdvice = "ask for the filmwg_admin role"

    /// A `RecordError` for a refusal of the records, or `error` itself (connection failures,
    /// anything unexpected) for the caller's edge to phrase.
    /// - Parameter permission: the advice after "the database refused this role: …" (42501).
    public static func translate(
        _ error: any Error, constraints: [String: Phrase] = [:], permission: String = adminRoleAdvice
    ) -> any Error {
        guard let error = error as? PostgresError, error.kind == .server, let state = error.sqlState else {
            return error
        }
        if let constraint = error.constraint, let phrase = constraints[constraint] {
            return RecordError.invalid(phrase)
        }
        if state == staleVersion {
            return RecordError.conflict(
                "\(error.message); someone changed the record since you read it, show it again and retry")
        }
        if error.isTransient { return RecordError.conflict("\(error.message); try again") }
        if error.isInsufficientPrivilege {
            return RecordError("the database refused this role: \(error.message); \(permission)", .permission)
        }
        if state.classCode == "23" || state.classCode == "22" || state == .raiseException {
            return RecordError.invalid(error.message)
        }
        if state == .undefinedTable || state == .undefinedFunction {
            return RecordError("\(error.message); run \(command: "db migrate") first", .other)
        }
        if state == .readOnlySQLTransaction {
            return RecordError(
                "the database is read-only (a standby in recovery, or read-only by setting): \(error.message); point writes and the job at the primary",
                .unavailable)
        }
        if state == .queryCanceled {
            return RecordError(
                "the database statement was cancelled and its transaction rolled back; nothing of it was kept", .other)
        }
        return error
    }

    /// Runs `body`, translating what it throws.
    public static func translating<T>(_ constraints: [String: Phrase] = [:], _ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw translate(error, constraints: constraints) }
    }
}
