import Foundation
import Postgres
import TestSupport
import Testing

@testable import FilmWG

/// Honest runs (DESIGN §11): re-running a past day after an edit, backfills, the one previous and
/// current run, comparisons of any two runs, retention and the what-if.
@Suite struct RunHistoryTests {
    typealias F = EligibilityFixture

    /// (policy, company, eligible, criteria) of a run, in a stable order, without ids of versions.
    func answers(_ db: Connection, run: Int64) throws -> [String] {
        try db.query(
            """
            SELECT p.code, d.company_id, d.eligible, d.criteria_values::text
              FROM filmwg.determinations d
              JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
              JOIN filmwg.policies p ON p.id = v.policy_id
             WHERE d.run_id = \(run) ORDER BY 1, 2
            """
        ).map { row in
            let (code, company, eligible, values) = try row.decode((String, Int64, Bool, String).self)
            return "\(code) \(company) \(eligible) \(values)"
        }
    }

    /// Two companies, a policy on the capital and one on employees.
    func prepare(_ test: TestDatabase, _ db: Connection) throws -> (big: Int64, small: Int64) {
        let big = try F.company(db, name: "Big", capital: "10000000.00", employees: 80)
        let small = try F.company(db, name: "Small", capital: "1000000.00", employees: 5)
        try F.policy(db, code: "capital", rule: "registered_in_zone and registered_capital >= 5000000")
        try F.policy(db, code: "staff", rule: "employees >= 50")
        return (big, small)
    }

    func update(_ db: Connection, _ id: Int64, from: String?, _ change: (inout CompanyInput) -> Void, fields: [String])
        throws
    {
        let repository = CompanyRepository(db)
        let company = try repository.find(.id(id))
        var input = company.input
        change(&input)
        try repository.update(
            id: id, to: input, expectVersion: company.rowVersion, effectiveFrom: from.map(F.day), fields: fields)
    }

