public import Foundation
import Postgres

/// One row of `filmwg.audit_log`: a change to one record, who made it and when.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var tableName: String
    public var rowId: String
    /// insert, update or delete.
    public var action: String
    /// The row before the change, as JSON text (nil on insert).
    public var oldValues: String?
    /// The row after the change, as JSON text (nil on delete).
    public var newValues: String?
    /// For an update: the columns that changed, `column: old → new`, comma-separated
    /// (row_version left out); nil otherwise.
    public var changes: String?
}

/// The kinds of record `filmwg history` follows, and what counts as their history.
public enum HistorySubject: String, Sendable, CaseIterable {
    case company, member, professional, employment, event, attendance, position, role, election, policy, grant, work,
        award

    /// The audited table holding this kind of record.
    public var table: String {
        switch self {
        case .company: "companies"
        case .member: "memberships"
        case .professional: "professionals"
        case .employment: "employments"
        case .event: "events"
        case .attendance: "attendance"
        case .position: "positions"
        case .role: "role_assignments"
        case .election: "elections"
        case .policy: "policies"
        case .grant: "grants"
        case .work: "works"
        case .award: "awards"
        }
    }
}
