public import Foundation

/// A company's figures for one calendar year (`filmwg.company_figures`); nil is unknown.
///
/// The facts `<figure>_last_year` of a day D read the row for the year before D's, so the
/// zone's formulas (rent subsidies, renovation, purchase) speak about last year's accounts.
public struct CompanyFigures: Sendable, Equatable {
    public let companyId: Int64
    public let uscc: String?
    public let name: String
    public let year: Int
    /// By figure name, in `CompanyFigures.names` order.
    public let values: [String: Decimal]
    public let rowVersion: Int

    /// The figures of DESIGN §12, in the CSV header's order; amounts in CNY, areas in m².
    public static let names = [
        "rent_paid", "rented_area_m2", "fiscal_contribution", "revenue", "investment", "renovation_cost",
        "renovated_area_m2",
    ]
}
