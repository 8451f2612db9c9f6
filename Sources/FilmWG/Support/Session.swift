public import Postgres
public import Foundation

/// Where to connect and as whom, resolved by DESIGN §3's precedence.
public struct ConnectionSettings: Sendable, Equatable {
    /// A URI or key=value string; nil leaves it all to libpq's `PG*` variables and service files.
    public var conninfo: String?
    /// Recorded in the audit log and in `application_name`.
    public var actor: String

    public init(conninfo: String?, actor: String) {
        self.conninfo = conninfo
        self.actor = actor
    }

    /// `--database` wins over `DATABASE_URL`; `--actor` over `FILMWG_ACTOR` over the OS user.
    public static func resolve(
        database: String?, actor: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ConnectionSettings {
        let conninfo = [database, environment["DATABASE_URL"]].compactMap { $0 }.first { !$0.isEmpty }
        let who = [actor, environment["FILMWG_ACTOR"], environment["USER"], environment["LOGNAME"]]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? NSUserName()
        return ConnectionSettings(conninfo: conninfo, actor: who)
    }
}

/// Opens connections that carry the actor, so every audited change names who made it.
public enum Session {
    public static func open(_ settings: ConnectionSettings) throws -> Connection {
        let connection = try Connection.connect(settings.conninfo, applicationName: "filmwg (\(settings.actor))")
        try connection.execute("SELECT set_config('filmwg.actor', \(settings.actor), false)")
        return connection
    }
}
