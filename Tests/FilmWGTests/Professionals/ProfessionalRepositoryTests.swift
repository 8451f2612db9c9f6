import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct ProfessionalRepositoryTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    static let xi = ProfessionalInput(
        fullName: "席伟航", latinName: "Xi Weihang", title: "Head", email: "Xi.Weihang@Example.org",
        phone: "+86 10 1234 5678",
        specialties: ["production", "distribution"])

    @Test func addedWithAnEmploymentAndFoundByIdOrEmailInAnyCase() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try CompanyRepository(connection).create(
                CompanyInput(uscc: USCCFixture.make(1), name: "Studio"))
            let people = ProfessionalRepository(connection)
            let created = try people.create(
                Self.xi,
                employment: EmploymentInput(companyID: company.id, employedFrom: Self.day("2017-05-20"), title: "Head"))
            #expect(created.input == Self.xi)
            #expect(created.employments.count == 1)
            #expect(created.employments.first?.companyUSCC == company.uscc)
            #expect(created.employments.first?.employedFrom == Self.day("2017-05-20"))
            #expect(created.employments.first?.isOpen == true)
            #expect(try people.find(.email("xi.weihang@example.ORG")) == created)
            #expect(try people.find(ProfessionalRef(String(created.id))) == created)
            #expect(
                throws: RecordError.notFound(
                    "no professional has the e-mail address nobody@example.org; see 'filmwg professional list \(field: "search")'"
                )
            ) {
                try people.find(.email("nobody@example.org"))
            }
            #expect(
                throws: RecordError.invalid(
                    "email XI.WEIHANG@example.org: already belongs to professional \(created.id)")
            ) {
                try people.create(ProfessionalInput(fullName: "Copy", email: "XI.WEIHANG@example.org"))
            }
        }
    }

    @Test func badFieldsAndDatabaseRulesGiveSentencesWithoutPersonalData() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let people = ProfessionalRepository(connection)
            #expect(throws: RecordError.invalid("full_name: is required and must not be blank")) {
                try people.create(ProfessionalInput(fullName: " "))
            }
            #expect(throws: RecordError.invalid("email: 'not-an-address' is not an e-mail address (local@domain)")) {
                try people.create(ProfessionalInput(fullName: "A", email: "not-an-address"))
            }
            #expect(
                throws: RecordError.invalid(
                    "employed_to: 2017-01-01 must be after employed_from 2018-01-01 (the last day employed is the day before)"
                )
            ) {
                try people.create(
                    ProfessionalInput(fullName: "A"),
                    employment: EmploymentInput(
                        companyID: 1, employedFrom: Self.day("2018-01-01"), employedTo: Self.day("2017-01-01")))
            }
            // Past Swift: the CHECK refuses, and the sentence does not repeat the address.
            do {
                try connection.execute(
                    "INSERT INTO filmwg.professionals (full_name, email) VALUES ('A', 'secret at example.org')")
                Issue.record("a bad address was stored")
            } catch let error as PostgresError {
                let translated = DatabaseErrors.translate(
                    error, constraints: ["professionals_email_check": "email: not an e-mail address (local@domain)"])
                #expect(
                    (translated as? RecordError) == RecordError.invalid("email: not an e-mail address (local@domain)"))
            }
        }
    }

    @Test func listSearchesNamesAndEmailAndFiltersByEmployerOnADay() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let companies = CompanyRepository(connection)
            let studio = try companies.create(CompanyInput(uscc: USCCFixture.make(1), name: "Studio"))
            let platform = try companies.create(CompanyInput(uscc: USCCFixture.make(2), name: "Platform"))
            let people = ProfessionalRepository(connection)
            let xi = try people.create(
                Self.xi,
                employment: EmploymentInput(
                    companyID: studio.id, employedFrom: Self.day("2017-01-01"), employedTo: Self.day("2019-01-01")))
            let shi = try people.create(
                ProfessionalInput(fullName: "Shi Xiansheng", email: "shi@isc.org.cn"),
                employment: EmploymentInput(companyID: platform.id))
            let erased = try people.create(ProfessionalInput(fullName: "Gone Person"))
            try people.erase(id: erased.id)
            #expect(try people.list().map(\.id) == [shi.id, xi.id])
            #expect(try people.list(includeErased: true).map(\.id) == [shi.id, xi.id, erased.id])
            #expect(try people.list(search: "伟").map(\.id) == [xi.id])
            #expect(try people.list(search: "weihang").map(\.id) == [xi.id])
            #expect(try people.list(search: "isc.org").map(\.id) == [shi.id])
            #expect(
                try people.list(companyID: studio.id, asOf: Self.day("2018-12-31")).map(\.id) == [
                    xi.id
                ])
            #expect(try people.list(companyID: studio.id, asOf: Self.day("2019-01-01")).isEmpty)
            #expect(try people.list(companyID: platform.id).map(\.id) == [shi.id])
            #expect(try people.list(limit: 1).count == 1)
        }
    }

    @Test func aStaleUpdateIsAConflictAndTheOtherChangeStays() throws {
        try TestDatabase.with { db in
            let alice = try db.connect(actor: "alice")
            let bob = try db.connect(actor: "bob")
            let created = try ProfessionalRepository(alice).create(Self.xi)
            var byAlice = created.input
            byAlice.title = "Head, Internet Film Working Group"
            var byBob = created.input
            byBob.phone = "110"
            try ProfessionalRepository(alice).update(id: created.id, to: byAlice, expectVersion: created.rowVersion)
            #expect(throws: RecordError.self) {
                try ProfessionalRepository(bob).update(id: created.id, to: byBob, expectVersion: created.rowVersion)
            }
            do {
                try ProfessionalRepository(bob).update(id: created.id, to: byBob, expectVersion: created.rowVersion)
            } catch let error as RecordError {
                #expect(error.category == .conflict)
            }
            let now = try ProfessionalRepository(bob).find(id: created.id)!
            #expect(now.title == "Head, Internet Film Working Group")
            #expect(now.phone == Self.xi.phone)
            #expect(now.rowVersion == 2)
        }
    }

    @Test func updateWithACompanyEndsTheOpenEmploymentThereOrAddsOne() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let companies = CompanyRepository(connection)
            let studio = try companies.create(CompanyInput(uscc: USCCFixture.make(1), name: "Studio"))
            let platform = try companies.create(CompanyInput(uscc: USCCFixture.make(2), name: "Platform"))
            let people = ProfessionalRepository(connection)
            let xi = try people.create(
                Self.xi, employment: EmploymentInput(companyID: studio.id, employedFrom: Self.day("2017-05-20")))
            let ended = try people.update(
                id: xi.id, to: xi.input, expectVersion: 1,
                employment: EmploymentInput(companyID: studio.id, employedTo: Self.day("2020-01-01")))
            #expect(ended.employments.count == 1)
            #expect(ended.employments[0].employedFrom == Self.day("2017-05-20"))
            #expect(ended.employments[0].employedTo == Self.day("2020-01-01"))
            let moved = try people.update(
                id: xi.id, to: ended.input, expectVersion: ended.rowVersion,
                employment: EmploymentInput(companyID: platform.id, employedFrom: Self.day("2020-01-01")))
            #expect(moved.employments.map(\.companyName) == ["Studio", "Platform"])
            // Only the employment changed: the person's row and version stay as they were.
            #expect(moved.rowVersion == ended.rowVersion)
            var retitled = moved.input
            retitled.title = "Deputy"
            let changed = try people.update(id: xi.id, to: retitled, expectVersion: moved.rowVersion)
            #expect(changed.rowVersion == 2)
            #expect(
                throws: RecordError.conflict(
                    "professional \(xi.id) is at version 2, not 1: someone changed it since you read it; nothing was written, show it again and retry"
                )
            ) {
                try people.update(
                    id: xi.id, to: changed.input, expectVersion: 1,
                    employment: EmploymentInput(companyID: studio.id, employedFrom: Self.day("2024-01-01")))
            }
            #expect(try people.find(id: xi.id)?.employments.count == 2)
            #expect(
                throws: RecordError.invalid(
                    "employed_to: 2017-01-01 must be after employed_from 2020-01-01 (the last day employed is the day before)"
                )
            ) {
                try people.update(
                    id: xi.id, to: moved.input, expectVersion: moved.rowVersion,
                    employment: EmploymentInput(companyID: platform.id, employedTo: Self.day("2017-01-01")))
            }
        }
    }

    @Test func eraseRemovesPersonalDataKeepsHistoryAndLeavesOneAuditRow() throws {
        try TestDatabase.with { db in
            let connection = try db.connect(actor: "dpo")
            let company = try CompanyRepository(connection).create(
                CompanyInput(uscc: USCCFixture.make(1), name: "Studio"))
            let people = ProfessionalRepository(connection)
            let xi = try people.create(Self.xi, employment: EmploymentInput(companyID: company.id))
            let event = try connection.query(
                """
                INSERT INTO filmwg.events (name, starts_at) VALUES ('Launch', '2017-05-20 10:00+08') RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
            try connection.execute(
                """
                INSERT INTO filmwg.attendance (event_id, professional_id, company_id) VALUES (\(event), \(xi.id), \(company.id))
                """)
            let auditBefore = try connection.query(
                "SELECT count(*) FROM filmwg.audit_log WHERE table_name = 'professionals'"
            )
            .one().decode(Int.self, at: 0)
            let erased = try people.erase(id: xi.id)
            #expect(erased.fullName == nil)
            #expect(erased.latinName == nil)
            #expect(erased.email == nil)
            #expect(erased.phone == nil)
            #expect(erased.erasedAt != nil)
            #expect(erased.specialties == Self.xi.specialties)
            #expect(erased.employments.count == 1)
            let attended = try connection.query(
                "SELECT count(*) FROM filmwg.attendance WHERE professional_id = \(xi.id)"
            )
            .one().decode(Int.self, at: 0)
            #expect(attended == 1)
            let auditAfter = try connection.query(
                """
                SELECT count(*), bool_and(actor = 'dpo') FROM filmwg.audit_log WHERE table_name = 'professionals'
                """
            ).one().decode((Int, Bool).self)
            #expect(auditAfter.0 == auditBefore + 1)
            #expect(auditAfter.1)
            let personal = try connection.query(
                """
                SELECT count(*) FROM filmwg.audit_log
                 WHERE table_name = 'professionals' AND (old_values ?| filmwg.personal_fields() OR new_values ?| filmwg.personal_fields())
                """
            ).one().decode(Int.self, at: 0)
            #expect(personal == 0)
            // Erasing again changes nothing; an unknown id is not found.
            #expect(try people.erase(id: xi.id).erasedAt == erased.erasedAt)
            #expect(throws: RecordError.notFound("no professional has id 999")) { try people.erase(id: 999) }
            #expect(throws: RecordError.self) {
                try people.update(id: xi.id, to: Self.xi, expectVersion: erased.rowVersion)
            }
        }
    }

    @Test func everyChangeLeavesExactlyOneAuditRowWithTheActor() throws {
        try TestDatabase.with { db in
            let connection = try db.connect(actor: "records-admin")
            let company = try CompanyRepository(connection).create(
                CompanyInput(uscc: USCCFixture.make(1), name: "Studio"))
            let people = ProfessionalRepository(connection)
            let xi = try people.create(Self.xi, employment: EmploymentInput(companyID: company.id))
            var input = xi.input
            input.title = "Deputy"
            try people.update(id: xi.id, to: input, expectVersion: 1)
            let rows = try connection.query(
                """
                SELECT table_name, action, actor FROM filmwg.audit_log
                 WHERE table_name IN ('professionals', 'employments') ORDER BY id
                """
            ).map { try $0.decode((String, String, String).self) }
            #expect(
                rows.map { "\($0.0) \($0.1)" } == [
                    "professionals insert", "employments insert", "professionals update",
                ])
            #expect(rows.allSatisfy { $0.2 == "records-admin" })
        }
    }
}
