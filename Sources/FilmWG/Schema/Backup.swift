import Foundation
public import Postgres

/// `filmwg db backup | restore`: PostgreSQL's own pg_dump / pg_restore, with the rows of every
/// filmwg table counted on both sides so a restore proves it brought back what was saved.
///
/// The backup counts the rows inside one REPEATABLE READ transaction and hands its snapshot to
/// pg_dump (`--snapshot`), so the counts are exactly those of the dump, however busy the
/// database. They go to `FILE.counts` (tab-separated `table`, `rows`) beside the dump; the
/// restore counts the restored tables and compares.
public struct Backup {
    public struct TableCount: Sendable, Equatable {
        public let table: String
        public let rows: Int
    }

    public enum Failure: UserFacingError, Equatable {
        case toolMissing(String)
        case toolFailed(tool: String, status: Int32, message: String)
        case countsDiffer([String])
        case noInput(String)
        case notEmpty

        public var sentence: String {
            switch self {
            case .toolMissing(let tool):
                "\(tool) was not found; install postgresql-client (scripts/setup) or put it on PATH"
            case .toolFailed(let tool, let status, let message): "\(tool) failed (exit \(status)): \(message)"
            case .countsDiffer(let tables):
                "the restored row counts differ from the backup's: \(tables.joined(separator: ", "))"
            case .noInput(let path): "the backup file \(path) does not exist or cannot be read"
            case .notEmpty:
                "the database already holds filmwg's schema; restore into a new, empty database (createdb NAME), check it, then point filmwg at it"
            }
        }

        public var category: FailureCategory {
            switch self {
            case .toolMissing: .unavailable
            case .toolFailed: .other
            case .countsDiffer: .invalid
            case .noInput: .noInput
            case .notEmpty: .invalid
            }
        }
    }

    let db: Connection
    /// The conninfo pg_dump / pg_restore are given (nil: libpq's PG* variables, as filmwg's).
    let conninfo: String?

    public init(_ db: Connection, conninfo: String?) {
        self.db = db
        self.conninfo = conninfo
    }

    public static func countsPath(_ file: String) -> String { file + ".counts" }

    /// Dumps the database to `file` (custom format) and returns the row count of every table.
    public func backup(to file: String) throws -> [TableCount] {
        let tool = try Self.tool("pg_dump")
        return try db.transaction(isolation: .repeatableRead) { tx in
            let snapshot = try tx.query("SELECT pg_export_snapshot()").one().decode(String.self, at: 0)
            let counts = try Self.count(tx)
            let dump = ["--format=custom", "--file=\(file)", "--snapshot=\(snapshot)"]  // tool options
            try Self.run(tool, dump + target)
            let text = counts.map { "\($0.table)\t\($0.rows)\n" }.joined()
            do { try text.write(toFile: Self.countsPath(file), atomically: true, encoding: .utf8) } catch {
                throw RecordError(
                    "the row counts could not be written to \(Self.countsPath(file)): \(error.localizedDescription)",
                    .ioError)
            }
            return counts
        }
    }

    /// Restores `file` into an empty database, in one transaction stopping at the first error, then counts every table and compares with `FILE.counts` when present.
    /// - Returns: the restored counts, and the backup's when it had them.
    public func restore(from file: String) throws -> (restored: [TableCount], expected: [TableCount]?) {
        guard FileManager.default.isReadableFile(atPath: file) else { throw Failure.noInput(file) }
        let tool = try Self.tool("pg_restore")
        // Into an empty database only: pg_restore --clean cannot drop the determinations'
        // partitions' inherited keys, and a restore that first drops what is there could not
        // be one transaction. Restore into a new database, check it, then switch to it.
        let populated = try db.query("SELECT to_regnamespace('filmwg') IS NOT NULL").one().decode(Bool.self, at: 0)
        if populated { throw Failure.notEmpty }
        try Self.run(tool, ["--single-transaction", "--exit-on-error"] + target + [file])  // tool options
        // A dump holds no database-level privileges (TEMPORARY, CONNECT): set them again.
        if try db.query("SELECT to_regprocedure('public.filmwg_apply_database_privileges()') IS NOT NULL").one()
            .decode(Bool.self, at: 0)
        {
            try db.execute("SELECT public.filmwg_apply_database_privileges()")
        }
        let restored = try Self.count(db)
        let expected = Self.readCounts(Self.countsPath(file))
        if let expected {
            let have = Dictionary(uniqueKeysWithValues: restored.map { ($0.table, $0.rows) })
            let differ = expected.filter { have[$0.table] != $0.rows }
                .map { "\($0.table) \(have[$0.table].map(String.init) ?? "missing") instead of \($0.rows)" }
            if !differ.isEmpty { throw Failure.countsDiffer(differ) }
        }
        return (restored, expected)
    }

    var target: [String] {
        // The conninfo goes as --dbname, which takes a URI or key=value string; never echoed.
        conninfo.map { ["--dbname=\($0)"] } ?? []  // tool options
    }

    /// Rows of every table of schemas filmwg and public (the migrations' bookkeeping), one
    /// query; the table names come from the catalog, quoted.
    static func count(_ db: Connection) throws -> [TableCount] {
        let tables = try db.query(
            """
            SELECT n.nspname, c.relname FROM pg_catalog.pg_class c
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname IN ('filmwg', 'public') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
             ORDER BY 1, 2
            """
        ).map { try $0.decode((String, String).self) }
        guard !tables.isEmpty else { return [] }
        let parts = tables.enumerated().map { index, table in
            "SELECT \(index) AS i, count(*) AS n FROM \(Query.quoteIdentifier(table.0)).\(Query.quoteIdentifier(table.1))"
        }
        let counts = try db.query(Query(unsafeSQL: parts.joined(separator: "\nUNION ALL\n"))).map { row in
            try row.decode((Int, Int).self)
        }
        return counts.sorted { $0.0 < $1.0 }.map { index, rows in
            TableCount(table: tables[index].0 + "." + tables[index].1, rows: rows)
        }
    }

    static func readCounts(_ path: String) -> [TableCount]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let rows = Int(parts[1]) else { return nil }
            return TableCount(table: String(parts[0]), rows: rows)
        }
    }

    /// The tool on PATH, else in the newest /usr/lib/postgresql/N/bin.
    static func tool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let versioned = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        for folder in versioned + path.split(separator: ":").map(String.init) {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure.toolMissing(name)
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: (try? errors.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let line =
                text.split(separator: "\n").first { $0.contains("error") } ?? text.split(separator: "\n").first ?? ""
            throw Failure.toolFailed(
                tool: URL(fileURLWithPath: tool).lastPathComponent, status: process.terminationStatus,
                message: String(line))
        }
    }
}
