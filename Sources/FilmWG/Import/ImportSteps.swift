import Foundation
import Postgres

/// Set-based checks and steps that several imports share. Column and table names come from the
/// schemas' static code, never from a file: they are identifiers, and values stay in the rows.
enum ImportSteps {
    /// Marks the rows whose `column` names no company by USCC, or an archived one; `archived`
    /// ends the sentence for an archived company (`; an archived company cannot join`).
    static func knownCompany(_ column: String, archived: String = "") -> Query {
        Query(
            unsafeSQL: """
                UPDATE pg_temp.import_rows r
                   SET problems = coalesce(r.problems, '{}') || CASE WHEN c.id IS NULL
                           THEN format('\(column): no company has USCC %s; add it first with filmwg company add', r2.\(column))
                           ELSE format('\(column): company %s is archived\(archived)', r2.\(column)) END
                  FROM pg_temp.import_rows r2 LEFT JOIN filmwg.companies c ON c.uscc = r2.\(column)
                 WHERE r2.line = r.line AND r2.\(column) IS NOT NULL AND (c.id IS NULL OR c.archived_at IS NOT NULL)
                """)
    }

    /// Marks each row whose `column` repeats an earlier line's (`uscc: X appears again in this
    /// file; first on line N`); `caseless` compares in lower case (e-mail addresses).
    static func repeatedInFile(_ column: String, caseless: Bool = false) -> Query {
        let key = caseless ? "lower(\(column))" : column
        let rowKey = caseless ? "lower(r.\(column))" : "r.\(column)"
        return Query(
            unsafeSQL: """
                UPDATE pg_temp.import_rows r
                   SET problems = coalesce(r.problems, '{}') || format('\(column): %s appears again in this file; first on line %s', r.\(column), d.first)
                  FROM (SELECT \(key) AS k, min(line) AS first FROM pg_temp.import_rows WHERE \(column) IS NOT NULL
                         GROUP BY \(key) HAVING count(*) > 1) d
                 WHERE \(rowKey) = d.k AND r.line <> d.first
                """)
    }

    /// Takes an id for every valid row from `table`'s identity sequence up front, into
    /// `pg_temp.import_ids (line, id)`, so the rows of other tables (employments, co-producers)
    /// find their record without a query per row. The table's INSERT then says
    /// `OVERRIDING SYSTEM VALUE` (USAGE on the sequence is granted to filmwg_admin).
    static func reserveIDs(_ table: String, on db: Connection) throws {
        let sequence = try db.query("SELECT pg_get_serial_sequence(\(table), 'id')").one().decode(String.self, at: 0)
        try db.execute("CREATE TEMP TABLE import_ids (line integer PRIMARY KEY, id bigint NOT NULL) ON COMMIT DROP")
        try db.execute(
            """
            INSERT INTO pg_temp.import_ids (line, id)
            SELECT line, nextval(\(sequence)::regclass) FROM pg_temp.import_rows WHERE problems IS NULL ORDER BY line
            """)
    }
}
