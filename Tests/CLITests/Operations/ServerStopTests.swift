import Foundation
import Postgres
import TestSupport
import Testing

/// The server stopped as by a crash (`pg_ctl stop -m immediate`) mid-import and mid-job, on a
/// cluster of the test's own: exit 69 with one sentence, nothing committed lost, nothing
/// half-written.
@Suite(.serialized) struct ServerStopTests {
    static func prepare(_ cluster: ThrowawayCluster) throws -> [String: String] {
        try Connection.connect(cluster.conninfo()).execute("CREATE DATABASE filmwg")
        let environment = ["DATABASE_URL": cluster.conninfo("filmwg")]
        let migrate = try FilmWGBinary.run(["db", "migrate"], environment: environment)
        #expect(migrate.status == 0, "\(migrate)")
        let kept = try FilmWGBinary.run(
            ["company", "add", "--name", "Committed Before", "--kind", "production", "--employees", "80"],
            environment: environment)
        #expect(kept.status == 0, "\(kept)")
        return environment
    }

    static func launch(_ arguments: [String], environment extra: [String: String], folder: URL) throws -> (Process, URL)
    {
        let process = Process()
        process.executableURL = FilmWGBinary.url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FILMWG_ACTOR"] = "cli-test"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let err = folder.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    /// Waits until a filmwg session of the cluster runs a statement matching `wait`.
    static func busy(_ cluster: ThrowawayCluster, waitEvent: String? = nil) throws -> Bool {
        let observer = try Connection.connect(cluster.conninfo())
        defer { observer.close() }
        for _ in 0..<600 {
            let count = try observer.query(
                """
                SELECT count(*) FROM pg_catalog.pg_stat_activity
                 WHERE application_name = 'filmwg (cli-test)' AND state = 'active'
                   AND (\(waitEvent)::text IS NULL OR wait_event = \(waitEvent))
                """
            ).one().decode(Int.self, at: 0)
            if count > 0 { return true }
            usleep(20_000)
        }
        return false
    }

    static func lastLine(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test func aServerStoppedDuringAnImportLosesNothingCommittedAndWritesNothingHalf() throws {
        try ThrowawayCluster.with { cluster in
            let environment = try Self.prepare(cluster)
            try withTemporaryDirectory { folder in
                let csv = folder.appendingPathComponent("many.csv")
                var text = "name,kind,employees\n"
                for n in 1...60_000 { text += "Imported \(n),production,\(n % 500)\n" }
                try text.write(to: csv, atomically: true, encoding: .utf8)
                let (importer, err) = try Self.launch(
                    ["company", "import", csv.path], environment: environment, folder: folder)
                #expect(try Self.busy(cluster))
                cluster.stopImmediately()
                importer.waitUntilExit()
                let stderr = try String(contentsOf: err, encoding: .utf8)
                #expect(importer.terminationStatus == 69, "\(stderr)")
                let line = try Self.lastLine(err)
                #expect(line.hasPrefix("filmwg: the connection to the database was lost"), "\(line)")
                #expect(!stderr.contains("Fatal"))
                try cluster.start()
                let names = try Connection.connect(cluster.conninfo("filmwg")).query(
                    "SELECT name FROM filmwg.companies ORDER BY id"
                )
                .map { try $0.decode(String.self, at: 0) }
                #expect(names == ["Committed Before"])
            }
        }
    }

    @Test func aServerStoppedDuringTheJobKeepsNoHalfRunAndTheNextRunMarksItAbandoned() throws {
        try ThrowawayCluster.with { cluster in
            let environment = try Self.prepare(cluster)
            let policy = try FilmWGBinary.run(
                [
                    "policy", "add", "--code", "big", "--title", "Big", "--rule", "employees >= 50", "--valid-from",
                    "2017-05-20",
                ],
                environment: environment)
            #expect(policy.status == 0, "\(policy)")
            try Connection.connect(cluster.conninfo("filmwg")).executeScript(unsafeSQL: SignalTests.slowFinish)
            try withTemporaryDirectory { folder in
                let (job, err) = try Self.launch(
                    ["eligibility", "run", "--as-of", "2024-06-01"], environment: environment, folder: folder)
                #expect(try Self.busy(cluster, waitEvent: "PgSleep"))
                cluster.stopImmediately()
                job.waitUntilExit()
                let stderr = try String(contentsOf: err, encoding: .utf8)
                #expect(job.terminationStatus == 69, "\(stderr)")
                let line = try Self.lastLine(err)
                #expect(line.hasPrefix("filmwg: "), "\(line)")
                #expect(
                    line.contains("nothing of it was kept") || line.contains("connection to the database was lost"),
                    "\(line)")
                try cluster.start()
                let db = try Connection.connect(cluster.conninfo("filmwg"))
                #expect(
                    try db.query("SELECT to_regclass('filmwg.determinations_1') IS NULL").one().decode(Bool.self, at: 0)
                )
                #expect(try db.query("SELECT count(*) FROM filmwg.determinations").one().decode(Int.self, at: 0) == 0)
                #expect(try db.query("SELECT count(*) FROM filmwg.companies").one().decode(Int.self, at: 0) == 1)
                try db.execute("DELETE FROM public.slow_job")
                let next = try FilmWGBinary.run(
                    ["eligibility", "run", "--as-of", "2024-06-01", "--format", "json"], environment: environment)
                #expect(next.status == 0, "\(next)")
                #expect(next.stdout.contains(#""abandoned_runs": 1"#), "\(next)")
                #expect(next.stdout.contains(#""eligible": 1"#), "\(next)")
            }
        }
    }
}
