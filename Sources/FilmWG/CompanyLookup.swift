public import Postgres

/// Who a company is, as commands that name one print it.
public struct CompanyIdentity: Sendable, Equatable {
    public let id: Int64
    public let uscc: String?
    public let name: String
    public let nameZh: String?

    public init(id: Int64, uscc: String?, name: String, nameZh: String?) {
        self.id = id
        self.uscc = uscc
        self.name = name
        self.nameZh = nameZh
    }
}

/// Finds the company a user names on the command line: by its USCC or its numeric id
/// (DESIGN §5). Archived companies are found too, so their history stays explainable.
public struct CompanyLookup {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// An 18-character reference is tried as a USCC first (a USCC may be all digits), then as an
    /// id; anything else that is a whole number is an id.
    ///
    /// - Throws: `RecordError.notFound` naming what was looked for.
    public func resolve(_ reference: String) throws -> CompanyIdentity {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if text.count == 18,
            let found = try find(
                "SELECT id, uscc, name, name_zh FROM filmwg.companies WHERE uscc = \(text.uppercased())")
        {
            return found
        }
        if let id = Int64(text), id > 0,
            let found = try find("SELECT id, uscc, name, name_zh FROM filmwg.companies WHERE id = \(id)")
        {
            return found
        }
        if Int64(text) != nil, text.count != 18 {
            throw RecordError.notFound("no company has id \(text); see 'filmwg company list'")
        }
        throw RecordError.notFound(
            "no company has USCC or id '\(text)'; name a company by its 18-character USCC or its numeric id")
    }

    private func find(_ query: Query) throws -> CompanyIdentity? {
        guard let row = try db.query(query).optional() else { return nil }
        let (id, uscc, name, nameZh) = try row.decode((Int64, String?, String, String?).self)
        return CompanyIdentity(id: id, uscc: uscc, name: name, nameZh: nameZh)
    }
}
