import Postgres

/// Who a company is, as commands that name one print it.
public struct CompanyIdentity: Sendable, Equatable {
    public let id: Int64
    public let uscc: String?
    public let name: String
    public let nameZh: String?
}

/// Finds the company a user names on the command line: by its USCC or its numeric id
/// (DESIGN §5). Archived companies are found too, so their history stays explainable.
public typealias CompanyLookup = Repository<CompanyIdentity>

extension CompanyLookup {
    /// The rule for naming a company is `CompanyRef`'s; `CompanyRepository.find` applies it.
    ///
    /// - Throws: `RecordError.notFound` naming what was looked for; `RecordError.invalid` when
    ///   the reference is neither an id nor a well-formed USCC.
    public func resolve(_ reference: String) throws -> CompanyIdentity {
        let company = try CompanyRepository(db).find(CompanyRef(reference))
        return CompanyIdentity(id: company.id, uscc: company.uscc, name: company.name, nameZh: company.nameZh)
    }
}
