public import Postgres
import Foundation

/// Records and lists the benefits granted under the zone's policies (`filmwg.grants`).
public struct GrantRepository {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    static let constraints: [String: Phrase] = [
        "grants_amount_check": "the amount must not be negative",
        "grants_status_check": "status must be one of \(Grant.statuses.joined(separator: ", "))",
        "grants_dates_check": "a grant cannot be decided or paid before the day it was applied for; check \(field: "decided_on") and \(field: "paid_on")",
    ]

    static let columns: Query = """
        SELECT g.id, g.policy_id, p.code, g.company_id, c.name, g.run_id, g.policy_version_id, g.amount, g.status,
               g.applied_on, g.decided_on, g.paid_on, g.notes, g.row_version, g.created_at
          FROM filmwg.grants g
          JOIN filmwg.policies p ON p.id = g.policy_id
          JOIN filmwg.companies c ON c.id = g.company_id
        """

    static func decode(_ row: Row) throws -> Grant {
        let (id, policyId, policy, companyId, companyName, runId, versionId, amount, status) =
            try row.decode((Int64, Int64, String, Int64, String, Int64?, Int64?, Decimal, String).self)
        return Grant(
            id: id, policyId: policyId, policy: policy, companyId: companyId, companyName: companyName, runId: runId,
            policyVersionId: versionId, amount: amount, status: status,
            appliedOn: try row.decode(CalendarDate.self, column: "applied_on"),
            decidedOn: try row.decode(CalendarDate?.self, column: "decided_on"),
            paidOn: try row.decode(CalendarDate?.self, column: "paid_on"),
            notes: try row.decode(String?.self, column: "notes"),
            rowVersion: try row.decode(Int.self, column: "row_version"),
            createdAt: try row.decode(Date.self, column: "created_at"))
    }

    /// Records a grant.
    /// - Throws: `RecordError.invalid` for an unknown status, a negative amount, an amount above
    ///   the policy's cap (the database's sentence: "grant amount … exceeds the cap … of policy
    ///   …"), dates before `appliedOn`; `RecordError.notFound` when `runId` names no run, or a
    ///   run that decided nothing about this policy and company.
    public func record(_ grant: NewGrant) throws -> Grant {
        let status = try Vocabulary.check(grant.status, among: Grant.statuses, name: "status")
        if grant.amount < 0 { throw RecordError.invalid("the amount must not be negative") }
        var versionId: Int64?
        if let runId = grant.runId {
            guard try db.query("SELECT 1 FROM filmwg.job_runs WHERE id = \(runId)").count == 1 else {
                throw RecordError.notFound("no job run with id \(runId); see 'filmwg jobs list'")
            }
            guard let row = try db.query("""
                SELECT d.policy_version_id FROM filmwg.determinations d
                  JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
                 WHERE d.run_id = \(runId) AND v.policy_id = \(grant.policyId) AND d.company_id = \(grant.companyId)
                """).optional()
            else {
                throw RecordError.notFound(
                    "run \(runId) made no determination of this policy for company \(grant.companyId); see 'filmwg eligibility list'")
            }
            versionId = try row.decode(Int64.self, at: 0)
        }
        let id = try DatabaseErrors.translating(Self.constraints) {
            try db.query("""
                INSERT INTO filmwg.grants (policy_id, company_id, run_id, policy_version_id, amount, status,
                                           applied_on, decided_on, paid_on, notes)
                VALUES (\(grant.policyId), \(grant.companyId), \(grant.runId), \(versionId), \(grant.amount), \(status),
                        coalesce(\(grant.appliedOn), (now() AT TIME ZONE 'Asia/Shanghai')::date),
                        \(grant.decidedOn), \(grant.paidOn), \(Vocabulary.optional(grant.notes)))
                RETURNING id
                """).one().decode(Int64.self, at: 0)
        }
        return try show(id)
    }

    /// - Throws: `RecordError.notFound` "no grant with id …".
    public func show(_ id: Int64) throws -> Grant {
        guard let row = try db.query("\(Self.columns) WHERE g.id = \(id)").optional() else {
            throw RecordError.notFound("no grant with id \(id); see 'filmwg grant list'")
        }
        return try Self.decode(row)
    }

    /// Grants by day of application.
    public func list(_ filter: GrantFilter = GrantFilter()) throws -> [Grant] {
        let status = try filter.status.map { try Vocabulary.check($0, among: Grant.statuses, name: "status") }
        if let limit = filter.limit, limit < 0 { throw RecordError.invalid("the limit must not be negative") }
        return try db.query("""
            \(Self.columns)
             WHERE (\(filter.policyId)::bigint IS NULL OR g.policy_id = \(filter.policyId))
               AND (\(filter.companyId)::bigint IS NULL OR g.company_id = \(filter.companyId))
               AND (\(status)::text IS NULL OR g.status = \(status))
             ORDER BY g.applied_on, g.id
             LIMIT \(filter.limit)
            """).map(Self.decode)
    }
}
