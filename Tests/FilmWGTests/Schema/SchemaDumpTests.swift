import Foundation
import TestSupport
import Testing

/// `sql/schema.sql` is the schema as the migrations leave it: a freshly migrated database,
/// dumped and normalised by `scripts/schema-dump --print`, must equal it byte for byte. After
/// adding a migration or a reporting view run `scripts/schema-dump` and commit the result.
@Suite struct SchemaDumpTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func schemaSQLIsTheDumpOfAFreshlyMigratedDatabase() throws {
        let stored = try String(contentsOf: Self.root.appendingPathComponent("sql/schema.sql"), encoding: .utf8)
        #expect(stored.contains("CREATE TABLE filmwg.companies"))
        try TestDatabase.with { db in
            let dump = try FilmWGBinary.run(
                [Self.root.appendingPathComponent("scripts/schema-dump").path, "--print", db.conninfo],
                executable: URL(fileURLWithPath: "/bin/bash"))
            #expect(dump.status == 0, "\(dump)")
            #expect(dump.stdout == stored, "sql/schema.sql is not the migrated schema; run scripts/schema-dump")
        }
    }
}
