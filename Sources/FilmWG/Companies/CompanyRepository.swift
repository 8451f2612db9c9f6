import Foundation
public import Postgres

/// Reads and writes `filmwg.companies`. Use from one task at a time (it uses one `Connection`).
public typealias CompanyRepository = Repository<Company>

extension CompanyRepository {
    /// What an INSERT or UPDATE returns: the columns `Company.source` reads.
    static var columns: Query { Company.columns.selectList(alias: "c") }

    /// Who gives an override: the session's actor, as the audit log names it.
    static var actor: Query { "coalesce(nullif(current_setting('filmwg.actor', true), ''), session_user::text)" }

    /// Adds a company after checking every field in Swift.
    /// - Throws: `RecordError.invalid` for a bad field or a USCC another company has.
    @discardableResult
    public func create(_ input: CompanyInput) throws -> Company {
        try input.problems().throwIfAny()
        try checkRegion(input)
        try checkUSCCIsFree(input.uscc, exceptID: nil)
        return try translating(uscc: input.uscc) {
            let row = try db.query(
                """
                INSERT INTO filmwg.companies AS c (\(CompanyInput.stored.identifiers()), uscc_override_by, uscc_override_at)
                VALUES (\(CompanyInput.stored.values(of: input)),
                    CASE WHEN \(input.usccOverrideReason)::text IS NOT NULL THEN \(Self.actor) END,
                    CASE WHEN \(input.usccOverrideReason)::text IS NOT NULL THEN now() END)
                RETURNING \(Self.columns)
                """
            ).one()
            return try Company.source.decode(row)
        }
    }

    public func find(id: Int64) throws -> Company? {
        try Company.source.optional("WHERE c.id = \(id)", on: db)
    }

    public func find(uscc: String) throws -> Company? {
        try Company.source.optional("WHERE c.uscc = \(uscc)", on: db)
    }

    /// The company a user named.
    /// - Throws: `RecordError.notFound` when there is none.
    public func find(_ ref: CompanyRef) throws -> Company {
        switch ref {
        case .id(let id):
            guard let company = try find(id: id) else {
                throw RecordError.notFound("no company has id \(id); see \(command: "company list")")
            }
            return company
        case .uscc(let code):
            if let company = try find(uscc: code) { return company }
            // A reference that is not even USCC-shaped is a mistyped command, not a missing record.
            if code.count != 18, let problem = USCC.problem(code) {
                // Most often a name typed where the USCC goes: answer with the companies it names.
                let matches = try named(like: code)
                if !matches.isEmpty {
                    let list = matches.map { "\($0.reference) (\($0.name)\($0.nameZh.map { ", " + $0 } ?? ""))" }
                    throw RecordError.invalid(
                        "'\(code)' is not a USCC or an id; companies with that name: \(list.joined(separator: "; ")); name one by its USCC or id"
                    )
                }
                throw RecordError.invalid(
                    "'\(code)' names no company: give its numeric id or its 18-character USCC (\(problem))")
            }
            throw RecordError.notFound("no company has USCC \(code); see \(command: "company list")")
        }
    }

    /// Companies by name (then id); every filter given must hold.
    /// - Parameters:
    ///   - search: part of the name or the Chinese name, case-insensitive (`ILIKE '%…%'`, trigram-indexed).
    ///   - inZone: only companies registered in the Huairou zone.
    ///   - member: only members on `asOf` (default: today in Asia/Shanghai).
    ///   - tier: only members of this tier on `asOf`; implies `member`.
    ///   - usccOverridden: only companies whose USCC was accepted with an override reason.
    ///   - limit: at most this many rows; nil for all.
    public func list(
        search: String? = nil, kind: CompanyKind? = nil, inZone: Bool = false, member: Bool = false,
        tier: MembershipTier? = nil, asOf: CalendarDate? = nil, includeArchived: Bool = false,
        usccOverridden: Bool = false, limit: Int? = nil
    ) throws -> [Company] {
        var query: Query = "WHERE true"
        if let search = search, !search.isEmpty {
            let pattern = Vocabulary.containsPattern(search)
            // The first test is what the one trigram index over both names answers; the second
            // keeps a match within one name (migration 0018).
            query =
                query
                + " AND filmwg.company_search_text(c.name, c.name_zh) ILIKE \(pattern) AND (c.name ILIKE \(pattern) OR c.name_zh ILIKE \(pattern))"
        }
        if let kind = kind { query = query + " AND c.kind = \(kind.rawValue)" }
        if inZone { query = query + " AND c.registered_in_zone" }
        if !includeArchived { query = query + " AND c.archived_at IS NULL" }
        if usccOverridden { query = query + " AND c.uscc_override_reason IS NOT NULL" }
        if member || tier != nil {
            query =
                query + """
                     AND EXISTS (SELECT 1 FROM filmwg.memberships m WHERE m.company_id = c.id
                       AND m.period @> coalesce(\(asOf), (now() AT TIME ZONE 'Asia/Shanghai')::date)
                       AND (\(tier?.rawValue)::text IS NULL OR m.tier = \(tier?.rawValue)))
                    """
        }
        query = query + " ORDER BY c.name, c.id"
        if let limit { query = query + " LIMIT \(limit)" }
        return try Company.source.all(query, on: db)
    }

