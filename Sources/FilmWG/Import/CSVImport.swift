import Foundation
import Postgres

/// How an import treats invalid rows.
public struct ImportOptions: Sendable, Equatable {
    /// Write the valid rows and leave the invalid ones out (default: any invalid row means
    /// nothing is written).
    public var skipInvalid: Bool
    /// Where to write the invalid rows, unchanged plus a `reason` column (RFC 4180). Only with
    /// `skipInvalid`; not written on a dry run.
    public var rejectsPath: String?
    /// Validate everything, including against the database, and write nothing.
    public var dryRun: Bool

    public init(skipInvalid: Bool = false, rejectsPath: String? = nil, dryRun: Bool = false) {
        self.skipInvalid = skipInvalid
        self.rejectsPath = rejectsPath
        self.dryRun = dryRun
    }
}

/// One invalid row of an import file: `FILE:LINE: column: reason`.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: String
    public let reason: String

    public var description: String { "\(file):\(line): \(column): \(reason)" }
}

/// Where an import is, for a progress line.
public enum ImportProgress: Sendable, Equatable {
    /// Rows read and checked in Swift so far.
    case reading(rows: Int)
    /// Checking the rows against each other and the database.
    case checking(rows: Int)
    /// Writing the valid rows.
    case writing(rows: Int)
}

/// What an import did.
public struct ImportReport: Sendable, Equatable {
    public var file: String
    /// Data rows in the file (the header not counted).
    public var rowsRead: Int
    /// Rows written to the table (0 on a dry run).
    public var rowsWritten: Int
    /// Rows that were invalid (left out with `skipInvalid`).
    public var rowsInvalid: Int
    public var dryRun: Bool
    /// The rejects file written, if any.
    public var rejectsPath: String?
}

/// The import wrote nothing because rows were invalid; each was reported to the listener.
public struct ImportFailure: UserFacingError, Equatable {
    public let file: String
    public let rowsRead: Int
    public let rowsInvalid: Int
    public let dryRun: Bool

    public var sentence: String { phrase.description }

    public var phrase: Phrase {
        let rows = rowsInvalid == 1 ? "1 row" : "\(rowsInvalid) rows"
        let verb = rowsInvalid == 1 ? "is" : "are"
        let outcome = dryRun ? "this was a dry run, nothing was written" : "nothing was imported"
        return
            "\(rows) of \(rowsRead) in \(file) \(verb) invalid (listed above); \(outcome). Fix them, or pass \(field: "skip_invalid") \(field: "rejects") FILE to import the valid rows"
    }

    public var category: FailureCategory { .invalid }
}

/// Receives an import's progress and every invalid row as they are found, so neither is held
/// in memory. Called on the importing task.
public struct ImportListener {
    public var progress: (ImportProgress) -> Void
    public var problem: (ImportProblem) -> Void
    /// A remark for the user that is no problem (columns ignored), one sentence.
    public var note: (String) -> Void

    public init(
        progress: @escaping (ImportProgress) -> Void = { _ in }, problem: @escaping (ImportProblem) -> Void = { _ in },
        note: @escaping (String) -> Void = { _ in }
    ) {
        self.progress = progress
        self.problem = problem
        self.note = note
    }
}

