import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// Dated company values (DESIGN §11): versions in force from a day, what a back-dated change
/// does, and the database's refusals.
@Suite struct CompanyVersionTests {
    typealias F = EligibilityFixture

    func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    /// (from, to, employees, capital) of each version, oldest first.
    func periods(_ repository: CompanyRepository, _ company: Company) throws -> [String] {
        try repository.history(of: company).map { v in
            "\(v.effectiveFrom?.description ?? "-") \(v.effectiveTo?.description ?? "-") \(v.employees.map(String.init) ?? "null") \(v.registeredCapital.map { Amount.format($0) } ?? "null")"
        }
    }

    func studio(founded: String? = "2015-06-18") -> CompanyInput {
        CompanyInput(
            uscc: USCCFixture.make(7), name: "Yanqi Lake Pictures", kind: .production, registeredInZone: true,
            registeredCapital: Decimal(string: "1000000.00"), foundedOn: founded.flatMap { CalendarDate(iso: $0) },
            employees: 10)
    }

    @Test func theFirstValuesAreInForceFromTheFoundingDayOrSinceEver() throws {
        try TestDatabase.with { test in
            let repository = CompanyRepository(try test.connect())
            let founded = try repository.create(studio())
            var unknown = studio(founded: nil)
            unknown.uscc = USCCFixture.make(8)
            let ever = try repository.create(unknown)
            #expect(try periods(repository, founded) == ["2015-06-18 - 10 1000000.00"])
            #expect(try periods(repository, ever) == ["- - 10 1000000.00"])
            #expect(try repository.values(of: ever, on: day("1900-01-01")).employees == 10)
            #expect(throws: RecordError.self) { try repository.values(of: founded, on: day("2015-06-17")) }
            // An import writes first versions too, set-based.
            let connection = try test.connect()
            try connection.execute(
                """
                INSERT INTO filmwg.companies (name, founded_on) SELECT 'Imported ' || i, '2020-01-01' FROM generate_series(1, 3) i
                """)
            #expect(
                try F.count(
                    connection,
                    "SELECT count(*) FROM filmwg.company_versions WHERE valid = daterange('2020-01-01', NULL)") == 3)
        }
    }

    @Test func aChangeTakesEffectFromItsDayAndEarlierDaysKeepTheirValues() throws {
        try TestDatabase.with { test in
            let repository = CompanyRepository(try test.connect())
            let company = try repository.create(studio())
            var input = company.input
            input.employees = 50
            let updated = try repository.update(
                id: company.id, to: input, expectVersion: company.rowVersion, effectiveFrom: day("2024-01-01"),
                fields: ["employees"])
            #expect(updated.employees == 50 && updated.rowVersion == 2)
            #expect(
                try periods(repository, company) == [
                    "2015-06-18 2024-01-01 10 1000000.00", "2024-01-01 - 50 1000000.00",
                ])
            #expect(try repository.values(of: company, on: day("2023-12-31")).employees == 10)
            #expect(try repository.values(of: company, on: day("2024-01-01")).employees == 50)
            // Stale row_version: a conflict, nothing written.
            #expect(throws: RecordError.self) {
                try repository.update(
                    id: company.id, to: input, expectVersion: 1, effectiveFrom: day("2025-01-01"), fields: ["employees"]
                )
            }
            #expect(try repository.history(of: company).count == 2)
        }
    }

    /// The documented rule: a back-dated change sets each field given from its day up to the next
    /// later change of the same field, which stays; other fields of later versions stay too.
    @Test func aBackDatedChangeStopsAtTheNextRecordedChangeOfTheSameField() throws {
        try TestDatabase.with { test in
            let repository = CompanyRepository(try test.connect())
            var company = try repository.create(studio())
            func change(_ from: String, employees: Int? = nil, capital: String? = nil) throws {
                var input = company.input
                var fields: [String] = []
                if let employees { input.employees = employees; fields.append("employees") }
                if let capital {
                    input.registeredCapital = Decimal(string: capital); fields.append("registered_capital")
                }
                company = try repository.update(
                    id: company.id, to: input, expectVersion: company.rowVersion, effectiveFrom: day(from),
                    fields: fields)
            }
            try change("2020-01-01", capital: "2000000.00")
            try change("2024-01-01", employees: 30)
            try change("2018-06-01", employees: 12, capital: "1500000.00")
            #expect(
                try periods(repository, company) == [
                    "2015-06-18 2018-06-01 10 1000000.00",
                    "2018-06-01 2020-01-01 12 1500000.00",
                    "2020-01-01 2024-01-01 12 2000000.00",  // capital changed on 2020-01-01: kept
                    "2024-01-01 - 30 2000000.00",  // employees changed on 2024-01-01: kept
                ])
            // companies carries the latest version.
            #expect(company.employees == 30 && company.registeredCapital == Decimal(string: "2000000.00"))
            // A back-dated change with no later change of the field reaches today.
            try change("2019-01-01", capital: "1800000.00")
            #expect(
                try repository.values(of: company, on: day("2019-06-01")).registeredCapital
                    == Decimal(string: "1800000.00"))
            #expect(
                try repository.values(of: company, on: day("2021-06-01")).registeredCapital
                    == Decimal(string: "2000000.00"))
        }
    }

    @Test func aDayBeforeTheFoundingIsRefusedAndNothingIsWritten() throws {
        try TestDatabase.with { test in
            let connection = try test.connect()
            let repository = CompanyRepository(connection)
            let company = try repository.create(studio())
            var input = company.input
            input.employees = 99
            let before = try ActivityFixtures.rowCounts(connection)
            let error = #expect(throws: RecordError.self) {
                try repository.update(
                    id: company.id, to: input, expectVersion: company.rowVersion, effectiveFrom: day("2015-06-17"),
                    fields: ["employees"])
            }
            #expect(
                error?.sentence
                    == "values of company \(USCCFixture.make(7)) cannot take effect on 2015-06-17, before it was founded on 2015-06-18"
            )
            #expect(error?.category == .invalid)
            #expect(try ActivityFixtures.rowCounts(connection) == before)
            #expect(try repository.find(.id(company.id)).employees == 10)
        }
    }

    @Test func theDatabaseRefusesOverlappingVersionsOfOneCompany() throws {
        try TestDatabase.with { test in
            let repository = CompanyRepository(try test.connect())
            let company = try repository.create(studio())
            // Even the owner cannot write overlapping periods.
            let owner = try test.connectRaw()
            try owner.execute("SET ROLE filmwg_owner")
            let error = #expect(throws: PostgresError.self) {
                try owner.execute(
                    """
                    INSERT INTO filmwg.company_versions (company_id, valid, name, kind, registered_in_zone, changed_fields)
                    VALUES (\(company.id), daterange('2020-01-01', NULL), 'Overlap', 'other', false, '{name}')
                    """)
            }
            #expect(error?.constraint == "company_versions_no_overlap")
            #expect(
                error.flatMap { CompanyRepository.sentence(for: $0) }
                    == "these values would overlap another version of the company's values; nothing was written")
            // Admins may not write versions but through companies.
            let admin = try test.connectRaw()
            try admin.execute("SET ROLE filmwg_admin")
            #expect(throws: PostgresError.self) {
                try admin.execute("UPDATE filmwg.company_versions SET name = 'x' WHERE company_id = \(company.id)")
            }
        }
    }

    @Test func everyVersionWrittenIsAuditedWithTheActor() throws {
        try TestDatabase.with { test in
            let connection = try test.connect(actor: "alice")
            let repository = CompanyRepository(connection)
            let company = try repository.create(studio())
            var input = company.input
            input.name = "Yanqi Lake Studios"
            try repository.update(
                id: company.id, to: input, expectVersion: company.rowVersion, effectiveFrom: day("2022-03-01"),
                fields: ["name"])
            let rows = try connection.query(
                """
                SELECT action, actor, new_values ->> 'name', new_values ->> 'valid'
                  FROM filmwg.audit_log WHERE table_name = 'company_versions' ORDER BY id
                """
            ).map { try $0.decode((String, String, String?, String?).self) }
            #expect(rows.map(\.0) == ["insert", "update", "insert", "update"])
            #expect(rows.allSatisfy { $0.1 == "alice" })
            #expect(rows.map(\.3) == ["[2015-06-18,)", "[2015-06-18,2022-03-01)", "[2022-03-01,)", "[2022-03-01,)"])
            #expect(rows.last?.2 == "Yanqi Lake Studios")
        }
    }
}

