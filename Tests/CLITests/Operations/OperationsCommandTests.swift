import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct OperationsCommandTests {
    @Test func migrateRefusesNamingTheFileWhenAnAppliedMigrationChanged() throws {
        try TestDatabase.with { db in
            try db.connectRaw().execute(
                "UPDATE public.filmwg_schema_migrations SET checksum = md5('edited') WHERE version = 2")
            let migrate = try FilmWGBinary.run(["db", "migrate"], database: db)
            #expect(migrate.status == 65, "\(migrate)")
            #expect(
                migrate.stderr.hasPrefix("filmwg: sql/migrations/0002_records.sql changed since it was applied"),
                "\(migrate)")
            #expect(migrate.stderr.hasSuffix("nothing was migrated (see 'filmwg db verify')\n"))
            #expect(migrate.stdout.isEmpty)
        }
    }

    /// Many `member join` of one company at once: one wins, every other gets the overlap
    /// sentence (exit 65), never "deadlock detected".
    @Test func racingJoinsOfOneCompanyAnswerWithTheOverlapSentence() throws {
        try TestDatabase.with { db in
            try db.connectRaw().execute(
                "INSERT INTO filmwg.companies (uscc, name, kind) VALUES ('91110116MA00YQ001M', 'Yanqi', 'production')")
            for round in 0..<3 {
                let results = Locked<[CommandResult]>([])
                DispatchQueue.concurrentPerform(iterations: 6) { i in
                    let result = try? FilmWGBinary.run(
                        [
                            "member", "join", "91110116MA00YQ001M", "--tier", "member",
                            "--from", "20\(18 + round)-0\(1 + i)-01",
                        ], database: db)
                    if let result { results.update { $0.append(result) } }
                }
                let all = results.value
                #expect(all.count == 6)
                #expect(all.filter { $0.status == 0 }.count == 1, "\(all)")
                for loser in all where loser.status != 0 {
                    #expect(loser.status == 65, "\(loser)")
                    #expect(!loser.stderr.contains("deadlock"), "\(loser)")
                    #expect(loser.stderr.contains("overlap"), "\(loser)")
                }
                try db.connectRaw().execute("DELETE FROM filmwg.memberships")
            }
        }
    }
}
