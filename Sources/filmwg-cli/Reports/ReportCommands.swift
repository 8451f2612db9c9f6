import FilmWG
import Postgres

/// `filmwg report list`, `filmwg report NAME` and `filmwg report refresh`: the analysts' views
/// of schema reporting, and the summaries the aggregate ones answer from.
enum ReportCommands {
    static let all: [Command] = [list, refresh, run]

    static let reportingDatabase = Option.value(
        "reporting-database", "CONNINFO",
        "read reports from this database, e.g. a read replica (default: FILMWG_REPORTING_DATABASE, then the main connection)"
    )

    static let list = Command(
        ["report", "list"],
        abstract: "List the reports: every view of schema reporting and what it shows.",
        discussion: """
            as_of tells whether a report depends on a day and so takes --as-of. The same views \
            can be read with psql or a BI tool through the read-only role filmwg_reporting.
            """,
        example: "filmwg report list --format csv",
        options: [Format.option, reportingDatabase],
        run: .list(columns: ["name", "as_of", "comment"]) { arguments, context, _ in
            let reports = try withReportingConnection(arguments, context) { try ReportRepository($0).list() }
            return reports.map { report in
                Record([
                    ("name", .text(report.name)), ("as_of", .bool(report.takesDay)), ("comment", .text(report.comment)),
                ])
            }
        })

    static let refresh = Command(
        ["report", "refresh"],
        abstract: "Recompute the summaries the aggregate reports answer from (nightly, after the job).",
        discussion: """
            companies_by_kind, membership_growth, grants_by_policy_year and benefits_by_policy_year \
            answer from summaries, each with the day its figures are as of (column as_of) and when \
            they were computed (computed_at); until the first refresh, and for another day than the \
            summary's, they are computed live. The cron file runs this right after 'filmwg \
            eligibility run'. Readers keep the old figures until the refresh commits. Prints each \
            summary's day, rows and time taken.
            """,
        example: "filmwg report refresh",
        run: .list(columns: ["report", "as_of", "rows", "milliseconds"]) { arguments, context, _ in
            let refreshed: [SummaryRefresh]
            do {
                refreshed = try ReportRepository(try context.connection()).refreshSummaries()
            } catch let error as PostgresError {
                throw DatabaseErrors.translate(
                    error, permission: "refreshing the summaries needs the filmwg_job or filmwg_admin role")
            }
            return refreshed.map { summary in
                Record([
                    ("report", .text(summary.report)), ("as_of", .text(summary.asOf.description)),
                    ("rows", .number(String(summary.rows))),
                    ("milliseconds", .number(String(Int(summary.milliseconds.rounded())))),
                ])
            }
        })

    static let run = Command(
        ["report"],
        abstract: "Run one report by name ('filmwg report list' names them).",
        usage: "NAME",
        discussion: """
            NAME is a view of schema reporting. Rows are sorted by the columns from left to \
            right; instants are shown in Asia/Shanghai. Reports that depend on a day use today \
            in Asia/Shanghai, or the day of --as-of. CSV and JSON are written while the rows \
            arrive, so a large report needs little memory.
            """,
        example: "filmwg report member_roster --as-of 2019-12-31 --format csv",
        options: [
            .value("as-of", "DATE", "compute the report for this day (YYYY-MM-DD) instead of today"),
            .limitRows,
            Format.option, reportingDatabase,
        ],
        run: .plain { arguments, context in
            let name = try arguments.subject("report")
            let asOf = try arguments.date("as-of")
            let limit = try arguments.int("limit")
            if let limit, limit < 0 { throw CLIError.usage("--limit must be 0 or more, not \(limit)") }
            let format = try Format.from(arguments)
            try withReportingConnection(arguments, context) { db in
                do {
                    try write(
                        ReportRepository(db), name: name, asOf: asOf, limit: limit, format: format, to: context.output)
                } catch let error as ReportError {
                    throw usage(error)
                } catch let error as PostgresError {
                    throw DatabaseErrors.translate(error, permission: "reports need the filmwg_reporting role")
                }
            }
        })

    /// Tables need every row for their widths; CSV and JSON go out row by row.
    static func write(
        _ reports: ReportRepository, name: String, asOf: CalendarDate?, limit: Int?, format: Format, to output: Output
    ) throws {
        var columns: [String] = []
        switch format {
        case .table:
            var records: [Record] = []
            try reports.stream(name, asOf: asOf, limit: limit) {
                columns = $0.map(\.name)
            } row: { values in
                records.append(Record(zip(columns, values.map(cell)).map { ($0, $1) }))
            }
            output.list(records, columns: columns, format: .table)
        case .csv:
            try reports.stream(name, asOf: asOf, limit: limit) { found in
                columns = found.map(\.name)
                output.write(CSVWriter.line(columns))
            } row: { values in
                output.write(CSVWriter.line(values.map { cell($0).plain }))
            }
        case .json:
            // The same text as Output.list: "[" objects joined by ",\n " "]\n".
            var first = true
            output.write("[")
            try reports.stream(name, asOf: asOf, limit: limit) {
                columns = $0.map(\.name)
            } row: { values in
                output.write(
                    (first ? "" : ",\n ") + JSONText.object(Record(zip(columns, values.map(cell)).map { ($0, $1) })))
                first = false
            }
            output.write("]\n")
        }
    }

    static func cell(_ value: ReportValue) -> Cell {
        switch value {
        case .text(let text): .text(text)
        case .number(let text): .number(text)
        case .boolean(let flag): .bool(flag)
        case .json(let text): .json(text)
        case .null: .null
        }
    }

    static func usage(_ error: ReportError) -> CLIError {
        switch error {
        case .unknown(let name, let nearest):
            if nearest == nil, Spelling.nearest(to: name, among: ["list"]) != nil {
                return CLIError.usage("there is no report named '\(name)'; did you mean 'filmwg report list'?")
            }
            return CLIError.usage(error.sentence + (nearest == nil ? "; 'filmwg report list' shows every report" : ""))
        case .takesNoDay(let report, let others):
            return CLIError.usage(
                "--as-of does not apply to report '\(report)': it does not depend on a day"
                    + (others.isEmpty ? "" : " (reports that do: \(others.joined(separator: ", ")))"))
        }
    }

    /// `--reporting-database`, else `FILMWG_REPORTING_DATABASE`, else the main connection.
    static func withReportingConnection<T>(
        _ arguments: Arguments, _ context: Context, _ body: (Connection) throws -> T
    ) throws -> T {
        let conninfo = [arguments.string("reporting-database"), context.environment["FILMWG_REPORTING_DATABASE"]]
            .compactMap { $0 }.first { !$0.isEmpty }
        guard let conninfo else { return try body(try context.connection()) }
        let db = try Session.open(ConnectionSettings(conninfo: conninfo, actor: context.settings.actor))
        defer { db.close() }
        return try body(db)
    }
}
