import Foundation
import TestSupport
import Testing

/// The grants workflow end to end through the built binary: apply, approve, pay, reject, list,
/// show and budgets, each refusal with its sentence and exit code and nothing written.
@Suite struct GrantCommandTests {
    @Test func aGrantGoesFromApplicationToPaymentAndRefusalsExit65() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let uscc = ActivityFixtures.uscc(11)
            let company = try ActivityFixtures.company(connection, name: "Studio", uscc: uscc)
            let other = try ActivityFixtures.company(connection, name: "Other", uscc: ActivityFixtures.uscc(12))
            let policy = try ActivityFixtures.policy(connection, code: "film-fund", cap: 500_000)
            try ActivityFixtures.run(
                connection, asOf: "2018-01-01", determinations: [(policy, company, true), (policy, other, false)])
            func run(_ arguments: [String]) throws -> CommandResult { try FilmWGBinary.run(arguments, database: db) }

            let over = try run([
                "grant", "apply", "--policy", "film-fund", "--company", uscc, "--year", "2018", "--amount", "600000.00",
            ])
            #expect(over.status == 65 && over.stdout.isEmpty)
            #expect(over.stderr == "filmwg: grant amount 600000.00 exceeds the cap 500000.00 of policy film-fund\n")
            let cents = try run([
                "grant", "apply", "--policy", "film-fund", "--company", uscc, "--year", "2018", "--amount", "1.005",
            ])
            #expect(cents.status == 65)
            #expect(
                cents.stderr
                    == "filmwg: the amount 1.005 has more than two decimals; amounts are CNY to the fen (0.01)\n")
            let ineligible = try run([
                "grant", "apply", "--policy", "film-fund", "--company", "2", "--year", "2018", "--amount", "5",
            ])
            #expect(ineligible.status == 65)
            #expect(
                ineligible.stderr.contains(
                    "has no eligible determination for policy film-fund in 2018, so it cannot apply"))
            let missingYear = try run(["grant", "apply", "--policy", "film-fund", "--company", uscc, "--amount", "5"])
            #expect(missingYear.status == 64)

            let applied = try run([
                "grant", "apply", "--policy", "film-fund", "--company", uscc, "--year", "2018", "--amount", "500000",
                "--applied-on", "2018-03-01", "--format", "json",
            ])
            #expect(applied.status == 0, "\(applied)")
            // The refused insert used up id 1 of the identity.
            #expect(
                applied.stdout.hasPrefix(
                    #"{"id": 2, "policy": "film-fund", "company_id": 1, "company_name": "Studio", "year": 2018, "amount": 500000.00, "entitlement": null, "status": "applied", "applied_on": "2018-03-01", "decided_on": null, "paid_on": null, "run_id": 1,"#
                ))
            let early = try run(["grant", "pay", "2", "--on", "2018-05-01"])
            #expect(early.status == 65)
            #expect(
                early.stderr
                    == "filmwg: grant 2 is applied; it cannot become paid (only applied → approved → paid, and applied or approved → rejected)\n"
            )
            #expect(try run(["grant", "approve", "2", "--on", "2018-04-15"]).status == 0)
            let noDay = try run(["grant", "pay", "2"])
            #expect(noDay.status == 64)
            let paid = try run(["grant", "pay", "2", "--on", "2018-05-01", "--format", "json"])
            #expect(
                paid.status == 0 && paid.stdout.contains(#""status": "paid""#)
                    && paid.stdout.contains(#""paid_on": "2018-05-01""#))
            let late = try run(["grant", "reject", "2", "--reason", "changed our mind"])
            #expect(late.status == 65)
            #expect(
                late.stderr
                    == "filmwg: grant 2 is paid; it cannot become rejected (only applied → approved → paid, and applied or approved → rejected)\n"
            )
            let noReason = try run(["grant", "reject", "2"])
            #expect(noReason.status == 64)

            let list = try run(["grant", "list", "--year", "2018", "--status", "paid", "--format", "csv"])
            #expect(
                list.stdout == """
                    id,policy,company_id,company_name,year,amount,entitlement,status,applied_on,decided_on,paid_on,run_id
                    2,film-fund,1,Studio,2018,500000.00,,paid,2018-03-01,2018-04-15,2018-05-01,1

                    """)
            #expect(try run(["grant", "list", "--year", "2019", "--format", "json"]).stdout == "[]\n")
            #expect(try run(["grant", "show", "2"]).stdout.contains("amount             500000.00\n"))

            let budgetLow = try run(["policy", "budget", "film-fund", "--year", "2018", "--amount", "100"])
            #expect(budgetLow.status == 65)
            #expect(
                budgetLow.stderr
                    == "filmwg: the budget 100.00 of policy film-fund for 2018 is below the 500000.00 already approved or paid\n"
            )
            let budget = try run([
                "policy", "budget", "film-fund", "--year", "2018", "--amount", "600000", "--format", "json",
            ])
            #expect(
                budget.stdout
                    == #"{"policy": "film-fund", "year": 2018, "amount": 600000.00, "granted": 500000.00, "remaining": 100000.00}"#
                    + "\n")
            let second = try run([
                "grant", "apply", "--policy", "film-fund", "--company", uscc, "--year", "2018", "--amount", "200000",
                "--applied-on", "2018-06-01",
            ])
            #expect(second.status == 0)
            let beyond = try run(["grant", "approve", "3", "--on", "2018-06-02"])
            #expect(beyond.status == 65)
            #expect(
                beyond.stderr
                    == "filmwg: approving 200000.00 would bring the approved and paid grants of policy film-fund for 2018 to 700000.00, above its budget of 600000.00\n"
            )
            #expect(try run(["grant", "approve", "3", "--amount", "100000", "--on", "2018-06-02"]).status == 0)

            let audit = try connection.query(
                "SELECT count(*)::integer FROM filmwg.audit_log WHERE table_name = 'grants' AND actor = 'cli-test'"
            ).one().decode(Int.self, at: 0)
            // apply, approve, pay of grant 2; apply, approve of grant 3.
            #expect(audit == 5)

            let unknown = try run([
                "grant", "apply", "--policy", "film-fnd", "--company", "1", "--year", "2018", "--amount", "5",
            ])
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "filmwg: no policy with code 'film-fnd'; did you mean 'film-fund'?\n")
            let comma = try run([
                "grant", "apply", "--policy", "film-fund", "--company", "1", "--year", "2018", "--amount", "5,000",
            ])
            #expect(comma.status == 64)
        }
    }
}