/// What one kind of import knows: its header, how a row becomes a typed staging row, the
/// set-based checks against the file itself and the database, and the final write. Sendable:
/// `stage` runs on the import's reading thread (`StagedRows`).
protocol ImportSchema: Sendable {
    /// Columns the header may name (DESIGN §5) and those it must.
    var known: [String] { get }
    var required: [String] { get }
    /// Typed columns of the staging table, after `line` and `problems`: (name, SQL type).
    var staging: [(String, String)] { get }
    /// The staging values of one row, in `staging` order (text form, nil for NULL), and what is
    /// wrong with it. Invalid rows are still staged (with what parsed), so set-based checks can
    /// name them; values that did not parse must be nil.
    func stage(_ values: FieldValues) -> (fields: [String?], problems: [FieldProblem])
    /// Statements that append `column: reason` to `import_rows.problems` for rows the file or
    /// the database makes invalid (duplicates, missing references, overlaps).
    func checks() -> [Query]
    /// The checks that can find something in what was staged: a check about rows without a
    /// value (a company without USCC) is left out when no row lacks it, which spares a scan of
    /// the staging table. The default is every check.
    func checks(for staged: StagedSummary) -> [Query]
    /// Writes the valid rows (`problems IS NULL`) set-based. - Returns: rows written.
    func write(on db: Connection) throws -> Int
    /// Columns that the matching `list --format csv` writes but an import does not take (the
    /// key, the version, timestamps, derived values): recognised, said so, and ignored, so a
    /// list's CSV re-imports.
    var exportOnly: [String] { get }
}

extension ImportSchema {
    var exportOnly: [String] { ["id", "row_version", "created_at", "updated_at", "archived_at"] }
    func checks(for staged: StagedSummary) -> [Query] { checks() }
}

/// What the client saw while staging, for the checks to leave out what cannot find anything.
struct StagedSummary: Sendable, Equatable {
    /// Rows staged, and those staged with problems already (Swift's rules, the reader's).
    var rows = 0
    var rowsWithProblems = 0
    /// Per staging column (the schema's `staging` names), the rows staged without a value.
    var nulls: [String: Int] = [:]

    /// Rows staged without a value in `column` (every row for a column not staged).
    func rowsWithout(_ column: String) -> Int { nulls[column] ?? rows }
}

/// Streams a CSV file through Swift validation into a TEMP staging table with COPY, runs the
/// schema's set-based checks, and writes the valid rows with one `INSERT … SELECT`, all in one
/// transaction. Memory stays flat however long the file: rows are never held, problems are
/// streamed to the listener from a cursor.
struct CSVImporter<Schema: ImportSchema> {
    /// The staging table's columns before the schema's, with their types: a staged row is
    /// these (`leadingFields`), then `schema.staging`'s, in this order. The one definition of
    /// that layout: the table's CREATE, the COPY's column list, the row builder and the count
    /// of rows with problems all read it from here.
    static var leading: [(name: String, type: String)] {
        [("line", "integer NOT NULL"), ("problems", "text[]"), ("raw", "text[]")]
    }
    static var leadingColumns: [String] { leading.map(\.name) }
    static var problemsColumn: Int { 1 }

    /// A staged row's leading fields, in `leading`'s order: the line number, the problems found
    /// (a text[] literal, nil for none) and the fields as read (for the rejects file, or nil).
    static func leadingFields(line: Int, problems: String?, raw: String?) -> [String?] {
        [String(line), problems, raw]
    }

    let db: Connection
    let schema: Schema

    static var progressEvery: Int { 10_000 }

