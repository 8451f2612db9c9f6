import Foundation

/// A real PgBouncer (Debian's package) in transaction pooling mode in front of the test
/// server, on a unix socket of its own, for one test; stopped and removed afterwards.
///
/// Run as the postgres user when the tests run as root (as scripts/pg-local does). Listens on
/// `FILMWG_PGBOUNCER_PORT`, else the server's port + 10; auth `trust` with a userlist naming
/// the server's user. Pool size 2, so pooled clients really share server connections.
public struct PgBouncer: Sendable {
    public let socketDirectory: String
    public let port: Int

    /// libpq conninfo for `database` through the pooler.
    public func conninfo(_ database: String) -> String {
        "host=\(socketDirectory) port=\(port) dbname=\(database) user=\(Self.user)"
    }

    static var user: String { ProcessInfo.processInfo.environment["PGUSER"] ?? "postgres" }

    public static func binary() -> String? {
        ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public enum Failure: Error, CustomStringConvertible {
        case missing, startFailed(String)
        public var description: String {
            switch self {
            case .missing: "pgbouncer is not installed; run scripts/setup"
            case .startFailed(let log): "pgbouncer did not start: \(log)"
            }
        }
    }

    /// Starts a pooler, runs `body`, stops it.
    public static func with<T>(poolSize: Int = 2, _ body: (PgBouncer) throws -> T) throws -> T {
        guard let binary = binary() else { throw Failure.missing }
        let environment = ProcessInfo.processInfo.environment
        let serverPort = Int(environment["PGPORT"] ?? "") ?? 5432
        let port = Int(environment["FILMWG_PGBOUNCER_PORT"] ?? "") ?? serverPort + 10
        let serverHost = environment["PGHOST"] ?? "/var/run/postgresql"
        let folder = "/tmp/fwpgb-\(port)"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let asRoot = getuid() == 0
        let config = """
            [databases]
            * = host=\(serverHost) port=\(serverPort)
            [pgbouncer]
            listen_addr =
            listen_port = \(port)
            unix_socket_dir = \(folder)
            auth_type = trust
            auth_file = \(folder)/userlist.txt
            pool_mode = transaction
            default_pool_size = \(poolSize)
            max_client_conn = 200
            ignore_startup_parameters = extra_float_digits
            logfile = \(folder)/pgbouncer.log
            pidfile = \(folder)/pgbouncer.pid

            """
        try config.write(toFile: "\(folder)/pgbouncer.ini", atomically: true, encoding: .utf8)
        try "\"\(user)\" \"\"\n".write(toFile: "\(folder)/userlist.txt", atomically: true, encoding: .utf8)
        if asRoot { _ = try shell(["chown", "-R", "postgres:", folder]) }
        // In the foreground, as a child of this process: a daemon (-d) would keep the
        // descriptor by which Foundation's Process notices its child's exit, and hang it.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: asRoot ? "/usr/sbin/runuser" : binary)
        process.arguments = (asRoot ? ["-u", "postgres", "--", binary] : []) + ["\(folder)/pgbouncer.ini"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let bouncer = PgBouncer(socketDirectory: folder, port: port)
        defer {
            if let text = try? String(contentsOfFile: "\(folder)/pgbouncer.pid", encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                // SIGKILL: the pooler holds nothing worth a clean shutdown, and it inherits the
                // test process's blocked signals (SIGTERM among them).
                kill(pid, SIGKILL)
            } else {
                process.terminate()
            }
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: folder)
        }
        var ready = false
        for _ in 0..<100 {
            if FileManager.default.fileExists(atPath: "\(folder)/.s.PGSQL.\(port)") { ready = true; break }
            if !process.isRunning { break }
            usleep(50_000)
        }
        guard ready else {
            throw Failure.startFailed(
                (try? String(contentsOfFile: "\(folder)/pgbouncer.log", encoding: .utf8)) ?? "no log")
        }
        return try body(bouncer)
    }

    static func shell(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
