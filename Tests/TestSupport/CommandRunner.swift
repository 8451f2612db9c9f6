public import Foundation

/// Runs the built `filmwg` binary end to end, as users and scripts do.
public struct CommandResult: Sendable, CustomStringConvertible {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    public var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

public enum FilmWGBinary {
    /// The `filmwg` built beside the test bundle (same build folder and configuration).
    public static var url: URL {
        let exe = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0])
        return exe.deletingLastPathComponent().appendingPathComponent("filmwg")
    }

    /// Runs `filmwg ARGS` with `DATABASE_URL` pointing at `database` (when given), the caller's
    /// PG* environment, and optional stdin text. Output goes through files, so a large output
    /// cannot block the child.
    public static func run(
        _ arguments: [String], database: TestDatabase? = nil, environment extra: [String: String] = [:],
        stdin: String? = nil, executable: URL? = nil, directory: URL? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable ?? url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FILMWG_ACTOR"] = "cli-test"
        if let database { environment["DATABASE_URL"] = database.conninfo }
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filmwg-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        let input = folder.appendingPathComponent("in")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        _ = FileManager.default.createFile(atPath: input.path, contents: Data((stdin ?? "").utf8))
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = try FileHandle(forReadingFrom: input)
        try process.run()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}

/// A scratch folder for files a test writes (CSV inputs, rejects files), removed afterwards.
public func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filmwg-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}
