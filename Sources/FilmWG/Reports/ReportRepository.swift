public import Postgres

/// One report: a view of schema `reporting`, with the comment the view carries.
public struct Report: Sendable, Equatable {
    /// The view's name, e.g. `member_roster`.
    public let name: String
    /// `COMMENT ON VIEW` (English, then Chinese); empty when the view has none.
    public let comment: String
    /// Whether `reporting.<name>_as_of(date)` exists, so the report can be computed for another day.
    public let takesDay: Bool
}

/// A column of a report's result, with the kind of value it holds (enough to print JSON).
public struct ReportColumn: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text, number, boolean, json
    }

    public let name: String
    public let kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// Numbers and booleans are kept apart from text so JSON prints them unquoted; everything
    /// else (dates, instants, arrays, ranges) is PostgreSQL's text.
    static func kind(of type: PostgresType) -> Kind {
        switch type {
        case .int2, .int4, .int8, .numeric, .float4, .float8, .oidType: .number
        case .bool: .boolean
        case .json, .jsonb: .json
        default: .text
        }
    }
}

/// One cell of a report's result, as PostgreSQL wrote it.
public enum ReportValue: Sendable, Equatable {
    case text(String)
    /// A number exactly as the database printed it (`1000.00` stays `1000.00`).
    case number(String)
    case boolean(Bool)
    /// JSON text, printed as-is in JSON output.
    case json(String)
    case null

    init(_ text: String?, kind: ReportColumn.Kind) {
        guard let text else {
            self = .null
            return
        }
        switch kind {
        case .text: self = .text(text)
        // NaN and Infinity are numbers to PostgreSQL but not to JSON.
        case .number: self = text == "NaN" || text.hasSuffix("Infinity") ? .text(text) : .number(text)
        case .boolean: self = .boolean(text == "t")
        case .json: self = .json(text)
        }
    }
}

/// A report's result: its columns and rows, in the order the columns sort.
public struct ReportTable: Sendable, Equatable {
    public let columns: [ReportColumn]
    public var rows: [[ReportValue]]

    /// The cells of one column, by name (tests and callers that look one value up).
    public func values(of column: String) -> [ReportValue] {
        guard let index = columns.firstIndex(where: { $0.name == column }) else { return [] }
        return rows.map { $0[index] }
    }
}

/// What a user can get wrong when asking for a report.
public enum ReportError: UserFacingError, Equatable {
    /// No view of schema reporting has this name; `nearest` is the likeliest intended one.
    case unknown(name: String, nearest: String?)
    /// A day was given for a report that does not depend on one.
    case takesNoDay(report: String, reportsTakingADay: [String])

    public var sentence: String {
        switch self {
        case .unknown(let name, let nearest):
            "there is no report named '\(name)'" + (nearest.map { "; did you mean '\($0)'?" } ?? "")
        case .takesNoDay(let report, let others):
            "report '\(report)' does not depend on a day, so it cannot be computed as of one"
                + (others.isEmpty ? "" : " (reports that can: \(others.joined(separator: ", ")))")
        }
    }

    public var category: FailureCategory { .invalid }
}

/// The analysts' reports: the views of schema `reporting`, found in the catalog and run by name.
///
/// A name is only ever used after it was found among the catalog's views, and then quoted; a
/// report is read through a cursor, so a large one never sits in memory as a whole.
/// Use from one task at a time, like its `Connection`.
public typealias ReportRepository = Repository<Report>

extension ReportRepository {
    /// Rows fetched from the cursor at a time.
    static var batchSize: Int { 2000 }

    /// Every view of schema reporting, by name, with its comment. Empty when the schema is missing.
    /// - Throws: `PostgresError` when the catalog cannot be read.
    public func list() throws -> [Report] {
        try db.query(
            """
            SELECT c.relname::text,
                   coalesce(obj_description(c.oid, 'pg_class'), ''),
                   EXISTS (SELECT 1 FROM pg_catalog.pg_proc p
                            WHERE p.pronamespace = c.relnamespace
                              AND p.proname = c.relname || '_as_of'
                              AND p.pronargs = 1
                              AND p.proargtypes[0] = 'pg_catalog.date'::pg_catalog.regtype)
              FROM pg_catalog.pg_class c
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'reporting' AND c.relkind IN ('v', 'm')
             ORDER BY c.relname
            """
        ).map { row in
            let (name, comment, takesDay) = try row.decode((String, String, Bool).self)
            return Report(name: name, comment: comment, takesDay: takesDay)
        }
    }

    /// The report of that exact name.
    /// - Throws: `ReportError.unknown` (with the nearest name) when there is none.
    public func report(named name: String) throws -> Report {
        let reports = try list()
        guard let report = reports.first(where: { $0.name == name }) else {
            throw ReportError.unknown(name: name, nearest: Spelling.nearest(to: name, among: reports.map(\.name)))
        }
        return report
    }

