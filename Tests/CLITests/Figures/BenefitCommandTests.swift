import Foundation
import TestSupport
import Testing

/// Figures, amount formulas and amounts through the built binary: figure import | list, policy
/// add --amount, eligibility list | explain with amounts, and the refusals with their codes.
@Suite struct BenefitCommandTests {
    @Test func figuresAndAFormulaGiveAmountsThatListAndExplainShow() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let uscc = ActivityFixtures.uscc(21)
            try connection.execute(
                """
                INSERT INTO filmwg.companies (uscc, name, kind, registered_in_zone, zone_registered_on)
                VALUES (\(uscc), 'Young Studio', 'production', true, '2023-03-01')
                """)
            func run(_ arguments: [String]) throws -> CommandResult { try FilmWGBinary.run(arguments, database: db) }
            let folder = FileManager.default.temporaryDirectory.appending(path: "benefits-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let header =
                "company_uscc,year,rent_paid,rented_area_m2,fiscal_contribution,revenue,investment,renovation_cost,renovated_area_m2\n"
            let bad = folder.appending(path: "bad.csv").path
            try (header + "\(uscc),2024,-1,abc,,,,,\n\(uscc),1900,1,1,1,1,1,1,1\n").write(
                toFile: bad, atomically: true, encoding: .utf8)
            let refused = try run(["figure", "import", bad])
            #expect(refused.status == 65)
            #expect(
                refused.stderr.hasPrefix(
                    """
                    \(bad):2: rent_paid: must be 0 or more, not -1
                    \(bad):2: rented_area_m2: 'abc' is not a plain decimal amount such as 5000000.00
                    \(bad):3: year: 1900 is outside 1990..
                    """))
            let good = folder.appending(path: "good.csv").path
            try (header + "\(uscc),2024,240000.00,600,210000.00,,,,\n").write(
                toFile: good, atomically: true, encoding: .utf8)
            #expect(try run(["figure", "import", good]).status == 0)
            let listed = try run(["figure", "list", "--year", "2024", "--format", "csv"])
            #expect(listed.stdout == header + "\(uscc),2024,240000.00,600.00,210000.00,,,,\n")
            // The list re-imports as it is.
            let again = folder.appending(path: "again.csv").path
            try listed.stdout.write(toFile: again, atomically: true, encoding: .utf8)
            #expect(try run(["figure", "import", again]).status == 0)
            #expect(try run(["figure", "list", "--format", "json"]).stdout.contains(#""row_version": 2"#))

            let badFormula = try run([
                "policy", "add", "--code", "rent", "--title", "Rent", "--rule", "registered_in_zone",
                "--valid-from", "2018-01-01", "--amount", "rent_paid_last_year * taper(zone_yeras + 1, 100%)",
            ])
            #expect(badFormula.status == 65)
            #expect(
                badFormula.stderr
                    == "filmwg: the amount does not check: 1:29: unknown fact 'zone_yeras'; did you mean 'zone_years'?\n"
            )
            let check = try run(["policy", "check", "--amount", "registered_in_zone * 2"])
            #expect(check.status == 65)
            #expect(
                check.stderr
                    == "filmwg: the amount does not check: 1:1: cannot use 'registered_in_zone' (boolean) in arithmetic: expected a number\n"
            )
            #expect(
                try run(["policy", "check", "--amount", "rent_paid_last_year * 80%", "--format", "csv"]).stdout
                    == "amount,facts\nrent_paid_last_year * 80%,rent_paid_last_year\n")

            let added = try run([
                "policy", "add", "--code", "rent", "--title", "Rent", "--valid-from", "2018-01-01",
                "--rule", "registered_in_zone and fiscal_contribution_per_m2_last_year >= 300",
                "--amount", "rent_paid_last_year * taper(zone_years + 1, 100%, 80%, 60%, 40%, 20%)",
                "--exclusive-group", "huairou-2018", "--format", "json",
            ])
            #expect(added.status == 0, "\(added)")
            #expect(
                added.stdout.contains(
                    #""amount": "rent_paid_last_year * taper(zone_years + 1, 100%, 80%, 60%, 40%, 20%)", "amount_cap": null, "exclusive_group": "huairou-2018""#
                ))
            #expect(try run(["eligibility", "run", "--as-of", "2025-06-01"]).status == 0)
            let list = try run(["eligibility", "list", "--policy", "rent", "--format", "json"])
            #expect(
                list.stdout.contains(#""eligible": true, "amount": 144000.00, "amount_reason": null"#), "\(list.stdout)"
            )
            let explain = try run(["eligibility", "explain", "--company", uscc, "--policy", "rent", "--format", "json"])
            #expect(explain.stdout.contains(#""amount": 144000.00"#))
            #expect(
                explain.stdout.contains(#"{"step": "taper(zone_years + 1, …)", "value": "step 3 of 5"}"#),
                "\(explain.stdout)")
            let table = try run(["eligibility", "explain", "--company", uscc, "--policy", "rent"])
            #expect(
                table.stdout.contains("amount: rent_paid_last_year * taper(zone_years + 1, 100%, 80%, 60%, 40%, 20%)"))
        }
    }
}

