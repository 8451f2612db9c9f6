public import Foundation
public import Postgres

/// A professional holding a position on behalf of a company over a term
/// (`filmwg.role_assignments`). The term is half-open: held from `termFrom` up to and
/// including the day before `termTo`; `termTo` is nil while the term is open.
public struct RoleAssignment: ShownRecord, Sendable, Equatable {
    public var id: Int64
    public var positionId: Int64
    public var position: String
    public var professionalId: Int64
    /// NULL once the professional's personal data was erased.
    public var professionalName: String?
    public var companyId: Int64?
    public var companyName: String?
    public var termFrom: CalendarDate
    public var termTo: CalendarDate?
    public var rowVersion: Int
    public var createdAt: Date

    /// Every column of an assignment, with the position's code and the holder's and company's
    /// names beside their ids; the term's bounds split out of its daterange.
    public static let columns: [RecordColumn<RoleAssignment>] =
        [
            .id("id", \.id, about: "the assignment's id"),
            .id("position_id", \.positionId, about: "the position held"),
            .text("position", \.position, form: "CODE", about: "the position's code", expression: "p.code"),
            .id("professional_id", \.professionalId, about: "who holds it"),
            .text("professional_name", \.professionalName, about: "their full name", expression: "pr.full_name"),
            .id("company_id", \.companyId, about: "the company they hold it for"),
            .text("company_name", \.companyName, about: "the company's name", expression: "c.name"),
            .date("term_from", \.termFrom, about: "the first day held", expression: "lower(r.term)"),
            .date("term_to", \.termTo, about: "the first day no longer held", expression: "upper(r.term)"),
        ] + RecordColumn<RoleAssignment>.kept(\.rowVersion, \.createdAt, noun: "assignment")

    public static let noun = "role assignment"
    public static let listedBy: Phrase = "role list"

    public static let source = RecordSource(
        columns: columns, alias: "r",
        from: """
            filmwg.role_assignments r
              JOIN filmwg.positions p ON p.id = r.position_id
              JOIN filmwg.professionals pr ON pr.id = r.professional_id
              LEFT JOIN filmwg.companies c ON c.id = r.company_id
            """,
        empty: RoleAssignment(
            id: 0, positionId: 0, position: "", professionalId: 0, companyId: nil, termFrom: .unread, rowVersion: 0,
            createdAt: .unread))
}
