import Foundation
import Postgres
import TestSupport
import Testing

@testable import FilmWG

/// What the migrator takes for a shared-catalog race, checked on errors PostgreSQL really sends:
/// two sessions inserting the same catalog row (here `pg_type`'s, by creating one table name at
/// once in the test's own database) end in a unique violation of a `pg_catalog` index, as two
/// first migrations of one cluster do on `pg_db_role_setting`; a unique violation of a table of
/// ours is a real error and is not tried again.
@Suite struct CatalogRaceTests {
    @Test func aCatalogUniqueViolationIsARaceAndAUserOneIsNot() throws {
        try TestDatabase.with(migrated: false) { db in
            let first = try db.connectRaw()
            defer { first.close() }
            try first.execute("BEGIN")
            try first.execute("CREATE TABLE public.race_twice (id int)")
            let loser = RaceOutcome()
            let conninfo = db.conninfo
            let thread = Thread {
                do {
                    let second = try Connection.connect(conninfo)
                    defer { second.close() }
                    try second.execute("CREATE TABLE public.race_twice (id int)")
                    loser.set(nil)
                } catch {
                    loser.set(error as? PostgresError)
                }
            }
            thread.start()
            // Let the second CREATE block on the first's uncommitted catalog rows, then commit.
            let observer = try db.connectRaw()
            defer { observer.close() }
            for _ in 0..<300 {
                let waiting = try observer.query(
                    """
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = \(db.name) AND wait_event_type = 'Lock'
                    """
                ).one().decode(Int.self, at: 0)
                if waiting > 0 { break }
                usleep(100_000)
            }
            try first.execute("COMMIT")
            for _ in 0..<300 where !loser.done { usleep(100_000) }
            let error = try #require(loser.error, "the second CREATE TABLE did not fail")
            #expect(error.sqlState == .uniqueViolation)
            #expect(error.schema == "pg_catalog")
            #expect(Migrator.isSharedCatalogRace(error))

            try first.execute("CREATE TABLE public.keyed (k int PRIMARY KEY)")
            try first.execute("INSERT INTO public.keyed VALUES (1)")
            let mine = try #require(
                throws: PostgresError.self, performing: { try first.execute("INSERT INTO public.keyed VALUES (1)") })
            #expect(mine.sqlState == .uniqueViolation)
            #expect(!Migrator.isSharedCatalogRace(mine))
        }
    }
}

/// Hands the racing thread's error to the test.
private final class RaceOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private var stored: PostgresError?
    func set(_ error: PostgresError?) {
        lock.withLock {
            stored = error
            finished = true
        }
    }
    var done: Bool { lock.withLock { finished } }
    var error: PostgresError? { lock.withLock { stored } }
}
