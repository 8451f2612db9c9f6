import Foundation
public import Postgres

/// Reads and writes `filmwg.works` and `filmwg.work_co_producers`. Use from one task at a time
/// (it uses one `Connection`).
///
/// A work's credits are checked here before the database sees them, so every refusal is one
/// sentence naming the flag's column: the first producer and every co-producer must be a
/// company that exists and is not archived, a co-producer is named once and is not the first
/// producer, a licence number belongs to one work. The database holds the same rules
/// (NOT NULL first producer, the primary key and CHECK of work_co_producers,
/// works_licence_no_key) for writers that bypass this type.
public typealias WorkRepository = Repository<Work>

extension WorkRepository {
    static var columns: Query {
        """
        SELECT w.id, w.title, w.title_zh, w.kind, w.released_on, w.licence_no, c.id, c.uscc, c.name,
               w.row_version, w.created_at
          FROM filmwg.works w
          JOIN filmwg.companies c ON c.id = w.first_producer_id
        """
    }

    /// Adds a work and its co-producers in one transaction and returns it as stored.
    /// - Throws: `RecordError.invalid` for a bad field, an unknown or archived company, a
    ///   co-producer named twice or equal to the first producer, a licence number already recorded.
    @discardableResult
    public func create(_ input: WorkInput) throws -> Work {
        try input.problems().throwIfAny()
        return try db.transaction { tx in
            let credits = try resolveCredits(input, on: tx)
            try checkLicenceIsFree(input.licenceNo, exceptID: nil, on: tx)
            let id = try DatabaseErrors.translating(Work.constraints) {
                try tx.query(
                    """
                    INSERT INTO filmwg.works (title, title_zh, kind, released_on, licence_no, first_producer_id)
                    VALUES (\(input.title), \(input.titleZh), \(input.kind?.rawValue), \(input.releasedOn),
                            \(input.licenceNo), \(credits.first.id))
                    RETURNING id
                    """
                ).one().decode(Int64.self, at: 0)
            }
            try insertCoProducers(credits.co.map(\.id), work: id, firstProducer: credits.first.id, on: tx)
            return try find(id: id, on: tx)
        }
    }

    /// Writes `input` over the work. The co-producers become exactly `input.coProducers`; the
    /// work's row_version rises even when only they change, so a stale `expectVersion` refuses
    /// any change of the credits too.
    /// - Throws: `RecordError.conflict` when the work changed since `expectVersion`, and what
    ///   `create` throws.
    @discardableResult
    public func update(id: Int64, to input: WorkInput, expectVersion: Int) throws -> Work {
        try input.problems().throwIfAny()
        return try db.transaction { tx in
            let credits = try resolveCredits(input, on: tx)
            try checkLicenceIsFree(input.licenceNo, exceptID: id, on: tx)
            let coIDs = credits.co.map(\.id)
            let updated = try translating(id: id) {
                // Co-producers that stay but would equal the new first producer are gone first,
                // so the cascade of the new first producer never meets one.
                try tx.execute(
                    """
                    DELETE FROM filmwg.work_co_producers
                     WHERE work_id = \(id) AND NOT (company_id = ANY (\(coIDs)::bigint[]))
                    """)
                return try tx.execute(
                    """
                    UPDATE filmwg.works SET title = \(input.title), title_zh = \(input.titleZh),
                           kind = \(input.kind?.rawValue), released_on = \(input.releasedOn),
                           licence_no = \(input.licenceNo), first_producer_id = \(credits.first.id),
                           row_version = \(Int32(clamping: expectVersion))
                     WHERE id = \(id)
                    """)
            }
            guard updated == 1 else { throw RecordError.notFound("no work has id \(id); it may have been deleted") }
            try insertCoProducers(coIDs, work: id, firstProducer: credits.first.id, on: tx)
            return try find(id: id, on: tx)
        }
    }

