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
