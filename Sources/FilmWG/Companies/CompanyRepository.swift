import Foundation
public import Postgres

/// Which companies `list` returns.
public struct CompanyFilter: Sendable, Equatable {
    /// Part of the name or the Chinese name, case-insensitive (`ILIKE '%…%'`, trigram-indexed).
    public var search: String?
    public var kind: CompanyKind?
    /// Only companies registered in the Huairou zone.
    public var inZone = false
    /// Only members on `asOf` (default: today in Asia/Shanghai).
    public var member = false
    /// Only members of this tier on `asOf`; implies `member`.
    public var tier: MembershipTier?
    public var asOf: CalendarDate?
    public var includeArchived = false
    /// At most this many rows; nil for all.
    public var limit: Int?

    public init(
        search: String? = nil, kind: CompanyKind? = nil, inZone: Bool = false, member: Bool = false,
        tier: MembershipTier? = nil, asOf: CalendarDate? = nil, includeArchived: Bool = false, limit: Int? = nil
    ) {
        self.search = search
        self.kind = kind
        self.inZone = inZone
        self.member = member
        self.tier = tier
        self.asOf = asOf
        self.includeArchived = includeArchived
        self.limit = limit
    }
}

/// Reads and writes `filmwg.companies`. Use from one task at a time (it uses one `Connection`).
public struct CompanyRepository {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    static let columns: Query = """
        c.id, c.uscc, c.name, c.name_zh, c.kind, c.district, c.registered_in_zone, c.zone_registered_on, \
        c.registered_capital, c.founded_on, c.employees, c.archived_at, c.row_version, c.created_at
        """

    /// Adds a company after checking every field in Swift.
    /// - Throws: `RecordError.invalid` for a bad field or a USCC another company has.
    @discardableResult
    public func create(_ input: CompanyInput) throws -> Company {
        try input.problems().throwIfAny()
        try checkUSCCIsFree(input.uscc, exceptID: nil)
        return try translating(uscc: input.uscc) {
            let row = try db.query("""
                INSERT INTO filmwg.companies AS c (uscc, name, name_zh, kind, district, registered_in_zone,
                    zone_registered_on, registered_capital, founded_on, employees)
                VALUES (\(input.uscc), \(input.name), \(input.nameZh), \(input.kind.rawValue), \(input.district),
                    \(input.registeredInZone), \(input.zoneRegisteredOn), \(input.registeredCapital),
                    \(input.foundedOn), \(input.employees.map(Int32.init)))
                RETURNING \(Self.columns)
                """).one()
            return try Self.company(row)
        }
    }

    public func find(id: Int64) throws -> Company? {
        try db.query("SELECT \(Self.columns) FROM filmwg.companies c WHERE c.id = \(id)").optional().map(Self.company)
    }

    public func find(uscc: String) throws -> Company? {
        try db.query("SELECT \(Self.columns) FROM filmwg.companies c WHERE c.uscc = \(uscc)").optional().map(Self.company)
    }

    /// The company a user named.
    /// - Throws: `RecordError.notFound` when there is none.
    public func find(_ ref: CompanyRef) throws -> Company {
        switch ref {
        case .id(let id):
            guard let company = try find(id: id) else {
                throw RecordError.notFound("no company has id \(id); see 'filmwg company list'")
            }
            return company
        case .uscc(let code):
            if let company = try find(uscc: code) { return company }
            // A reference that is not even USCC-shaped is a mistyped command, not a missing record.
            if code.count != 18, let problem = USCC.problem(code) {
                throw RecordError.invalid(
                    "'\(code)' names no company: give its numeric id or its 18-character USCC (\(problem))")
            }
            throw RecordError.notFound("no company has USCC \(code); see 'filmwg company list'")
        }
    }

    /// Companies matching `filter`, by name (then id).
    public func list(_ filter: CompanyFilter = CompanyFilter()) throws -> [Company] {
        var query: Query = "SELECT \(Self.columns) FROM filmwg.companies c WHERE true"
        if let search = filter.search, !search.isEmpty {
            let pattern = "%" + Self.escapeLike(search) + "%"
            query = query + " AND (c.name ILIKE \(pattern) OR c.name_zh ILIKE \(pattern))"
        }
        if let kind = filter.kind { query = query + " AND c.kind = \(kind.rawValue)" }
        if filter.inZone { query = query + " AND c.registered_in_zone" }
        if !filter.includeArchived { query = query + " AND c.archived_at IS NULL" }
        if filter.member || filter.tier != nil {
            query = query + """
                 AND EXISTS (SELECT 1 FROM filmwg.memberships m WHERE m.company_id = c.id
                   AND m.period @> coalesce(\(filter.asOf), (now() AT TIME ZONE 'Asia/Shanghai')::date)
                   AND (\(filter.tier?.rawValue)::text IS NULL OR m.tier = \(filter.tier?.rawValue)))
                """
        }
        query = query + " ORDER BY c.name, c.id"
        if let limit = filter.limit { query = query + " LIMIT \(limit)" }
        return try db.query(query).map(Self.company)
    }

