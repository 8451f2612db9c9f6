import Foundation
import Postgres
import Rules
import TestSupport
import Testing

@testable import FilmWG

@Suite struct EligibilityJobTests {
    typealias F = EligibilityFixture

    /// (policy version, company, eligible, criteria values) of a run, in a stable order.
    func determinations(_ db: Connection, run: Int64) throws -> [String] {
        try db.query(
            """
            SELECT policy_version_id, company_id, eligible, criteria_values::text
              FROM filmwg.determinations WHERE run_id = \(run) ORDER BY 1, 2
            """
        ).map { row in
            let (version, company, eligible, values) = try row.decode((Int64, Int64, Bool, String).self)
            return "\(version) \(company) \(eligible) \(values)"
        }
    }

    func criteria(_ db: Connection, run: Int64, company: Int64, policy: String) throws -> [Bool?] {
        try db.query(
            """
            SELECT d.criteria_values FROM filmwg.determinations d
              JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
              JOIN filmwg.policies p ON p.id = v.policy_id
             WHERE d.run_id = \(run) AND d.company_id = \(company) AND p.code = \(policy)
            """
        ).one().decode([Bool?].self, at: 0)
    }

    func status(_ db: Connection, run: Int64) throws -> (String, String?) {
        try db.query("SELECT status, error FROM filmwg.job_runs WHERE id = \(run)").one().decode((String, String?).self)
    }

    // MARK: Facts as of the day