    /// The work a user named.
    /// - Throws: `RecordError.notFound` when there is none.
    public func find(_ ref: WorkRef) throws -> Work {
        switch ref {
        case .id(let id):
            return try find(id: id, on: db)
        case .licence(let number):
            guard let row = try db.query("SELECT id FROM filmwg.works WHERE licence_no = \(number)").optional() else {
                throw RecordError.notFound("no work has licence number \(number); see \(command: "work list")")
            }
            return try find(id: try row.decode(Int64.self, at: 0), on: db)
        }
    }

    /// Works by release day (then id); every filter given must hold.
    /// - Parameters:
    ///   - companyId: works this company first-produced or co-produced (its id).
    ///   - releasedFrom: released on or after this day.
    ///   - releasedTo: released on or before this day.
    ///   - search: part of the title or Chinese title, any case.
    public func list(
        companyId: Int64? = nil, kind: WorkKind? = nil, releasedFrom: CalendarDate? = nil,
        releasedTo: CalendarDate? = nil, search: String? = nil, limit: Int? = nil
    ) throws -> [Work] {
        if let limit, limit < 0 { throw RecordError.invalid("the limit must not be negative") }
        let pattern = Vocabulary.optional(search).map(Vocabulary.containsPattern)
        let rows = try db.query(
            """
            \(Self.columns)
             WHERE (\(companyId)::bigint IS NULL OR w.first_producer_id = \(companyId)
                    OR EXISTS (SELECT 1 FROM filmwg.work_co_producers cp
                                WHERE cp.work_id = w.id AND cp.company_id = \(companyId)))
               AND (\(kind?.rawValue)::text IS NULL OR w.kind = \(kind?.rawValue))
               AND (\(releasedFrom)::date IS NULL OR w.released_on >= \(releasedFrom))
               AND (\(releasedTo)::date IS NULL OR w.released_on <= \(releasedTo))
               AND (\(pattern)::text IS NULL OR w.title ILIKE \(pattern) OR w.title_zh ILIKE \(pattern))
             ORDER BY w.released_on, w.id
             LIMIT \(limit)
            """)
        return try withCoProducers(rows.map(Self.work), on: db)
    }

    // MARK: - Credits

    /// The first producer and co-producers of `input`, found and checked.
    func resolveCredits(_ input: WorkInput, on tx: Connection) throws -> (first: WorkCompany, co: [WorkCompany]) {
        guard let firstRef = input.firstProducer else {
            throw RecordError.invalid(
                "\(field: "first_producer") is required: every work has exactly one first producer")
        }
        let first = try company(firstRef, column: "first_producer", on: tx)
        var co: [WorkCompany] = []
        for ref in input.coProducers {
            let company = try company(ref, column: "co_producer", on: tx)
            if company.id == first.id {
                throw RecordError.invalid(
                    "\(field: "co_producer") \(ref): is the first producer of the work; a company is either the first producer or a co-producer"
                )
            }
            if co.contains(where: { $0.id == company.id }) {
                throw RecordError.invalid("\(field: "co_producer") \(ref): is named twice; name each co-producer once")
            }
            co.append(company)
        }
        return (first, co)
    }

    /// A company a credit names, by USCC or id; unknown and archived companies are invalid
    /// credits (exit 65), not missing records.
    func company(_ ref: String, column: String, on tx: Connection) throws -> WorkCompany {
        let row: Row?
        switch CompanyRef(ref) {
        case .id(let id):
            row = try tx.query("SELECT id, uscc, name, archived_at IS NOT NULL FROM filmwg.companies WHERE id = \(id)")
                .optional()
        case .uscc(let code):
            if let problem = USCC.problem(code) {
                throw RecordError.invalid(
                    "\(field: column) \(code): names no company; give its USCC or id (\(problem))")
            }
            row = try tx.query(
                "SELECT id, uscc, name, archived_at IS NOT NULL FROM filmwg.companies WHERE uscc = \(code)"
            ).optional()
        }
        guard let row else {
            throw RecordError.invalid(
                "\(field: column) \(ref): no company has that USCC or id; add it first with \(command: "company add")")
        }
        let (id, uscc, name, archived) = try row.decode((Int64, String?, String, Bool).self)
        if archived {
            throw RecordError.invalid(
                "\(field: column) \(ref): company \(name) is archived; an archived company cannot be credited on a work"
            )
        }
        return WorkCompany(id: id, uscc: uscc, name: name)
    }

