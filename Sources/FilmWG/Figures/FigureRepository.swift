import Foundation
import Postgres

/// Reads the yearly figures: `figure list`.
public typealias FigureRepository = Repository<CompanyFigures>

extension FigureRepository {
    /// By company id, then year; every filter given must hold.
    public func list(companyId: Int64? = nil, year: Int? = nil, limit: Int? = nil) throws -> [CompanyFigures] {
        if let limit, limit < 0 { throw RecordError.invalid("the limit must not be negative") }
        return try db.query(
            """
            SELECT f.company_id, c.uscc, c.name, f.year, f.rent_paid, f.rented_area_m2, f.fiscal_contribution,
                   f.revenue, f.investment, f.renovation_cost, f.renovated_area_m2, f.row_version
              FROM filmwg.company_figures f JOIN filmwg.companies c ON c.id = f.company_id
             WHERE (\(companyId)::bigint IS NULL OR f.company_id = \(companyId))
               AND (\(year)::integer IS NULL OR f.year = \(year))
             ORDER BY f.company_id, f.year
             LIMIT \(limit)
            """
        ).map { row in
            let (companyId, uscc, name, year) = try row.decode((Int64, String?, String, Int).self)
            var values: [String: Decimal] = [:]
            for figure in CompanyFigures.names {
                if let value = try row.decode(Decimal?.self, column: figure) { values[figure] = value }
            }
            return CompanyFigures(
                companyId: companyId, uscc: uscc, name: name, year: year, values: values,
                rowVersion: try row.decode(Int.self, column: "row_version"))
        }
    }
}
