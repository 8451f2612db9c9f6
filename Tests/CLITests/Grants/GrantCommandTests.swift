import Foundation
import TestSupport
import Testing

@Suite struct GrantCommandTests {
    @Test func grantsAreRecordedWithinTheCapAndListed() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let uscc = ActivityFixtures.uscc(11)
            let company = try ActivityFixtures.company(connection, name: "Studio", uscc: uscc)
            let policy = try ActivityFixtures.policy(connection, code: "film-fund", cap: 500_000)
            try ActivityFixtures.run(connection, asOf: "2018-01-01", determinations: [(policy, company, true)])
            let over = try FilmWGBinary.run(
                ["grant", "record", "--policy", "film-fund", "--company", uscc, "--amount", "600000.00", "--status", "approved"], database: db)
            #expect(over.status == 65)
            #expect(over.stdout.isEmpty)
            #expect(over.stderr == "filmwg: grant amount 600000.00 exceeds the cap 500000.00 of policy film-fund\n")
            let record = try FilmWGBinary.run([
                "grant", "record", "--policy", "film-fund", "--company", uscc, "--amount", "500000", "--status", "approved",
                "--applied-on", "2018-03-01", "--decided-on", "2018-04-15", "--run", "1", "--format", "json",
            ], database: db)
            #expect(record.status == 0, "\(record)")
            // The refused insert used up id 1 of the identity.
            #expect(record.stdout.hasPrefix(#"{"id": 2, "policy": "film-fund", "company_id": 1, "company_name": "Studio", "amount": 500000.00, "status": "approved", "applied_on": "2018-03-01", "decided_on": "2018-04-15", "paid_on": null, "run_id": 1, "policy_version_id": 1, "notes": null,"#))
            let list = try FilmWGBinary.run(["grant", "list", "--status", "approved", "--format", "csv"], database: db)
            #expect(list.stdout == """
                id,policy,company_id,company_name,amount,status,applied_on,decided_on,paid_on,run_id
                2,film-fund,1,Studio,500000.00,approved,2018-03-01,2018-04-15,,1

                """)
            #expect(try FilmWGBinary.run(["grant", "list", "--status", "paid", "--format", "json"], database: db).stdout == "[]\n")
            #expect(try FilmWGBinary.run(["grant", "show", "2"], database: db).stdout.contains("amount             500000.00\n"))
        }
    }

    @Test func mistakesExitWithTheirCodes() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try ActivityFixtures.company(connection, name: "Studio")
            try ActivityFixtures.policy(connection, code: "film-fund")
            let amount = try FilmWGBinary.run(["grant", "record", "--policy", "film-fund", "--company", "1", "--amount", "5,000"], database: db)
            #expect(amount.status == 64)
            #expect(amount.stderr == "filmwg: --amount must be a plain decimal amount such as 5000000.00, not '5,000'\n")
            let policy = try FilmWGBinary.run(["grant", "record", "--policy", "film-fnd", "--company", "1", "--amount", "5"], database: db)
            #expect(policy.status == 1)
            #expect(policy.stderr == "filmwg: no policy with code 'film-fnd'; did you mean 'film-fund'?\n")
            let status = try FilmWGBinary.run(
                ["grant", "record", "--policy", "film-fund", "--company", "1", "--amount", "5", "--status", "granted"], database: db)
            #expect(status.status == 65)
            let run = try FilmWGBinary.run(["grant", "record", "--policy", "film-fund", "--company", "1", "--amount", "5", "--run", "4"], database: db)
            #expect(run.status == 1)
            #expect(run.stderr == "filmwg: no job run with id 4; see 'filmwg jobs list'\n")
        }
    }
}
