import Foundation
public import Postgres

/// Two live companies that are probably one: their names agree once legal forms, bracketed
/// places, full-/half-width forms, case, spaces and punctuation are set aside
/// (`filmwg.company_name_key`), or come close (trigram similarity of those keys).
public struct DuplicatePair: Sendable, Equatable {
    public var first: Company
    public var second: Company
    /// 1 for the same normalized name, else the trigram similarity (0…1).
    public var similarity: Double
}

/// What `company merge` moved: rows per table and column.
public struct MergeReport: Sendable, Equatable {
    public var kept: Company
    public var duplicate: Company
    public var moved: [(table: String, column: String, rows: Int)]

    public static func == (a: MergeReport, b: MergeReport) -> Bool {
        a.kept == b.kept && a.duplicate == b.duplicate && a.moved.map { "\($0)" } == b.moved.map { "\($0)" }
    }
}

/// Finds probable duplicates and merges one company into another (DESIGN §14).
/// Use from one task at a time.
public struct CompanyMerge {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// Pairs of live companies at or above `minSimilarity`, most similar first: the same
    /// normalized name (1), or, below 1, names that begin alike (first four characters of the
    /// key) with a trigram similarity at least that. Two companies with different USCCs are two
    /// legal persons and never a pair.
    /// - Throws: `RecordError.invalid` for a similarity outside 0…1.
    public func duplicates(minSimilarity: Double = 0.7) throws -> [DuplicatePair] {
        guard (0...1).contains(minSimilarity) else {
            throw RecordError.invalid("the similarity must be from 0 to 1, not \(minSimilarity)")
        }
        return try db.transaction { tx in
            let rows = try tx.query(
                """
                WITH k AS (
                    SELECT c.id, filmwg.company_name_key(c.name) AS key, filmwg.company_name_key(c.name_zh) AS key_zh, c.uscc
                      FROM filmwg.companies c WHERE c.archived_at IS NULL
                ), pairs AS (
                    SELECT a.id AS a, b.id AS b FROM k a JOIN k b ON a.id < b.id AND a.key <> '' AND a.key = b.key
                    UNION SELECT a.id, b.id FROM k a JOIN k b ON a.id < b.id AND a.key_zh <> '' AND a.key_zh = b.key_zh
                    UNION SELECT a.id, b.id FROM k a JOIN k b ON a.id < b.id AND a.key_zh <> '' AND a.key_zh = b.key
                    UNION SELECT a.id, b.id FROM k a JOIN k b ON a.id < b.id AND a.key <> '' AND a.key = b.key_zh
                    -- Near names are looked for among names that begin alike (the first four
                    -- characters of the key): set-based and bounded, where a trigram join of
                    -- every name with every other grows with the square of the companies.
                    UNION SELECT a.id, b.id FROM k a JOIN k b
                        ON a.id < b.id AND a.key <> '' AND left(a.key, 4) = left(b.key, 4)
                     WHERE \(minSimilarity) < 1 AND public.similarity(a.key, b.key) >= \(minSimilarity)
                ), scored AS (
                    SELECT p.a, p.b, CASE WHEN ka.key = kb.key OR ka.key_zh = kb.key_zh OR ka.key_zh = kb.key OR ka.key = kb.key_zh
                                          THEN 1.0 ELSE public.similarity(ka.key, kb.key) END AS similarity
                      FROM pairs p JOIN k ka ON ka.id = p.a JOIN k kb ON kb.id = p.b
                     WHERE ka.uscc IS NULL OR kb.uscc IS NULL OR ka.uscc = kb.uscc
                )
                SELECT s.a, s.b, s.similarity::float8 FROM scored s
                 WHERE s.similarity >= \(minSimilarity)
                 ORDER BY s.similarity DESC, s.a, s.b
                """
            ).map { try $0.decode((Int64, Int64, Double).self) }
            let companies = CompanyRepository(tx)
            return try rows.map { a, b, similarity in
                DuplicatePair(
                    first: try companies.find(.id(a)), second: try companies.find(.id(b)), similarity: similarity)
            }
        }
    }

    /// Moves every record of `duplicate` onto `keep` (every foreign key to companies in schema
    /// filmwg, whoever added the table; the job's determinations stay as the history of what was
    /// decided about the duplicate), gives `keep` the duplicate's USCC when it has none, and
    /// archives the duplicate with `merged_into_id`, all in one transaction; every change audited.
    /// - Throws: `RecordError.invalid` naming the conflict (two USCCs, overlapping memberships,
    ///   a record both already have …); nothing is changed then. `RecordError.notFound`.
    public func merge(keep keepRef: CompanyRef, duplicate duplicateRef: CompanyRef) throws -> MergeReport {
        try db.transaction { tx in
            let companies = CompanyRepository(tx)
            let keep = try companies.find(keepRef), duplicate = try companies.find(duplicateRef)
            guard keep.id != duplicate.id else {
                throw RecordError.invalid("\(keepRef) and \(duplicateRef) are the same company; name two companies")
            }
            if let into = duplicate.mergedIntoID {
                throw RecordError.invalid(
                    "company \(duplicate.reference) was already merged into company \(into); nothing to do")
            }
            if keep.archivedAt != nil {
                throw RecordError.invalid(
                    "company \(keep.reference) is archived; keep a live company and merge the archived one into it")
            }
            if let a = keep.uscc, let b = duplicate.uscc, a != b {
                throw RecordError.invalid(
                    "company \(keep.id) has USCC \(a) and company \(duplicate.id) has USCC \(b): two registered companies, not duplicates; nothing was merged"
                )
            }
            let moved: [(table: String, column: String, rows: Int)]
            do {
                // Credits of works first (migration 0013): they need an order the generic move
                // of every foreign key cannot give; it then finds nothing left there to move.
                let works = try tx.query(
                    "SELECT table_name, column_name, moved FROM filmwg.merge_company_works(\(keep.id), \(duplicate.id))"
                )
                let rest = try tx.query(
                    "SELECT table_name, column_name, moved FROM filmwg.merge_companies(\(keep.id), \(duplicate.id))")
                moved = try (Array(works) + Array(rest)).map { row in
                    let (table, column, rows) = try row.decode((String, String, Int).self)
                    return (table: table, column: column, rows: rows)
                }
                if keep.uscc == nil, let code = duplicate.uscc {
                    try tx.execute(
                        "UPDATE filmwg.companies SET uscc = NULL, uscc_override_reason = NULL, uscc_override_by = NULL, uscc_override_at = NULL WHERE id = \(duplicate.id)"
                    )
                    try tx.execute(
                        """
                        UPDATE filmwg.companies SET uscc = \(code), uscc_override_reason = \(duplicate.usccOverrideReason),
                               uscc_override_by = \(duplicate.usccOverrideBy), uscc_override_at = \(duplicate.usccOverrideAt)
                         WHERE id = \(keep.id)
                        """)
                }
            } catch let error as PostgresError {
                let rule = error.constraint.map { " (\($0))" } ?? ""
                let table = error.table ?? "a table"
                throw RecordError.invalid(
                    "company \(duplicate.reference) cannot be merged into company \(keep.reference): its records in \(table) conflict with those company \(keep.reference) has\(rule): \(error.message); change or end one of them first, nothing was merged"
                )
            }
            return MergeReport(
                kept: try companies.find(.id(keep.id)), duplicate: try companies.find(.id(duplicate.id)),
                moved: moved.filter { $0.rows > 0 })
        }
    }
}
