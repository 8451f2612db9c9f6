import Foundation
import Postgres

/// `filmwg-bench driver --reads N --inserts N [--pgbench-dir DIR]`: the driver's round-trip
/// speed, measured on tables of its own (schema `filmwg_bench`), and the pgbench scripts that
/// run the very same statements for the baseline.
///
/// Workloads:
/// - reads: N point reads by primary key (`SELECT id, name, amount … WHERE id = $1`, ids uniform
///   over the table's N rows), each its own round trip through `Connection.query`, every row
///   decoded into Swift values (Int64, String, Decimal);
/// - inserts: N single-row `INSERT … VALUES ($1, $2)` in one transaction, one round trip each;
/// - the same two batches through `Connection.pipeline` (segments of 256 with a sync point
///   each; inserts inside one transaction).
enum Driver {
    static let readSQL = "SELECT id, name, amount FROM filmwg_bench.items WHERE id = "
    static let segment = 256

    struct Measurement {
        let name: String
        let operations: Int
        let seconds: Double
        /// CPU time of this process (user + system) during the workload.
        let cpuSeconds: Double
        var rate: Double { Double(operations) / seconds }
    }

    static func run(conninfo: String?, reads: Int, inserts: Int, seed: UInt64, pgbenchDir: String?) throws {
        let db = try Connection.connect(conninfo, applicationName: "filmwg-bench driver")
        defer { db.close() }
        try setUp(db, rows: reads)
        if let pgbenchDir { try writePgbenchScripts(to: pgbenchDir, reads: reads, inserts: inserts) }

        var results: [Measurement] = []
        var r = Random(seed: seed, stream: .driver, index: 0)
        let readIDs = (0..<reads).map { _ in Int64(r.int(1...max(1, reads))) }
        let keys = (0..<inserts).map { _ in Int64(r.int(1...1_000_000_000)) }

        // Warm the statement cache and the table the same way pgbench's first transactions do.
        for id in readIDs.prefix(100) {
            _ = try db.query("SELECT id, name, amount FROM filmwg_bench.items WHERE id = \(id)")
        }

        results.append(
            try measure("reads, one round trip each", reads) {
                var checksum: Int64 = 0
                for id in readIDs {
                    let row = try db.query("SELECT id, name, amount FROM filmwg_bench.items WHERE id = \(id)").one()
                    let (key, name, amount) = try row.decode((Int64, String, Decimal).self)
                    checksum &+= key &+ Int64(name.utf8.count) &+ (amount > 0 ? 1 : 0)
                }
                guard checksum != 0 || reads == 0 else { throw BenchError("reads returned nothing") }
            })
        results.append(
            try measure("inserts in one transaction, one round trip each", inserts) {
                try db.transaction { tx in
                    for key in keys {
                        try tx.execute("INSERT INTO filmwg_bench.inserts (k, note) VALUES (\(key), \("driver"))")
                    }
                }
            })
        results.append(
            try measure("reads, pipeline mode", reads) {
                let queries: [Query] = readIDs.map {
                    "SELECT id, name, amount FROM filmwg_bench.items WHERE id = \($0)"
                }
                var checksum: Int64 = 0
                for rows in try db.pipeline(queries, segmentSize: segment) {
                    let (key, name, amount) = try rows.one().decode((Int64, String, Decimal).self)
                    checksum &+= key &+ Int64(name.utf8.count) &+ (amount > 0 ? 1 : 0)
                }
                guard checksum != 0 || reads == 0 else { throw BenchError("reads returned nothing") }
            })
        results.append(
            try measure("inserts in one transaction, pipeline mode", inserts) {
                try db.transaction { tx in
                    let queries: [Query] = keys.map {
                        "INSERT INTO filmwg_bench.inserts (k, note) VALUES (\($0), \("driver-pipeline"))"
                    }
                    let written = try tx.pipeline(queries, segmentSize: segment).reduce(0) { $0 + $1.affectedRows }
                    guard written == inserts else {
                        throw BenchError("pipeline inserted \(written) rows, not \(inserts)")
                    }
                }
            })

        let stored = try db.query("SELECT count(*) FROM filmwg_bench.inserts").one().decode(Int.self, at: 0)
        guard stored == 2 * inserts else { throw BenchError("expected \(2 * inserts) inserted rows, found \(stored)") }

        for m in results {
            let cpu = m.operations > 0 ? m.cpuSeconds * 1e6 / Double(m.operations) : 0
            print(
                "\(m.name): \(m.operations) in \(String(format: "%.3f", m.seconds)) s = \(Int(m.rate.rounded())) ops/s, client CPU \(String(format: "%.1f", cpu)) µs/op"
            )
        }
        // Machine-readable lines for scripts/bench.
        let keysOut = ["reads", "inserts", "pipeline_reads", "pipeline_inserts"]
        for (key, m) in zip(keysOut, results) { print("RESULT \(key) \(Int(m.rate.rounded()))") }
    }

