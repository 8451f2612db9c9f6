import Foundation
import Postgres

/// A PostgreSQL cluster of its own for one test that stops the server (`pg_ctl stop -m
/// immediate`), so the shared test cluster is never killed. initdb into a short folder under
/// /tmp (socket paths stay under 100 bytes), port `FILMWG_FAULT_PORT`, else the test server's
/// port + 30; run as the postgres user when the tests run as root; removed afterwards.
public final class ThrowawayCluster: Sendable {
    public let folder: String
    public let port: Int
    let bin: String

    public var data: String { folder + "/data" }

    /// libpq conninfo for `database` on this cluster.
    public func conninfo(_ database: String = "postgres") -> String {
        "host=\(folder) port=\(port) dbname=\(database) user=postgres"
    }

    init(folder: String, port: Int, bin: String) {
        self.folder = folder
        self.port = port
        self.bin = bin
    }

    public enum Failure: Error, CustomStringConvertible {
        case noServer, failed(String)
        public var description: String {
            switch self {
            case .noServer: "the PostgreSQL server binaries are not installed; run scripts/setup"
            case .failed(let step): "the throwaway cluster could not be made: \(step)"
            }
        }
    }

    public static func with<T>(_ body: (ThrowawayCluster) throws -> T) throws -> T {
        guard let bin = Spawn.serverBin else { throw Failure.noServer }
        let environment = ProcessInfo.processInfo.environment
        let port = Int(environment["FILMWG_FAULT_PORT"] ?? "") ?? (Int(environment["PGPORT"] ?? "") ?? 5432) + 30
        let folder = "/tmp/fwtc-\(port)"
        _ = Spawn.asServerUser(["rm", "-rf", folder])
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if getuid() == 0 {
            // The postgres user owns the folder (as scripts/pg-local arranges).
            let status = Spawn.asRoot(["chown", "postgres:", folder])
            guard status == 0 else { throw Failure.failed("chown \(folder)") }
        }
        let cluster = ThrowawayCluster(folder: folder, port: port, bin: bin)
        defer {
            _ = Spawn.asServerUser(["\(bin)/pg_ctl", "-D", cluster.data, "-m", "immediate", "-w", "stop"])
            _ = Spawn.asServerUser(["rm", "-rf", folder])
        }
        let made = Spawn.asServerUser([
            "\(bin)/initdb", "-D", cluster.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
        ])
        guard made == 0 else { throw Failure.failed("initdb exited \(made)") }
        try cluster.start()
        return try body(cluster)
    }

    public func start() throws {
        let started = Spawn.asServerUser([
            "\(bin)/pg_ctl", "-D", data, "-l", folder + "/server.log", "-w", "-t", "60",
            "-o", "-k \(folder) -p \(port) -c listen_addresses='' -c shared_buffers=32MB -c fsync=off", "start",
        ])
        guard started == 0 else { throw Failure.failed("pg_ctl start exited \(started)") }
    }

    /// Stops the server as a crash would: no checkpoint, every session cut.
    public func stopImmediately() {
        _ = Spawn.asServerUser(["\(bin)/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"])
    }
}

extension Spawn {
    /// Runs a command as the current user (root), with the same descriptor hygiene.
    public static func asRoot(_ arguments: [String]) -> Int32 {
        let saved = getuid()
        guard saved == 0 else { return asServerUser(arguments) }
        return runDirect(arguments)
    }
}