    func run(path: String, options: ImportOptions, listener: ImportListener) throws -> ImportReport {
        let file = path
        if let rejects = options.rejectsPath, Self.sameFile(rejects, path) {
            throw RecordError.invalid(
                "the rejects file \(rejects) is the file being imported; name another file for \(field: "rejects")")
        }
        let reader = try CSVReader(path: path)
        let header = try readHeader(reader, file: file, listener: listener)
        var report = ImportReport(
            file: file, rowsRead: 0, rowsWritten: 0, rowsInvalid: 0, dryRun: options.dryRun, rejectsPath: nil)
        do {
            try db.transaction { tx in
                let staged = try stage(
                    reader: reader, header: header, file: file,
                    keepRaw: options.rejectsPath != nil && options.skipInvalid,
                    on: tx, report: &report, listener: listener)
                listener.progress(.checking(rows: report.rowsRead))
                // The checks' plans need the staged rows' count and spread, not fine histograms:
                // a sample of 3,000 rows instead of 30,000.
                try tx.execute("SET LOCAL default_statistics_target = 10")
                try tx.execute("ANALYZE pg_temp.import_rows")
                try tx.execute("RESET default_statistics_target")
                var marked = 0
                for check in schema.checks(for: staged) { marked += try tx.execute(check) }
                // No row came with problems and no check marked one: none is invalid, without a
                // scan to count them.
                if staged.rowsWithProblems > 0 || marked > 0 {
                    report.rowsInvalid = try tx.query(
                        "SELECT count(*) FROM pg_temp.import_rows WHERE problems IS NOT NULL"
                    ).one().decode(Int.self, at: 0)
                }
                if report.rowsInvalid > 0 { try streamProblems(file: file, on: tx, to: listener) }
                if report.rowsInvalid > 0, !options.skipInvalid {
                    throw ImportFailure(
                        file: file, rowsRead: report.rowsRead, rowsInvalid: report.rowsInvalid, dryRun: options.dryRun)
                }
                if options.dryRun { throw DryRun() }
                listener.progress(.writing(rows: report.rowsRead - report.rowsInvalid))
                report.rowsWritten = try Self.translatingWrite { try schema.write(on: tx) }
                if let rejects = options.rejectsPath, report.rowsInvalid > 0 {
                    try writeRejects(header: header, to: rejects, on: tx)
                    report.rejectsPath = rejects
                }
            }
        } catch is DryRun {
            return report
        }
        return report
    }

    private struct DryRun: Error {}

