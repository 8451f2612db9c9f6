import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// Two databases of one cluster migrated at the same moment both update rows of the shared
/// catalogs (`ALTER ROLE filmwg_reporting SET timezone` in 0014). The loser of that race gets
/// XX000 "tuple concurrently updated" from PostgreSQL instead of a wait; the migrator tries
/// its transaction again. The race is forced here, not hoped for: a transaction of another
/// database holds the role's setting row until the migration is seen waiting on it.
@Suite struct MigratorRaceTests {
    @Test func aMigrationThatLosesASharedCatalogRowRaceIsTriedAgainAndSucceeds() throws {
        try TestDatabase.with(migrated: false) { db in
            let holder = try Connection.connect("dbname=postgres")
            defer { holder.close() }
            // The row must exist before the race: without it both sides insert, and the loser
            // gets a unique violation (a different race, not this one).
            try holder.execute(
                """
                DO $$ BEGIN CREATE ROLE filmwg_reporting NOLOGIN;
                EXCEPTION WHEN duplicate_object THEN NULL; END $$
                """)
            try holder.execute("ALTER ROLE filmwg_reporting SET timezone = 'Asia/Shanghai'")
            try holder.execute("BEGIN")
            try holder.execute("ALTER ROLE filmwg_reporting SET timezone = 'Asia/Shanghai'")

            let outcome = MigrationOutcome()
            let conninfo = db.conninfo
            let thread = Thread {
                outcome.set(
                    Result {
                        let connection = try Connection.connect(conninfo)
                        defer { connection.close() }
                        return try Migrator(connection: connection).migrate().appliedMigrations.count
                    })
            }
            thread.start()

            // Wait (up to a minute) until the migration blocks on the held row, then commit.
            // Watched from a connection of its own: inside the holder's transaction,
            // pg_stat_activity would show the picture of its first read.
            let observer = try Connection.connect("dbname=postgres")
            defer { observer.close() }
            var sawWait = false
            for _ in 0..<600 where outcome.value == nil {
                let waiting = try observer.query(
                    """
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = \(db.name) AND wait_event_type = 'Lock' AND wait_event = 'transactionid'
                    """
                ).one().decode(Int.self, at: 0)
                if waiting > 0 {
                    sawWait = true
                    break
                }
                usleep(100_000)
            }
            try holder.execute("COMMIT")
            #expect(sawWait, "the migration never waited on the held role setting")

            for _ in 0..<1200 where outcome.value == nil { usleep(100_000) }
            let applied = try #require(outcome.value).get()
            #expect(applied == EmbeddedFiles.migrations.count)
            let recorded = try db.connectRaw().query(
                "SELECT count(*) FROM public.filmwg_schema_migrations WHERE kind = 'migration'"
            ).one().decode(Int.self, at: 0)
            #expect(recorded == EmbeddedFiles.migrations.count)
        }
    }
}

/// Hands the migrating thread's result to the test.
private final class MigrationOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<Int, any Error>?
    func set(_ value: Result<Int, any Error>) { lock.withLock { stored = value } }
    var value: Result<Int, any Error>? { lock.withLock { stored } }
}
