public import Foundation
public import Postgres

/// The grants workflow (DESIGN §12): apply, approve, reject, pay, list, show, and budgets.
///
/// Every rule is the database's (trigger `grant_workflow`, migration 0012), so it holds
/// whichever program writes and under concurrency: an approval locks its policy's row, so two
/// approvals racing for the last of an entitlement or a budget serialise and the second is
/// refused. Each transition is one UPDATE, audited with the actor.
public typealias GrantRepository = Repository<Grant>

extension GrantRepository {
    /// Amounts are CNY with at most two decimals, never negative.
    static func checkAmount(_ amount: Decimal, name: String = "the amount") throws {
        if amount < 0 { throw RecordError.invalid("\(name) must not be negative, not \(amount)") }
        if !Amount.isCents(amount) {
            throw RecordError.invalid("\(name) \(amount) has more than two decimals; amounts are CNY to the fen (0.01)")
        }
    }

    /// Applies for a grant: status `applied`, resting on the company's latest eligible
    /// determination for the policy in a succeeded run of `year`.
    ///
    /// - Throws: `RecordError.invalid` when there is no such determination, for a bad amount, or
    ///   an amount above the policy's cap or the determination's amount (nothing is written).
    /// - Parameter appliedOn: the day it is applied for; nil: today in Asia/Shanghai.
    public func apply(
        policyId: Int64, companyId: Int64, year: Int, amount: Decimal, appliedOn: CalendarDate? = nil,
        notes: String? = nil
    ) throws -> Grant {
        try Self.checkAmount(amount)
        let determination = try db.query(
            """
            SELECT d.run_id, d.policy_version_id, d.amount, d.amount_reason, v.amount IS NOT NULL
              FROM filmwg.determinations d
              JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
              JOIN filmwg.job_runs r ON r.id = d.run_id
             WHERE v.policy_id = \(policyId) AND d.company_id = \(companyId) AND d.eligible
               AND r.status = 'succeeded' AND NOT r.dry_run
               AND r.as_of >= make_date(\(year)::integer, 1, 1) AND r.as_of < make_date(\(year)::integer + 1, 1, 1)
             ORDER BY r.as_of DESC, r.id DESC
             LIMIT 1
            """
        ).optional()
        let (code, company) = try names(policyId: policyId, companyId: companyId)
        guard let determination else {
            throw RecordError.invalid(
                "company \(company) has no eligible determination for policy \(code) in \(year), so it cannot apply; see \(command: "eligibility explain \(field: "company") \(company) \(field: "policy") \(code)")"
            )
        }
        let (runId, versionId, entitled, reason, hasFormula) =
            try determination.decode((Int64, Int64, Decimal?, String?, Bool).self)
        if hasFormula {
            guard let entitled else {
                throw RecordError.invalid(
                    "the amount company \(company) is entitled to under policy \(code) in \(year) is unknown (\(reason ?? "no reason recorded")); record the missing figures and run the job again"
                )
            }
            if amount > entitled {
                throw RecordError.invalid(
                    "\(Amount.format(amount)) is more than the \(Amount.format(entitled)) company \(company) is entitled to under policy \(code) in \(year) (run \(runId))"
                )
            }
        }
        let id = try DatabaseErrors.translating(Grant.constraints) {
            try db.query(
                """
                INSERT INTO filmwg.grants (policy_id, company_id, year, run_id, policy_version_id, amount, status, applied_on, notes)
                VALUES (\(policyId), \(companyId), \(year), \(runId), \(versionId),
                        \(amount), 'applied',
                        coalesce(\(appliedOn), (now() AT TIME ZONE 'Asia/Shanghai')::date),
                        \(Vocabulary.optional(notes)))
                RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
        }
        return try show(id)
    }

    /// Approves an applied grant, optionally for another amount, on `on` (default today).
    ///
    /// - Throws: `RecordError.invalid` when the grant is not `applied`, or the approval would
    ///   take the company above its entitlement or the policy above its budget for the year
    ///   (the database says which, with the totals); `RecordError.notFound`.
    public func approve(_ id: Int64, amount: Decimal? = nil, on day: CalendarDate? = nil) throws -> Grant {
        if let amount { try Self.checkAmount(amount) }
        return try transition(
            id, to: "approved",
            """
            UPDATE filmwg.grants
               SET status = 'approved', amount = coalesce(\(amount), amount),
                   decided_on = coalesce(\(day), (now() AT TIME ZONE 'Asia/Shanghai')::date)
             WHERE id = \(id)
            """)
    }

    /// Rejects an applied or approved grant, with the reason.
    public func reject(_ id: Int64, reason: String, on day: CalendarDate? = nil) throws -> Grant {
        guard let reason = Vocabulary.optional(reason) else {
            throw RecordError.invalid("a rejection needs a reason: give \(field: "reason") TEXT")
        }
        return try transition(
            id, to: "rejected",
            """
            UPDATE filmwg.grants
               SET status = 'rejected', reason = \(reason),
                   decided_on = coalesce(\(day), (now() AT TIME ZONE 'Asia/Shanghai')::date)
             WHERE id = \(id)
            """)
    }

    /// Records the payment of an approved grant on `day`.
    public func pay(_ id: Int64, on day: CalendarDate) throws -> Grant {
        try transition(
            id, to: "paid",
            """
            UPDATE filmwg.grants SET status = 'paid', paid_on = \(day) WHERE id = \(id)
            """)
    }

    /// The statuses each transition leaves from, as trigger `grant_workflow` allows them.
    static var sources: [String: [String]] {
        ["approved": ["applied"], "rejected": ["applied", "approved"], "paid": ["approved"]]
    }

    /// One UPDATE that applies only from an allowed status, so a second approval of the same
    /// grant (or one racing it) changes nothing and is refused in the workflow's words.
    private func transition(_ id: Int64, to status: String, _ update: Query) throws -> Grant {
        let current = try show(id)
        let from = Self.sources[status] ?? []
        let guarded: Query = "\(update) AND status = ANY(\(from))"
        let changed = try DatabaseErrors.translating(Grant.constraints) {
            try db.transaction { tx in try tx.execute(guarded) }
        }
        guard changed == 1 else {
            let now = (try? show(id).status) ?? current.status
            throw RecordError.invalid(
                "grant \(id) is \(now); it cannot become \(status) (only applied → approved → paid, and applied or approved → rejected)"
            )
        }
        return try show(id)
    }

    /// Sets what `policyId` may pay in `year`.
    ///
    /// - Throws: `RecordError.invalid` for a bad amount, or one below what is already approved or
    ///   paid for the year.
    public func setBudget(policyId: Int64, year: Int, amount: Decimal) throws -> PolicyBudget {
        try Self.checkAmount(amount, name: "the budget")
        _ = try DatabaseErrors.translating(Grant.constraints) {
            try db.transaction { tx in
                try tx.execute(
                    """
                    INSERT INTO filmwg.policy_budgets (policy_id, year, amount) VALUES (\(policyId), \(year), \(amount))
                    ON CONFLICT (policy_id, year) DO UPDATE SET amount = EXCLUDED.amount
                    """)
            }
        }
        guard let budget = try budget(policyId: policyId, year: year) else {
            throw RecordError.notFound("the budget just set is gone; someone removed it meanwhile")
        }
        return budget
    }

    public func budget(policyId: Int64, year: Int) throws -> PolicyBudget? {
        try db.query(
            """
            SELECT p.code, b.year, b.amount,
                   (SELECT coalesce(sum(g.amount), 0) FROM filmwg.grants g
                     WHERE g.policy_id = b.policy_id AND g.year = b.year AND g.status IN ('approved', 'paid'))
              FROM filmwg.policy_budgets b JOIN filmwg.policies p ON p.id = b.policy_id
             WHERE b.policy_id = \(policyId) AND b.year = \(year)
            """
        ).optional().map { row in
            let (code, year, amount, granted) = try row.decode((String, Int, Decimal, Decimal).self)
            return PolicyBudget(policy: code, year: year, amount: amount, granted: granted)
        }
    }

    /// Grants by year, day of application and id; every filter given must hold.
    public func list(
        policyId: Int64? = nil, companyId: Int64? = nil, status: String? = nil, year: Int? = nil, limit: Int? = nil
    ) throws -> [Grant] {
        let status = try status.map { try Vocabulary.check($0, among: Grant.statuses, name: "status") }
        return try Grant.source.list(
            """
             WHERE (\(policyId)::bigint IS NULL OR g.policy_id = \(policyId))
               AND (\(companyId)::bigint IS NULL OR g.company_id = \(companyId))
               AND (\(status)::text IS NULL OR g.status = \(status))
               AND (\(year)::integer IS NULL OR g.year = \(year))
            """, order: "g.year, g.applied_on, g.id", limit: limit, on: db)
    }

    private func names(policyId: Int64, companyId: Int64) throws -> (policy: String, company: String) {
        let row = try db.query(
            """
            SELECT (SELECT code FROM filmwg.policies WHERE id = \(policyId)),
                   (SELECT coalesce(uscc, id::text) FROM filmwg.companies WHERE id = \(companyId))
            """
        ).one()
        let (code, company) = try row.decode((String?, String?).self)
        return (code ?? String(policyId), company ?? String(companyId))
    }
}
