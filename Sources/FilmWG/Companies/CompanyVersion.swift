public import Foundation
public import Postgres

/// The values of a company in force over a period (`filmwg.company_versions`, DESIGN §11).
///
/// A company's versions follow each other without gaps from its founding day (or from the
/// beginning of time when that is unknown) to the latest, which is open-ended; the database
/// keeps them from overlapping (`company_versions_no_overlap`).
/// `version.name` reads `version.input.name`: the dated values are a company's editable fields.
public struct CompanyVersion: RecordAroundInput, Sendable, Equatable {
    public var id: Int64
    public var companyId: Int64
    /// First day in force; nil when the company's founding day is unknown (in force since ever).
    public var effectiveFrom: CalendarDate?
    /// First day no longer in force; nil for the latest version.
    public var effectiveTo: CalendarDate?
    /// The values in force, as `CompanyInput` describes them; only the dated ones (`dated`) are
    /// read, the others stay empty.
    public var input: CompanyInput
    /// The fields this version was recorded to change (every field for a first version).
    public var changedFields: [String]
    public var createdAt: Date

    /// The columns of `filmwg.companies` kept as dated versions: the editable fields but the
    /// identity (USCC) and the founding day.
    static let dated = CompanyInput.fields.filter { !["uscc", "founded_on"].contains($0.name) }

    /// The names of the dated columns.
    public static let fields = dated.names()

    /// Every column of a version, as `company history` lists it.
    static let columns: [RecordColumn<CompanyVersion>] =
        [
            .id("id", \.id, about: "the version's id"),
            .id("company_id", \.companyId, about: "the company"),
            .date("effective_from", \.effectiveFrom, about: "the first day in force", expression: "lower(v.valid)"),
            .date(
                "effective_to", \.effectiveTo, about: "the first day no longer in force", expression: "upper(v.valid)"),
        ] + dated.map { $0.lifted(through: \CompanyVersion.input) }
        + [
            .texts("changed_fields", \.changedFields, about: "the fields this version changed"),
            .instant("created_at", \.createdAt, about: "when the version was recorded"),
        ]

    static let source = RecordSource(
        columns: columns, alias: "v", from: "filmwg.company_versions v",
        empty: CompanyVersion(id: 0, companyId: 0, input: CompanyInput(), changedFields: [], createdAt: .unread))

    /// The company as it stood with these values (identity columns from `company`).
    public func applied(to company: Company) -> Company {
        var result = company
        var values = input
        values.uscc = company.uscc
        values.foundedOn = company.foundedOn
        values.usccOverrideReason = company.usccOverrideReason
        result.input = values
        return result
    }
}
