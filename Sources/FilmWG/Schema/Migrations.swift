import Foundation

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
        let files = all
        return files.filter { $0.path.hasPrefix("migrations/") }.compactMap { file in
            guard let number = Int(file.name.prefix { $0.isNumber }), file.name.contains("_") else { return nil }
            return Migration(version: number, file: expandingIncludes(file, among: files))
        }.sorted { $0.version < $1.version }
    }

    /// `file` with each line `\ir RELATIVE_PATH` (psql's include, relative to the file) replaced by
    /// the text of the embedded file it names, so large reference data (the GB/T 2260 region
    /// table) lives in its own file under `sql/reference/` and the migration stays readable, and
    /// `psql -f` of the migration does the same. The checksum is that of the expanded text, so a
    /// changed data file shows up in `db verify` like a changed migration. A line naming no
    /// embedded file is left as it is; the server then refuses it, and a test checks every include.
    public static func expandingIncludes(_ file: SQLFile, among files: [SQLFile]) -> SQLFile {
        guard file.text.contains("\\ir ") else { return file }
        let directory = file.path.split(separator: "/").dropLast().map(String.init)
        var lines: [String] = []
        for line in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\\ir ") else {
                lines.append(String(line))
                continue
            }
            var parts = directory
            for component in trimmed.dropFirst(4).trimmingCharacters(in: .whitespaces).split(separator: "/") {
                if component == ".." {
                    _ = parts.popLast()
                } else if component != "." {
                    parts.append(String(component))
                }
            }
            let target = parts.joined(separator: "/")
            if let included = files.first(where: { $0.path == target }) {
                lines.append(included.text)
            } else {
                lines.append(String(line))
            }
        }
        return SQLFile(path: file.path, text: lines.joined(separator: "\n"))
    }

    /// The `\ir` lines of the migrations that name no embedded file (a packaging mistake).
    public static var unresolvedIncludes: [String] {
        migrations.flatMap { migration in
            migration.file.text.split(separator: "\n").filter {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("\\ir ")
            }
            .map { "\(migration.name): \($0)" }
        }
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
