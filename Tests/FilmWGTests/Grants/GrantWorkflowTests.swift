import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// The grants workflow of DESIGN §12 as the database enforces it: what a grant rests on, the
/// transitions, entitlements and budgets, also when two approvals race.
@Suite struct GrantWorkflowTests {
    /// A policy whose version has an amount formula, and a succeeded run of `asOf` in which each
    /// company is eligible with the given amount (nil: eligible, amount unknown).
    static func entitled(
        _ db: Connection, code: String = "huairou-rent", asOf: String = "2025-06-01", amounts: [(Int64, Decimal?)]
    ) throws -> (policy: Int64, run: Int64) {
        let policy = try ActivityFixtures.policy(db, code: code)
        try db.execute("UPDATE filmwg.policy_versions SET amount = 'rent_paid_last_year' WHERE policy_id = \(policy)")
        let run = try ActivityFixtures.run(db, asOf: asOf, determinations: amounts.map { (policy, $0.0, true) })
        for (company, amount) in amounts {
            try db.execute(
                """
                UPDATE filmwg.determinations SET amount = \(amount), amount_reason = CASE WHEN \(amount)::numeric IS NULL THEN 'rent_paid_last_year is unknown' END
                 WHERE run_id = \(run) AND company_id = \(company)
                """)
        }
        return (policy, run)
    }

    static func apply(_ grants: GrantRepository, _ policy: Int64, _ company: Int64, _ amount: Decimal, year: Int = 2025)
        throws -> Grant
    {
        try grants.apply(policyId: policy, companyId: company, year: year, amount: amount)
    }

