import Foundation
import TestSupport
import Testing

@Suite struct DBCommandTests {
    @Test func migrateAppliesEverythingOnceAndASecondRunChangesNothing() throws {
        try TestDatabase.with(migrated: false) { db in
            let first = try FilmWGBinary.run(["db", "migrate"], database: db)
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout.contains("applied migrations/0001_"))
            let second = try FilmWGBinary.run(["db", "migrate"], database: db)
            #expect(second.status == 0)
            #expect(second.stdout.isEmpty)
            #expect(second.stderr.contains("nothing was applied"))
            let status = try FilmWGBinary.run(["db", "status", "--format", "csv"], database: db)
            #expect(status.stdout.hasPrefix("name,version,state,applied_at\n"))
            #expect(!status.stdout.contains("pending"))
        }
    }

    @Test func twoMigrationsAtOnceApplyEachFileOnce() throws {
        try TestDatabase.with(migrated: false) { db in
            let results = UnsafeResults()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                results.set(i, try? FilmWGBinary.run(["db", "migrate"], database: db))
            }
            #expect(results.all.allSatisfy { $0?.status == 0 })
            let applied = results.all.compactMap { $0 }.map {
                $0.stdout.components(separatedBy: "applied migrations/").count - 1
            }
            let migrations = try db.connectRaw().query(
                "SELECT count(*) FROM public.filmwg_schema_migrations WHERE kind = 'migration'"
            )
            .one().decode(Int.self, at: 0)
            #expect(applied.reduce(0, +) == migrations)
        }
    }

    @Test func statusAgainstAClosedPortExits69WithOneSentence() throws {
        let result = try FilmWGBinary.run(
            ["db", "status"], environment: ["DATABASE_URL": "postgresql://admin:topsecret@127.0.0.1:9/filmwg"])
        #expect(result.status == 69)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("127.0.0.1:9"))
        #expect(!result.stderr.contains("topsecret"))
    }

    @Test func anUnknownOptionExits64AndSuggestsTheNearest() throws {
        let result = try FilmWGBinary.run(["db", "status", "--fromat", "json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("did you mean '--format'?"))
        let verb = try FilmWGBinary.run(["db", "migarte"])
        #expect(verb.status == 64)
        #expect(verb.stderr.contains("did you mean 'migrate'?"))
    }

    @Test func everyLevelHasHelpWithAnExample() throws {
        for words in [["--help"], ["db", "--help"], ["db", "migrate", "--help"], ["db", "verify", "--help"]] {
            let result = try FilmWGBinary.run(words)
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example"), "\(words)")
        }
    }

    /// The release-style check: a binary copied out of the build folder carries its migrations.
    @Test func aCopiedBinaryMigratesAndVerifyCatchesAnEditedMigration() throws {
        try withTemporaryDirectory { folder in
            let copy = folder.appendingPathComponent("filmwg")
            try FileManager.default.copyItem(at: FilmWGBinary.url, to: copy)
            try TestDatabase.with(migrated: false) { db in
                let migrate = try FilmWGBinary.run(
                    ["db", "migrate"], database: db, executable: copy, directory: folder)
                #expect(migrate.status == 0, "\(migrate)")
                #expect(try FilmWGBinary.run(["db", "verify"], database: db, executable: copy).status == 0)
                // Simulate an edited file: the recorded checksum no longer matches the text.
                try db.connectRaw().execute(
                    "UPDATE public.filmwg_schema_migrations SET checksum = md5('edited') WHERE version = 2")
                let verify = try FilmWGBinary.run(["db", "verify"], database: db, executable: copy)
                #expect(verify.status == 65)
                #expect(verify.stderr.contains("sql/migrations/0002_"))
            }
        }
    }
}

/// Collects results from concurrent closures in a test.
final class UnsafeResults: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: CommandResult?] = [:]
    func set(_ i: Int, _ value: CommandResult?) { lock.withLock { values[i] = value } }
    var all: [CommandResult?] { lock.withLock { values.keys.sorted().map { values[$0]! } } }
}
