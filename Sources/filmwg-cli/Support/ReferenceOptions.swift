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

extension Arguments {
    /// The company a command is about, named by its one positional word (a USCC or an id).
    func company() throws -> CompanyRef { CompanyRef(try subject("company (USCC or id)")) }

    /// The professional a command is about, named by its one positional word (an id or an e-mail).
    func professional() throws -> ProfessionalRef { ProfessionalRef(try subject("professional (id or e-mail)")) }

    /// The work a command is about, named by its one positional word (an id or a licence number).
    func work() throws -> WorkRef { WorkRef(try subject("work (id or licence number)")) }

    /// The position a command is about, named by its one positional word, its code.
    func positionCode() throws -> String { try subject("position by its code") }

    /// The policy a command is about, named by its one positional word, its code.
    func policyCode() throws -> String { try subject("policy code") }
}

extension Option {
    /// `--company C` (a USCC or an id); each command says in `help` what the company is to it.
    static func company(_ help: String) -> Option { .value("company", "C", help) }

    /// `--professional P` (an id or an e-mail); each command says in `help` who it is to it.
    static func professional(_ help: String) -> Option { .value("professional", "P", help) }

    /// `--event ID`; each command says in `help` what the event is to it.
    static func event(_ help: String) -> Option { .value("event", "ID", help) }

    /// `--position CODE`; each command says in `help` what the position is to it.
    static func position(_ help: String) -> Option { .value("position", "CODE", help) }

    /// `--policy CODE`; each command says in `help` what the policy is to it.
    static func policy(_ help: String) -> Option { .value("policy", "P", help) }
}
