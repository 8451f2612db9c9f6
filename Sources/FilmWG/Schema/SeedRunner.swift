import Foundation
public import Postgres

/// Runs the seed files the binary carries (`sql/seed/NAME.sql`): records named by a source,
/// e.g. `launch-2017`, the records the 2017 launch article states.
///
/// A seed runs in one transaction and is idempotent: every row is looked up by a natural key
/// before it is written, so running it again writes nothing, not even audit rows.
public struct SeedRunner {
    /// A seed file and the first line of its header comment.
    public struct Seed: Sendable, Equatable {
        public let name: String
        public let description: String
    }

    /// What one run did.
    public struct Outcome: Sendable, Equatable {
        public let name: String
        /// Rows inserted, updated or deleted (counted from the audit rows the run wrote).
        public let rowsWritten: Int
    }

    let db: Connection
    public init(_ db: Connection) { self.db = db }

    /// The seeds in the binary, by name.
    public static var available: [Seed] {
        EmbeddedFiles.seedNames.compactMap { name in
            EmbeddedFiles.seed(named: name).map { Seed(name: name, description: description(of: $0.text)) }
        }
    }

    /// The header comment's first paragraph, without `-- filmwg seed NAME:`.
    static func description(of text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("--") else { break }
            let body = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            if body.isEmpty { break }
            lines.append(body)
        }
        var paragraph = lines.joined(separator: " ")
        if paragraph.hasPrefix("filmwg seed"), let colon = paragraph.firstIndex(of: ":") {
            paragraph = paragraph[paragraph.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return paragraph
    }

    /// Runs seed `name` in one transaction.
    /// - Throws: `RecordError.notFound` for an unknown seed (naming the nearest); the
    ///   database's refusal, translated, when a row cannot be written (nothing is then written).
    public func run(_ name: String) throws -> Outcome {
        guard let file = EmbeddedFiles.seed(named: name) else {
            let names = EmbeddedFiles.seedNames
            let hint =
                Spelling.nearest(to: name, among: names).map { "; did you mean '\($0)'?" }
                ?? "; the seeds are \(names.joined(separator: ", "))"
            throw RecordError.notFound("there is no seed named '\(name)'\(hint)")
        }
        return try DatabaseErrors.translating {
            try db.transaction { db in
                try db.executeScript(unsafeSQL: file.text)
                // The audit rows this transaction wrote (xmin is the 32-bit transaction id); a
                // company's dated values (company_versions) are part of the company, not a row more.
                let written = try db.query(
                    """
                    SELECT count(*)::integer FROM filmwg.audit_log
                     WHERE xmin::text::bigint = txid_current() % 4294967296
                       AND table_name <> 'company_versions'
                    """
                ).one().decode(Int.self, at: 0)
                return Outcome(name: name, rowsWritten: written)
            }
        }
    }
}
