import Foundation
public import Postgres

/// Reads and writes `filmwg.professionals` and `filmwg.employments`. Use from one task at a time.
public typealias ProfessionalRepository = Repository<Professional>

extension ProfessionalRepository {
    /// Adds a person, and an employment when one is given, in one transaction.
    /// - Throws: `RecordError.invalid` for a bad field or an e-mail address someone else has.
    @discardableResult
    public func create(_ input: ProfessionalInput, employment: EmploymentInput? = nil) throws -> Professional {
        try (input.problems() + (employment?.problems() ?? [])).throwIfAny()
        try checkEmailIsFree(input.email, exceptID: nil)
        let id = try translating(email: input.email) {
            try db.transaction { tx in
                let id = try tx.query(
                    """
                    INSERT INTO filmwg.professionals (\(ProfessionalInput.fields.identifiers()))
                    VALUES (\(ProfessionalInput.fields.values(of: input)))
                    RETURNING id
                    """
                ).one().decode(Int64.self, at: 0)
                if let employment { try insert(employment, professionalID: id, on: tx) }
                return id
            }
        }
        return try existing(id: id)
    }

    public func find(id: Int64) throws -> Professional? {
        try withEmployments(Professional.source.optional("WHERE p.id = \(id)", on: db))
    }

    public func find(email: String) throws -> Professional? {
        try withEmployments(Professional.source.optional("WHERE lower(p.email) = lower(\(email))", on: db))
    }

    /// The person with their employments, oldest first.
    private func withEmployments(_ found: Professional?) throws -> Professional? {
        guard var professional = found else { return nil }
        professional.employments = try employments(professionalID: professional.id)
        return professional
    }

    /// The professional a user named.
    /// - Throws: as `id(of:)`.
    public func find(_ ref: ProfessionalRef) throws -> Professional { try existing(id: try id(of: ref)) }

    /// The professional with that id, as after a write: not found (no trap) when someone
    /// deleted the row meanwhile.
    func existing(id: Int64) throws -> Professional {
        guard let found = try find(id: id) else { throw Self.notFound(.id(id)) }
        return found
    }

    /// The id of the professional a user named, without reading the record: the one rule for
    /// naming a professional (DESIGN §5), used by every command that takes one.
    /// - Throws: `RecordError.notFound` (exit 1) when no professional has that id or e-mail;
    ///   `RecordError.invalid` (exit 65) when the name is neither an id nor an e-mail address.
    public func id(of ref: ProfessionalRef) throws -> Int64 {
        let row: Row?
        switch ref {
        case .id(let id):
            row = try db.query("SELECT id FROM filmwg.professionals WHERE id = \(id)").optional()
        case .email(let email):
            guard email.contains("@") else {
                throw RecordError.invalid("'\(email)' names no professional: give their numeric id or e-mail address")
            }
            // professionals_email_key is unique on lower(email): at most one row.
            row = try db.query("SELECT id FROM filmwg.professionals WHERE lower(email) = lower(\(email))").optional()
        }
        guard let row else { throw Self.notFound(ref) }
        return try row.decode(Int64.self, at: 0)
    }

    static func notFound(_ ref: ProfessionalRef) -> RecordError {
        switch ref {
        case .id(let id): .notFound("no professional has id \(id); see \(command: "professional list")")
        case .email(let email):
            .notFound(
                "no professional has the e-mail address \(email); see \(command: "professional list \(field: "search")")"
            )
        }
    }

    /// Professionals by full name (then id), erased ones left out unless asked for; every filter
    /// given must hold.
    /// - Parameters:
    ///   - search: part of the full name, the Latin name or the e-mail address, case-insensitive.
    ///   - companyID: only people with an employment at this company that contains `asOf` (default today).
    public func list(
        search: String? = nil, companyID: Int64? = nil, asOf: CalendarDate? = nil, includeErased: Bool = false,
        limit: Int? = nil
    ) throws -> [Professional] {
        var query: Query = "WHERE true"
        if let search = search, !search.isEmpty {
            let pattern = Vocabulary.containsPattern(search)
            query =
                query
                + " AND (p.full_name ILIKE \(pattern) OR p.latin_name ILIKE \(pattern) OR p.email ILIKE \(pattern))"
        }
        if let company = companyID {
            query =
                query + """
                     AND EXISTS (SELECT 1 FROM filmwg.employments e WHERE e.professional_id = p.id
                       AND e.company_id = \(company)
                       AND e.period @> coalesce(\(asOf), (now() AT TIME ZONE 'Asia/Shanghai')::date))
                    """
        }
        if !includeErased { query = query + " AND p.erased_at IS NULL" }
        query = query + " ORDER BY p.full_name NULLS LAST, p.id"
        if let limit { query = query + " LIMIT \(limit)" }
        return try Professional.source.all(query, on: db)
    }

