public import Postgres
import Foundation

/// `filmwg attendance import --event ID FILE.csv`: the attendance of one event from a CSV file
/// with the header `professional_email,company_uscc,role`.
///
/// The file is streamed through `CSVReader` into a temporary staging table with COPY, then
/// checked and resolved set-based inside PostgreSQL (e-mails to professionals, USCCs to
/// companies, duplicates, rows already recorded), so memory stays flat however long the file.
/// All or nothing by default: any invalid row means nothing is written. With `skipInvalid` the
/// valid rows are written and the invalid ones go, unchanged and with a `reason` column, to
/// the rejects file.
public struct AttendanceImport {
    /// One reason a row of an import file cannot be written: `FILE:LINE: column: reason`.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let column: String
        public let reason: String

        public var description: String { "\(file):\(line): \(column): \(reason)" }
    }

    /// What an import did (or, in a dry run, would do).
    public struct Summary: Sendable, Equatable {
        /// Data rows in the file (the header not counted).
        public var rows: Int
        /// Rows written, or that would be written in a dry run.
        public var imported: Int
        /// Invalid rows left out (only with `skipInvalid`).
        public var rejected: Int
        public var dryRun: Bool

        public init(rows: Int, imported: Int, rejected: Int, dryRun: Bool) {
            self.rows = rows
            self.imported = imported
            self.rejected = rejected
            self.dryRun = dryRun
        }
    }

    public struct Options: Sendable, Equatable {
        public var skipInvalid = false
        /// Where invalid rows go (with `skipInvalid`); nil writes no rejects file.
        public var rejectsPath: String?
        /// Check everything and write nothing.
        public var dryRun = false

        public init(skipInvalid: Bool = false, rejectsPath: String? = nil, dryRun: Bool = false) {
            self.skipInvalid = skipInvalid
            self.rejectsPath = rejectsPath
            self.dryRun = dryRun
        }
    }

    public static let columns = ["professional_email", "company_uscc", "role"]
    static let pageSize = 2000

    let db: Connection
    public init(_ db: Connection) { self.db = db }

    private struct DryRunFinished: Error { let summary: Summary }

    /// Imports `path` into the attendance of event `eventId`.
    ///
    /// - Parameter report: called with every problem, in file order, before the import ends
    ///   (also when the invalid rows are skipped).
    /// - Throws: `RecordError.notFound` for an unknown event; `RecordError.invalid` for a bad
    ///   header, a malformed CSV file (`FILE:LINE: reason`), or invalid rows without
    ///   `skipInvalid` (after reporting each); `RecordError.conflict` when someone recorded the
    ///   same attendance meanwhile; `CSVFileError` when the file cannot be opened.
    public func run(
        eventId: Int64, path: String, options: Options = Options(),
        report: (Problem) throws -> Void = { _ in }
    ) throws -> Summary {
        _ = try References.eventID(String(eventId), db: db)
        let reader = try CSVReader(path: path)
        guard let headerRecord = try Self.next(reader, file: path) else {
            throw RecordError.invalid("\(path) is empty; its first line must be the header \(Self.columns.joined(separator: ","))")
        }
        let header = try CSVHeader(headerRecord.fields, known: Self.columns, required: ["professional_email"], file: path)
        do {
            return try db.transaction { db in
                let summary = try stageAndWrite(
                    db, eventId: eventId, reader: reader, header: header, headerFields: headerRecord.fields, path: path,
                    options: options, report: report)
                if options.dryRun { throw DryRunFinished(summary: summary) }
                return summary
            }
        } catch let finished as DryRunFinished {
            return finished.summary
        }
    }

    private func stageAndWrite(
        _ db: Connection, eventId: Int64, reader: CSVReader, header: CSVHeader, headerFields: [String], path: String,
        options: Options, report: (Problem) throws -> Void
    ) throws -> Summary {
        for table in ["attendance_import_problems", "attendance_import", "attendance_import_raw"] {
            try db.execute("DROP TABLE IF EXISTS pg_temp.\(identifier: table)")
        }
        try db.execute("""
            CREATE TEMP TABLE attendance_import_raw (
                line integer NOT NULL,
                fields text[] NOT NULL,
                field_count integer NOT NULL,
                professional_email text,
                company_uscc text,
                role text
            ) ON COMMIT DROP
            """)
        try db.execute("""
            CREATE TEMP TABLE attendance_import_problems (
                line integer NOT NULL,
                ordinal integer NOT NULL,
                column_name text NOT NULL,
                reason text NOT NULL
            ) ON COMMIT DROP
            """)

        var copy = try db.copyIn("""
            COPY pg_temp.attendance_import_raw (line, fields, field_count, professional_email, company_uscc, role)
            FROM STDIN
            """)
        var rows = 0
        while let record = try Self.next(reader, file: path) {
            rows += 1
            let email: String? = Vocabulary.optional(header.value("professional_email", in: record))
            let uscc: String? = Vocabulary.optional(header.value("company_uscc", in: record)).map { $0.uppercased() }
            let role: String? = Vocabulary.optional(header.value("role", in: record)).map { $0.lowercased() }
            let line: String = String(record.line)
            let fieldCount: String = String(record.fields.count)
            let fields: String = Self.arrayLiteral(record.fields)
            let values: [String?] = [line, fields, fieldCount, email, uscc, role]
            try copy.append(values)
        }
        _ = try copy.finish()
        // Resolve e-mails and USCCs in one pass (both keys are unique, so a row matches at most
        // one professional and one company); building a table is cheaper than updating one.
        try db.execute("""
            CREATE TEMP TABLE attendance_import ON COMMIT DROP AS
            SELECT r.line, r.fields, r.field_count, r.professional_email, r.company_uscc, r.role,
                   p.id AS professional_id, c.id AS company_id
              FROM pg_temp.attendance_import_raw r
              LEFT JOIN filmwg.professionals p ON lower(p.email) = lower(r.professional_email)
              LEFT JOIN filmwg.companies c ON c.uscc = r.company_uscc
            """)
        try db.execute("DROP TABLE pg_temp.attendance_import_raw")
        try db.execute("ALTER TABLE pg_temp.attendance_import ADD PRIMARY KEY (line)")
        try db.execute("ANALYZE pg_temp.attendance_import")
        try check(db, eventId: eventId, headerCount: headerFields.count)

        let invalid = try db.query("SELECT count(DISTINCT line)::integer FROM pg_temp.attendance_import_problems")
            .one().decode(Int.self, at: 0)
        try eachProblem(db, file: path, report)
        if invalid > 0, !options.skipInvalid {
            throw RecordError.invalid(
                "\(invalid) of \(rows) row\(rows == 1 ? "" : "s") of \(path) \(invalid == 1 ? "is" : "are") invalid; nothing was imported. Fix \(invalid == 1 ? "it" : "them"), or pass --skip-invalid --rejects FILE to import the valid rows")
        }
        if let rejects = options.rejectsPath {
            try writeRejects(db, to: rejects, header: headerFields)
        }
        let imported: Int
        do {
            imported = try db.execute("""
                INSERT INTO filmwg.attendance (event_id, professional_id, company_id, role)
                SELECT \(eventId), s.professional_id, s.company_id, coalesce(s.role, 'attendee')
                  FROM pg_temp.attendance_import s
                 WHERE NOT EXISTS (SELECT 1 FROM pg_temp.attendance_import_problems p WHERE p.line = s.line)
                 ORDER BY s.line
                """)
        } catch {
            // Someone recorded one of these professionals at the event since the check above.
            guard error.constraint == "attendance_event_professional_key" else { throw error }
            throw RecordError.conflict(
                "someone recorded attendance of event \(eventId) while \(path) was being imported; nothing was imported, try again")
        }
        return Summary(rows: rows, imported: imported, rejected: invalid, dryRun: options.dryRun)
    }

    /// Every check, set-based, in one statement; each finding is a row of
    /// attendance_import_problems. A USCC's check digit is computed once per distinct USCC
    /// that names no company (a stored USCC is valid by its constraint).
    private func check(_ db: Connection, eventId: Int64, headerCount: Int) throws {
        let roles = Attendance.roles
        try db.execute("""
            INSERT INTO pg_temp.attendance_import_problems (line, ordinal, column_name, reason)
            WITH unknown_uscc AS (
                SELECT company_uscc, filmwg.uscc_problem(company_uscc) AS problem
                  FROM (SELECT DISTINCT company_uscc FROM pg_temp.attendance_import
                         WHERE company_uscc IS NOT NULL AND company_id IS NULL) u
            )
            SELECT line, 0, 'row', format('has %s fields, the header has %s', field_count, \(headerCount)::integer)
              FROM pg_temp.attendance_import WHERE field_count > \(headerCount)::integer
            UNION ALL
            SELECT line, 1, 'professional_email', 'is empty; every row names a professional by e-mail'
              FROM pg_temp.attendance_import WHERE professional_email IS NULL
            UNION ALL
            SELECT line, 1, 'professional_email', 'no professional has this e-mail; add them first (filmwg professional add or import)'
              FROM pg_temp.attendance_import WHERE professional_email IS NOT NULL AND professional_id IS NULL
            UNION ALL
            SELECT line, 1, 'professional_email', format('the same professional is already on line %s', first_line)
              FROM (SELECT line, min(line) OVER (PARTITION BY professional_id) AS first_line
                      FROM pg_temp.attendance_import WHERE professional_id IS NOT NULL) d
             WHERE line <> first_line
            UNION ALL
            SELECT s.line, 1, 'professional_email',
                   format('this professional is already recorded as attending event %s (attendance %s)', a.event_id, a.id)
              FROM pg_temp.attendance_import s
              JOIN filmwg.attendance a ON a.event_id = \(eventId) AND a.professional_id = s.professional_id
            UNION ALL
            SELECT s.line, 2, 'company_uscc',
                   CASE WHEN u.problem IS NOT NULL
                        THEN format('''%s'' is not a valid USCC: %s', s.company_uscc, u.problem)
                        ELSE format('no company has USCC %s; add it first (filmwg company add or import)', s.company_uscc)
                   END
              FROM pg_temp.attendance_import s JOIN unknown_uscc u ON u.company_uscc = s.company_uscc
            UNION ALL
            SELECT line, 3, 'role', format('''%s'' is not a role; use %s', role, array_to_string(\(roles), ', '))
              FROM pg_temp.attendance_import WHERE role <> ALL (\(roles))
            """)
    }

    /// Problems in file order, a page at a time.
    private func eachProblem(_ db: Connection, file: String, _ body: (Problem) throws -> Void) throws {
        var after = (line: 0, ordinal: -1, column: "", reason: "")
        while true {
            let page = try db.query("""
                SELECT line, ordinal, column_name, reason FROM pg_temp.attendance_import_problems
                 WHERE (line, ordinal, column_name, reason) > (\(after.line), \(after.ordinal), \(after.column), \(after.reason))
                 ORDER BY line, ordinal, column_name, reason
                 LIMIT \(Self.pageSize)
                """)
            for row in page {
                let (line, ordinal, column, reason) = try row.decode((Int, Int, String, String).self)
                try body(Problem(file: file, line: line, column: column, reason: reason))
                after = (line, ordinal, column, reason)
            }
            if page.count < Self.pageSize { return }
        }
    }

    /// The invalid rows, unchanged, with a `reason` column.
    private func writeRejects(_ db: Connection, to path: String, header: [String]) throws {
        let writer = try RejectsFile(path: path)
        try writer.write(header + ["reason"])
        var after = 0
        while true {
            let page = try db.query("""
                SELECT s.line, s.fields,
                       string_agg(p.column_name || ': ' || p.reason, '; ' ORDER BY p.ordinal, p.column_name, p.reason)
                  FROM pg_temp.attendance_import s
                  JOIN pg_temp.attendance_import_problems p ON p.line = s.line
                 WHERE s.line > \(after)
                 GROUP BY s.line, s.fields
                 ORDER BY s.line
                 LIMIT \(Self.pageSize)
                """)
            for row in page {
                let (line, fields, reason) = try row.decode((Int, [String], String).self)
                // A short row keeps its place: empty fields up to the header's width.
                let padded = fields.count < header.count ? fields + Array(repeating: "", count: header.count - fields.count) : fields
                try writer.write(padded + [reason])
                after = line
            }
            if page.count < Self.pageSize { break }
        }
        try writer.close()
    }

    static func next(_ reader: CSVReader, file: String) throws -> CSVReader.Record? {
        do {
            return try reader.next()
        } catch {
            throw error.recordError(file: file)
        }
    }

    /// A PostgreSQL array literal of text: every element quoted, `"` and `\` escaped.
    static func arrayLiteral(_ fields: [String]) -> String {
        "{" + fields.map { field in
            var out = "\""
            for character in field {
                if character == "\"" || character == "\\" { out.append("\\") }
                out.append(character)
            }
            return out + "\""
        }.joined(separator: ",") + "}"
    }
}

/// A rejects file: RFC 4180 lines (LF), written through a buffer.
private final class RejectsFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    let path: String

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw RecordError.invalid("the rejects file \(path) cannot be written; check the folder and its permissions")
        }
        self.handle = handle
        self.path = path
    }

    func write(_ fields: [String]) throws {
        let line = fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\n"
        buffer.append(contentsOf: line.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: Data(buffer)) } catch {
            throw RecordError.invalid("the rejects file \(path) cannot be written: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    deinit { try? handle.close() }
}
