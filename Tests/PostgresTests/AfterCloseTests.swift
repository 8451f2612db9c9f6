import Postgres
import TestSupport
import Testing

/// A closed connection answers with defined values and errors, never by touching the freed
/// `PGconn`; a pipeline cut short leaves the connection usable.
@Suite struct AfterCloseTests {
    @Test func accessorsOfAClosedConnectionReturnTheirDocumentedValues() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            #expect(db.backendPID != 0)
            #expect(db.serverVersion >= 150_000)
            #expect(db.transactionStatus == .idle)
            #expect(!db.target.isEmpty && db.target != "closed connection")
            db.close()
            db.close()
            #expect(db.isClosed)
            #expect(db.backendPID == 0)
            #expect(db.serverVersion == 0)
            #expect(db.transactionStatus == .unknown)
            #expect(db.target == "closed connection")
        }
    }

    @Test func statementsOnAClosedConnectionThrowThatItIsClosed() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            db.close()
            for attempt: () throws -> Void in [
                { try db.query("SELECT 1") },
                { try db.executeScript(unsafeSQL: "SELECT 1") },
                { _ = try db.pipeline(["SELECT 1"]) },
                { _ = try db.copyIn("COPY x FROM STDIN") },
                { try db.transaction { _ in } },
            ] {
                let error = #expect(throws: PostgresError.self) { try attempt() }
                #expect(error?.kind == .client)
                #expect(error?.message == "the connection is closed")
            }
        }
    }

    @Test func aCopyWhoseConnectionClosedThrowsOnFinishAndDropsQuietly() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute("CREATE TABLE c (id int)")
            var copy = try db.copyIn("COPY c FROM STDIN")
            try copy.append(["1"])
            db.close()
            // A large row forces a flush into the closed connection.
            #expect(throws: PostgresError.self) { try copy.append([String(repeating: "x", count: 300 * 1024)]) }
            do {
                _ = try copy.finish()
                Issue.record("finish on a closed connection must throw")
            } catch {
                #expect((error as? PostgresError)?.message == "the connection is closed")
            }
            do {
                let other = try t.connectRaw()
                var dropped = try other.copyIn("COPY c FROM STDIN")
                try dropped.append(["2"])
                other.close()
            }
            let check = try t.connectRaw()
            #expect(try check.query("SELECT count(*) FROM c").one().decode(Int.self, at: 0) == 0)
        }
    }

    @Test func aSegmentThatCannotBeSentLeavesPipelineModeAndCommitsNothing() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute("CREATE TABLE p (id int)")
            // libpq refuses more than 65535 parameters before sending: a client-side failure
            // in the middle of a segment whose first statement is already sent.
            let count = 65_536
            let tooMany = Query(
                unsafeSQL: "SELECT 1 WHERE 1 IN (" + (1...count).map { "$\($0)" }.joined(separator: ",") + ")",
                binds: (1...count).map { PostgresBind($0) })
            let batch: [Query] = ["INSERT INTO p VALUES (1)", tooMany, "INSERT INTO p VALUES (2)"]
            let error = #expect(throws: PostgresError.self) { _ = try db.pipeline(batch) }
            #expect(error?.kind == .client)
            #expect(!db.isClosed)
            #expect(try db.query("SELECT count(*) FROM p").one().decode(Int.self, at: 0) == 0)
            #expect(try db.query("SELECT \(41) + 1").one().decode(Int.self, at: 0) == 42)
            #expect(db.transactionStatus == .idle)
        }
    }

    @Test func aSegmentTheServerRefusesLeavesPipelineModeForTheNextQuery() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            #expect(throws: PostgresError.self) { _ = try db.pipeline(["SELECT 1", "SELECT 1/0", "SELECT 2"]) }
            #expect(try db.query("SELECT \("ok")::text").one().decode(String.self, at: 0) == "ok")
            #expect(try db.pipeline(["SELECT 3"]).first?.one().decode(Int.self, at: 0) == 3)
        }
    }
}