    /// Writes `input` over the person, and records an employment when one is given: the open
    /// employment at that company gets the given bounds, else a new employment is added.
    /// - Parameter expectVersion: the `row_version` the caller read; a stale one changes nothing.
    /// - Throws: `RecordError.conflict` (stale version), `.invalid`, `.notFound`.
    @discardableResult
    public func update(
        id: Int64, to input: ProfessionalInput, expectVersion: Int, employment: EmploymentInput? = nil
    ) throws -> Professional {
        guard let current = try find(id: id) else { throw RecordError.notFound("no professional has id \(id)") }
        if current.erasedAt != nil {
            throw RecordError.invalid(
                "professional \(id) was erased; its personal data cannot be recorded again, add a new professional instead"
            )
        }
        try input.problems().throwIfAny()
        try checkEmailIsFree(input.email, exceptID: id)
        var merged = employment
        if let employment,
            let open = current.employments.last(where: { $0.companyId == employment.companyID && $0.isOpen })
        {
            merged?.employedFrom = employment.employedFrom ?? open.employedFrom
        }
        try (merged?.problems() ?? []).throwIfAny()
        try translating(email: input.email, id: id) {
            try db.transaction { tx in
                if input != current.input {
                    let changed = try tx.execute(
                        """
                        UPDATE filmwg.professionals
                           SET \(ProfessionalInput.fields.assignments(of: input)), row_version = \(Int32(clamping: expectVersion))
                        WHERE id = \(id)
                        """)
                    guard changed == 1 else {
                        throw RecordError.notFound("no professional has id \(id); it may have been deleted")
                    }
                } else if expectVersion != current.rowVersion {
                    // Only the employment changes, so the person's row is not rewritten; the
                    // version the caller named must still be the current one.
                    throw RecordError.conflict(
                        "professional \(id) is at version \(current.rowVersion), not \(expectVersion): someone changed it since you read it; nothing was written, show it again and retry"
                    )
                }
                guard let merged else { return }
                if let open = current.employments.last(where: { $0.companyId == merged.companyID && $0.isOpen }) {
                    try tx.execute(
                        """
                        UPDATE filmwg.employments
                           SET period = daterange(\(merged.employedFrom), \(merged.employedTo), '[)'),
                               row_version = \(Int32(clamping: open.rowVersion))
                         WHERE id = \(open.id)
                        """)
                } else {
                    try insert(merged, professionalID: id, on: tx)
                }
            }
        }
        return try existing(id: id)
    }

    /// Erases the person's personal data (name, Latin name, e-mail, phone), keeping attendance,
    /// employments and roles as anonymous history (`filmwg.erase_professional`). Idempotent.
    /// - Throws: `RecordError.notFound` when there is no such professional (P0002).
    @discardableResult
    public func erase(id: Int64) throws -> Professional {
        do {
            try db.query("SELECT filmwg.erase_professional(\(id))")
        } catch {
            if error.sqlState == "P0002" { throw RecordError.notFound("no professional has id \(id)") }
            throw DatabaseErrors.translate(error)
        }
        return try existing(id: id)
    }

    public func employments(professionalID: Int64) throws -> [Employment] {
        try db.query(
            """
            SELECT e.id, e.professional_id, e.company_id, lower(e.period), upper(e.period), e.title, e.row_version,
                   c.uscc, c.name
              FROM filmwg.employments e JOIN filmwg.companies c ON c.id = e.company_id
             WHERE e.professional_id = \(professionalID)
             ORDER BY lower(e.period) NULLS FIRST, e.id
            """
        ).map { row in
            let (id, person, company, from, to, title, version, uscc, name) = try row.decode(
                (Int64, Int64, Int64, CalendarDate?, CalendarDate?, String?, Int, String?, String).self)
            return Employment(
                id: id, professionalId: person, companyId: company, employedFrom: from, employedTo: to, title: title,
                rowVersion: version, companyUSCC: uscc, companyName: name)
        }
    }

    // MARK: - Rows and refusals

    private func insert(_ employment: EmploymentInput, professionalID: Int64, on tx: Connection) throws {
        try tx.execute(
            """
            INSERT INTO filmwg.employments (professional_id, company_id, period, title)
            VALUES (\(professionalID), \(employment.companyID),
                    daterange(\(employment.employedFrom), \(employment.employedTo), '[)'), \(employment.title))
            """)
    }

    private func checkEmailIsFree(_ email: String?, exceptID: Int64?) throws {
        guard let email else { return }
        let row = try db.query(
            """
            SELECT id FROM filmwg.professionals WHERE lower(email) = lower(\(email)) AND id IS DISTINCT FROM \(exceptID)
            """
        ).optional()
        if let row {
            throw RecordError.invalid(
                "email \(email): already belongs to professional \(try row.decode(Int64.self, at: 0))")
        }
    }

    private func translating<T>(email: String?, id: Int64? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            if error.sqlState == DatabaseErrors.staleVersion, let id {
                throw RecordError.conflict(
                    "professional \(id) was changed by someone else since you read it (\(error.message)); nothing was written, show it again and retry"
                )
            }
            throw DatabaseErrors.translate(error, constraints: Self.sentences(email: email))
        }
    }

    /// Sentences for the constraints of professionals and employments; never a CHECK's DETAIL,
    /// which would hold the e-mail address.
    static func sentences(email: String?) -> [String: Phrase] {
        [
            "professionals_email_key": "email \(email ?? ""): already belongs to another professional",
            "professionals_email_check": "email: not an e-mail address (local@domain)",
            "professionals_full_name_check": "full_name: is required and must not be blank",
            "professionals_name_required": "full_name: is required and must not be blank",
            "professionals_specialties_check": "specialties: must not hold empty entries",
            "employments_period_check": "employed_to: must be after employed_from",
            "employments_company_id_fkey": "company: the company does not exist",
        ]
    }
}