    /// Runs a report and returns all of its rows.
    /// - Parameters:
    ///   - asOf: compute it for this day instead of today (through `reporting.<name>_as_of`).
    ///   - limit: at most this many rows.
    /// - Throws: `ReportError` for an unknown name or a day the report does not take;
    ///   `PostgresError` from the database (42501 when the role may not read it).
    public func run(_ name: String, asOf: CalendarDate? = nil, limit: Int? = nil) throws -> ReportTable {
        var table = ReportTable(columns: [], rows: [])
        try stream(name, asOf: asOf, limit: limit) { columns in
            table = ReportTable(columns: columns, rows: [])
        } row: { values in
            table.rows.append(values)
        }
        return table
    }

    /// Runs a report and hands over its columns once, then each row, while the rows arrive.
    ///
    /// Rows are sorted by the columns from left to right, so the same records always print in
    /// the same order. Instants are printed in Asia/Shanghai (the group's calendar), dates as ISO.
    /// The work happens in a transaction of its own (a savepoint inside the caller's).
    /// - Throws: as `run`, and whatever `columns` or `row` throw.
    public func stream(
        _ name: String, asOf: CalendarDate? = nil, limit: Int? = nil,
        columns: ([ReportColumn]) throws -> Void, row: ([ReportValue]) throws -> Void
    ) throws {
        let report = try report(named: name)
        if asOf != nil, !report.takesDay {
            throw ReportError.takesNoDay(
                report: report.name, reportsTakingADay: try list().filter(\.takesDay).map(\.name))
        }
        let viewColumns = try self.columns(of: report.name)
        // Every identifier below comes from the catalog, quoted; the day and limit are bound.
        let selected = viewColumns.map { Query.quoteIdentifier($0.name) }.joined(separator: ", ")
        let order = viewColumns.indices.filter { viewColumns[$0].sortable }.map { String($0 + 1) }.joined(
            separator: ", ")
        var query: Query = "SELECT \(unsafeRaw: selected) FROM "
        if let asOf {
            query = query + "reporting.\(identifier: report.name + "_as_of")(\(asOf))"
        } else {
            query = query + "reporting.\(identifier: report.name)"
        }
        if !order.isEmpty { query = query + " ORDER BY \(unsafeRaw: order)" }
        if let limit { query = query + " LIMIT \(limit)" }

        try db.transaction { tx in
            try tx.execute("SET LOCAL TimeZone = 'Asia/Shanghai'")
            try tx.execute("SET LOCAL DateStyle = 'ISO, YMD'")
            // Without --as-of a report is for today, whatever reporting.as_of a session-level
            // SET left on the connection: behind a transaction-mode pooler that may be another
            // client's SET on the server connection lent to this one.
            try tx.execute("SET LOCAL reporting.as_of = ''")
            try tx.execute("DECLARE filmwg_report NO SCROLL CURSOR FOR \(query)")
            var kinds: [ReportColumn.Kind] = []
            var described = false
            while true {
                let batch = try tx.query(Query(unsafeSQL: "FETCH FORWARD \(Self.batchSize) FROM filmwg_report"))
                if !described {
                    kinds = batch.columnTypes.map(ReportColumn.kind(of:))
                    try columns(zip(batch.columnNames, kinds).map(ReportColumn.init(name:kind:)))
                    described = true
                }
                for record in batch {
                    try row(kinds.indices.map { ReportValue(record.text(at: $0), kind: kinds[$0]) })
                }
                if batch.count < Self.batchSize { break }
            }
            try tx.execute("CLOSE filmwg_report")
        }
    }

    /// The columns of a view of schema reporting, in order, and whether each can be sorted
    /// (a type such as json has no ordering; such a column is left out of ORDER BY).
    func columns(of view: String) throws -> [(name: String, sortable: Bool)] {
        try db.query(
            """
            SELECT a.attname::text,
                   EXISTS (SELECT 1
                             FROM pg_catalog.pg_opclass oc
                             JOIN pg_catalog.pg_am am ON am.oid = oc.opcmethod
                            WHERE am.amname = 'btree' AND oc.opcdefault
                              AND oc.opcintype IN (t.oid, t.typbasetype,
                                  CASE t.typcategory WHEN 'A' THEN 'pg_catalog.anyarray'::pg_catalog.regtype
                                                     WHEN 'R' THEN 'pg_catalog.anyrange'::pg_catalog.regtype
                                                     WHEN 'E' THEN 'pg_catalog.anyenum'::pg_catalog.regtype END))
              FROM pg_catalog.pg_attribute a
              JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
             WHERE n.nspname = 'reporting' AND c.relname = \(view)
               AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum
            """
        ).map { row in
            let (name, sortable) = try row.decode((String, Bool).self)
            return (name, sortable)
        }
    }
}
