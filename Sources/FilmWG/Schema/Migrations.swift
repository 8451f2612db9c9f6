/// The SQL files the binary carries, read from the generated `EmbeddedSQL`.
///
/// Embedding (by the package's EmbedSQL build plugin) is what lets an installed `filmwg`
/// create or upgrade a database with no source tree beside it.
public struct SQLFile: Sendable, Hashable {
    /// Path under `sql/`, e.g. `migrations/0001_roles_and_schema.sql`.
    public let path: String
    public let text: String

    public var name: String { String(path.split(separator: "/").last ?? Substring(path)) }
}

public struct Migration: Sendable, Hashable {
    public let version: Int
    public let file: SQLFile
    public var name: String { file.name }
}

public enum EmbeddedFiles {
    public static var all: [SQLFile] { EmbeddedSQL.files.map { SQLFile(path: $0.path, text: $0.text) } }

    /// Numbered forward-only migrations, in order. A file not named `NNNN_name.sql` is a
    /// packaging mistake that tests catch; it is skipped here rather than guessed at.
    public static var migrations: [Migration] {
        all.filter { $0.path.hasPrefix("migrations/") }.compactMap { file in
            guard let number = Int(file.name.prefix { $0.isNumber }), file.name.contains("_") else { return nil }
            return Migration(version: number, file: file)
        }.sorted { $0.version < $1.version }
    }

    /// Reporting views, re-applied (CREATE OR REPLACE) after migrations whenever they change.
    public static var reporting: [SQLFile] {
        all.filter { $0.path.hasPrefix("reporting/") }.sorted { $0.path < $1.path }
    }

    public static func seed(named name: String) -> SQLFile? {
        all.first { $0.path == "seed/\(name).sql" }
    }

    public static var seedNames: [String] {
        all.filter { $0.path.hasPrefix("seed/") }.map { String($0.name.dropLast(4)) }.sorted()
    }
}
