import Foundation

/// filmwg-bench: the benchmark's own tool (scripts/bench drives it).
///
///   filmwg-bench generate --companies N --seed S --out DIR [--no-per-event-files]
///   filmwg-bench driver --reads N --inserts N [--seed S] [--database CONNINFO] [--pgbench-dir DIR]
let usage = """
    Usage:
      filmwg-bench generate --companies N --seed S --out DIR [--no-per-event-files]
          Writes a deterministic synthetic data set (same seed and N, same bytes): companies.csv,
          professionals.csv, members.csv, events.csv, attendance.csv, attendance/NNNNNN.csv,
          policies.txt, policies-fallback.sql, job-baseline.sql, job-floor.sql, job-bulk.sql.
      filmwg-bench driver --reads N --inserts N [--seed S] [--database CONNINFO] [--pgbench-dir DIR]
          Times N point reads and N single-row inserts (one transaction), one round trip each and
          in pipeline mode, on tables of schema filmwg_bench (dropped and re-created); writes the
          pgbench scripts of the same statements to DIR.
      The database is --database, else DATABASE_URL, else libpq's PG* variables.

    """

func fail(_ message: String, code: Int32 = 64) -> Never {
    FileHandle.standardError.write(Data("filmwg-bench: \(message)\n".utf8))
    exit(code)
}

/// `--name value` pairs and bare `--flag`s after the subcommand.
func options(_ words: ArraySlice<String>, flags: Set<String>) -> [String: String] {
    var result: [String: String] = [:]
    var rest = words
    while let word = rest.first {
        rest = rest.dropFirst()
        guard word.hasPrefix("--") else { fail("unexpected argument '\(word)'\n\n\(usage)") }
        let name = String(word.dropFirst(2))
        if flags.contains(name) {
            result[name] = "true"
            continue
        }
        guard let value = rest.first else { fail("--\(name) needs a value") }
        result[name] = value
        rest = rest.dropFirst()
    }
    return result
}

func integer(_ options: [String: String], _ name: String, default value: Int? = nil) -> Int {
    guard let text = options[name] else {
        guard let value else { fail("--\(name) is required\n\n\(usage)") }
        return value
    }
    guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number >= 0 else {
        fail("--\(name) must be a whole number >= 0, not '\(text)'")
    }
    return number
}

let arguments = CommandLine.arguments.dropFirst()
do {
    switch arguments.first {
    case "generate":
        let o = options(arguments.dropFirst(), flags: ["no-per-event-files"])
        guard let out = o["out"] else { fail("--out is required\n\n\(usage)") }
        let companies = integer(o, "companies")
        guard companies <= 100_000_000 else { fail("--companies must be at most 100000000 (distinct USCCs)") }
        try Generate.run(
            companies: companies, seed: UInt64(integer(o, "seed", default: 1)), out: out,
            perEventFiles: o["no-per-event-files"] == nil)
    case "driver":
        let o = options(arguments.dropFirst(), flags: [])
        let conninfo = o["database"] ?? ProcessInfo.processInfo.environment["DATABASE_URL"]
        try Driver.run(
            conninfo: conninfo, reads: integer(o, "reads", default: 20_000),
            inserts: integer(o, "inserts", default: 20_000), seed: UInt64(integer(o, "seed", default: 1)),
            pgbenchDir: o["pgbench-dir"])
    case "--help", "help", "-h":
        print(usage, terminator: "")
    default:
        fail(usage)
    }
} catch {
    fail("\(error)", code: 1)
}