    @Test func yearsInOperationCountWholeYearsToTheDay() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try F.company(db, name: "Founded 2015-06-18", founded: "2015-06-18")
            try F.policy(db, code: "two-years", rule: "years_in_operation >= 2")
            let before = try F.job(test, db).run(asOf: F.day("2017-06-17"))
            let on = try F.job(test, db).run(asOf: F.day("2017-06-18"))
            #expect(try criteria(db, run: before.id, company: company, policy: "two-years") == [false])
            #expect(try criteria(db, run: on.id, company: company, policy: "two-years") == [true])
            let years = try db.query(
                """
                SELECT years_in_operation FROM filmwg.company_facts('2017-06-17') WHERE company_id = \(company)
                """
            ).one().decode(Int.self, at: 0)
            #expect(years == 1)
        }
    }

    /// The window is (D - 12 months, D] in days of Asia/Shanghai: an event at 00:30 in Beijing
    /// (the evening before in UTC) counts for the Beijing day.
    @Test func eventsAttendedCountTheTwelveMonthsBeforeTheDayInShanghaiTime() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try F.company(db, name: "Regular attendee")
            try F.attended(db, company: company, startsAt: "2023-06-01T23:30:00+08:00")  // day D - 12 months: out
            try F.attended(db, company: company, startsAt: "2023-06-02T00:30:00+08:00")  // 2023-06-01 in UTC: in
            try F.attended(db, company: company, startsAt: "2024-06-01T23:59:00+08:00")  // day D: in
            try F.attended(db, company: company, startsAt: "2024-06-02T00:00:00+08:00")  // after D: out
            try F.policy(db, code: "events", rule: "events_attended_12m = 2")
            let run = try F.job(test, db).run(asOf: F.day("2024-06-01"))
            #expect(try criteria(db, run: run.id, company: company, policy: "events") == [true])
            let counts = try db.query(
                """
                SELECT (SELECT events_attended_12m FROM filmwg.company_facts('2024-06-01') WHERE company_id = \(company)),
                       (SELECT events_attended_12m FROM filmwg.company_facts('2024-06-02') WHERE company_id = \(company))
                """
            ).one().decode((Int, Int).self)
            #expect(counts == (2, 2))  // on 2024-06-02 the 2023-06-02 event leaves, the 06-02 one comes
        }
    }

    @Test func membershipIsTheOneWhosePeriodContainsTheDay() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try F.company(db, name: "Observer then member")
            try F.membership(db, company: company, tier: "observer", from: "2017-05-20", to: "2020-01-01")
            try F.membership(db, company: company, tier: "member", from: "2020-06-01")
            try F.policy(
                db, code: "members", rule: "is_member and member_tier = 'member' and member_since <= 2020-06-01")
            let last = try F.job(test, db).run(asOf: F.day("2019-12-31"))
            let gap = try F.job(test, db).run(asOf: F.day("2020-01-01"))
            let member = try F.job(test, db).run(asOf: F.day("2020-06-01"))
            #expect(try criteria(db, run: last.id, company: company, policy: "members") == [true, false, true])
            #expect(try criteria(db, run: gap.id, company: company, policy: "members") == [false, nil, nil])
            #expect(try criteria(db, run: member.id, company: company, policy: "members") == [true, true, true])
            #expect(member.eligible == 1 && gap.eligible == 0)
        }
    }

    // MARK: Determinations

    @Test func everyCriterionValueIsKeptNullIncludedAndNullIsNotMet() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let unknown = try F.company(db, name: "Capital unknown", capital: nil, employees: 150)
            let small = try F.company(db, name: "Small", capital: "1000000.00", employees: 5)
            let big = try F.company(db, name: "Big", capital: "9000000.00", employees: 120)
            try F.policy(
                db, code: "fund", rule: "registered_in_zone and registered_capital >= 5000000 and employees >= 100")
            let run = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            #expect(try criteria(db, run: run.id, company: unknown, policy: "fund") == [true, nil, true])
            #expect(try criteria(db, run: run.id, company: small, policy: "fund") == [true, false, false])
            #expect(try criteria(db, run: run.id, company: big, policy: "fund") == [true, true, true])
            let eligible = try db.query(
                """
                SELECT company_id FROM filmwg.determinations WHERE run_id = \(run.id) AND eligible ORDER BY 1
                """
            ).map { try $0.decode(Int64.self, at: 0) }
            #expect(eligible == [big])
            #expect(run.companies == 3 && run.determinations == 3 && run.eligible == 1 && run.policyVersions == 1)
        }
    }

    @Test func onlyVersionsValidOnTheDayAreEvaluatedAndArchivedCompaniesAreLeftOut() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "Active")
            let archived = try F.company(db, name: "Archived")
            try db.execute("UPDATE filmwg.companies SET archived_at = now() WHERE id = \(archived)")
            try F.policy(db, code: "old", rule: "registered_in_zone", from: "2017-01-01", to: "2020-01-01")
            try F.policy(db, code: "now", rule: "registered_in_zone", from: "2020-01-01")
            let run = try F.job(test, db).run(asOf: F.day("2020-01-01"))
            #expect(run.outcomes.map(\.policy) == ["now"])
            #expect(run.companies == 1 && run.determinations == 1)
        }
    }

    @Test func reRunningForTheSameDayGivesTheSameDeterminationsInANewRun() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let a = try F.company(db, name: "A", capital: "6000000.00")
            try F.company(db, name: "B", capital: nil)
            try F.company(db, name: "C", inZone: false)
            try F.membership(db, company: a, tier: "member", from: "2018-01-01")
            try F.policy(db, code: "fund", rule: "registered_in_zone and registered_capital >= 5000000")
            try F.policy(db, code: "members", rule: "is_member")
            let first = try F.job(test, db).run(asOf: F.day("2024-03-01"))
            let second = try F.job(test, db).run(asOf: F.day("2024-03-01"))
            #expect(first.id != second.id)
            #expect(try determinations(db, run: first.id) == determinations(db, run: second.id))
            #expect(try determinations(db, run: second.id).count == 6)
            #expect(first.newlyEligible == 2)
            #expect(second.changes == 0 && second.previousRunId == first.id)
            let duplicates = try F.count(
                db,
                """
                SELECT count(*) FROM (SELECT run_id, policy_version_id, company_id FROM filmwg.determinations
                                       GROUP BY 1, 2, 3 HAVING count(*) > 1) d
                """)
            #expect(duplicates == 0)
            let runs = try db.query(
                """
                SELECT status, companies, policy_versions, determinations, eligible, changes, finished_at IS NOT NULL
                  FROM filmwg.job_runs ORDER BY id
                """
            ).map { row in
                let (status, companies, versions, determinations, eligible, changes, finished) =
                    try row.decode((String, Int, Int, Int, Int, Int, Bool).self)
                return "\(status) \(companies) \(versions) \(determinations) \(eligible) \(changes) \(finished)"
            }
            #expect(runs == ["succeeded 3 2 6 2 2 true", "succeeded 3 2 6 2 0 true"])
        }
    }

    // MARK: Changes

    /// Compared by policy: a new version's determination is compared with the previous run's
    /// determination under the policy's earlier version.
    @Test func changesAreComparedByPolicyAcrossVersionsAndDisappearances() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let big = try F.company(db, name: "Big", employees: 200)
            let small = try F.company(db, name: "Small", employees: 5)
            let leaving = try F.company(db, name: "Leaving", employees: 300)
            try F.policy(db, code: "staff", rule: "employees >= 100", from: "2020-01-01")
            try F.policy(db, code: "ending", rule: "registered_in_zone", from: "2020-01-01", to: "2022-01-01")
            let first = try F.job(test, db).run(asOf: F.day("2021-01-01"))
            #expect(first.previousRunId == nil)
            #expect(first.newlyEligible == 5 && first.noLongerEligible == 0)  // 2 staff + 3 ending

            _ = try PolicyRepository(db).revise(code: "staff", rule: "employees < 100", validFrom: F.day("2021-06-01"))
            try db.execute("UPDATE filmwg.companies SET archived_at = now() WHERE id = \(leaving)")
            let second = try F.job(test, db).run(asOf: F.day("2022-01-01"))
            let changes = try db.query(
                """
                SELECT p.code, v.version, ch.company_id, ch.change, ch.previous_run_id
                  FROM filmwg.determination_changes ch
                  JOIN filmwg.policy_versions v ON v.id = ch.policy_version_id
                  JOIN filmwg.policies p ON p.id = v.policy_id
                 WHERE ch.run_id = \(second.id) ORDER BY 1, 3
                """
            ).map { row in
                let (code, version, company, change, previous) = try row.decode(
                    (String, Int, Int64, String, Int64).self)
                return "\(code) v\(version) \(company) \(change) \(previous == first.id)"
            }
            #expect(
                changes == [
                    "ending v1 \(big) no_longer_eligible true",
                    "ending v1 \(small) no_longer_eligible true",
                    "ending v1 \(leaving) no_longer_eligible true",
                    "staff v2 \(big) no_longer_eligible true",
                    "staff v2 \(small) newly_eligible true",
                    "staff v2 \(leaving) no_longer_eligible true",
                ])
            #expect(second.newlyEligible == 1 && second.noLongerEligible == 5)
        }
    }

    @Test func aDryRunComputesButKeepsOnlyItsRunRow() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "A")
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            let dry = try F.job(test, db).run(asOf: F.day("2024-01-01"), dryRun: true)
            #expect(dry.dryRun && dry.determinations == 1 && dry.eligible == 1 && dry.newlyEligible == 1)
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determinations") == 0)
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determination_changes") == 0)
            let row = try db.query("SELECT status, dry_run, determinations FROM filmwg.job_runs WHERE id = \(dry.id)")
                .one().decode((String, Bool, Int).self)
            #expect(row == ("succeeded", true, 1))
            let real = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            #expect(real.previousRunId == nil)  // a dry run is never compared with
            #expect(real.newlyEligible == 1)
        }
    }

    // MARK: Concurrency and failures

    @Test func aRunWhileAnotherHoldsTheLockFailsAtOnceAndWritesNothing() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "A")
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            let holder = try test.connectRaw()
            try holder.execute("SELECT pg_advisory_lock(\(EligibilityJob.lockKey))")
            var events: [String] = []
            let error = try #require(throws: RecordError.self) {
                try F.job(test, db).run(asOf: F.day("2024-01-01")) { event in
                    if case .failed(let run, _, let message, _) = event { events.append("\(run == nil) \(message)") }
                }
            }
            #expect(error.category == .conflict)
            #expect(error.sentence == "another eligibility run is in progress; try again when it has finished")
            #expect(events == ["true another eligibility run is in progress; try again when it has finished"])
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.job_runs") == 0)
            #expect(db.transactionStatus == .idle)
            try holder.execute("SELECT pg_advisory_unlock(\(EligibilityJob.lockKey))")
            let run = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            #expect(run.determinations == 1)
        }
    }

    /// While a run works, its `running` row is visible to other sessions (it was committed by
    /// the side connection), with the main session's pid.
    @Test func theRunningRowIsVisibleToOthersWhileTheRunWorks() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "A")
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            let observer = try test.connectRaw()
            var seen: (String, Bool)?
            try F.job(test, db).run(asOf: F.day("2024-01-01")) { event in
                if case .started(let id, _, _, _, _) = event {
                    seen = try? observer.query(
                        """
                        SELECT r.status, r.backend_pid = \(db.backendPID) AND r.backend_start = a.backend_start
                          FROM filmwg.job_runs r JOIN pg_catalog.pg_stat_activity a ON a.pid = r.backend_pid
                         WHERE r.id = \(id)
                        """
                    ).one().decode((String, Bool).self)
                }
            }
            #expect(seen.map { $0 == ("running", true) } == true)
        }
    }

    @Test func aRunWhoseSessionIsGoneIsMarkedAbandonedByTheNextRun() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "A")
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            // A run that started and whose session then vanished (a crashed host, say).
            let dead = try test.connect(actor: "crashed")
            let deadPID = dead.backendPID
            let deadRun = try dead.query(
                """
                INSERT INTO filmwg.job_runs (job, as_of) VALUES ('eligibility', '2024-01-01') RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
            dead.close()
            let observer = try test.connectRaw()
            #expect(
                try F.waitUntil { try observer.query("SELECT 1 FROM pg_stat_activity WHERE pid = \(deadPID)").isEmpty })

            let run = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            #expect(run.abandonedRuns == 1)
            let (state, error) = try status(db, run: deadRun)
            #expect(state == "abandoned")
            #expect(error == "the session running it (pid \(deadPID)) ended before it finished")
            #expect(try status(db, run: run.id).0 == "succeeded")
        }
    }

    /// The session dies mid-run while the process lives: the process marks the run failed
    /// through its second connection, nothing of the run is kept, and the next run completes.
    @Test func aRunWhoseSessionIsTerminatedMidRunIsMarkedFailedAndKeepsNothing() throws {
        try TestDatabase.with { test in
            let setup = try test.connect()
            try F.company(setup, name: "A")
            try F.policy(setup, code: "zone", rule: "registered_in_zone")
            let blocker = try test.connectRaw()
            try blocker.execute("BEGIN")
            try blocker.execute("LOCK TABLE filmwg.memberships IN ACCESS EXCLUSIVE MODE")

            let pid = EligibilityTestBox<Int32>()
            let outcome = EligibilityTestBox<String>()
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                defer { done.signal() }
                do {
                    let db = try test.connect(actor: "victim")
                    pid.set(db.backendPID)
                    _ = try F.job(test, db).run(asOf: F.day("2024-01-01"))
                    outcome.set("succeeded")
                } catch {
                    outcome.set(EligibilityJob.sentence(error))
                }
            }
            let observer = try test.connectRaw()
            #expect(try F.waitUntil { try pid.value.map { try F.isWaitingForALock(observer, pid: $0) } ?? false })
            let victim = try #require(pid.value)
            try observer.execute("SELECT pg_terminate_backend(\(victim))")
            done.wait()
            try blocker.execute("ROLLBACK")

            #expect(
                outcome.value?.hasPrefix("the run's database session ended before it finished") == true,
                "\(outcome.value ?? "")")
            let (state, error) = try observer.query("SELECT status, error FROM filmwg.job_runs ORDER BY id LIMIT 1")
                .one().decode((String, String?).self)
            #expect(state == "failed")
            #expect(error == outcome.value)
            #expect(try F.count(observer, "SELECT count(*) FROM filmwg.determinations") == 0)
            let next = try F.job(test, setup).run(asOf: F.day("2024-01-01"))
            #expect(next.abandonedRuns == 0 && next.determinations == 1)
        }
    }

    @Test func aStoredRuleThatNoLongerChecksFailsTheWholeRunAndIsRecorded() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "A")
            try F.policy(db, code: "good", rule: "registered_in_zone")
            // Written behind the application's back, as an old catalog might have allowed.
            try db.execute(
                """
                INSERT INTO filmwg.policies (code, title) VALUES ('broken', 'Broken');
                """)
            try db.execute(
                """
                INSERT INTO filmwg.policy_versions (policy_id, valid, rule, criteria)
                SELECT id, daterange('2020-01-01', NULL), 'turnover > 5', '{turnover > 5}' FROM filmwg.policies WHERE code = 'broken'
                """)
            var failed: [String] = []
            let error = try #require(throws: RecordError.self) {
                try F.job(test, db).run(asOf: F.day("2024-01-01")) { event in
                    if case .failed(_, _, let message, _) = event { failed.append(message) }
                }
            }
            #expect(
                error.sentence
                    == "version 1 of policy broken no longer checks against the fact catalog (1:1: unknown fact 'turnover'); revise the policy"
            )
            #expect(failed == [error.sentence])
            let (state, message) = try db.query("SELECT status, error FROM filmwg.job_runs").one().decode(
                (String, String?).self)
            #expect(state == "failed" && message == error.sentence)
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.determinations") == 0)
        }
    }

    /// The job needs no more than the filmwg_job role grants (DESIGN §9).
    @Test func theJobRunsWithTheJobRoleAlone() throws {
        try TestDatabase.with { test in
            let setup = try test.connect()
            try F.company(setup, name: "A")
            try F.policy(setup, code: "zone", rule: "registered_in_zone and events_attended_12m = 0")
            let db = try test.connect(actor: "nightly")
            try db.execute("SET ROLE filmwg_job")
            let job = EligibilityJob(
                db,
                sideConnection: {
                    let side = try test.connect(actor: "nightly")
                    try side.execute("SET ROLE filmwg_job")
                    return side
                })
            let first = try job.run(asOf: F.day("2024-01-01"))
            let second = try job.run(asOf: F.day("2024-01-01"))
            #expect(first.eligible == 1 && second.previousRunId == first.id)
            let actors = try setup.query("SELECT DISTINCT actor FROM filmwg.job_runs").map {
                try $0.decode(String.self, at: 0)
            }
            #expect(actors == ["nightly"])
            #expect(throws: PostgresError.self) { try db.execute("DELETE FROM filmwg.policies") }
        }
    }

    // MARK: The SQL

    @Test func theCompiledSQLHoldsNoRuleLiteralAndValuesTravelAsBinds() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let catalog = try FactCatalogRepository(db).load()
            let rule = """
                registered_capital >= 5000000 and kind in ('production', 'post_production')
                and name <> 'x''); DROP TABLE filmwg.companies; --' and founded_on < 2017-05-20
                """
            let checked = try Rules.check(rule, catalog: catalog)
            let version = EligibilityJob.ValidVersion(
                id: 1, policy: "p", version: 1, rule: rule, criteria: checked.criteria.map(\.source))
            let second = EligibilityJob.ValidVersion(
                id: 7, policy: "q", version: 2, rule: "employees >= 12", criteria: ["employees >= 12"])
            let query = try EligibilityJob.determinationsQuery(
                [version, second], catalog: catalog, runId: 9, day: F.day("2024-01-01"))
            for literal in ["5000000", "production", "DROP", "2017-05-20", "'x'", "12"] {
                #expect(!query.sql.contains(literal), "\(literal) pasted into SQL")
            }
            #expect(query.sql.contains("filmwg.company_facts($2) ORDER BY company_id)"))
            #expect(query.sql.contains("unnest($3::bigint[])"))
            #expect(query.sql.contains("$4::numeric"))
            #expect(query.sql.contains("$9::bigint"))
            #expect(
                query.binds.map(\.text) == [
                    "9", "2024-01-01", #"{"1","7"}"#, "5000000", "production", "post_production",
                    "x'); DROP TABLE filmwg.companies; --", "2017-05-20", "12",
                ])

            // And it runs: the hostile text is only ever a value.
            try F.company(db, name: "Studio", founded: "2010-01-01")
            try F.policy(db, code: "hostile", rule: rule)
            let run = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            #expect(run.eligible == 1)
            #expect(try F.count(db, "SELECT count(*) FROM filmwg.companies") == 1)
        }
    }

    @Test func companyFactsIsInlinedIntoTheJobsInsert() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let catalog = try FactCatalogRepository(db).load()
            let rule = "registered_in_zone and member_tier in ('member') and events_attended_12m >= 1"
            let version = EligibilityJob.ValidVersion(
                id: 1, policy: "p", version: 1, rule: rule,
                criteria: try Rules.check(rule, catalog: catalog).criteria.map(\.source))
            let query = try EligibilityJob.determinationsQuery(
                [version], catalog: catalog, runId: 1, day: F.day("2024-01-01"))
            // The run's own table, as filmwg.open_determinations makes it.
            try db.execute("CREATE TABLE filmwg.determinations_1 (LIKE filmwg.determinations)")
            let plan = try db.query(Query(unsafeSQL: "EXPLAIN (VERBOSE) " + query.sql, binds: query.binds))
                .map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
            // The only function scanned is the unnest of the versions' ids.
            #expect(
                plan.split(separator: "\n").filter { $0.contains("Function Scan") }.allSatisfy {
                    $0.contains("Function Scan on pg_catalog.unnest p")
                }, "\(plan)")
            #expect(plan.contains("filmwg.companies c"))
            #expect(!plan.contains("SubPlan"), "\(plan)")
        }
    }

    @Test func everyPolicyIsEvaluatedByOneStatementSoOnOneSnapshot() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "Studio", founded: "2010-01-01")
            try F.company(db, name: "Lab", founded: "2020-01-01")
            try F.policy(db, code: "old", rule: "founded_on < 2015-01-01")
            try F.policy(db, code: "young", rule: "founded_on >= 2015-01-01")
            try F.policy(db, code: "any", rule: "years_in_operation >= 0")
            let run = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            #expect(run.determinations == 6)
            #expect(run.outcomes.map(\.policy) == ["any", "old", "young"])
            #expect(run.outcomes.map(\.eligible) == [2, 1, 1])
            // cmin is the command that wrote a row inside its transaction: one for all of them.
            #expect(
                try F.count(db, "SELECT count(DISTINCT cmin::text) FROM filmwg.determinations WHERE run_id = \(run.id)")
                    == 1)
        }
    }
}
