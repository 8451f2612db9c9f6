public import Postgres

/// Reads and writes the records of one kind (`Repository<Grant>`, spelled `GrantRepository`)
/// over one `Connection`. Each feature adds its operations in an extension of its typealias
/// (`extension GrantRepository { public func apply(…) }`), so the connection and the
/// initialiser are written once here. Use from one task at a time, like its connection.
public struct Repository<Record> {
    let db: Connection

    public init(_ db: Connection) { self.db = db }
}
