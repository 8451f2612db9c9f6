import Foundation
public import Postgres

/// Reads and writes `filmwg.memberships`. Use from one task at a time (it uses one `Connection`).
public typealias MembershipRepository = Repository<Membership>

extension MembershipRepository {
    /// Makes the company a member of `tier` from `from` on, with an open period.
    /// - Throws: `RecordError.invalid` naming the existing period when the new one would overlap
    ///   it, or when the company is archived.
    @discardableResult
    public func join(_ company: Company, tier: MembershipTier, from: CalendarDate) throws -> Membership {
        guard company.archivedAt == nil else {
            throw RecordError.invalid("company \(company.reference) is archived; an archived company cannot join")
        }
        do {
            let id = try db.transaction { tx in
                // Joins of one company queue on its row: two inserts racing on the exclusion
                // constraint can otherwise deadlock (40P01) instead of the second one seeing the
                // first one's period and failing with the overlap.
                try tx.execute("SELECT 1 FROM filmwg.companies WHERE id = \(company.id) FOR NO KEY UPDATE")
                return try tx.query(
                    """
                    INSERT INTO filmwg.memberships (company_id, tier, period)
                    VALUES (\(company.id), \(tier.rawValue), daterange(\(from), NULL, '[)'))
                    RETURNING id
                    """
                ).one().decode(Int64.self, at: 0)
            }
            return try find(id: id)
        } catch let error as PostgresError
            where error.isExclusionViolation && error.constraint == "memberships_no_overlap"
        {
            throw try overlapError(company: company, from: from, to: nil)
        } catch let error as PostgresError {
            throw DatabaseErrors.translate(error, constraints: Self.sentences)
        }
    }

    /// Ends the company's open membership: `on` is the first day it is no longer a member
    /// (the period becomes `[joined_on, on)`).
    /// - Throws: `RecordError.notFound` when no membership is open, `RecordError.invalid` when
    ///   `on` is not after the day it joined, `RecordError.conflict` when the row changed meanwhile.
    @discardableResult
    public func leave(_ company: Company, on day: CalendarDate) throws -> Membership {
        guard let open = try open(companyID: company.id) else {
            let last = try history(companyID: company.id).last
            let hint = last.map { "; its last was \($0.periodDescription)" } ?? "; it has never been a member"
            throw RecordError.notFound("company \(company.reference) has no open membership\(hint)")
        }
        guard open.joinedOn < day else {
            throw RecordError.invalid(
                "company \(company.reference) joined on \(open.joinedOn), so it can leave on \(open.joinedOn.adding(days: 1)) at the earliest, not \(day)"
            )
        }
        do {
            let changed = try db.execute(
                """
                UPDATE filmwg.memberships SET period = daterange(lower(period), \(day), '[)'),
                       row_version = \(Int32(clamping: open.rowVersion))
                 WHERE id = \(open.id)
                """)
            guard changed == 1 else {
                throw RecordError.notFound("the membership of company \(company.reference) is gone")
            }
        } catch let error as PostgresError where error.sqlState == DatabaseErrors.staleVersion {
            throw RecordError.conflict(
                "the membership of company \(company.reference) was changed by someone else while leaving; nothing was written, try again"
            )
        } catch let error as PostgresError {
            throw DatabaseErrors.translate(error, constraints: Self.sentences)
        }
        return try find(id: open.id)
    }

    public func find(id: Int64) throws -> Membership {
        try Membership.source.one(
            "WHERE m.id = \(id)", on: db, else: RecordError.notFound("no membership has id \(id)"))
    }

    /// The company's membership with no end, if any.
    public func open(companyID: Int64) throws -> Membership? {
        try Membership.source.optional("WHERE m.company_id = \(companyID) AND upper_inf(m.period)", on: db)
    }

    /// Every membership of one company, oldest first.
    public func history(companyID: Int64) throws -> [Membership] {
        try Membership.source.all("WHERE m.company_id = \(companyID) ORDER BY lower(m.period)", on: db)
    }

    /// The memberships that contain `asOf` (default: today in Asia/Shanghai), by company name;
    /// at most one per company.
    public func members(asOf: CalendarDate? = nil, tier: MembershipTier? = nil, limit: Int? = nil) throws
        -> [Membership]
    {
        var query: Query = """
             WHERE m.period @> coalesce(\(asOf), (now() AT TIME ZONE 'Asia/Shanghai')::date)
               AND (\(tier?.rawValue)::text IS NULL OR m.tier = \(tier?.rawValue))
             ORDER BY c.name, c.id
            """
        if let limit { query = query + " LIMIT \(limit)" }
        return try Membership.source.all(query, on: db)
    }

    // MARK: - Rows and refusals

    static var sentences: [String: Phrase] {
        [
            "memberships_tier_check": "tier: use one of \(MembershipTier.names.joined(separator: ", "))",
            "memberships_period_check": "the membership must end after the day it starts",
            "memberships_company_id_fkey": "the company does not exist",
        ]
    }

    private func overlapError(company: Company, from: CalendarDate, to: CalendarDate?) throws -> RecordError {
        let found = try Membership.source.optional(
            """
             WHERE m.company_id = \(company.id) AND m.period && daterange(\(from), \(to), '[)')
             ORDER BY lower(m.period) LIMIT 1
            """, on: db)
        guard let existing = found else {
            return RecordError.conflict(
                "company \(company.reference) got an overlapping membership meanwhile; try again")
        }
        let advice: Phrase =
            existing.isOpen
            ? "; end it first with \(command: "member leave \(company.reference) \(field: "on") DATE")"
            : "; choose a day from \(existing.leftOn!) on"
        return RecordError.invalid(
            "company \(company.reference) already has \(existing.periodDescription), which overlaps the new one from \(from)\(advice)"
        )
    }
}