    /// Writes `input` over the company, naming the version the change rests on.
    ///
    /// The dated values (`CompanyVersion.fields`) are recorded as values in force from
    /// `effectiveFrom` on (default: today in Asia/Shanghai, by the database's clock): the
    /// version containing that day is split there, and each field in `fields` takes its new
    /// value from that day up to the next later version that itself changed the field (see
    /// migration 0011). `filmwg.companies` then carries the latest version's values.
    ///
    /// - Parameters:
    ///   - expectVersion: the `row_version` the caller read; a stale one changes nothing.
    ///   - effectiveFrom: the first day the new values are in force.
    ///   - fields: the dated fields the change sets (the flags given); nil: those whose value
    ///     differs from the row's.
    /// - Throws: `RecordError.conflict` when the row changed since that version,
    ///   `RecordError.invalid` for a bad field or a day before the company was founded,
    ///   `RecordError.notFound` when the row is gone.
    @discardableResult
    public func update(
        id: Int64, to input: CompanyInput, expectVersion: Int, effectiveFrom: CalendarDate? = nil,
        fields: [String]? = nil
    ) throws -> Company {
        try input.problems().throwIfAny()
        try checkRegion(input)
        try checkUSCCIsFree(input.uscc, exceptID: id)
        let given = fields.map { $0.filter(CompanyVersion.fields.contains).joined(separator: ",") }
        let row = try translating(uscc: input.uscc, id: id) {
            try db.transaction { tx in
                try tx.execute(
                    """
                    SELECT set_config('filmwg.effective_from', coalesce(\(effectiveFrom)::date::text, ''), true),
                           set_config('filmwg.company_fields', coalesce(\(given)::text, ''), true)
                    """)
                let row = try tx.query(
                    """
                    UPDATE filmwg.companies AS c SET \(CompanyInput.fields.assignments(of: input)),
                        row_version = \(Int32(clamping: expectVersion)),
                        uscc_override_by = CASE WHEN \(input.usccOverrideReason)::text IS NULL THEN NULL
                            WHEN c.uscc_override_reason IS NOT DISTINCT FROM \(input.usccOverrideReason) THEN c.uscc_override_by
                            ELSE \(Self.actor) END,
                        uscc_override_at = CASE WHEN \(input.usccOverrideReason)::text IS NULL THEN NULL
                            WHEN c.uscc_override_reason IS NOT DISTINCT FROM \(input.usccOverrideReason) THEN c.uscc_override_at
                            ELSE now() END,
                        uscc_override_reason = \(input.usccOverrideReason)
                    WHERE c.id = \(id)
                    RETURNING \(Self.columns)
                    """
                ).optional()
                try tx.execute(
                    """
                    SELECT set_config('filmwg.effective_from', '', true), set_config('filmwg.company_fields', '', true)
                    """)
                return row
            }
        }
        guard let row else { throw RecordError.notFound("no company has id \(id); it may have been deleted") }
        return try Company.source.decode(row)
    }

    // MARK: - Values in force on a day

    /// The company's values in force on `day`.
    /// - Throws: `RecordError.notFound` when the day is before the company was founded.
    public func values(of company: Company, on day: CalendarDate) throws -> CompanyVersion {
        let found = try CompanyVersion.source.optional(
            "WHERE v.company_id = \(company.id) AND v.valid @> \(day)", on: db)
        guard let found else {
            let founded = company.foundedOn.map { ", founded on \($0)" } ?? ""
            throw RecordError.notFound(
                "company \(company.reference) has no values in force on \(day)\(founded); it did not exist yet on that day"
            )
        }
        return found
    }