    static func measure(_ name: String, _ operations: Int, _ body: () throws -> Void) throws -> Measurement {
        let cpuStart = cpuTime()
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Measurement(
            name: name, operations: operations, seconds: max(seconds, 1e-9), cpuSeconds: cpuTime() - cpuStart)
    }

    /// User + system CPU seconds of this process so far.
    static func cpuTime() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func setUp(_ db: Connection, rows: Int) throws {
        try db.execute("CREATE SCHEMA IF NOT EXISTS filmwg_bench")
        try db.execute("DROP TABLE IF EXISTS filmwg_bench.items, filmwg_bench.inserts")
        try db.execute(
            """
            CREATE TABLE filmwg_bench.items (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(20,2) NOT NULL)
            """)
        try db.execute(
            """
            INSERT INTO filmwg_bench.items
            SELECT g, 'company ' || g, g * 1000.50 FROM generate_series(1, \(max(1, rows))::bigint) AS g
            """)
        try db.execute(
            """
            CREATE TABLE filmwg_bench.inserts (
                id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, k bigint NOT NULL, note text NOT NULL)
            """)
        try db.execute("VACUUM ANALYZE filmwg_bench.items")
    }

    /// Statements per pgbench transaction in the batch scripts. pgbench cannot keep a transaction
    /// open across script runs, and parses a script in time that grows faster than its length,
    /// so the driver's single transaction of N inserts is matched by transactions of 1,024.
    static let pgbenchBatch = 1024

    /// pgbench scripts running the driver's statements (same SQL text, same parameters, prepared):
    /// - reads.sql: one read per pgbench transaction (run `-t N`), as the driver's autocommit reads;
    /// - inserts.sql: BEGIN, 1,024 inserts, COMMIT;
    /// - reads-pipeline.sql: 1,024 reads in 4 pipeline segments of 256 (`\startpipeline` …
    ///   `\endpipeline`, a sync point each), as `Connection.pipeline` sends them;
    /// - inserts-pipeline.sql: BEGIN, 1,024 inserts in 4 pipeline segments, COMMIT.
    /// Run the batch scripts with `-t` = batches + 1 and leave out the first transaction, which
    /// prepares the statements.
    static func writePgbenchScripts(to dir: String, reads: Int, inserts: Int) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }
        let n = max(1, reads)
        let read = "\\set id random(1, \(n))\nSELECT id, name, amount FROM filmwg_bench.items WHERE id = :id;\n"
        let insert = "\\set k random(1, 1000000000)\nINSERT INTO filmwg_bench.inserts (k, note) VALUES (:k, :note);\n"
        func pipelined(_ statement: String) -> String {
            var text = ""
            for _ in 0..<(pgbenchBatch / segment) {
                text += "\\startpipeline\n" + String(repeating: statement, count: segment) + "\\endpipeline\n"
            }
            return text
        }
        try writeText(read, to: path("reads.sql"))
        try writeText(
            "BEGIN;\n" + String(repeating: insert, count: pgbenchBatch) + "COMMIT;\n", to: path("inserts.sql"))
        try writeText(pipelined(read), to: path("reads-pipeline.sql"))
        try writeText("BEGIN;\n" + pipelined(insert) + "COMMIT;\n", to: path("inserts-pipeline.sql"))
    }
}
