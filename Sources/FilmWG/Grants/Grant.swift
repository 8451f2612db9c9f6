public import Foundation
public import Postgres

/// A benefit granted (or applied for) under a policy (`filmwg.grants`), and the
/// determination of the eligibility job it rests on, if any.
public struct Grant: Sendable, Equatable {
    public var id: Int64
    public var policyId: Int64
    public var policy: String
    public var companyId: Int64
    public var companyName: String
    public var runId: Int64?
    public var policyVersionId: Int64?
    public var amount: Decimal
    public var status: String
    public var appliedOn: CalendarDate
    public var decidedOn: CalendarDate?
    public var paidOn: CalendarDate?
    public var notes: String?
    public var rowVersion: Int
    public var createdAt: Date

    /// The values of `grants_status_check`.
    public static let statuses = ["applied", "approved", "rejected", "paid"]
}

/// What `grant record` writes.
public struct NewGrant: Sendable, Equatable {
    public var policyId: Int64
    public var companyId: Int64
    public var amount: Decimal
    public var status: String
    /// Nil: today in Asia/Shanghai (the column's default).
    public var appliedOn: CalendarDate?
    public var decidedOn: CalendarDate?
    public var paidOn: CalendarDate?
    /// The eligibility run whose determination for this policy and company the grant rests on.
    public var runId: Int64?
    public var notes: String?

    public init(
        policyId: Int64, companyId: Int64, amount: Decimal, status: String = "applied", appliedOn: CalendarDate? = nil,
        decidedOn: CalendarDate? = nil, paidOn: CalendarDate? = nil, runId: Int64? = nil, notes: String? = nil
    ) {
        self.policyId = policyId
        self.companyId = companyId
        self.amount = amount
        self.status = status
        self.appliedOn = appliedOn
        self.decidedOn = decidedOn
        self.paidOn = paidOn
        self.runId = runId
        self.notes = notes
    }
}

/// Which grants `grant list` shows; every filter given must hold.
public struct GrantFilter: Sendable, Equatable {
    public var policyId: Int64?
    public var companyId: Int64?
    public var status: String?
    public var limit: Int?

    public init(policyId: Int64? = nil, companyId: Int64? = nil, status: String? = nil, limit: Int? = nil) {
        self.policyId = policyId
        self.companyId = companyId
        self.status = status
        self.limit = limit
    }
}
