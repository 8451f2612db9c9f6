public import Postgres

/// Turns the database's refusals into the records' own sentences.
///
/// Repositories pass the constraint names they know, with the sentence a user should read;
/// anything else that is still a rule of the records (class 22/23, the stale-version check)
/// keeps the server's message, which our migrations phrase for people.
public enum DatabaseErrors {
    /// The custom SQLSTATE the row_version trigger raises for an update naming a stale version.
    public static let staleVersion: SQLState = "FW409"

    public static func translate(_ error: any Error, constraints: [String: String] = [:]) -> any Error {
        guard let error = error as? PostgresError, error.kind == .server, let state = error.sqlState else { return error }
        if let constraint = error.constraint, let sentence = constraints[constraint] {
            return RecordError.invalid(sentence)
        }
        if state == staleVersion {
            return RecordError.conflict("\(error.message); someone changed the record since you read it, show it again and retry")
        }
        if error.isTransient { return RecordError.conflict("\(error.message); try again") }
        if error.isInsufficientPrivilege { return RecordError(error.message, .permission) }
        if state.classCode == "23" || state.classCode == "22" || state == .raiseException {
            return RecordError.invalid(error.message)
        }
        return error
    }

    /// Runs `body`, translating what it throws.
    public static func translating<T>(_ constraints: [String: String] = [:], _ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw translate(error, constraints: constraints) }
    }
}
