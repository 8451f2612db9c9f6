import Postgres
public import Rules

/// Reads `filmwg.fact_catalog`, the one list of facts a rule may name, into the `Rules` module's
/// catalog, so the checker and the compiler see exactly the columns `filmwg.company_facts` has.
public typealias FactCatalogRepository = Repository<FactCatalog>

extension FactCatalogRepository {
    /// Every fact, in catalog order.
    ///
    /// - Throws: `PostgresError`; `RecordError.invalid` if the catalog names a type the rules
    ///   language does not know (a migration out of step with this binary).
    public func load() throws -> FactCatalog {
        let rows = try db.query(
            "SELECT name, type, description, allowed_values FROM filmwg.fact_catalog ORDER BY ordinal")
        let facts = try rows.map { row in
            let (name, typeName, description, allowed) = try row.decode((String, String, String, [String]?).self)
            guard let type = FactType(rawValue: typeName) else {
                throw RecordError.invalid(
                    "fact \(name) has type \(typeName), which this filmwg does not know; upgrade filmwg")
            }
            return Fact(name: name, type: type, description: description, allowedValues: allowed)
        }
        return FactCatalog(facts)
    }
}
