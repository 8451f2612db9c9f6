public import Foundation
public import Postgres

/// A professional holding a position on behalf of a company over a term
/// (`filmwg.role_assignments`). The term is half-open: held from `termFrom` up to and
/// including the day before `termTo`; `termTo` is nil while the term is open.
public struct RoleAssignment: Sendable, Equatable {
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
}

/// Which assignments `role list` shows; every filter given must hold.
public struct RoleAssignmentFilter: Sendable, Equatable {
    /// Only terms that contain this day.
    public var asOf: CalendarDate?
    public var positionId: Int64?
    public var professionalId: Int64?
    public var companyId: Int64?
    public var limit: Int?

    public init(
        asOf: CalendarDate? = nil, positionId: Int64? = nil, professionalId: Int64? = nil, companyId: Int64? = nil,
        limit: Int? = nil
    ) {
        self.asOf = asOf
        self.positionId = positionId
        self.professionalId = professionalId
        self.companyId = companyId
        self.limit = limit
    }
}
