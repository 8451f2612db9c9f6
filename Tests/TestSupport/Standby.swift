import Foundation

/// A real streaming-replication standby of the test server (pg_basebackup -R), for one test:
/// its data folder and socket beside the test cluster's (gitignored .pgdata/ of the checkout),
/// on `FILMWG_STANDBY_PORT`, else the server's port + 20; stopped and removed afterwards.
/// Needs the test server to be local (PGHOST a socket folder this machine can use).
public struct Standby: Sendable {
    public let socketDirectory: String
    public let port: Int

    public func conninfo(_ database: String) -> String {
        "host=\(socketDirectory) port=\(port) dbname=\(database) user=\(PgBouncer.user)"
    }

    public enum Failure: Error, CustomStringConvertible {
        case notLocal, failed(String)
        public var description: String {
            switch self {
            case .notLocal: "the test server is not a local socket cluster; a standby needs one"
            case .failed(let step): "the standby could not be made: \(step)"
            }
        }
    }

    public static func with<T>(_ body: (Standby) throws -> T) throws -> T {
        let environment = ProcessInfo.processInfo.environment
        guard let host = environment["PGHOST"], host.hasPrefix("/"), let bin = Spawn.serverBin else {
            throw Failure.notLocal
        }
        let primaryPort = Int(environment["PGPORT"] ?? "") ?? 5432
        let port = Int(environment["FILMWG_STANDBY_PORT"] ?? "") ?? primaryPort + 20
        let base = URL(fileURLWithPath: host).deletingLastPathComponent().path + "/standby-\(port)"
        let data = base + "/data"
        _ = Spawn.asServerUser(["rm", "-rf", base])
        guard Spawn.asServerUser(["mkdir", "-p", base]) == 0 else { throw Failure.failed("mkdir \(base)") }
        defer {
            _ = Spawn.asServerUser(["\(bin)/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"])
            _ = Spawn.asServerUser(["rm", "-rf", base])
        }
        let copied = Spawn.asServerUser([
            "\(bin)/pg_basebackup", "-h", host, "-p", String(primaryPort), "-U", PgBouncer.user,
            "-D", data, "-R", "-X", "stream", "-c", "fast",
        ])
        guard copied == 0 else { throw Failure.failed("pg_basebackup exited \(copied)") }
        let started = Spawn.asServerUser([
            "\(bin)/pg_ctl", "-D", data, "-l", base + "/server.log", "-w", "-t", "60",
            "-o",
            "-k \(base) -p \(port) -c listen_addresses='' -c shared_buffers=32MB -c max_connections=200 -c hot_standby=on",
            "start",
        ])
        guard started == 0 else {
            throw Failure.failed(
                "pg_ctl start exited \(started): "
                    + ((try? String(contentsOfFile: base + "/server.log", encoding: .utf8)) ?? ""))
        }
        return try body(Standby(socketDirectory: base, port: port))
    }
}
