import FilmWG
import Foundation
public import Postgres

/// A database of its own for one test, cloned from a migrated template, so tests are isolated
/// and run in parallel. The server is the one libpq's `PG*` variables name (scripts/test points
/// them at the local cluster); the template's name carries a hash of the embedded SQL, so an
/// edited migration gets a fresh template and an unchanged one is reused across runs.
public struct TestDatabase: Sendable {
    /// Connection string for this test's database (libpq fills host, port and user from the environment).
    public let conninfo: String
    public let name: String

    /// Runs `body` with a fresh migrated database and drops it afterwards.
    public static func with<T>(
        migrated: Bool = true, _ body: (TestDatabase) throws -> T
    ) throws -> T {
        let template = migrated ? try TemplateCache.migrated.get() : "template0"
        let name = "filmwg_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = try Connection.connect("dbname=postgres")
        try createDatabase(admin, name: name, template: template)
        defer {
            _ = try? admin.execute(
                Query(unsafeSQL: "DROP DATABASE IF EXISTS \(Query.quoteIdentifier(name)) WITH (FORCE)"))
            admin.close()
        }
        return try body(TestDatabase(conninfo: "dbname=\(name)", name: name))
    }

    /// A connection to this test's database, as `actor`.
    public func connect(actor: String = "test") throws -> Connection {
        try Session.open(ConnectionSettings(conninfo: conninfo, actor: actor))
    }

    /// A plain superuser connection, without the actor setting.
    public func connectRaw() throws -> Connection { try Connection.connect(conninfo) }

    static func createDatabase(_ admin: Connection, name: String, template: String) throws {
        // CREATE DATABASE fails while another CREATE reads the same template; retry briefly.
        for attempt in 0... {
            do {
                try admin.execute(
                    Query(
                        unsafeSQL:
                            "CREATE DATABASE \(Query.quoteIdentifier(name)) TEMPLATE \(Query.quoteIdentifier(template))"
                    ))
                return
            } catch {
                guard error.sqlState == "55006", attempt < 50 else { throw error }
                usleep(100_000)
            }
        }
    }
}

/// Builds the migrated template once per process (and once per SQL content across processes).
enum TemplateCache {
    static let migrated: Result<String, any Error> = Result { try build() }

    static func build() throws -> String {
        let fingerprint = EmbeddedFiles.all.reduce(into: UInt64(14_695_981_039_346_656_037)) { hash, file in
            for byte in (file.path + "\u{0}" + file.text).utf8 {
                hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211
            }
        }
        let name = "filmwg_tpl_" + String(fingerprint, radix: 16)
        let admin = try Connection.connect("dbname=postgres")
        defer { admin.close() }
        try admin.execute("SELECT pg_advisory_lock(4242)")
        defer { _ = try? admin.execute("SELECT pg_advisory_unlock(4242)") }
        let exists = try admin.query("SELECT 1 FROM pg_database WHERE datname = \(name)").count == 1
        if exists { return name }
        let building = name + "_build"
        try admin.execute(Query(unsafeSQL: "DROP DATABASE IF EXISTS \(Query.quoteIdentifier(building)) WITH (FORCE)"))
        try admin.execute(Query(unsafeSQL: "CREATE DATABASE \(Query.quoteIdentifier(building)) TEMPLATE template0"))
        do {
            let connection = try Connection.connect("dbname=\(building)")
            _ = try Migrator(connection: connection).migrate()
            connection.close()
        }
        try admin.execute(
            Query(
                unsafeSQL:
                    "ALTER DATABASE \(Query.quoteIdentifier(building)) RENAME TO \(Query.quoteIdentifier(name))"))
        return name
    }
}
