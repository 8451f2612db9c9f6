import Foundation
import Postgres
import TestSupport
import Testing

/// SIGINT / SIGTERM cancel the server's statement, roll back, mark the run failed and free the
/// lock; a SIGKILLed run's statement ends by itself and the next run marks it abandoned.
@Suite struct SignalTests {
    static let fixture = """
        INSERT INTO filmwg.companies (uscc, name, kind, registered_in_zone, registered_capital, founded_on, employees)
        VALUES ('91110116MA00YQ001M', 'Yanqi Lake Pictures', 'production', true, 10000000, '2015-06-18', 85),
               ('91110108MA00YM003K', 'Cloudscreen', 'internet_platform', false, 50000000, '2012-01-09', 400);
        """

    /// The test hook, in the test's database only: the job's last statement in its transaction
    /// (the run row's update to `succeeded`, after its determinations table is written) first
    /// sleeps for as many seconds as `public.slow_job` says.
    static let slowFinish = """
        CREATE TABLE public.slow_job (seconds float8);
        INSERT INTO public.slow_job VALUES (60);
        CREATE FUNCTION public.slow_finish() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.status = 'succeeded' THEN
            PERFORM pg_sleep(coalesce((SELECT max(seconds) FROM public.slow_job), 0));
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER slow_finish BEFORE UPDATE ON filmwg.job_runs
            FOR EACH ROW EXECUTE FUNCTION public.slow_finish();
        """

    static func prepare(_ db: TestDatabase) throws {
        try db.connectRaw().executeScript(unsafeSQL: fixture)
        let added = try FilmWGBinary.run(
            [
                "policy", "add", "--code", "big-staff", "--title", "Big staff", "--rule", "employees >= 50",
                "--valid-from", "2017-05-20",
            ], database: db)
        #expect(added.status == 0, "\(added)")
        try db.connectRaw().executeScript(unsafeSQL: slowFinish)
    }

    static func launch(_ arguments: [String], database db: TestDatabase, folder: URL) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = FilmWGBinary.url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FILMWG_ACTOR"] = "cli-test"
        environment["DATABASE_URL"] = db.conninfo
        process.environment = environment
        let err = folder.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    /// The backend running the job's slow statement, once it runs.
    static func sleepingBackend(_ observer: Connection, _ db: TestDatabase) throws -> Int32? {
        for _ in 0..<600 {
            if let pid = try observer.query(
                """
                SELECT pid FROM pg_catalog.pg_stat_activity
                 WHERE datname = \(db.name) AND state = 'active' AND wait_event = 'PgSleep'
                """
            ).optional()?.decode(Int32.self, at: 0) {
                return pid
            }
            usleep(50_000)
        }
        return nil
    }

    /// Seconds until `backend` no longer runs a statement, or nil after `limit` seconds.
    static func secondsUntilIdle(_ observer: Connection, _ backend: Int32, limit: Double) throws -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < limit {
            let active = try observer.query(
                "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE pid = \(backend) AND state = 'active'"
            ).one().decode(Int.self, at: 0)
            if active == 0 { return Date().timeIntervalSince(start) }
            usleep(20_000)
        }
        return nil
    }

    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func aSignalDuringTheJobCancelsItsStatementMarksTheRunFailedAndFreesTheLock(
        signal: Int32, code: Int32, name: String
    ) throws {
        try TestDatabase.with { db in
            try Self.prepare(db)
            try withTemporaryDirectory { folder in
                let (job, err) = try Self.launch(
                    ["eligibility", "run", "--as-of", "2024-06-01"], database: db, folder: folder)
                let observer = try db.connectRaw()
                let backend = try #require(try Self.sleepingBackend(observer, db))
                kill(job.processIdentifier, signal)
                let seconds = try Self.secondsUntilIdle(observer, backend, limit: 2)
                #expect(seconds != nil, "the server statement still ran 2 s after \(name)")
                job.waitUntilExit()
                #expect(job.terminationStatus == code)
                let stderr = try String(contentsOf: err, encoding: .utf8)
                #expect(
                    stderr.hasSuffix(
                        "filmwg: interrupted by \(name); run 1 was cancelled and marked failed; nothing of it was kept\n"
                    ), "\(stderr)")
                let (status, error) = try observer.query("SELECT status, error FROM filmwg.job_runs WHERE id = 1")
                    .one().decode((String, String?).self)
                #expect(status == "failed")
                #expect(error == "interrupted by \(name); the run was cancelled and nothing of it was kept")
                #expect(
                    try observer.query("SELECT pg_try_advisory_lock(7379548681833742337)").one().decode(
                        Bool.self, at: 0))
                try observer.execute("SELECT pg_advisory_unlock(7379548681833742337)")
                #expect(
                    try observer.query("SELECT to_regclass('filmwg.determinations_1') IS NULL").one().decode(
                        Bool.self, at: 0))
                #expect(
                    try observer.query("SELECT count(*) FROM filmwg.determinations").one().decode(Int.self, at: 0) == 0)
            }
        }
    }

    @Test func aKilledJobsStatementEndsWithinSecondsAndTheNextRunMarksItAbandoned() throws {
        try TestDatabase.with { db in
            try Self.prepare(db)
            try withTemporaryDirectory { folder in
                let (job, _) = try Self.launch(
                    ["eligibility", "run", "--as-of", "2024-06-01"], database: db, folder: folder)
                let observer = try db.connectRaw()
                let backend = try #require(try Self.sleepingBackend(observer, db))
                kill(job.processIdentifier, SIGKILL)
                job.waitUntilExit()
                // client_connection_check_interval (2 s) ends the statement of a dead client.
                let seconds = try Self.secondsUntilIdle(observer, backend, limit: 10)
                #expect(seconds != nil && seconds! < 6, "the dead client's statement ran on for \(seconds ?? 10) s")
                try observer.execute("DELETE FROM public.slow_job")
                let next = try FilmWGBinary.run(
                    ["eligibility", "run", "--as-of", "2024-06-01", "--format", "json"], database: db)
                #expect(next.status == 0, "\(next)")
                #expect(next.stdout.contains(#""abandoned_runs": 1"#))
                let statuses = try observer.query("SELECT status FROM filmwg.job_runs ORDER BY id").map {
                    try $0.decode(String.self, at: 0)
                }
                #expect(statuses == ["abandoned", "succeeded"])
                #expect(
                    try observer.query("SELECT to_regclass('filmwg.determinations_1') IS NULL").one().decode(
                        Bool.self, at: 0))
            }
        }
    }
}
