public import Foundation
public import Postgres

/// A benefit applied for under a policy (`filmwg.grants`), and the determination of the
/// eligibility job it rests on.
///
/// The workflow (DESIGN §12) is the database's: applied → approved → paid, applied | approved
/// → rejected; an approval may not take the company's approved + paid total for the policy and
/// year above its determination's amount, nor the policy's above its budget.
public struct Grant: ShownRecord, Sendable, Equatable {
    public var id: Int64
    public var policyId: Int64
    public var policy: String
    public var companyId: Int64
    public var companyName: String
    /// The year the grant is for.
    public var year: Int
    public var runId: Int64?
    public var policyVersionId: Int64?
    public var amount: Decimal
    /// The amount of the determination it rests on (the company's entitlement), if any.
    public var entitlement: Decimal?
    public var status: String
    public var appliedOn: CalendarDate
    public var decidedOn: CalendarDate?
    public var paidOn: CalendarDate?
    /// Why it was rejected.
    public var reason: String?
    public var notes: String?
    public var rowVersion: Int
    public var createdAt: Date

    /// The values of `grants_status_check`.
    public static let statuses = ["applied", "approved", "rejected", "paid"]

    /// The sentence for each constraint of its table the database may refuse a row by.
    static let constraints: [String: Phrase] = [
        "grants_amount_check": "the amount must not be negative",
        "grants_status_check": "status must be one of \(Grant.statuses.joined(separator: ", "))",
        "grants_dates_check":
            "a grant cannot be decided or paid before the day it was applied for; check \(field: "on")",
        "grants_paid_on_check": "a paid grant needs the day it was paid: give \(field: "on") DATE",
        "grants_reason_check": "a rejection needs a reason: give \(field: "reason") TEXT",
        "grants_year_check": "the year must be from 1990 to 2200",
        "policy_budgets_amount_check": "a budget must be 0 or more",
        "policy_budgets_year_check": "the year must be from 1990 to 2200",
    ]

    /// Every column of a grant, with the policy's code, the company's name and the amount of
    /// the determination it rests on.
    public static let columns: [RecordColumn<Grant>] =
        [
            .id("id", \.id, about: "the grant's id"),
            .id("policy_id", \.policyId, about: "the policy it is granted under"),
            .text("policy", \.policy, form: "CODE", about: "the policy's code", expression: "p.code"),
            .id("company_id", \.companyId, about: "the company it is granted to"),
            .text("company_name", \.companyName, about: "the company's name", expression: "c.name"),
            .integer("year", \.year, about: "the year it is for"),
            .id("run_id", \.runId, about: "the job run of the determination it rests on"),
            .id("policy_version_id", \.policyVersionId, about: "the policy version of that determination"),
            .amount("amount", \.amount, about: "the amount in CNY"),
            .amount("entitlement", \.entitlement, about: "the determination's amount", expression: "d.amount"),
            .text("status", \.status, form: "STATUS", about: statuses.joined(separator: "|")),
            .date("applied_on", \.appliedOn, about: "the day it was applied for"),
            .date("decided_on", \.decidedOn, about: "the day it was approved or rejected"),
            .date("paid_on", \.paidOn, about: "the day it was paid"),
            .text("reason", \.reason, about: "why it was rejected"),
            .text("notes", \.notes, about: "notes"),
        ] + RecordColumn<Grant>.kept(\.rowVersion, \.createdAt, noun: "grant")

    public static let noun = "grant"

    public static let source = RecordSource(
        columns: columns, alias: "g",
        from: """
            filmwg.grants g
              JOIN filmwg.policies p ON p.id = g.policy_id
              JOIN filmwg.companies c ON c.id = g.company_id
              LEFT JOIN filmwg.determinations d
                     ON d.run_id = g.run_id AND d.policy_version_id = g.policy_version_id AND d.company_id = g.company_id
            """,
        empty: Grant(
            id: 0, policyId: 0, policy: "", companyId: 0, companyName: "", year: 0, amount: 0, status: "",
            appliedOn: .unread, rowVersion: 0, createdAt: .unread))
}

/// What a policy may pay in a year (`filmwg.policy_budgets`), and what is already granted.
public struct PolicyBudget: Sendable, Equatable {
    public let policy: String
    public let year: Int
    public let amount: Decimal
    /// Approved and paid grants of the policy for the year.
    public let granted: Decimal
    public var remaining: Decimal { amount - granted }
}
