import FilmWG
import Foundation

/// `filmwg figure import | list`: a company's yearly figures (DESIGN §12).
enum FigureCommands {
    static let all: [Command] = [importCSV, list]

    static let columns = ["company_id", "company_uscc", "name", "year"] + CompanyFigures.names + ["row_version"]

    static func record(_ figures: CompanyFigures) -> Record {
        Record(
            [
                ("company_id", .number(String(figures.companyId))), ("company_uscc", Converters.text(figures.uscc)),
                ("name", .text(figures.name)), ("year", .number(String(figures.year))),
            ] + CompanyFigures.names.map { ($0, Converters.amount(figures.values[$0])) }
                + [("row_version", .number(String(figures.rowVersion)))])
    }

    static let importCSV = Command.importing(
        "figure", abstract: "Import companies' yearly figures from a CSV file, all or nothing.",
        discussion: """
            Header: company_uscc,year,\(CompanyFigures.names.joined(separator: ",")). One row per company and \
            calendar year; amounts in CNY and areas in m² as plain decimals (at most 2 decimals, 0 or more); an empty \
            cell is unknown. A row replaces the figures recorded for its company and year. The year is from 1990 to \
            next year; the company must exist. Invalid rows are listed as FILE:LINE: column: reason and nothing is \
            written (exit 65), unless --skip-invalid. The facts <figure>_last_year of a day read the year before it.
            """,
        example: "filmwg figure import figures-2024.csv", rows: "yearly figures"
    ) { try FigureImport($0).run(file: $1, options: $2, listener: $3) }

    static let list = Command(
        ["figure", "list"],
        abstract: "List yearly figures by company and year.",
        discussion: "--format csv prints the header of 'filmwg figure import', so a list re-imports as it is.",
        example: "filmwg figure list --company 91110116MA00ABCD1E --year 2024 --format json",
        options: [
            .onlyCompany,
            .value("year", "YEAR", "only this calendar year"),
            .limit,
        ],
        // CSV is the import's header exactly, so a list re-imports with 'figure import'.
        run: .list(columns: { $0 == .csv ? ["company_uscc", "year"] + CompanyFigures.names : columns }) {
            arguments, context, _ in
            let limit = try arguments.limit()
            let year = try arguments.int("year")
            let db = try context.connection()
            let companyId = try arguments.companyID(db: db)
            return try FigureRepository(db).list(companyId: companyId, year: year, limit: limit).map(record)
        })
}
