import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct BackupRestoreTests {
    @Test func aBackupRestoredIntoAnEmptyDatabaseHasEveryRowVerifiesAndRunsTheJob() throws {
        try TestDatabase.with { source in
            try source.connectRaw().executeScript(
                unsafeSQL: """
                    INSERT INTO filmwg.companies (uscc, name, name_zh, kind, registered_in_zone, registered_capital, founded_on, employees)
                    VALUES ('91110116MA00YQ001M', 'Yanqi Lake Pictures', '雁栖湖影业', 'production', true, 10000000, '2015-06-18', 85),
                           ('91110108MA00YM003K', 'Cloudscreen', NULL, 'internet_platform', false, 50000000, '2012-01-09', 400);
                    """)
            let policy = try FilmWGBinary.run(
                [
                    "policy", "add", "--code", "big", "--title", "Big", "--rule", "employees >= 50", "--valid-from",
                    "2017-05-20",
                ],
                database: source)
            #expect(policy.status == 0, "\(policy)")
            #expect(
                try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-01"], database: source).status == 0)
            try withTemporaryDirectory { folder in
                let file = folder.appendingPathComponent("filmwg.dump").path
                let backup = try FilmWGBinary.run(["db", "backup", file, "--format", "csv"], database: source)
                #expect(backup.status == 0, "\(backup)")
                #expect(backup.stdout.contains("filmwg.companies,2\n"), "\(backup)")
                #expect(backup.stdout.contains("filmwg.determinations,2\n"), "\(backup)")
                #expect(FileManager.default.fileExists(atPath: file + ".counts"))
                try TestDatabase.with(migrated: false) { target in
                    let refused = try FilmWGBinary.run(["db", "restore", file], database: target)
                    #expect(refused.status == 64, "\(refused)")
                    let restore = try FilmWGBinary.run(
                        ["db", "restore", file, "--yes", "--format", "csv"], database: target)
                    #expect(restore.status == 0, "\(restore)")
                    #expect(restore.stdout.contains("filmwg.companies,2,2\n"), "\(restore)")
                    #expect(restore.stderr.contains("every table has the rows the backup counted"))
                    #expect(try FilmWGBinary.run(["db", "verify"], database: target).status == 0)
                    let run = try FilmWGBinary.run(
                        ["eligibility", "run", "--as-of", "2024-06-02", "--format", "json"], database: target)
                    #expect(run.status == 0, "\(run)")
                    #expect(run.stdout.contains(#""eligible": 2"#), "\(run)")
                    // Not over a filmwg database.
                    let again = try FilmWGBinary.run(["db", "restore", file, "--yes"], database: target)
                    #expect(again.status == 65, "\(again)")
                    #expect(again.stderr.contains("restore into a new, empty database"), "\(again)")
                }
                try TestDatabase.with(migrated: false) { target in
                    // A tampered count is caught.
                    try "filmwg.companies\t3\n".write(toFile: file + ".counts", atomically: true, encoding: .utf8)
                    let differ = try FilmWGBinary.run(["db", "restore", file, "--yes"], database: target)
                    #expect(differ.status == 65, "\(differ)")
                    #expect(differ.stderr.contains("filmwg.companies 2 instead of 3"), "\(differ)")
                }
            }
            let missing = try FilmWGBinary.run(["db", "restore", "/nonexistent/x.dump", "--yes"], database: source)
            #expect(missing.status == 66)
        }
    }
}
