import Postgres
import TestSupport
import Testing

@Suite struct TransactionTests {
    struct Boom: Error {}

    func count(_ db: Connection) throws -> Int {
        try db.query("SELECT count(*) FROM t").one().decode(Int.self, at: 0)
    }

    @Test func commitsWhenTheBodyReturnsAndRollsBackWhenItThrows() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute("CREATE TABLE t (x int)")
            try db.transaction { tx in try tx.execute("INSERT INTO t VALUES (\(1))") }
            #expect(try count(db) == 1)
            #expect(throws: Boom.self) {
                try db.transaction { tx in
                    try tx.execute("INSERT INTO t VALUES (\(2))")
                    throw Boom()
                }
            }
            #expect(try count(db) == 1)
            #expect(db.transactionStatus == .idle)
        }
    }

    @Test func nestedTransactionsUseSavepoints() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute("CREATE TABLE t (x int PRIMARY KEY)")
            try db.transaction { tx in
                try tx.execute("INSERT INTO t VALUES (1)")
                // The inner failure (a duplicate key) is undone alone; the outer work survives.
                #expect(throws: PostgresError.self) {
                    try tx.transaction { inner in
                        try inner.execute("INSERT INTO t VALUES (2)")
                        try inner.execute("INSERT INTO t VALUES (1)")
                    }
                }
                try tx.transaction { inner in try inner.execute("INSERT INTO t VALUES (3)") }
            }
            let values = try db.query("SELECT x FROM t ORDER BY x").map { try $0.decode(Int.self, at: 0) }
            #expect(values == [1, 3])
        }
    }

    @Test func preparedStatementsAreReusedByText() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            for i in 0..<50 { _ = try db.query("SELECT \(i)::int + 1") }
            for i in 0..<50 { _ = try db.query("SELECT \(i)::int * 2") }
            let prepared = try db.query("SELECT count(*) FROM pg_prepared_statements").one().decode(Int.self, at: 0)
            #expect(prepared == 2)
        }
    }
}
