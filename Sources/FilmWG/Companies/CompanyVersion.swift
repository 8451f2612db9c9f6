public import Foundation
public import Postgres

/// The values of a company in force over a period (`filmwg.company_versions`, DESIGN §11).
///
/// A company's versions follow each other without gaps from its founding day (or from the
/// beginning of time when that is unknown) to the latest, which is open-ended; the database
/// keeps them from overlapping (`company_versions_no_overlap`).
public struct CompanyVersion: Sendable, Equatable {
    public var id: Int64
    public var companyId: Int64
    /// First day in force; nil when the company's founding day is unknown (in force since ever).
    public var effectiveFrom: CalendarDate?
    /// First day no longer in force; nil for the latest version.
    public var effectiveTo: CalendarDate?
    public var name: String
    public var nameZh: String?
    public var kind: CompanyKind
    public var district: String?
    public var registeredInZone: Bool
    public var zoneRegisteredOn: CalendarDate?
    public var registeredCapital: Decimal?
    public var employees: Int?
    /// The fields this version was recorded to change (every field for a first version).
    public var changedFields: [String]
    public var createdAt: Date

    /// The columns of `filmwg.companies` kept as dated versions.
    public static let fields = [
        "name", "name_zh", "kind", "district", "registered_in_zone", "zone_registered_on", "registered_capital",
        "employees",
    ]

    /// The company as it stood with these values (identity columns from `company`).
    public func applied(to company: Company) -> Company {
        var result = company
        result.name = name
        result.nameZh = nameZh
        result.kind = kind
        result.district = district
        result.registeredInZone = registeredInZone
        result.zoneRegisteredOn = zoneRegisteredOn
        result.registeredCapital = registeredCapital
        result.employees = employees
        return result
    }
}
