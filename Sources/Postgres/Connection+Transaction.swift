extension Connection {
    public enum IsolationLevel: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// Called inside another transaction it uses a savepoint, so an inner failure undoes only
    /// the inner work and the outer transaction can go on.
    /// - Throws: what `body` threw, or the `PostgresError` of BEGIN/COMMIT.
    @discardableResult
    public func transaction<T>(
        isolation: IsolationLevel? = nil, _ body: (Connection) throws -> T
    ) throws -> T {
        let nested = transactionStatus == .inTransaction || transactionStatus == .inFailedTransaction
        let savepoint = "filmwg_sp_\(savepointDepth + 1)"
        if nested {
            try execute(Query(unsafeSQL: "SAVEPOINT \(savepoint)"))
            savepointDepth += 1
        } else {
            try execute(Query(unsafeSQL: isolation.map { "BEGIN ISOLATION LEVEL \($0.rawValue)" } ?? "BEGIN"))
        }
        do {
            let result = try body(self)
            if nested {
                savepointDepth -= 1
                try execute(Query(unsafeSQL: "RELEASE SAVEPOINT \(savepoint)"))
            } else {
                try execute("COMMIT")
            }
            return result
        } catch {
            if nested {
                savepointDepth -= 1
                _ = try? execute(Query(unsafeSQL: "ROLLBACK TO SAVEPOINT \(savepoint)"))
                _ = try? execute(Query(unsafeSQL: "RELEASE SAVEPOINT \(savepoint)"))
            } else if !isClosed, transactionStatus != .idle {
                _ = try? execute("ROLLBACK")
            }
            throw error
        }
    }
}