/// `policy try --amount`: the what-if totals a draft formula over the companies the draft finds
/// eligible, counts those without an amount, shows each one's with --list, and writes nothing.
@Suite struct WhatIfAmountCommandTests {
    @Test func policyTryTotalsADraftAmountOverTheEligibleCompanies() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let (a, b, c) = (ActivityFixtures.uscc(31), ActivityFixtures.uscc(32), ActivityFixtures.uscc(33))
            try connection.execute(
                """
                INSERT INTO filmwg.companies (uscc, name, kind, registered_in_zone, zone_registered_on)
                VALUES (\(a), 'Rent Studio', 'production', true, '2023-03-01'),
                       (\(b), 'No Figures Studio', 'production', true, '2023-03-01'),
                       (\(c), 'Outside Studio', 'production', false, NULL)
                """)
            try connection.execute(
                """
                INSERT INTO filmwg.company_figures (company_id, year, rent_paid, rented_area_m2)
                SELECT id, 2024, 240000.00, 600 FROM filmwg.companies WHERE uscc = \(a)
                """)
            func run(_ arguments: [String]) throws -> CommandResult { try FilmWGBinary.run(arguments, database: db) }
            let base = [
                "policy", "try", "registered_in_zone", "--as-of", "2025-06-01", "--amount", "rent_paid_last_year * 80%",
            ]
            let json = try run(base + ["--format", "json"])
            #expect(json.status == 0, "\(json)")
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect((object?["evaluated"] as? Int) == 3)
            #expect((object?["eligible"] as? Int) == 2)
            #expect((object?["amount_total"] as? NSNumber)?.doubleValue == 192000)
            #expect(json.stdout.contains(#""amount_total": 192000.00"#))
            #expect((object?["amount_unknown"] as? Int) == 1)

            let list = try run(base + ["--list", "--format", "csv"])
            #expect(list.status == 0, "\(list)")
            let lines = list.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "company_id,uscc,name,name_zh,draft,current,change,amount")
            #expect(lines.count == 3)
            #expect(lines.contains { $0.contains(a) && $0.hasSuffix(",192000.00") })
            #expect(lines.contains { $0.contains(b) && $0.hasSuffix(",") })

            // Without --amount the output has no amount.
            let plain = try run(["policy", "try", "registered_in_zone", "--as-of", "2025-06-01", "--format", "json"])
            #expect(plain.stdout.contains(#""amount_total": null"#))

            let bad = try run(["policy", "try", "registered_in_zone", "--amount", "rent_payd_last_year * 2"])
            #expect(bad.status == 65)
            #expect(bad.stderr.hasPrefix("filmwg: the amount does not check: 1:1: unknown fact 'rent_payd_last_year'"))
            #expect(try connection.query("SELECT count(*)::integer FROM filmwg.job_runs").one().decode(Int.self) == 0)
        }
    }
}
