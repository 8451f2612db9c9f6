import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

private typealias F = EligibilityFixture

/// Amounts computed by the nightly job (DESIGN §12), evaluated by PostgreSQL on real rows:
/// every formula shape, rounding half-up at the cent, the floor at 0, null amounts and their
/// reasons, caps and exclusive groups.
@Suite struct AmountJobTests {
    static let day = "2025-06-01"

    /// A company in the zone since `zoneSince` with figures for 2024 (the year before the day).
    @discardableResult
    static func company(
        _ db: Connection, _ name: String, zoneSince: String = "2024-01-01", rent: String? = nil, area: String? = nil,
        contribution: String? = nil, inZone: Bool = true
    ) throws -> Int64 {
        let id = try F.company(db, name: name, inZone: inZone)
        if inZone {
            // In force from the founding day, long before the day evaluated (an edit effective
            // today would not be).
            try db.execute(
                """
                SELECT set_config('filmwg.effective_from', coalesce(founded_on, '2000-01-01')::text, false)
                  FROM filmwg.companies WHERE id = \(id)
                """)
            try db.execute("UPDATE filmwg.companies SET zone_registered_on = \(zoneSince)::date WHERE id = \(id)")
            try db.execute("SELECT set_config('filmwg.effective_from', '', false)")
        }
        if rent != nil || area != nil || contribution != nil {
            try db.execute(
                """
                INSERT INTO filmwg.company_figures (company_id, year, rent_paid, rented_area_m2, fiscal_contribution)
                VALUES (\(id), 2024, \(rent)::numeric, \(area)::numeric, \(contribution)::numeric)
                """)
        }
        return id
    }

    static func policy(
        _ db: Connection, _ code: String, rule: String = "registered_in_zone", amount: String, cap: Decimal? = nil,
        group: String? = nil
    ) throws {
        _ = try PolicyRepository(db).add(
            NewPolicy(
                code: code, title: code, rule: rule, validFrom: F.day("2017-01-01"),
                terms: BenefitTerms(amount: amount, cap: cap, exclusiveGroup: group)))
    }

