import Foundation
public import Postgres

/// `filmwg figure import FILE.csv`: header
/// `company_uscc,year,rent_paid,rented_area_m2,fiscal_contribution,revenue,investment,renovation_cost,renovated_area_m2`,
/// one row per company and calendar year, on the one CSV importer every import configures.
///
/// A row replaces what was recorded for its company and year (figures get corrected after the
/// books close); an empty cell, or a column left out, is unknown. Besides each field's rules
/// (plain non-negative decimals, a year from 1990 to next year) the company must exist and not
/// be archived, and a company and year may appear once in a file.
extension CompanyFigures: ImportedFromCSV {
    public static func importPlan(on db: Connection) throws -> ImportPlan {
        let nextYear = try db.query("SELECT extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::integer + 1")
            .one().decode(Int.self, at: 0)
        return ImportPlan(FigureSchema(latestYear: nextYear))
    }
}

struct FigureSchema: ImportSchema {
    /// The last year a row may be for: next year, for budgets planned ahead.
    let latestYear: Int
    static let earliestYear = 1990

    var known: [String] { ["company_uscc", "year"] + CompanyFigures.names }
    var required: [String] { ["company_uscc", "year"] }
    var staging: [(String, String)] {
        [("company_uscc", "text"), ("year", "integer")] + CompanyFigures.names.map { ($0, "numeric") }
    }

    func stage(_ values: FieldValues) -> (fields: [String?], problems: [FieldProblem]) {
        var reader = FieldReader(values)
        var company: String?
        reader.uscc("company_uscc").apply(to: &company)
        var year: Int?
        var problems: [FieldProblem] = []
        if let text = values["year"], !text.isEmpty {
            if let value = Int(text), text.allSatisfy({ $0.isASCII && $0.isNumber }) {
                if (Self.earliestYear...latestYear).contains(value) {
                    year = value
                } else {
                    problems.append(FieldProblem("year", "\(value) is outside \(Self.earliestYear)..\(latestYear)"))
                }
            } else {
                problems.append(FieldProblem("year", "'\(FieldReader.shown(text))' is not a year such as 2018"))
            }
        }
        var figures: [String?] = []
        for name in CompanyFigures.names {
            var value: Decimal?
            reader.amount(name).apply(to: &value)
            figures.append(value.map(Amount.format))
        }
        problems = reader.problems + problems
        let bad = Set(problems.map(\.column))
        if company == nil, !bad.contains("company_uscc") {
            problems.append(FieldProblem("company_uscc", "is required"))
        }
        if year == nil, !bad.contains("year") { problems.append(FieldProblem("year", "is required")) }
        return ([company, year.map(String.init)] + figures, problems)
    }

    func checks() -> [Query] {
        [
            ImportSteps.knownCompany("company_uscc"),
            // A later row repeating a company and year is the invalid one.
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format('year: company %s already has figures for %s on line %s', r.company_uscc, r.year, o.first)
              FROM (SELECT a.line, min(b.line) AS first
                      FROM pg_temp.import_rows a
                      JOIN pg_temp.import_rows b ON b.company_uscc = a.company_uscc AND b.year = a.year AND b.line < a.line
                     GROUP BY a.line) o
             WHERE r.line = o.line
            """,
        ]
    }

    func write(on db: Connection) throws -> Int {
        try db.execute(
            """
            INSERT INTO filmwg.company_figures AS f (company_id, year, rent_paid, rented_area_m2, fiscal_contribution,
                                                     revenue, investment, renovation_cost, renovated_area_m2)
            SELECT c.id, r.year, r.rent_paid, r.rented_area_m2, r.fiscal_contribution, r.revenue, r.investment,
                   r.renovation_cost, r.renovated_area_m2
              FROM pg_temp.import_rows r JOIN filmwg.companies c ON c.uscc = r.company_uscc
             WHERE r.problems IS NULL
             ORDER BY r.line
            ON CONFLICT (company_id, year) DO UPDATE
               SET rent_paid = EXCLUDED.rent_paid, rented_area_m2 = EXCLUDED.rented_area_m2,
                   fiscal_contribution = EXCLUDED.fiscal_contribution, revenue = EXCLUDED.revenue,
                   investment = EXCLUDED.investment, renovation_cost = EXCLUDED.renovation_cost,
                   renovated_area_m2 = EXCLUDED.renovated_area_m2
            """)
    }
}