    @Test func anEditEffectiveTodayLeavesEveryEarlierDayUnchangedOnReRun() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let (_, small) = try prepare(test, db)
            let before = try F.job(test, db).run(asOf: F.day("2025-06-01"))
            let earlier = try F.job(test, db).run(asOf: F.day("2024-01-15"))
            try update(
                db, small, from: nil,
                {
                    $0.registeredCapital = Decimal(string: "9000000.00"); $0.employees = 90
                },
                fields: ["registered_capital", "employees"])
            let after = try F.job(test, db).run(asOf: F.day("2025-06-01"))
            let earlierAfter = try F.job(test, db).run(asOf: F.day("2024-01-15"))
            #expect(try answers(db, run: after.id) == answers(db, run: before.id))
            #expect(try answers(db, run: earlierAfter.id) == answers(db, run: earlier.id))
            // …and a plain UPDATE (psql) is an edit effective today as well.
            try db.execute("UPDATE filmwg.companies SET employees = 1000 WHERE id = \(small)")
            let again = try F.job(test, db).run(asOf: F.day("2025-06-01"))
            #expect(try answers(db, run: again.id) == answers(db, run: before.id))
            // Today it counts.
            let today = try F.job(test, db).run()
            #expect(try answers(db, run: today.id).contains("staff \(small) true {t}"))
        }
    }

    @Test func aBackDatedEditChangesTheAnswersFromItsDayOn() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let (_, small) = try prepare(test, db)
            let dayBefore = try F.job(test, db).run(asOf: F.day("2024-02-29"))
            let onDay = try F.job(test, db).run(asOf: F.day("2024-03-01"))
            try update(db, small, from: "2024-03-01", { $0.employees = 60 }, fields: ["employees"])
            let dayBeforeAgain = try F.job(test, db).run(asOf: F.day("2024-02-29"))
            let onDayAgain = try F.job(test, db).run(asOf: F.day("2024-03-01"))
            #expect(try answers(db, run: dayBeforeAgain.id) == answers(db, run: dayBefore.id))
            #expect(try answers(db, run: onDay.id).contains("staff \(small) false {f}"))
            #expect(try answers(db, run: onDayAgain.id).contains("staff \(small) true {t}"))
            #expect(
                try answers(db, run: onDayAgain.id).filter { !$0.hasPrefix("staff \(small) ") }
                    == answers(db, run: onDay.id).filter { !$0.hasPrefix("staff \(small) ") })
        }
    }

    @Test func aBackfillIsComparedWithItsPredecessorAndNeverBecomesALaterDaysPreviousRun() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let (_, small) = try prepare(test, db)
            let june = try F.job(test, db).run(asOf: F.day("2025-06-10"))
            // Small was bigger in the past: the backfill sees it eligible.
            try update(db, small, from: "2015-06-18", { $0.employees = 70 }, fields: ["employees"])
            try update(db, small, from: "2025-01-01", { $0.employees = 5 }, fields: ["employees"])
            let may2024 = try F.job(test, db).run(asOf: F.day("2024-05-01"))
            #expect(may2024.previousRunId == nil)  // no run for an earlier day
            let april2024 = try F.job(test, db).run(asOf: F.day("2024-04-01"))
            #expect(april2024.previousRunId == nil)
            let mid = try F.job(test, db).run(asOf: F.day("2024-12-01"))
            #expect(mid.previousRunId == may2024.id && mid.changes == 0)
            let next = try F.job(test, db).run(asOf: F.day("2025-06-11"))
            #expect(next.previousRunId == june.id)
            #expect(next.changes == 0)
            let repository = DeterminationRepository(db)
            #expect(try repository.previousRun(of: next.id) == june.id)
            #expect(try repository.previousRun(of: june.id) == mid.id)  // the backfills came later, for earlier days
            #expect(try repository.changes(runId: next.id).changes.isEmpty)
            // Same day: the earlier id.
            let rerun = try F.job(test, db).run(asOf: F.day("2025-06-11"))
            #expect(rerun.previousRunId == next.id)
        }
    }

    @Test func listExplainChangesAndTheReportsAgreeOnTheCurrentRun() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let (big, _) = try prepare(test, db)
            _ = try F.job(test, db).run(asOf: F.day("2025-06-09"))
            let current = try F.job(test, db).run(asOf: F.day("2025-06-10"))
            _ = try F.job(test, db).run(asOf: F.day("2025-06-01"))  // a backfill: higher id, earlier day
            _ = try F.job(test, db).run(asOf: F.day("2025-06-10"), dryRun: true)
            let repository = DeterminationRepository(db)
            #expect(try repository.latestRun().id == current.id)
            #expect(try repository.list(policy: "capital").run.id == current.id)
            #expect(try repository.explain(company: String(big), policy: "capital").determination.runId == current.id)
            #expect(try repository.changes().run.id == current.id)
            let viewRuns = try db.query("SELECT DISTINCT run_id FROM reporting.policy_eligibility_current")
                .map { try $0.decode(Int64.self, at: 0) }
            #expect(viewRuns == [current.id])
            #expect(try db.query("SELECT filmwg.current_run()").one().decode(Int64.self, at: 0) == current.id)
            // With a day: the latest run of that day, in every reader.
            let june1 = try repository.latestRun(asOf: F.day("2025-06-01"))
            let viewJune1 = try db.query(
                "SELECT DISTINCT run_id FROM reporting.policy_eligibility_current_as_of('2025-06-01')"
            )
            .map { try $0.decode(Int64.self, at: 0) }
            #expect(viewJune1 == [june1.id])
            #expect(try repository.list(policy: "capital", asOf: F.day("2025-06-01")).run.id == june1.id)
        }
    }

    @Test func changesBetweenAnyTwoSucceededRunsAndRefusalsOfOthers() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let (_, small) = try prepare(test, db)
            let first = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            try update(db, small, from: "2024-02-01", { $0.employees = 60 }, fields: ["employees"])
            _ = try F.job(test, db).run(asOf: F.day("2024-02-01"))
            try update(
                db, small, from: "2024-03-01", { $0.registeredCapital = Decimal(string: "6000000.00") },
                fields: ["registered_capital"])
            let third = try F.job(test, db).run(asOf: F.day("2024-03-01"))
            let repository = DeterminationRepository(db)
            let (from, to, changes) = try repository.changes(from: first.id, to: third.id)
            #expect(from.id == first.id && to.id == third.id)
            #expect(
                changes.map { "\($0.policy) \($0.company.id) \($0.change)" }.sorted()
                    == ["capital \(small) newly_eligible", "staff \(small) newly_eligible"])
            let back = try repository.changes(from: third.id, to: first.id).changes
            #expect(back.map(\.change) == ["no_longer_eligible", "no_longer_eligible"])
            let dry = try F.job(test, db).run(asOf: F.day("2024-03-02"), dryRun: true)
            let dryError = #expect(throws: RecordError.self) { try repository.changes(from: dry.id, to: third.id) }
            #expect(
                dryError?.sentence
                    == "from_run \(dry.id): run \(dry.id) was a dry run and kept no determinations to compare")
            #expect(dryError?.category == .invalid)
            let failed = try test.connectRaw().query(
                """
                INSERT INTO filmwg.job_runs (job, as_of, status, finished_at, error)
                VALUES ('eligibility', '2024-03-03', 'failed', now(), 'x') RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
            let failedError = #expect(throws: RecordError.self) { try repository.changes(from: failed, to: third.id) }
            #expect(failedError?.sentence.contains("is failed and kept no determinations") == true)
            let unknown = #expect(throws: RecordError.self) { try repository.changes(from: first.id, to: 9999) }
            #expect(unknown?.category == .notFound)
        }
    }

    @Test func pruneKeepsTheNewestRunsAndEveryRunAGrantRestsOn() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let (big, _) = try prepare(test, db)
            let runs = try ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"].map {
                try F.job(test, db).run(asOf: F.day($0))
            }
            // A grant rests on the oldest run's determination.
            try db.execute(
                """
                INSERT INTO filmwg.grants (policy_id, company_id, run_id, policy_version_id, amount, year, applied_on)
                SELECT v.policy_id, \(big), \(runs[0].id), v.id, 1000, 2024, '2024-01-02'
                  FROM filmwg.policy_versions v JOIN filmwg.policies p ON p.id = v.policy_id WHERE p.code = 'capital'
                """)
            let repository = DeterminationRepository(db)
            let plan = try repository.prune(keep: 2, dryRun: true)
            #expect(plan.map(\.runId) == [runs[1].id, runs[0].id])
            #expect(plan.map(\.dropped) == [true, false])
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determinations") == 16)  // nothing dropped yet
            let done = try repository.prune(keep: 2, dryRun: false)
            #expect(done.map(\.determinations) == [4, 4])
            #expect(done.first(where: { !$0.dropped })?.reason == "a grant rests on one of its determinations")
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determinations WHERE run_id = \(runs[1].id)") == 0)
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determinations WHERE run_id = \(runs[0].id)") == 4)
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determinations") == 12)
            #expect(
                try F.count(db, "SELECT count(*) FROM pg_class WHERE relname = \("determinations_\(runs[1].id)")") == 0)
            // A pruned run is neither current nor previous, and cannot be compared.
            #expect(throws: RecordError.self) { try repository.changes(from: runs[1].id, to: runs[3].id) }
            let next = try F.job(test, db).run(asOf: F.day("2024-02-15"))
            #expect(next.previousRunId == runs[0].id)
            #expect(throws: RecordError.self) { try repository.prune(keep: 0, dryRun: true) }
        }
    }

    /// Checksums of every table of schema filmwg (partitions included), job_runs among them.
    func checksums(_ db: Connection) throws -> [String: String] {
        let tables = try db.query(
            """
            SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND n.nspname = 'filmwg' ORDER BY 1
            """
        ).map { try $0.decode(String.self, at: 0) }
        var sums: [String: String] = [:]
        for table in tables {
            sums[table] = try db.query(
                Query(
                    unsafeSQL: """
                        SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(table) t
                        """)
            ).one().decode(String.self, at: 0)
        }
        return sums
    }

    @Test func policyTryCountsWhatADraftWouldDecideAndLeavesEveryTableUnchanged() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let (big, small) = try prepare(test, db)
            _ = try F.job(test, db).run(asOf: F.day("2025-06-01"))
            try db.execute("UPDATE filmwg.companies SET employees = NULL WHERE id = \(small)")
            let before = try checksums(db)
            #expect(before["filmwg.job_runs"] != nil && before["filmwg.company_versions"] != nil)
            let whatIf = WhatIf(db)
            let plain = try whatIf.run(rule: "registered_in_zone and employees >= 20", asOf: F.day("2026-12-31"))
            #expect(plain.evaluated == 2 && plain.eligible == 1)
            #expect(plain.criteria.map { [$0.trueCount, $0.falseCount, $0.nullCount] } == [[2, 0, 0], [1, 0, 1]])
            #expect(plain.newlyEligible == nil)
            let compared = try whatIf.run(
                rule: "registered_capital >= 500000", asOf: F.day("2025-06-01"), policy: "capital", list: true)
            #expect(compared.version == 1)
            #expect(compared.eligible == 2 && compared.stillEligible == 1)
            #expect(compared.newlyEligible == 1 && compared.noLongerEligible == 0)
            #expect(compared.differences.map(\.company.id) == [small])
            #expect(compared.differences.first?.draft == true && compared.differences.first?.current == false)
            let listed = try whatIf.run(rule: "employees >= 50", asOf: F.day("2025-06-01"), list: true)
            #expect(listed.differences.map(\.company.id) == [big])
            let bad = #expect(throws: RecordError.self) { try whatIf.run(rule: "employes >= 2") }
            let checked = #expect(throws: RecordError.self) { try PolicyRepository(db).check(rule: "employes >= 2") }
            #expect(bad?.sentence == checked?.sentence)
            #expect(bad?.sentence.hasPrefix("the rule does not check: 1:1:") == true)
            #expect(throws: RecordError.self) { try whatIf.run(rule: "employees >= 2", policy: "nope") }
            #expect(try checksums(db) == before)
            #expect(db.transactionStatus == .idle)
        }
    }
}