    /// Writes `input` over the company, naming the version the change rests on.
    ///
    /// - Parameter expectVersion: the `row_version` the caller read; a stale one changes nothing.
    /// - Throws: `RecordError.conflict` when the row changed since that version,
    ///   `RecordError.invalid` for a bad field, `RecordError.notFound` when the row is gone.
    @discardableResult
    public func update(id: Int64, to input: CompanyInput, expectVersion: Int) throws -> Company {
        try input.problems().throwIfAny()
        try checkUSCCIsFree(input.uscc, exceptID: id)
        let row = try translating(uscc: input.uscc, id: id) {
            try db.query("""
                UPDATE filmwg.companies AS c SET uscc = \(input.uscc), name = \(input.name), name_zh = \(input.nameZh),
                    kind = \(input.kind.rawValue), district = \(input.district),
                    registered_in_zone = \(input.registeredInZone), zone_registered_on = \(input.zoneRegisteredOn),
                    registered_capital = \(input.registeredCapital), founded_on = \(input.foundedOn),
                    employees = \(input.employees.map(Int32.init)), row_version = \(Int32(clamping: expectVersion))
                WHERE c.id = \(id)
                RETURNING \(Self.columns)
                """).optional()
        }
        guard let row else { throw RecordError.notFound("no company has id \(id); it may have been deleted") }
        return try Self.company(row)
    }

    /// Marks the company archived (now). It stays for history but drops out of lists, facts and
    /// reports. Archiving an archived company changes nothing and returns it as it is.
    /// - Throws: `RecordError.conflict` when `expectVersion` is stale.
    @discardableResult
    public func archive(id: Int64, expectVersion: Int) throws -> Company {
        let row = try translating(uscc: nil, id: id) {
            try db.query("""
                UPDATE filmwg.companies AS c SET archived_at = now(), row_version = \(Int32(clamping: expectVersion))
                WHERE c.id = \(id) AND c.archived_at IS NULL
                RETURNING \(Self.columns)
                """).optional()
        }
        if let row { return try Self.company(row) }
        guard let company = try find(id: id) else { throw RecordError.notFound("no company has id \(id)") }
        return company
    }

    // MARK: - Rows and refusals

    static func company(_ row: Row) throws -> Company {
        let (id, uscc, name, nameZh, kind, district, inZone, zoneOn, capital, founded, employees, archived, version, created) =
            try row.decode(
                (Int64, String?, String, String?, String, String?, Bool, CalendarDate?, Decimal?, CalendarDate?, Int?,
                    Date?, Int, Date).self)
        return Company(
            id: id, uscc: uscc, name: name, nameZh: nameZh, kind: CompanyKind(rawValue: kind) ?? .other,
            district: district, registeredInZone: inZone, zoneRegisteredOn: zoneOn, registeredCapital: capital,
            foundedOn: founded, employees: employees, archivedAt: archived, rowVersion: version, createdAt: created)
    }

    private func checkUSCCIsFree(_ uscc: String?, exceptID: Int64?) throws {
        guard let uscc else { return }
        let row = try db.query("""
            SELECT id, name FROM filmwg.companies WHERE uscc = \(uscc) AND id IS DISTINCT FROM \(exceptID)
            """).optional()
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
                    "company \(id) was changed by someone else since you read it (\(error.message)); nothing was written, show it again and retry")
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
        case "companies_uscc_key":
            return "uscc \(uscc ?? "?"): already belongs to another company"
        case "companies_name_check": return "name: is required and must not be blank"
        case "companies_name_zh_check": return "name_zh: must not be blank; leave it out instead"
        case "companies_kind_check": return "kind: use one of \(CompanyKind.names.joined(separator: ", "))"
        case "companies_registered_capital_check": return "registered_capital: must be 0 or more"
        case "companies_employees_check": return "employees: must be 0 or more"
        case "companies_zone_check":
            return "zone_registered_on: only a company registered in the zone has a zone registration day; set registered_in_zone to true or leave the day out"
        default: return nil
        }
    }

    static func quotedCode(in message: String) -> String? {
        guard let start = message.range(of: "USCC '"), let end = message.range(of: "' is not valid: ", options: .backwards),
            start.upperBound <= end.lowerBound
        else { return nil }
        return String(message[start.upperBound..<end.lowerBound])
    }

    /// `%`, `_` and `\` taken literally in an ILIKE pattern.
    static func escapeLike(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
