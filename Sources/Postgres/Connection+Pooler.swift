internal import CLibPQ

extension Connection {
    /// Whether a pooler (PgBouncer, in any mode) stands between this client and the server.
    ///
    /// A pooler answers the client's startup with a cancel key of its own, so the process id
    /// libpq was given differs from the server's `pg_backend_pid()`; on a direct connection
    /// they are equal. Asked with an unnamed statement (no parameters), so the question itself
    /// leaves nothing on a pooled server connection. One round trip.
    /// - Throws: `PostgresError` when the server cannot be asked.
    public func detectPooler() throws -> Bool {
        let server = try query("SELECT pg_backend_pid()").one().decode(Int32.self, at: 0)
        return server != backendPID
    }

    /// Sends every later statement unnamed (parse, bind and execute in one round trip, with no
    /// statement left on the server), as a transaction-mode pooler needs: there, a named
    /// statement prepared on one server connection is missing on the next, or collides with
    /// another client's of the same name (`42P05`). Statements already prepared are forgotten.
    public func useUnnamedStatements() {
        usesUnnamedStatements = true
        prepared.removeAll()
        lastPrepared = nil
    }
}
