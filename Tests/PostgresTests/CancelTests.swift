import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct CancelTests {
    @Test func aCancelFromAnotherThreadStopsTheStatementWith57014AndTheSessionGoesOn() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            let handle = try db.makeCancelHandle()
            let started = Date()
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) { handle.cancel() }
            #expect {
                try db.execute("SELECT pg_sleep(30)")
            } throws: { error in
                (error as? PostgresError)?.sqlState == .queryCanceled
            }
            #expect(Date().timeIntervalSince(started) < 5)
            #expect(try db.query("SELECT 1").one().decode(Int.self, at: 0) == 1)
            // Idle, a cancel is delivered and does nothing; after close it is harmless.
            #expect(handle.cancel() == nil)
            db.close()
            _ = handle.cancel()
        }
    }
}