    /// Every version of the company's values, oldest first.
    public func history(of company: Company) throws -> [CompanyVersion] {
        try CompanyVersion.source.all(
            "WHERE v.company_id = \(company.id) ORDER BY lower(v.valid) NULLS FIRST", on: db)
    }

    /// Marks the company archived (now). It stays for history but drops out of lists, facts and
    /// reports. Archiving an archived company changes nothing and returns it as it is.
    /// - Throws: `RecordError.conflict` when `expectVersion` is stale.
    @discardableResult
    public func archive(id: Int64, expectVersion: Int) throws -> Company {
        let row = try translating(uscc: nil, id: id) {
            try db.query(
                """
                UPDATE filmwg.companies AS c SET archived_at = now(), row_version = \(Int32(clamping: expectVersion))
                WHERE c.id = \(id) AND c.archived_at IS NULL
                RETURNING \(Self.columns)
                """
            ).optional()
        }
        if let row { return try Company.source.decode(row) }
        guard let company = try find(id: id) else { throw RecordError.notFound("no company has id \(id)") }
        return company
    }

    // MARK: - Rows and refusals

    /// Refuses a USCC whose division code (positions 3–8) is not in the region table, unless
    /// an override reason is given.
    /// - Throws: `RecordError.invalid("uscc CODE: positions 3 to 8 are …")`.
    private func checkRegion(_ input: CompanyInput) throws {
        guard let uscc = input.uscc, input.usccOverrideReason == nil, USCC.isValid(uscc),
            let region = USCC.regionCode(uscc)
        else { return }
        let known = try db.query("SELECT EXISTS (SELECT 1 FROM filmwg.regions WHERE code = \(region))").one().decode(
            Bool.self)
        if !known {
            throw RecordError.invalid(
                "\(USCC.sentence(code: uscc, problem: USCC.regionProblem(region))); if the code is real, accept it with an override reason (\(field: "uscc_override"))"
            )
        }
    }

    /// A sentence when the company's district names a division that its USCC's region is not
    /// (nor lies within, nor contains), e.g. district 朝阳区 with a code of 110116 (北京市怀柔区);
    /// nil when they agree or when the district names no division filmwg knows. Not a refusal:
    /// the caller reports it.
    public func districtConflict(_ company: Company) throws -> String? {
        guard let district = company.district?.trimmingCharacters(in: .whitespaces), !district.isEmpty,
            let region = company.regionCode, let regionName = company.regionName
        else { return nil }
        let row = try db.query(
            """
            SELECT count(*) FILTER (WHERE true),
                   count(*) FILTER (WHERE
                        m.code = \(region)
                     OR (m.level = 'province' AND left(m.code, 2) = left(\(region), 2))
                     OR (m.level = 'prefecture' AND left(m.code, 4) = left(\(region), 4))
                     OR (\(region) LIKE '%0000' AND left(m.code, 2) = left(\(region), 2))
                     OR (\(region) LIKE '%00' AND left(m.code, 4) = left(\(region), 4))),
                   string_agg(m.full_name, ', ' ORDER BY m.code)
              FROM filmwg.regions m
             WHERE m.until_year IS NULL AND (m.name = \(district) OR m.full_name = \(district))
            """
        ).one()
        let (matches, compatible, names) = try row.decode((Int, Int, String?).self)
        guard matches > 0, compatible == 0 else { return nil }
        return
            "company \(company.reference): district \(district) (\(names ?? district)) is not the region of its USCC, \(region) (\(regionName)); kept as given"
    }

    /// The companies whose name or Chinese name contains `text` (for a name typed where a USCC
    /// is expected), at most `limit`.
    public func named(like text: String, limit: Int = 5) throws -> [Company] {
        let pattern = Vocabulary.containsPattern(text)
        return try Company.source.all(
            """
             WHERE c.archived_at IS NULL
               AND ((filmwg.company_search_text(c.name, c.name_zh) ILIKE \(pattern)
                     AND (c.name ILIKE \(pattern) OR c.name_zh ILIKE \(pattern)))
                OR filmwg.company_name_key(c.name) = filmwg.company_name_key(\(text))
                OR filmwg.company_name_key(c.name_zh) = filmwg.company_name_key(\(text)))
             ORDER BY c.name, c.id LIMIT \(limit)
            """, on: db)
    }

