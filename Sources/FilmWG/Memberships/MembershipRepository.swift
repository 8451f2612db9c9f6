import Foundation
public import Postgres

/// Reads and writes `filmwg.memberships`. Use from one task at a time (it uses one `Connection`).
public struct MembershipRepository {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    static let select: Query = """
        SELECT m.id, m.company_id, m.tier, lower(m.period) AS joined_on, upper(m.period) AS left_on,
               m.row_version, m.created_at, c.uscc, c.name, c.name_zh
          FROM filmwg.memberships m JOIN filmwg.companies c ON c.id = m.company_id
        """

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
        guard let row = try db.query("\(Self.select) WHERE m.id = \(id)").optional() else {
            throw RecordError.notFound("no membership has id \(id)")
        }
        return try Self.membership(row)
    }

    /// The company's membership with no end, if any.
    public func open(companyID: Int64) throws -> Membership? {
        try db.query("\(Self.select) WHERE m.company_id = \(companyID) AND upper_inf(m.period)").optional()
            .map(Self.membership)
    }

    /// Every membership of one company, oldest first.
    public func history(companyID: Int64) throws -> [Membership] {
        try db.query("\(Self.select) WHERE m.company_id = \(companyID) ORDER BY lower(m.period)").map(Self.membership)
    }

    /// The memberships that contain `asOf` (default: today in Asia/Shanghai), by company name;
    /// at most one per company.
    public func members(asOf: CalendarDate? = nil, tier: MembershipTier? = nil, limit: Int? = nil) throws
        -> [Membership]
    {
        var query: Query = """
            \(Self.select)
             WHERE m.period @> coalesce(\(asOf), (now() AT TIME ZONE 'Asia/Shanghai')::date)
               AND (\(tier?.rawValue)::text IS NULL OR m.tier = \(tier?.rawValue))
             ORDER BY c.name, c.id
            """
        if let limit { query = query + " LIMIT \(limit)" }
        return try db.query(query).map(Self.membership)
    }

    // MARK: - Rows and refusals

    static let sentences: [String: Phrase] = [
        "memberships_tier_check": "tier: use one of \(MembershipTier.names.joined(separator: ", "))",
        "memberships_period_check": "the membership must end after the day it starts",
        "memberships_company_id_fkey": "the company does not exist",
    ]

    static func membership(_ row: Row) throws -> Membership {
        let (id, companyID, tier, joined, left, version, created, uscc, name, nameZh) = try row.decode(
            (Int64, Int64, String, CalendarDate, CalendarDate?, Int, Date, String?, String, String?).self)
        return Membership(
            id: id, companyId: companyID, tier: MembershipTier(rawValue: tier) ?? .member, joinedOn: joined,
            leftOn: left, rowVersion: version, createdAt: created, companyUSCC: uscc, companyName: name,
            companyNameZh: nameZh)
    }

    private func overlapError(company: Company, from: CalendarDate, to: CalendarDate?) throws -> RecordError {
        let row = try db.query(
            """
            \(Self.select)
             WHERE m.company_id = \(company.id) AND m.period && daterange(\(from), \(to), '[)')
             ORDER BY lower(m.period) LIMIT 1
            """
        ).optional()
        guard let existing = try row.map(Self.membership) else {
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