    /// (amount, reason) of each company for `policy` in `run`, by company id.
    static func amounts(_ db: Connection, run: Int64, policy: String) throws -> [Int64: (String?, String?)] {
        let rows = try db.query(
            """
            SELECT d.company_id, d.amount::text, d.amount_reason FROM filmwg.determinations d
              JOIN filmwg.policy_versions v ON v.id = d.policy_version_id JOIN filmwg.policies p ON p.id = v.policy_id
             WHERE d.run_id = \(run) AND p.code = \(policy)
            """
        ).map { try $0.decode((Int64, String?, String?).self) }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.0, ($0.1, $0.2)) })
    }

    @Test(arguments: [
        // (formula, rent, area, expected amount)
        ("rent_paid_last_year * 50%", "0.01", "1", "0.01"),  // 0.005 rounds half-up
        ("rent_paid_last_year * 50%", "0.03", "1", "0.02"),  // 0.015
        ("rent_paid_last_year * 50%", "0.05", "1", "0.03"),  // 0.025: half-up, not to even
        ("rent_paid_last_year / 3", "100", "1", "33.33"),
        ("rent_paid_last_year / 3", "200", "1", "66.67"),
        ("rent_paid_last_year - 1000", "10", "1", "0.00"),  // below 0 is 0
        ("rent_paid_last_year / rented_area_m2_last_year * 12", "1000", "3", "4000.00"),
        ("min(300 * rented_area_m2_last_year, 30% * rent_paid_last_year)", "1000000", "500", "150000.00"),
        ("max(1000, 1% * rent_paid_last_year)", "1000", "1", "1000.00"),
        ("-(rent_paid_last_year) + 2 * rent_paid_last_year", "12.34", "1", "12.34"),
        (
            "case when rented_area_m2_last_year >= 100 then 1000 when rented_area_m2_last_year >= 10 then 100 else 1 end",
            "1", "50", "100.00"
        ),
        // zone_years 2.
        ("rent_paid_last_year * taper(zone_years + 1, 100%, 80%, 60%, 40%, 20%)", "1000", "1", "600.00"),
        ("rent_paid_last_year * taper(zone_years - 5, 100%, 80%)", "1000", "1", "0.00"),  // index -3: 0
        // Past the last step: 0.
        ("rent_paid_last_year * taper(zone_years + 10, 100%, 80%)", "1000", "1", "0.00"),
        ("1000000", "1", "1", "1000000.00"),
    ])
    func computesEachFormulaShapeExactly(formula: String, rent: String, area: String, expected: String) throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try Self.company(db, "Studio", zoneSince: "2023-01-15", rent: rent, area: area)
            try Self.policy(db, "p", amount: formula)
            let run = try F.job(test, db).run(asOf: F.day(Self.day))
            let got = try Self.amounts(db, run: run.id, policy: "p")[company]
            #expect(got?.0 == expected, "\(formula)")
            #expect(got?.1 == nil)
        }
    }

    @Test func aMissingFactOrAZeroDivisorGivesANullAmountAndSaysWhy() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let noFigures = try Self.company(db, "No figures")
            let noArea = try Self.company(db, "No area", rent: "1000")
            let zeroArea = try Self.company(db, "Zero area", rent: "1000", area: "0")
            let outside = try Self.company(db, "Outside", rent: "1000", area: "10", inZone: false)
            try Self.policy(db, "per-m2", amount: "rent_paid_last_year / rented_area_m2_last_year")
            let run = try F.job(test, db).run(asOf: F.day(Self.day))
            let amounts = try Self.amounts(db, run: run.id, policy: "per-m2")
            #expect(amounts[noFigures]?.0 == nil && amounts[noFigures]?.1 == "rent_paid_last_year is unknown")
            #expect(amounts[noArea]?.0 == nil && amounts[noArea]?.1 == "rented_area_m2_last_year is unknown")
            #expect(amounts[zeroArea]?.0 == nil)
            #expect(
                amounts[zeroArea]?.1 == "division by zero in the amount rent_paid_last_year / rented_area_m2_last_year")
            // Not eligible: no amount and no reason.
            #expect(amounts[outside]?.0 == nil && amounts[outside]?.1 == nil)
            #expect(run.eligible == 3)
        }
    }

    @Test func aCapLimitsEachDeterminationAndARevisionKeepsTheTerms() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let small = try Self.company(db, "Small", rent: "500")
            let large = try Self.company(db, "Large", rent: "5000000")
            try Self.policy(db, "rent", amount: "rent_paid_last_year", cap: 1_000_000)
            let run = try F.job(test, db).run(asOf: F.day(Self.day))
            let amounts = try Self.amounts(db, run: run.id, policy: "rent")
            #expect(amounts[small]?.0 == "500.00" && amounts[large]?.0 == "1000000.00")
            let revised = try PolicyRepository(db).revise(
                code: "rent", rule: "registered_in_zone and employees >= 1", validFrom: F.day("2025-01-01"))
            #expect(
                revised.versions.last?.amount == "rent_paid_last_year" && revised.versions.last?.amountCap == 1_000_000)
            let dropped = try PolicyRepository(db).revise(
                code: "rent", rule: "registered_in_zone", validFrom: F.day("2025-03-01"),
                terms: BenefitTerms(cleared: ["cap"]))
            #expect(dropped.versions.last?.amountCap == nil && dropped.versions.last?.amount == "rent_paid_last_year")
            let later = try F.job(test, db).run(asOf: F.day(Self.day))
            #expect(try Self.amounts(db, run: later.id, policy: "rent")[large]?.0 == "5000000.00")
        }
    }

    @Test func inAnExclusiveGroupTheHighestAmountKeepsItAndATieGoesToTheSmallerCode() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let higher = try Self.company(db, "Renovation pays more", rent: "1000", area: "100")
            let tie = try Self.company(db, "Tie", rent: "1000", area: "1")
            try Self.policy(db, "b-rent", amount: "rent_paid_last_year", group: "huairou")
            try Self.policy(db, "a-renovation", amount: "rented_area_m2_last_year * 1000", group: "huairou")
            try Self.policy(db, "c-other-group", amount: "rent_paid_last_year", group: "other")
            let run = try F.job(test, db).run(asOf: F.day(Self.day))
            let rent = try Self.amounts(db, run: run.id, policy: "b-rent")
            let renovation = try Self.amounts(db, run: run.id, policy: "a-renovation")
            let other = try Self.amounts(db, run: run.id, policy: "c-other-group")
            #expect(renovation[higher]?.0 == "100000.00" && renovation[higher]?.1 == nil)
            #expect(rent[higher]?.0 == "0")
            #expect(
                rent[higher]?.1
                    == "not cumulative: a-renovation of the same exclusive group (huairou) pays at least as much")
            // Both pay 1000.00: the smaller code keeps it.
            #expect(renovation[tie]?.0 == "1000.00" && rent[tie]?.0 == "0")
            #expect(other[higher]?.0 == "1000.00" && other[tie]?.0 == "1000.00")
        }
    }

    @Test func explainShowsEachFactTheTaperStepAndTheCap() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try Self.company(
                db, "Studio", zoneSince: "2023-01-15", rent: "1000000", area: "2000", contribution: "900000")
            try db.execute("UPDATE filmwg.companies SET uscc = \(F.uscc("91110116MA00YQ001")) WHERE id = \(company)")
            try Self.policy(
                db, "rent", rule: "registered_in_zone and fiscal_contribution_per_m2_last_year >= 300",
                amount: "rent_paid_last_year * taper(zone_years + 1, 100%, 80%, 60%, 40%, 20%)", cap: 500_000)
            try F.job(test, db).run(asOf: F.day(Self.day))
            let explanation = try DeterminationRepository(db).explain(company: String(company), policy: "rent")
            #expect(explanation.criteria.map(\.value) == [true, true])
            #expect(explanation.determination.amount == 500_000)
            #expect(
                explanation.amountSteps.map { "\($0.step) = \($0.value ?? "null")" } == [
                    "rent_paid_last_year = 1000000.00",
                    "zone_years = 2",
                    "taper(zone_years + 1, …) = step 3 of 5",
                    "formula rent_paid_last_year * taper(zone_years + 1, 100%, 80%, 60%, 40%, 20%) = 600000.0000",
                    "rounded half-up to 0.01, at least 0 = 600000.00",
                    "cap = 500000.00",
                    "amount = 500000.00",
                ])
            let facts = try db.query(
                "SELECT fiscal_contribution_per_m2_last_year::text FROM filmwg.company_facts('2025-06-01') WHERE company_id = \(company)"
            ).one().decode(String.self, at: 0)
            #expect(facts.hasPrefix("450.0"))
        }
    }

    /// The facts are recomputed for the explanation, the amount is the run's: a figure corrected
    /// after the run for its day must not show a calculation that contradicts the stored amount.
    @Test func explainSaysWhenTheRecordsWereEditedSinceTheRun() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try Self.company(
                db, "Studio", zoneSince: "2023-01-15", rent: "1000000", area: "2000", contribution: "900000")
            try Self.policy(
                db, "rent", rule: "registered_in_zone and fiscal_contribution_per_m2_last_year >= 300",
                amount: "rent_paid_last_year * taper(zone_years + 1, 100%, 80%, 60%, 40%, 20%)", cap: 500_000)
            try F.job(test, db).run(asOf: F.day(Self.day))
            try db.execute("UPDATE filmwg.company_figures SET rent_paid = 400000 WHERE company_id = \(company)")
            let explanation = try DeterminationRepository(db).explain(company: String(company), policy: "rent")
            #expect(explanation.determination.amount == 500_000)
            #expect(
                explanation.amountSteps.map { "\($0.step) = \($0.value ?? "null")" } == [
                    "rent_paid_last_year = 400000.00",
                    "zone_years = 2",
                    "taper(zone_years + 1, …) = step 3 of 5",
                    "formula rent_paid_last_year * taper(zone_years + 1, 100%, 80%, 60%, 40%, 20%) = 240000.0000",
                    "rounded half-up to 0.01, at least 0 = 240000.00",
                    "cap = 500000.00",
                    "records edited since the run = as they are now, the records for 2025-06-01 give 240000.00, not the run's 500000.00; a run for 2025-06-01 would decide anew",
                    "amount = 500000.00",
                ])
            // A new run for the day decides from the records as they are: the note goes.
            try F.job(test, db).run(asOf: F.day(Self.day))
            let again = try DeterminationRepository(db).explain(company: String(company), policy: "rent")
            #expect(again.determination.amount == 240_000)
            #expect(!again.amountSteps.contains { $0.step == "records edited since the run" })
        }
    }

    /// A fact unknown at the run (no figures yet) and filed afterwards: the run stored no amount,
    /// the records now give one, and explain says both.
    @Test func explainSaysWhenAnAmountUnknownToTheRunIsKnownNow() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try Self.company(db, "Late Filer")
            try Self.policy(db, "rent", amount: "rent_paid_last_year")
            try F.job(test, db).run(asOf: F.day(Self.day))
            try db.execute(
                "INSERT INTO filmwg.company_figures (company_id, year, rent_paid) VALUES (\(company), 2024, 1000)")
            let explanation = try DeterminationRepository(db).explain(company: String(company), policy: "rent")
            #expect(explanation.determination.amount == nil)
            #expect(explanation.determination.amountReason == "rent_paid_last_year is unknown")
            #expect(
                explanation.amountSteps.suffix(2).map { "\($0.step) = \($0.value ?? "null")" } == [
                    "records edited since the run = as they are now, the records for 2025-06-01 give 1000.00, not the run's no amount; a run for 2025-06-01 would decide anew",
                    "amount = rent_paid_last_year is unknown",
                ])
        }
    }

    @Test func aFormulaThatDoesNotCheckIsNeverSaved() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            #expect(
                throws: RecordError.invalid(
                    "the amount does not check: 1:1: cannot use 'registered_in_zone' (boolean) in arithmetic: expected a number"
                )
            ) { try Self.policy(db, "bad", amount: "registered_in_zone * 100") }
            #expect(
                throws: RecordError.invalid(
                    "the amount does not check: 1:23: a percentage must be from 0% to 1000%, found 1001%")
            ) {
                try Self.policy(db, "bad", amount: "rent_paid_last_year * 1001%")
            }
            #expect(
                throws: RecordError.invalid(
                    "exclusive group 'Huairou Awards' may hold only lower-case letters, digits, - and _")
            ) {
                try Self.policy(db, "bad", amount: "1", group: "Huairou Awards")
            }
            #expect(try db.query("SELECT count(*) FROM filmwg.policies").one().decode(Int.self, at: 0) == 0)
        }
    }
}