@Suite struct DatedValuesInReportsTests {
    @Test func reportsAndListsShowTheValuesInForceOnTheirDay() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let repository = CompanyRepository(db)
            let company = try repository.create(
                CompanyInput(
                    uscc: USCCFixture.make(9), name: "Old Name", kind: .production, registeredInZone: true,
                    foundedOn: CalendarDate(iso: "2015-01-01")))
            try EligibilityFixture.membership(db, company: company.id, tier: "member", from: "2017-05-20")
            var input = company.input
            input.name = "New Name"
            input.kind = .distribution
            try repository.update(
                id: company.id, to: input, expectVersion: company.rowVersion,
                effectiveFrom: CalendarDate(iso: "2020-01-01"),
                fields: ["name", "kind"])
            func roster(_ day: String) throws -> [String] {
                try db.query("SELECT name || ' ' || kind FROM reporting.member_roster_as_of(\(day)::date)")
                    .map { try $0.decode(String.self, at: 0) }
            }
            #expect(try roster("2019-12-31") == ["Old Name production"])
            #expect(try roster("2020-01-01") == ["New Name distribution"])
            let engagement = try db.query("SELECT name FROM reporting.company_engagement_as_of('2018-01-01')")
                .map { try $0.decode(String.self, at: 0) }
            #expect(engagement == ["Old Name"])
            try EligibilityFixture.policy(db, code: "zone", rule: "registered_in_zone")
            _ = try EligibilityFixture.job(test, db).run(asOf: CalendarDate(iso: "2019-06-01"))
            let listed = try DeterminationRepository(db).list(policy: "zone", asOf: CalendarDate(iso: "2019-06-01"))
            #expect(listed.determinations.map(\.company.name) == ["Old Name"])
            let viewed = try db.query(
                "SELECT company_name FROM reporting.policy_eligibility_current_as_of('2019-06-01')"
            )
            .map { try $0.decode(String.self, at: 0) }
            #expect(viewed == ["Old Name"])
            let facts = try db.query("SELECT name, kind FROM filmwg.company_facts('2019-12-31')")
                .map { try $0.decode((String, String).self) }
            #expect(facts.map(\.0) == ["Old Name"] && facts.map(\.1) == ["production"])
        }
    }
}
