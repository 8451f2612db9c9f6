import Foundation
public import Postgres

/// Turns the names users give records on the command line into ids.
///
/// DESIGN §5: a company is named by its USCC or its numeric id, a professional by id or
/// e-mail, a policy and a position by code, an event (and the other records) by id. Every
/// miss is a `RecordError.notFound` sentence that says what was looked for.
public enum References {
    /// The company's id; `CompanyLookup` holds the one rule for naming a company.
    /// - Throws: `RecordError.notFound` naming what was looked for.
    public static func companyID(_ ref: String, db: Connection) throws -> Int64 {
        try CompanyLookup(db).resolve(ref).id
    }

    /// `ProfessionalRepository.id(of:)` holds the one rule for naming a professional.
    /// - Throws: `RecordError.notFound` "no professional has id …" / "… the e-mail address …";
    ///   `RecordError.invalid` when `ref` is neither an id nor an e-mail address.
    public static func professionalID(_ ref: String, db: Connection) throws -> Int64 {
        try ProfessionalRepository(db).id(of: ProfessionalRef(ref))
    }

    /// - Throws: `RecordError.notFound` "no event with id …".
    public static func eventID(_ ref: String, db: Connection) throws -> Int64 {
        try id(ref, of: "event", table: "events", list: "filmwg event list", db: db)
    }

    /// - Throws: `RecordError.notFound` "no position with code …", naming the nearest code.
    public static func positionID(_ code: String, db: Connection) throws -> Int64 {
        try byCode(code, of: "position", table: "positions", list: "filmwg position list", db: db)
    }

    /// - Throws: `RecordError.notFound` "no policy with code …", naming the nearest code.
    public static func policyID(_ code: String, db: Connection) throws -> Int64 {
        try byCode(code, of: "policy", table: "policies", list: "filmwg policy list", db: db)
    }

    /// A record named by its numeric id in `table`.
    static func id(_ ref: String, of noun: String, table: String, list: String, db: Connection) throws -> Int64 {
        let text = ref.trimmingCharacters(in: .whitespaces)
        guard let id = Int64(text), id > 0 else {
            throw RecordError.invalid(
                "'\(ref)' is not \(article(noun)) \(noun) id: give the number that \(command: "\(noun) list") shows")
        }
        let found = try db.query("SELECT 1 FROM filmwg.\(identifier: table) WHERE id = \(id)").count == 1
        guard found else { throw RecordError.notFound("no \(noun) with id \(id); see '\(list)'") }
        return id
    }

    static func byCode(_ code: String, of noun: String, table: String, list: String, db: Connection) throws -> Int64 {
        let text = code.trimmingCharacters(in: .whitespaces)
        if let row = try db.query("SELECT id FROM filmwg.\(identifier: table) WHERE lower(code) = lower(\(text))")
            .optional()
        {
            return try row.decode(Int64.self, at: 0)
        }
        let codes = try db.query("SELECT code FROM filmwg.\(identifier: table) ORDER BY code").map {
            try $0.decode(String.self, at: 0)
        }
        let hint = Spelling.nearest(to: text, among: codes).map { "; did you mean '\($0)'?" } ?? "; see '\(list)'"
        throw RecordError.notFound("no \(noun) with code '\(text)'\(hint)")
    }

    static func article(_ noun: String) -> String {
        noun.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }
}
