import Foundation

extension FilmWGBinary {
    /// Runs a `/bin/sh` script with `$FILMWG` naming the built binary, for what `run` cannot
    /// arrange: redirections to `/dev/full`, a closed stdout, signals sent mid-command.
    /// `DATABASE_URL` points at `database` when given; stdout and stderr are captured as `run`
    /// captures them (a script that redirects them itself leaves them empty).
    public static func shell(
        _ script: String, database: TestDatabase? = nil, environment extra: [String: String] = [:]
    ) throws -> CommandResult {
        var environment = extra
        environment["FILMWG"] = url.path
        if let database { environment["DATABASE_URL"] = database.conninfo }
        return try run(["-c", script], environment: environment, executable: URL(fileURLWithPath: "/bin/sh"))
    }
}
