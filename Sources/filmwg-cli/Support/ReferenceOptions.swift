import FilmWG
import Postgres

extension Arguments {
    /// `--NAME REF` (a USCC, an e-mail, a code or an id) as the id `find` resolves it to; nil
    /// when the option is not given. Filters and foreign keys name records this one way, so an
    /// unknown reference fails as `find` says wherever it is given.
    func reference(
        _ name: String, db: Connection, _ find: (String, Connection) throws -> Int64
    ) throws -> Int64? {
        try string(name).map { try find($0, db) }
    }
}

extension Arguments {
    /// `--company C` (a USCC or an id) as the company's id; nil when not given.
    func companyID(db: Connection) throws -> Int64? { try reference("company", db: db, References.companyID) }

    /// `--professional P` (an id or an e-mail) as the professional's id; nil when not given.
    func professionalID(db: Connection) throws -> Int64? {
        try reference("professional", db: db, References.professionalID)
    }

    /// `--event ID` as the event's id; nil when not given.
    func eventID(db: Connection) throws -> Int64? { try reference("event", db: db, References.eventID) }

    /// `--position CODE` as the position's id; nil when not given.
    func positionID(db: Connection) throws -> Int64? { try reference("position", db: db, References.positionID) }

    /// `--policy CODE` as the policy's id; nil when not given.
    func policyID(db: Connection) throws -> Int64? { try reference("policy", db: db, References.policyID) }
}