    private func insertCoProducers(_ ids: [Int64], work: Int64, firstProducer: Int64, on tx: Connection) throws {
        guard !ids.isEmpty else { return }
        _ = try DatabaseErrors.translating(Work.constraints) {
            try tx.execute(
                """
                INSERT INTO filmwg.work_co_producers (work_id, company_id, first_producer_id)
                SELECT \(work), c.company_id, \(firstProducer)
                  FROM unnest(\(ids)::bigint[]) WITH ORDINALITY AS c(company_id, n)
                 WHERE NOT EXISTS (SELECT 1 FROM filmwg.work_co_producers x
                                    WHERE x.work_id = \(work) AND x.company_id = c.company_id)
                 ORDER BY c.n
                """)
        }
    }

    private func checkLicenceIsFree(_ licence: String?, exceptID: Int64?, on tx: Connection) throws {
        guard let licence else { return }
        if let row = try tx.query(
            """
            SELECT id, title FROM filmwg.works WHERE licence_no = \(licence) AND id IS DISTINCT FROM \(exceptID)
            """
        ).optional() {
            let (id, title) = try row.decode((Int64, String).self)
            throw RecordError.invalid(
                "\(field: "licence_no") \(licence): is already recorded for work \(id) (\(title))")
        }
    }

    // MARK: - Rows

    func find(id: Int64, on tx: Connection) throws -> Work {
        guard let row = try tx.query("\(Self.columns) WHERE w.id = \(id)").optional() else {
            throw RecordError.notFound("no work has id \(id); see \(command: "work list")")
        }
        return try withCoProducers([try Self.work(row)], on: tx)[0]
    }

    /// Fills in the co-producers of `works` with one query.
    private func withCoProducers(_ works: [Work], on tx: Connection) throws -> [Work] {
        guard !works.isEmpty else { return works }
        var byWork: [Int64: [WorkCompany]] = [:]
        for row in try tx.query(
            """
            SELECT cp.work_id, c.id, c.uscc, c.name
              FROM filmwg.work_co_producers cp JOIN filmwg.companies c ON c.id = cp.company_id
             WHERE cp.work_id = ANY (\(works.map(\.id))::bigint[])
             ORDER BY cp.work_id, c.id
            """)
        {
            let (work, id, uscc, name) = try row.decode((Int64, Int64, String?, String).self)
            byWork[work, default: []].append(WorkCompany(id: id, uscc: uscc, name: name))
        }
        return works.map { work in
            var work = work
            work.coProducers = byWork[work.id] ?? []
            return work
        }
    }

    static func work(_ row: Row) throws -> Work {
        let (id, title, titleZh, kind, released, licence, companyId, uscc, name, version, created) =
            try row.decode(
                (Int64, String, String?, String, CalendarDate, String?, Int64, String?, String, Int, Date).self)
        return Work(
            id: id, title: title, titleZh: titleZh, kind: WorkKind(rawValue: kind) ?? .film, releasedOn: released,
            licenceNo: licence, firstProducer: WorkCompany(id: companyId, uscc: uscc, name: name), coProducers: [],
            rowVersion: version, createdAt: created)
    }

    private func translating<T>(id: Int64, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError where error.sqlState == DatabaseErrors.staleVersion {
            throw RecordError.conflict(
                "work \(id) was changed by someone else since you read it (\(error.message)); nothing was written, show it again and retry"
            )
        } catch {
            throw DatabaseErrors.translate(error, constraints: Work.constraints)
        }
    }
}
