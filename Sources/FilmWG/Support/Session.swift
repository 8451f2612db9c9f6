public import Foundation
public import Postgres

/// Where to connect and as whom, resolved by DESIGN §3's precedence.
public struct ConnectionSettings: Sendable, Equatable {
    /// A URI or key=value string; nil leaves it all to libpq's `PG*` variables and service files.
    public var conninfo: String?
    /// Recorded in the audit log and in `application_name`.
    public var actor: String
    /// Whether a transaction-mode pooler stands in front of the server: `FILMWG_POOLER`
    /// (`transaction` or `none`); nil asks the server at connect time (`detectPooler`).
    public var pooler: Bool?

    public init(conninfo: String?, actor: String, pooler: Bool? = nil) {
        self.conninfo = conninfo
        self.actor = actor
        self.pooler = pooler
    }

    /// `--database` wins over `DATABASE_URL`; `--actor` over `FILMWG_ACTOR` over the OS user.
    public static func resolve(
        database: String?, actor: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ConnectionSettings {
        let conninfo = [database, environment["DATABASE_URL"]].compactMap { $0 }.first { !$0.isEmpty }
        let who =
            [actor, environment["FILMWG_ACTOR"], environment["USER"], environment["LOGNAME"]]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? NSUserName()
        let pooler: Bool? =
            switch environment["FILMWG_POOLER"]?.lowercased() {
            case "transaction", "statement", "yes", "1": true
            case "none", "session", "no", "0": false
            default: nil
            }
        return ConnectionSettings(conninfo: conninfo, actor: who, pooler: pooler)
    }
}

/// Opens connections that carry the actor, so every audited change names who made it.
public enum Session {
    ///
    /// On a direct connection the actor is the session setting `filmwg.actor`, and statements
    /// are prepared once and reused. Behind a transaction-mode pooler (configured by
    /// `FILMWG_POOLER`, else detected) no session state is left on the server connection: every
    /// statement goes unnamed and the actor travels in `application_name` ("filmwg (ACTOR)",
    /// which PgBouncer restores for each client, read by `filmwg.current_actor()`).
    public static func open(_ settings: ConnectionSettings) throws -> Connection {
        let connection = try Connection.connect(settings.conninfo, applicationName: "filmwg (\(settings.actor))")
        if try settings.pooler ?? connection.detectPooler() {
            connection.useUnnamedStatements()
        } else {
            try connection.execute("SELECT set_config('filmwg.actor', \(settings.actor), false)")
        }
        return connection
    }
}