    private func checkUSCCIsFree(_ uscc: String?, exceptID: Int64?) throws {
        guard let uscc else { return }
        let row = try db.query(
            """
            SELECT id, name FROM filmwg.companies WHERE uscc = \(uscc) AND id IS DISTINCT FROM \(exceptID)
            """
        ).optional()
        if let row {
            let (id, name) = try row.decode((Int64, String).self)
            throw RecordError.invalid("uscc \(uscc): already belongs to company \(id) (\(name))")
        }
    }

    /// Runs `body`, turning the database's refusals of a company row into sentences.
    private func translating<T>(uscc: String?, id: Int64? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            if let sentence = Self.sentence(for: error, uscc: uscc) { throw RecordError.invalid(sentence) }
            if error.sqlState == DatabaseErrors.staleVersion, let id {
                throw RecordError.conflict(
                    "company \(id) was changed by someone else since you read it (\(error.message)); nothing was written, show it again and retry"
                )
            }
            throw DatabaseErrors.translate(error)
        }
    }

    /// The sentence for a constraint of `filmwg.companies`, or nil when the error is not one.
    /// For `companies_uscc_check` it is the same sentence Swift's own check gives
    /// (`uscc CODE: REASON`), built from the trigger's message and DETAIL (the reason phrase).
    public static func sentence(for error: PostgresError, uscc: String? = nil) -> String? {
        switch error.constraint {
        case "companies_uscc_check":
            // filmwg.uscc_refused (companies_uscc_check) raises "USCC 'CODE' is not valid: REASON" with DETAIL = REASON.
            let code = uscc ?? Self.quotedCode(in: error.message)
            if let code, let reason = error.detail, !reason.hasPrefix("Failing row") {
                return USCC.sentence(code: code, problem: reason)
            }
            if let code, let reason = USCC.problem(code) { return USCC.sentence(code: code, problem: reason) }
            return "uscc: not a valid Unified Social Credit Code"
        case "companies_uscc_structure_check":
            let code = uscc ?? Self.quotedCode(in: error.message)
            if let code, let reason = error.detail ?? USCC.structureProblem(code) {
                return USCC.sentence(code: code, problem: reason)
                    + "; if the code is real, accept it with an override reason (uscc_override)"
            }
            return "uscc: positions 1 to 8 do not follow GB 32100"
        case "companies_uscc_region_fkey":
            if let uscc, let region = USCC.regionCode(uscc) {
                return USCC.sentence(code: uscc, problem: USCC.regionProblem(region))
                    + "; if the code is real, accept it with an override reason (uscc_override)"
            }
            return "uscc: positions 3 to 8 are no GB/T 2260 administrative division in filmwg's region table"
        case "companies_uscc_override_check": return "uscc_override: needs a USCC and a non-blank reason"
        case "companies_uscc_key":
            return "uscc \(uscc ?? "?"): already belongs to another company"
        case "companies_name_check", "company_versions_name_check": return "name: is required and must not be blank"
        case "companies_name_zh_check", "company_versions_name_zh_check":
            return "name_zh: must not be blank; leave it out instead"
        case "companies_kind_check": return "kind: use one of \(CompanyKind.names.joined(separator: ", "))"
        case "companies_registered_capital_check", "company_versions_registered_capital_check":
            return "registered_capital: must be 0 or more"
        case "companies_employees_check", "company_versions_employees_check": return "employees: must be 0 or more"
        case "companies_zone_check", "company_versions_zone_check":
            return
                "zone_registered_on: only a company registered in the zone has a zone registration day; set registered_in_zone to true or leave the day out"
        case "company_versions_after_founding":
            return error.message
        case "company_versions_no_overlap":
            return "these values would overlap another version of the company's values; nothing was written"
        default: return nil
        }
    }

    static func quotedCode(in message: String) -> String? {
        guard let start = message.range(of: "USCC '"),
            let end = message.range(of: "' is not valid: ", options: .backwards),
            start.upperBound <= end.lowerBound
        else { return nil }
        return String(message[start.upperBound..<end.lowerBound])
    }
}