    /// The checks ran in this transaction, so a key or overlap the database still refuses was
    /// written by someone else meanwhile: a conflict, worth running again.
    static func translatingWrite(_ body: () throws -> Int) throws -> Int {
        do {
            return try body()
        } catch let error as PostgresError where error.isUniqueViolation || error.isExclusionViolation {
            throw RecordError.conflict(
                "someone else wrote a record with the same key while this import ran (\(error.constraint ?? "a unique rule")); nothing was imported, run it again"
            )
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }

    private func readHeader(_ reader: CSVReader, file: String, listener: ImportListener) throws -> CSVHeader {
        let first: CSVReader.Record?
        do { first = try reader.next() } catch { throw error.recordError(file: file) }
        guard let first else {
            throw RecordError.invalid(
                "\(file) is empty; its first line must be the header \(schema.known.joined(separator: ","))")
        }
        if let problem = first.problems.first {
            throw RecordError.invalid("\(file):1: field \(problem.field + 1) of the header \(problem.reason)")
        }
        let header = try CSVHeader(
            first.fields, known: schema.known, required: schema.required, file: file, ignoring: schema.exportOnly)
        if !header.ignored.isEmpty {
            listener.note(
                "\(file): ignoring the columns \(header.ignored.joined(separator: ", ")), which a list's CSV export carries and the database assigns"
            )
        }
        return header
    }

    /// Reads and validates the rows on a thread of its own (`StagedRows`) while this one sends
    /// them into the COPY, so the client's parse runs alongside the server's work instead of
    /// before it; at most a few batches wait between the two, so memory stays flat.
    private func stage(
        reader: CSVReader, header: CSVHeader, file: String, keepRaw: Bool, on tx: Connection,
        report: inout ImportReport,
        listener: ImportListener
    ) throws -> StagedSummary {
        let columns = (Self.leading.map { ($0.name, $0.type) } + schema.staging)
            .map { "\(Query.quoteIdentifier($0.0)) \($0.1)" }.joined(separator: ", ")
        try tx.execute(
            Query(unsafeSQL: "CREATE TEMP TABLE import_rows (\(columns)) ON COMMIT DROP"))
        let names = (Self.leadingColumns + schema.staging.map(\.0)).map(Query.quoteIdentifier).joined(
            separator: ", ")
        var copy = try tx.copyIn(Query(unsafeSQL: "COPY pg_temp.import_rows (\(names)) FROM STDIN"))
        let rows = StagedRows(reader: reader, header: header, schema: schema, keepRaw: keepRaw)
        defer { rows.stop() }
        var rowsWithProblems = 0
        var nulls = [Int](repeating: 0, count: schema.staging.count)
        // The schema's columns start after the leading ones (computed once: a generic type's
        // static properties are computed, and this loop runs per row).
        let first = Self.leadingColumns.count
        let problems = Self.problemsColumn
        rows.start()
        while true {
            let batch: [[String?]]?
            do { batch = try rows.next() } catch {
                throw error.recordError(file: file, suffix: "; nothing was imported")
            }
            guard let batch else { break }
            for row in batch {
                if row[problems] != nil { rowsWithProblems += 1 }
                for index in first..<min(row.count, first + nulls.count) where row[index] == nil {
                    nulls[index - first] += 1
                }
                try copy.append(row)
                report.rowsRead += 1
                if report.rowsRead % Self.progressEvery == 0 { listener.progress(.reading(rows: report.rowsRead)) }
            }
        }
        _ = try copy.finish()
        listener.progress(.reading(rows: report.rowsRead))
        return StagedSummary(
            rows: report.rowsRead, rowsWithProblems: rowsWithProblems,
            nulls: Dictionary(uniqueKeysWithValues: zip(schema.staging.map(\.0), nulls)))
    }

    /// Sends every problem to the listener in line order, a batch at a time.
    private func streamProblems(file: String, on tx: Connection, to listener: ImportListener) throws {
        try tx.execute(
            """
            DECLARE import_problems NO SCROLL CURSOR FOR
            SELECT line, problem FROM pg_temp.import_rows, unnest(problems) WITH ORDINALITY AS p(problem, n)
             WHERE problems IS NOT NULL ORDER BY line, n
            """)
        while true {
            let rows = try tx.query("FETCH FORWARD 2000 FROM import_problems")
            if rows.isEmpty { break }
            for row in rows {
                let (line, text) = try row.decode((Int, String).self)
                let (column, reason) = Self.split(text)
                listener.problem(ImportProblem(file: file, line: line, column: column, reason: reason))
            }
        }
        try tx.execute("CLOSE import_problems")
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        func canonical(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return canonical(a) == canonical(b)
    }

    static func split(_ problem: String) -> (String, String) {
        guard let colon = problem.range(of: ": ") else { return ("row", problem) }
        return (String(problem[..<colon.lowerBound]), String(problem[colon.upperBound...]))
    }

    /// Writes each invalid line's fields, as they were read (kept in `raw` while staging, so a
    /// file that cannot be read twice, such as a pipe, still gives its rejects), with its reasons.
    private func writeRejects(header: CSVHeader, to path: String, on tx: Connection) throws {
        let out = try CSVFileWriter(path: path, purpose: "the rejects file")
        try out.write(header.fields + ["reason"])
        try tx.execute(
            """
            DECLARE import_rejects NO SCROLL CURSOR FOR
            SELECT raw, array_to_string(problems, '; ') FROM pg_temp.import_rows WHERE problems IS NOT NULL ORDER BY line
            """)
        while true {
            let rows = try tx.query("FETCH FORWARD 2000 FROM import_rejects")
            if rows.isEmpty { break }
            for row in rows {
                let (fields, reason) = try row.decode(([String], String).self)
                try out.write(fields + [reason])
            }
        }
        try tx.execute("CLOSE import_rejects")
        try out.close()
    }
}

/// The rows of an import file as COPY rows of the staging table (`line`, `problems`, `raw`, then
/// the schema's fields), read and validated on a thread of their own and handed over in
/// batches. Up to `depth` batches of at most `batchBytes` (or `batchRows`) wait, so however long
/// the file, memory holds a few MiB of rows (plus one record of up to 16 MiB).
///
/// The reader and the schema are used only by that thread between `start()` and the end of
/// `stop()`, which every caller reaches (it also ends the thread early when the COPY fails).
final class StagedRows<Schema: ImportSchema>: @unchecked Sendable {
    static var depth: Int { 4 }
    static var batchRows: Int { 2_000 }
    static var batchBytes: Int { 1 << 20 }

    private let reader: CSVReader
    private let header: CSVHeader
    private let schema: Schema
    private let keepRaw: Bool
    /// Guards everything below.
    private let condition = NSCondition()
    private var batches: [[[String?]]] = []
    private var failure: CSVReader.Failure?
    private var finished = false
    private var stopping = false
    private var running = false

    init(reader: CSVReader, header: CSVHeader, schema: Schema, keepRaw: Bool) {
        self.reader = reader
        self.header = header
        self.schema = schema
        self.keepRaw = keepRaw
    }

    func start() {
        condition.lock()
        running = true
        condition.unlock()
        let thread = Thread { [self] in produce() }
        thread.name = "filmwg import reader"
        thread.start()
    }

    /// The next batch in file order, nil after the last.
    /// - Throws: the reader's failure, after every row before it was handed over.
    func next() throws(CSVReader.Failure) -> [[String?]]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty, !finished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Ends the reading thread (early, if rows are left) and waits until it has.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func produce() {
        let width = header.columns.count
        let columns: [String?] = header.columns.map { header.ignored.contains($0) ? nil : $0 }
        var batch: [[String?]] = []
        var bytes = 0
        func hand(_ rows: [[String?]], last: Bool, failure: CSVReader.Failure? = nil) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while batches.count >= Self.depth, !stopping { condition.wait() }
            if stopping { return false }
            if !rows.isEmpty { batches.append(rows) }
            if last {
                finished = true
                self.failure = failure
            }
            condition.broadcast()
            return true
        }
        defer {
            condition.lock()
            running = false
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        while true {
            let record: CSVReader.Record
            do {
                guard let next = try reader.next() else {
                    _ = hand(batch, last: true)
                    return
                }
                record = next
            } catch {
                _ = hand(batch, last: true, failure: error)
                return
            }
            let row = Self.row(record, columns: columns, width: width, header: header, schema: schema, keepRaw: keepRaw)
            for field in row { bytes += field?.utf8.count ?? 0 }
            batch.append(row)
            if batch.count >= Self.batchRows || bytes >= Self.batchBytes {
                guard hand(batch, last: false) else { return }
                batch = []
                batch.reserveCapacity(Self.batchRows)
                bytes = 0
            }
        }
    }

    /// One record as its staging row: what the schema made of it, with the reader's problems
    /// (limits, NUL bytes) and a wrong field count ahead of the schema's.
    static func row(
        _ record: CSVReader.Record, columns: [String?], width: Int, header: CSVHeader, schema: Schema, keepRaw: Bool
    ) -> [String?] {
        let (fields, stageProblems) = schema.stage(FieldValues(columns: columns, fields: record.fields))
        var problems = stageProblems
        // Limits and NUL bytes come first: the field concerned was left empty.
        for (index, reason) in record.problems.reversed() {
            let column = index < header.columns.count ? header.columns[index] : "field \(index + 1)"
            problems.removeAll { $0.column == column }
            problems.insert(FieldProblem(column, reason), at: 0)
        }
        if record.fields.count < width {
            problems.insert(
                FieldProblem(
                    header.columns[record.fields.count],
                    "missing: the line has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header \(width)"
                ), at: 0)
        } else if record.fields.count > width {
            problems.insert(
                FieldProblem("row", "the line has \(record.fields.count) fields, the header only \(width)"), at: 0)
        }
        let listed: String? = problems.isEmpty ? nil : problems.map(\.description).postgresText()
        // The fields as read, for the rejects file: the file is read once (it may be a pipe).
        let raw: String? = keepRaw ? record.fields.postgresText() : nil
        var row = CSVImporter<Schema>.leadingFields(line: record.line, problems: listed, raw: raw)
        row.reserveCapacity(row.count + fields.count)
        row.append(contentsOf: fields)
        return row
    }
}
