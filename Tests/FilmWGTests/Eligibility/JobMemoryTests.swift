import FilmWG
import Postgres
import TestSupport
import Testing

private typealias F = EligibilityFixture

/// The run's `work_mem`: the job's own default, or the operator's `filmwg.job_work_mem` (set
/// for the database or the role, here for the session), checked before anything is written.
@Suite struct JobMemoryTests {
    /// `work_mem` inside the run's transaction, read while the run works.
    static func workMemDuringRun(_ test: TestDatabase, _ db: Connection) throws -> String? {
        var seen: String?
        try F.job(test, db).run(asOf: F.day("2024-01-01")) { event in
            if case .started = event {
                seen = try? db.query("SELECT current_setting('work_mem')").one().decode(String.self, at: 0)
            }
        }
        return seen
    }

    @Test func aRunUsesTheJobsDefaultOrTheOperatorsSetting() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "A")
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            #expect(try Self.workMemDuringRun(test, db) == EligibilityJob.workMem)
            try db.execute("SELECT set_config(\(EligibilityJob.workMemSetting), '48MB', false)")
            #expect(try Self.workMemDuringRun(test, db) == "48MB")
            // The session's own work_mem is untouched after the run (SET LOCAL).
            #expect(try db.query("SELECT current_setting('work_mem') <> '48MB'").one().decode(Bool.self, at: 0))
        }
    }

    @Test func aSettingPostgreSQLDoesNotTakeStopsTheRunBeforeItStarts() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "A")
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            try db.execute("SELECT set_config(\(EligibilityJob.workMemSetting), 'lots', false)")
            let error = try #require(throws: RecordError.self) { try F.job(test, db).run(asOf: F.day("2024-01-01")) }
            #expect(error.category == .invalid)
            #expect(
                error.sentence
                    == "the setting filmwg.job_work_mem is 'lots', which is not a size of memory work_mem takes (e.g. '64MB'); correct it with ALTER DATABASE … SET filmwg.job_work_mem"
            )
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.job_runs") == 0)
            #expect(db.transactionStatus == .idle)
        }
    }
}