    @Test func twoGrantsOfOneAndFourAndAHalfMillionDoNotBothPassAFiveMillionEntitlement() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try ActivityFixtures.company(connection, name: "Studio")
            let (policy, _) = try Self.entitled(connection, amounts: [(company, 5_000_000)])
            let grants = GrantRepository(connection)
            let first = try Self.apply(grants, policy, company, 1_000_000)
            let second = try Self.apply(grants, policy, company, 4_500_000)
            #expect(try grants.approve(first.id).status == "approved")
            #expect(
                throws: RecordError.invalid(
                    "approving 4500000.00 would bring the approved and paid grants of this company under policy huairou-rent for 2025 to 5500000.00, above its entitlement of 5000000.00"
                )
            ) { try grants.approve(second.id) }
            #expect(try grants.show(second.id).status == "applied")
            // What is left can still be approved.
            #expect(try grants.approve(second.id, amount: 4_000_000).amount == 4_000_000)
            #expect(
                throws: RecordError.invalid(
                    "5000000.01 is more than the 5000000.00 company \(company) is entitled to under policy huairou-rent in 2025 (run 1)"
                )
            ) {
                _ = try Self.apply(grants, policy, company, Decimal(string: "5000000.01")!)
            }
        }
    }

    @Test func aGrantRestsOnTheLatestEligibleDeterminationOfItsYear() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try ActivityFixtures.company(connection, name: "Studio")
            let (policy, early) = try Self.entitled(connection, asOf: "2025-02-01", amounts: [(company, 100)])
            let late = try ActivityFixtures.run(
                connection, asOf: "2025-09-01", determinations: [(policy, company, true)])
            try connection.execute("UPDATE filmwg.determinations SET amount = 80 WHERE run_id = \(late)")
            // A later run of another year does not count for 2025.
            try ActivityFixtures.run(connection, asOf: "2026-01-02", determinations: [(policy, company, true)])
            let grant = try Self.apply(GrantRepository(connection), policy, company, 80)
            #expect(grant.runId == late && grant.runId != early && grant.entitlement == 80)
            // Not even SQL can make a grant rest on an ineligible determination.
            let ineligible = try ActivityFixtures.run(
                connection, asOf: "2025-10-01", determinations: [(policy, company, false)])
            let error = #expect(throws: PostgresError.self) {
                try connection.execute(
                    """
                    INSERT INTO filmwg.grants (policy_id, company_id, year, run_id, policy_version_id, amount)
                    SELECT \(policy), \(company), 2025, \(ineligible), id, 1 FROM filmwg.policy_versions WHERE policy_id = \(policy)
                    """)
            }
            #expect(error?.constraint == "grants_determination_eligible")
        }
    }

    @Test func anUnknownEntitlementCannotBeAppliedFor() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try ActivityFixtures.company(connection, name: "Studio", uscc: ActivityFixtures.uscc(3))
            let (policy, _) = try Self.entitled(connection, amounts: [(company, nil)])
            #expect(
                throws: RecordError.invalid(
                    "the amount company \(ActivityFixtures.uscc(3)) is entitled to under policy huairou-rent in 2025 is unknown (rent_paid_last_year is unknown); record the missing figures and run the job again"
                )
            ) { _ = try Self.apply(GrantRepository(connection), policy, company, 1) }
        }
    }

    @Test(arguments: [
        // (path of transitions, the one refused, or nil when all pass)
        (["approve", "pay"], nil as String?),
        (["reject"], nil), (["approve", "reject"], nil),
        (
            ["pay"],
            "grant 1 is applied; it cannot become paid (only applied → approved → paid, and applied or approved → rejected)"
        ),
        (
            ["approve", "pay", "reject"],
            "grant 1 is paid; it cannot become rejected (only applied → approved → paid, and applied or approved → rejected)"
        ),
        (
            ["reject", "approve"],
            "grant 1 is rejected; it cannot become approved (only applied → approved → paid, and applied or approved → rejected)"
        ),
        (
            ["approve", "approve"],
            "grant 1 is approved; it cannot become approved (only applied → approved → paid, and applied or approved → rejected)"
        ),
    ])
    func onlyTheWorkflowsTransitionsAreAllowed(path: [String], refused: String?) throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try ActivityFixtures.company(connection, name: "Studio")
            let (policy, _) = try Self.entitled(connection, amounts: [(company, 1000)])
            let grants = GrantRepository(connection)
            let grant = try Self.apply(grants, policy, company, 500)
            var failure: String?
            for step in path {
                do {
                    switch step {
                    case "approve": _ = try grants.approve(grant.id)
                    case "reject": _ = try grants.reject(grant.id, reason: "no")
                    default: _ = try grants.pay(grant.id, on: Instant.groupDay(Date()))
                    }
                } catch let error as RecordError {
                    failure = error.sentence
                    break
                }
            }
            #expect(failure == refused)
        }
    }

    @Test func aTransitionTheDatabaseRefusesWritesNothingAndPaidNeedsItsDay() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try ActivityFixtures.company(connection, name: "Studio")
            let (policy, _) = try Self.entitled(connection, amounts: [(company, 1000)])
            let grant = try Self.apply(GrantRepository(connection), policy, company, 500)
            _ = try GrantRepository(connection).approve(grant.id)
            let error = #expect(throws: PostgresError.self) {
                try connection.execute("UPDATE filmwg.grants SET status = 'paid' WHERE id = \(grant.id)")
            }
            #expect(error?.constraint == "grants_paid_on_check")
            #expect(throws: RecordError.invalid("a rejection needs a reason: give \(field: "reason") TEXT")) {
                try GrantRepository(connection).reject(grant.id, reason: "  ")
            }
            #expect(try GrantRepository(connection).show(grant.id).status == "approved")
            #expect(
                throws: RecordError.invalid(
                    "the amount 1.001 has more than two decimals; amounts are CNY to the fen (0.01)")
            ) {
                try GrantRepository(connection).approve(grant.id, amount: Decimal(string: "1.001")!)
            }
        }
    }

    @Test func everyTransitionIsAuditedWithItsActor() throws {
        try TestDatabase.with { db in
            let setup = try db.connect()
            let company = try ActivityFixtures.company(setup, name: "Studio")
            let (policy, _) = try Self.entitled(setup, amounts: [(company, 1000)])
            let clerk = try db.connect(actor: "clerk")
            let grant = try Self.apply(GrantRepository(clerk), policy, company, 500)
            let officer = try db.connect(actor: "officer")
            _ = try GrantRepository(officer).approve(grant.id)
            _ = try GrantRepository(officer).pay(grant.id, on: Instant.groupDay(Date()))
            let rows = try setup.query(
                """
                SELECT actor, action, new_values ->> 'status' FROM filmwg.audit_log
                 WHERE table_name = 'grants' AND row_id = \(String(grant.id)) ORDER BY id
                """
            ).map { try $0.decode((String, String, String).self) }
            #expect(
                rows.map { "\($0.0) \($0.1) \($0.2)" } == [
                    "clerk insert applied", "officer update approved", "officer update paid",
                ])
        }
    }

    @Test func theReportSetsEntitlementsAgainstGrantsAndTheBudget() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let first = try ActivityFixtures.company(connection, name: "First")
            let second = try ActivityFixtures.company(connection, name: "Second")
            let unknown = try ActivityFixtures.company(connection, name: "Unknown")
            let (policy, _) = try Self.entitled(
                connection, amounts: [(first, 3_000_000), (second, 1_000_000), (unknown, nil)])
            let grants = GrantRepository(connection)
            _ = try grants.setBudget(policyId: policy, year: 2025, amount: 5_000_000)
            let paid = try Self.apply(grants, policy, first, 2_000_000)
            _ = try grants.approve(paid.id)
            _ = try grants.pay(paid.id, on: Instant.groupDay(Date()))
            let approved = try Self.apply(grants, policy, second, 1_000_000)
            _ = try grants.approve(approved.id)
            _ = try Self.apply(grants, policy, first, 500_000)
            try connection.execute("SET ROLE filmwg_reporting")
            let row = try connection.query(
                """
                SELECT policy_code, year, companies_entitled, entitlements_unknown, entitled::text, applied::text,
                       approved::text, paid::text, rejected::text, budget::text, remaining_budget::text
                  FROM reporting.benefits_by_policy_year
                """
            ).map { row in (0..<11).map { row.text(at: $0) ?? "null" }.joined(separator: " ") }
            #expect(row == ["huairou-rent 2025 3 1 4000000 500000.00 1000000.00 2000000.00 0 5000000.00 2000000.00"])
        }
    }

    /// Two sessions approve at the same moment; each approval fits alone, both together do not.
    static func race(_ db: TestDatabase, _ grants: [Int64]) throws -> [(any Error)?] {
        let both = Rendezvous(parties: 2)
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            outcomes.record(i) {
                let connection = try db.connect(actor: "approver-\(i)")
                defer { connection.close() }
                both.arriveAndWait()
                _ = try GrantRepository(connection).approve(grants[i])
            }
        }
        return outcomes.errors
    }

    @Test func twoApprovalsRacingForOneEntitlementLeaveExactlyOneWinner() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try ActivityFixtures.company(connection, name: "Studio")
            let (policy, _) = try Self.entitled(connection, amounts: [(company, 5_000_000)])
            let grants = GrantRepository(connection)
            let ids = [
                try Self.apply(grants, policy, company, 3_000_000).id,
                try Self.apply(grants, policy, company, 3_000_000).id,
            ]
            for _ in 0..<3 {
                try connection.execute("SET session_replication_role = replica")
                try connection.execute("UPDATE filmwg.grants SET status = 'applied', decided_on = NULL")
                try connection.execute("RESET session_replication_role")
                let errors = try Self.race(db, ids)
                #expect(errors.compactMap { $0 }.count == 1, "\(errors)")
                #expect(
                    (errors.compactMap { $0 }.first as? RecordError)?.sentence.contains(
                        "above its entitlement of 5000000.00") == true)
                #expect(try grants.list(status: "approved").count == 1)
            }
        }
    }

    @Test func twoApprovalsRacingForOneBudgetLeaveExactlyOneWinner() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let first = try ActivityFixtures.company(connection, name: "First")
            let second = try ActivityFixtures.company(connection, name: "Second")
            let (policy, _) = try Self.entitled(connection, amounts: [(first, 3_000_000), (second, 3_000_000)])
            let grants = GrantRepository(connection)
            let budget = try grants.setBudget(policyId: policy, year: 2025, amount: 5_000_000)
            #expect(budget.remaining == 5_000_000)
            let ids = [
                try Self.apply(grants, policy, first, 3_000_000).id,
                try Self.apply(grants, policy, second, 3_000_000).id,
            ]
            let errors = try Self.race(db, ids)
            #expect(errors.compactMap { $0 }.count == 1, "\(errors)")
            #expect(
                (errors.compactMap { $0 }.first as? RecordError)?.sentence.contains("above its budget of 5000000.00")
                    == true)
            #expect(try grants.budget(policyId: policy, year: 2025)?.granted == 3_000_000)
            #expect(
                throws: RecordError.invalid(
                    "the budget 2000000.00 of policy huairou-rent for 2025 is below the 3000000.00 already approved or paid"
                )
            ) {
                try grants.setBudget(policyId: policy, year: 2025, amount: 2_000_000)
            }
            // Another year has its own budget (none: no limit).
            #expect(try grants.budget(policyId: policy, year: 2024) == nil)
        }
    }
}

/// Lets concurrent closures wait until all of them have arrived (no timing involved).
private final class Rendezvous: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrived = 0
    private let parties: Int

    init(parties: Int) { self.parties = parties }

    func arriveAndWait() {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        if arrived == parties { condition.broadcast() }
        while arrived < parties { condition.wait() }
    }
}

/// What each of several concurrent closures threw, nil when it succeeded.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: (any Error)?] = [:]

    func record(_ index: Int, _ body: () throws -> Void) {
        let outcome: (any Error)?
        do {
            try body()
            outcome = nil
        } catch {
            outcome = error
        }
        lock.withLock { results[index] = outcome }
    }

    var errors: [(any Error)?] { lock.withLock { results.keys.sorted().map { results[$0]! } } }
}
