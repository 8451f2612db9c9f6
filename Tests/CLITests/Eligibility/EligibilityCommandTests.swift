import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct EligibilityCommandTests {
    /// Three companies, one membership, one event attended, two policies.
    static let fixture = """
        INSERT INTO filmwg.companies (uscc, name, name_zh, kind, registered_in_zone, registered_capital, founded_on, employees)
        VALUES ('91110116MA00YQ001M', 'Yanqi Lake Pictures', '雁栖湖影业', 'production', true, 10000000, '2015-06-18', 85),
               ('91110116MA01HL002R', 'Hongluo Post', NULL, 'post_production', true, NULL, '2018-08-01', 22),
               ('91110108MA00YM003K', 'Cloudscreen', NULL, 'internet_platform', false, 50000000, '2012-01-09', 400);
        INSERT INTO filmwg.memberships (company_id, tier, period)
        SELECT id, 'initiating', daterange('2017-05-20', NULL) FROM filmwg.companies WHERE uscc = '91110116MA00YQ001M';
        """

    static let fundRule =
        "registered_in_zone and registered_capital >= 5000000 and member_tier in ('initiating', 'member')"

    func prepare(_ db: TestDatabase) throws {
        try db.connectRaw().executeScript(unsafeSQL: Self.fixture)
        for (code, rule) in [("film-fund", Self.fundRule), ("big-staff", "employees >= 50")] {
            let added = try FilmWGBinary.run(
                ["policy", "add", "--code", code, "--title", code, "--rule", rule, "--valid-from", "2017-05-20"],
                database: db)
            #expect(added.status == 0, "\(added)")
        }
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func count(_ db: TestDatabase, _ sql: Query) throws -> Int {
        try db.connectRaw().query(sql).one().decode(Int.self, at: 0)
    }

    /// Starts `filmwg ARGS` without waiting for it, its stderr to a file.
    func launch(_ arguments: [String], database db: TestDatabase, folder: URL) throws -> (Process, URL) {
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

    /// The backend of a `filmwg` process that waits for a lock in `db`.
    func blockedBackend(_ observer: Connection, _ db: TestDatabase) throws -> Int32? {
        for _ in 0..<600 {
            if let pid = try observer.query(
                """
                SELECT pid FROM pg_catalog.pg_stat_activity
                 WHERE datname = \(db.name) AND application_name = 'filmwg (cli-test)' AND wait_event_type = 'Lock'
                """
            ).optional()?.decode(Int32.self, at: 0) {
                return pid
            }
            usleep(50_000)
        }
        return nil
    }

    @Test func runThenListAndExplainGiveTheDecisionAndEveryCriterion() throws {
        try TestDatabase.with { db in
            try prepare(db)
            let run = try FilmWGBinary.run(
                ["eligibility", "run", "--as-of", "2024-06-01", "--format", "json"], database: db)
            #expect(run.status == 0, "\(run)")
            let summary = try #require(try json(run.stdout) as? [String: Any])
            #expect(summary["as_of"] as? String == "2024-06-01")
            #expect(summary["companies"] as? Int == 3)
            #expect(summary["determinations"] as? Int == 6)
            #expect(summary["eligible"] as? Int == 3)
            #expect(summary["newly_eligible"] as? Int == 3)
            #expect(
                (summary["policies"] as? [[String: Any]])?.map { $0["policy"] as? String } == [
                    "big-staff", "film-fund",
                ])

            let list = try FilmWGBinary.run(
                ["eligibility", "list", "--policy", "film-fund", "--format", "json"], database: db)
            #expect(list.status == 0, "\(list)")
            let rows = try #require(try json(list.stdout) as? [[String: Any]])
            #expect(rows.count == 3)
            for key in ["company_id", "uscc", "name", "policy", "version", "as_of", "eligible"] {
                #expect(rows.allSatisfy { $0[key] != nil }, "\(key)")
            }
            #expect(rows.map { $0["eligible"] as? Bool } == [true, false, false])
            #expect(rows[0]["uscc"] as? String == "91110116MA00YQ001M" && rows[0]["policy"] as? String == "film-fund")

            let eligible = try FilmWGBinary.run(
                ["eligibility", "list", "--policy", "big-staff", "--eligible", "--format", "csv"], database: db)
            #expect(eligible.stdout.split(separator: "\n").count == 3)
            let ineligible = try FilmWGBinary.run(
                ["eligibility", "list", "--policy", "big-staff", "--ineligible", "--format", "csv"], database: db)
            #expect(ineligible.stdout.split(separator: "\n").dropFirst().map { $0.contains("Hongluo Post") } == [true])

            let explain = try FilmWGBinary.run(
                [
                    "eligibility", "explain", "--company", "91110116MA01HL002R", "--policy", "film-fund", "--format",
                    "json",
                ], database: db)
            #expect(explain.status == 0, "\(explain)")
            let why = try #require(try json(explain.stdout) as? [String: Any])
            #expect(why["eligible"] as? Bool == false)
            #expect(
                why["version"] as? Int == 1 && why["as_of"] as? String == "2024-06-01"
                    && why["name"] as? String == "Hongluo Post")
            let criteria = try #require(why["criteria"] as? [[String: Any]])
            #expect(
                criteria.map { $0["criterion"] as? String } == [
                    "registered_in_zone", "registered_capital >= 5000000", "member_tier in ('initiating', 'member')",
                ])
            #expect(criteria[0]["value"] as? Bool == true)
            #expect(criteria[1]["value"] is NSNull)
            #expect(criteria[2]["value"] is NSNull)

            let byId = try FilmWGBinary.run(
                ["eligibility", "explain", "--company", "1", "--policy", "film-fund"], database: db)
            #expect(byId.status == 0)
            #expect(byId.stdout.contains("registered_capital >= 5000000"))
            #expect(byId.stdout.contains("eligible       true"))
        }
    }

    /// An operator's `filmwg.job_work_mem` that PostgreSQL does not take: one sentence, exit 65,
    /// no run row; a good one runs.
    @Test func aBadJobWorkMemSettingExits65WithOneSentence() throws {
        try TestDatabase.with { db in
            try prepare(db)
            let bad = try FilmWGBinary.run(
                ["eligibility", "run", "--as-of", "2024-06-01"], database: db,
                environment: ["PGOPTIONS": "-c filmwg.job_work_mem=lots"])
            #expect(bad.status == 65, "\(bad)")
            #expect(
                bad.stderr.hasSuffix(
                    "filmwg: the setting filmwg.job_work_mem is 'lots', which is not a size of memory work_mem takes (e.g. '64MB'); correct it with ALTER DATABASE … SET filmwg.job_work_mem\n"
                ), "\(bad)")
            #expect(
                try db.connectRaw().query("SELECT count(*) FROM filmwg.job_runs").one().decode(Int.self, at: 0) == 0)
            let good = try FilmWGBinary.run(
                ["eligibility", "run", "--as-of", "2024-06-01"], database: db,
                environment: ["PGOPTIONS": "-c filmwg.job_work_mem=32MB"])
            #expect(good.status == 0, "\(good)")
        }
    }

    @Test func explainBeforeAnyRunSaysWhatToRun() throws {
        try TestDatabase.with { db in
            try prepare(db)
            let none = try FilmWGBinary.run(
                ["eligibility", "explain", "--company", "1", "--policy", "film-fund"], database: db)
            #expect(none.status == 1)
            #expect(none.stderr == "filmwg: no eligibility run has succeeded yet; run 'filmwg eligibility run' first\n")
            #expect(try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-01"], database: db).status == 0)
            let otherDay = try FilmWGBinary.run(
                ["eligibility", "explain", "--company", "1", "--policy", "film-fund", "--as-of", "2024-06-02"],
                database: db)
            #expect(otherDay.stderr.contains("run 'filmwg eligibility run --as-of 2024-06-02' first"))
            try db.connectRaw().execute("INSERT INTO filmwg.companies (name) VALUES ('Newcomer')")
            let newcomer = try FilmWGBinary.run(
                ["eligibility", "explain", "--company", "4", "--policy", "film-fund"], database: db)
            #expect(newcomer.status == 1)
            #expect(newcomer.stderr.contains("has no determination yet for company 4 (Newcomer) and policy film-fund"))
            #expect(newcomer.stderr.contains("run 'filmwg eligibility run'"))
            let unknown = try FilmWGBinary.run(
                ["eligibility", "explain", "--company", "91110116MA00YQ0010", "--policy", "film-fund"], database: db)
            #expect(unknown.status == 1)
        }
    }

    @Test func twoRunsAtOnceOneRunsTheOtherExits75AndNothingIsDuplicated() throws {
        try TestDatabase.with { db in
            try prepare(db)
            try withTemporaryDirectory { folder in
                let blocker = try db.connectRaw()
                try blocker.execute("BEGIN")
                try blocker.execute("LOCK TABLE filmwg.memberships IN ACCESS EXCLUSIVE MODE")
                let (first, _) = try launch(
                    ["eligibility", "run", "--as-of", "2024-06-01"], database: db, folder: folder)
                let observer = try db.connectRaw()
                #expect(try blockedBackend(observer, db) != nil)
                // The first run holds the job's lock and its running row is visible.
                #expect(try count(db, "SELECT count(*) FROM filmwg.job_runs WHERE status = 'running'") == 1)

                let second = try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-01"], database: db)
                #expect(second.status == 75)
                #expect(
                    second.stderr.hasSuffix(
                        "filmwg: another eligibility run is in progress; try again when it has finished\n"))

                try blocker.execute("COMMIT")
                first.waitUntilExit()
                #expect(first.terminationStatus == 0)
                #expect(try count(db, "SELECT count(*) FROM filmwg.job_runs") == 1)
                #expect(try count(db, "SELECT count(*) FROM filmwg.determinations") == 6)
                #expect(
                    try count(db, "SELECT count(DISTINCT (policy_version_id, company_id)) FROM filmwg.determinations")
                        == 6)
            }
        }
    }

    /// The process dies (SIGKILL) while its run waits for a lock, and its session is then
    /// terminated: the run row stays `running` with a dead session, and the next run marks it
    /// `abandoned` and completes.
    @Test func aRunWhoseProcessAndSessionDieIsMarkedAbandonedByTheNextRun() throws {
        try TestDatabase.with { db in
            try prepare(db)
            try withTemporaryDirectory { folder in
                let blocker = try db.connectRaw()
                try blocker.execute("BEGIN")
                try blocker.execute("LOCK TABLE filmwg.memberships IN ACCESS EXCLUSIVE MODE")
                let (victim, _) = try launch(
                    ["eligibility", "run", "--as-of", "2024-06-01"], database: db, folder: folder)
                let observer = try db.connectRaw()
                let backend = try #require(try blockedBackend(observer, db))
                kill(victim.processIdentifier, SIGKILL)
                victim.waitUntilExit()
                try observer.execute("SELECT pg_terminate_backend(\(backend))")
                try blocker.execute("ROLLBACK")
                let gone = (0..<600).contains { _ in
                    let alive =
                        (try? observer.query("SELECT 1 FROM pg_stat_activity WHERE pid = \(backend)").count) ?? 1
                    if alive == 0 { return true }
                    usleep(50_000)
                    return false
                }
                #expect(gone)
                #expect(try count(db, "SELECT count(*) FROM filmwg.job_runs WHERE status = 'running'") == 1)

                let next = try FilmWGBinary.run(
                    ["eligibility", "run", "--as-of", "2024-06-01", "--format", "json"], database: db)
                #expect(next.status == 0, "\(next)")
                let summary = try #require(try json(next.stdout) as? [String: Any])
                #expect(summary["abandoned_runs"] as? Int == 1)
                let statuses = try observer.query("SELECT status FROM filmwg.job_runs ORDER BY id").map {
                    try $0.decode(String.self, at: 0)
                }
                #expect(statuses == ["abandoned", "succeeded"])
                #expect(try count(db, "SELECT count(*) FROM filmwg.determinations") == 6)
            }
        }
    }

    @Test func logsAreOneJSONObjectPerLineOnStderrWhenItIsNotATerminal() throws {
        try TestDatabase.with { db in
            try prepare(db)
            let run = try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-01"], database: db)
            #expect(run.status == 0)
            let events = try run.stderr.split(separator: "\n").map { line in
                try #require(try json(String(line)) as? [String: Any])
            }
            #expect(
                events.map { $0["event"] as? String } == [
                    "eligibility.started", "eligibility.evaluated", "eligibility.evaluated", "eligibility.finished",
                ])
            #expect(events.allSatisfy { $0["time"] is String && $0["level"] as? String == "info" })
            let finished = events[3]
            #expect(
                finished["determinations"] as? Int == 6 && finished["eligible"] as? Int == 3
                    && finished["duration_ms"] is Int)

            // A failure is logged too (then the usual one-sentence error).
            let holder = try db.connectRaw()
            try holder.execute("SELECT pg_advisory_lock(7379548681833742337)")
            let refused = try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-01"], database: db)
            #expect(refused.status == 75)
            let lines = refused.stderr.split(separator: "\n")
            let failed = try #require(try json(String(lines[0])) as? [String: Any])
            #expect(failed["event"] as? String == "eligibility.failed" && failed["level"] as? String == "error")
            #expect(failed["run_id"] is NSNull)
        }
    }

    @Test func aDryRunPrintsTheResultAndKeepsNoDetermination() throws {
        try TestDatabase.with { db in
            try prepare(db)
            let dry = try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-01", "--dry-run"], database: db)
            #expect(dry.status == 0, "\(dry)")
            #expect(dry.stdout.contains("dry_run             true"))
            #expect(dry.stdout.contains("determinations      6"))
            #expect(try count(db, "SELECT count(*) FROM filmwg.determinations") == 0)
            #expect(try count(db, "SELECT count(*) FROM filmwg.job_runs WHERE dry_run AND status = 'succeeded'") == 1)
            let list = try FilmWGBinary.run(["eligibility", "list", "--policy", "film-fund"], database: db)
            #expect(list.status == 1)
            #expect(list.stderr.contains("no eligibility run has succeeded yet"))
        }
    }

    @Test func changesListWhatARunChanged() throws {
        try TestDatabase.with { db in
            try prepare(db)
            #expect(try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-01"], database: db).status == 0)
            let edit = try FilmWGBinary.run(
                ["company", "update", "91110108MA00YM003K", "--employees", "10", "--effective-from", "2024-06-02"],
                database: db)
            #expect(edit.status == 0, "\(edit)")
            #expect(try FilmWGBinary.run(["eligibility", "run", "--as-of", "2024-06-02"], database: db).status == 0)
            let latest = try FilmWGBinary.run(["eligibility", "changes", "--format", "csv"], database: db)
            #expect(latest.status == 0)
            #expect(
                latest.stdout == """
                    run_id,previous_run_id,as_of,policy,version,company_id,uscc,name,name_zh,change
                    2,1,2024-06-02,big-staff,1,3,91110108MA00YM003K,Cloudscreen,,no_longer_eligible

                    """)
            let first = try FilmWGBinary.run(
                ["eligibility", "changes", "--run", "1", "--format", "json"], database: db)
            let rows = try #require(try json(first.stdout) as? [[String: Any]])
            #expect(rows.map { $0["change"] as? String } == ["newly_eligible", "newly_eligible", "newly_eligible"])
            #expect(rows.allSatisfy { $0["previous_run_id"] is NSNull })
            let unknown = try FilmWGBinary.run(["eligibility", "changes", "--run", "99"], database: db)
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "filmwg: there is no eligibility run 99\n")
        }
    }

    @Test func usageMistakesExit64() throws {
        let both = try FilmWGBinary.run(["eligibility", "list", "--policy", "p", "--eligible", "--ineligible"])
        #expect(both.status == 64)
        let date = try FilmWGBinary.run(["eligibility", "run", "--as-of", "yesterday"])
        #expect(date.status == 64)
        #expect(date.stderr.contains("YYYY-MM-DD"))
        for verb in ["run", "explain", "list", "changes"] {
            let help = try FilmWGBinary.run(["eligibility", verb, "--help"])
            #expect(help.status == 0 && help.stdout.contains("Example:\n  filmwg eligibility \(verb)"), "\(verb)")
        }
    }
}
