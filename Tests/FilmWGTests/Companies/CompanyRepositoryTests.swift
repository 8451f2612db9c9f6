import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct CompanyRepositoryTests {
    static func studio(_ n: Int = 1, name: String = "Huairou Film Studio", nameZh: String? = "怀柔影视基地") -> CompanyInput {
        CompanyInput(
            uscc: USCCFixture.make(n), name: name, nameZh: nameZh, kind: .production, district: "怀柔区",
            registeredInZone: true, zoneRegisteredOn: CalendarDate(iso: "2017-05-01"),
            registeredCapital: Decimal(string: "5000000.50"), foundedOn: CalendarDate(iso: "2010-03-15"), employees: 120
        )
    }

    static func auditRows(_ db: Connection, table: String, id: Int64) throws -> [(String, String)] {
        try db.query(
            """
            SELECT actor, action FROM filmwg.audit_log WHERE table_name = \(table) AND row_id = \(String(id)) ORDER BY id
            """
        ).map { try $0.decode((String, String).self) }
    }

    @Test func createdCompanyReadsBackExactlyByUSCCAndById() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let repository = CompanyRepository(connection)
            let created = try repository.create(Self.studio())
            #expect(created.rowVersion == 1)
            #expect(created.input == Self.studio())
            #expect(created.registeredCapital == Decimal(string: "5000000.50"))
            #expect(try repository.find(.uscc(USCCFixture.make(1))) == created)
            #expect(try repository.find(.id(created.id)) == created)
            #expect(try repository.find(CompanyRef(String(created.id))) == created)
            #expect(throws: RecordError.notFound("no company has id 999; see 'filmwg company list'")) {
                try repository.find(.id(999))
            }
            #expect(
                throws: RecordError.notFound("no company has USCC \(USCCFixture.make(2)); see 'filmwg company list'")
            ) {
                try repository.find(.uscc(USCCFixture.make(2)))
            }
        }
    }

    @Test func theDatabaseRefusesAWrongCheckDigitWithTheSentence() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let bad = USCCFixture.wrongCheck(USCCFixture.make(5))
            let expected = "uscc \(bad): \(USCC.problem(bad)!)"
            #expect(expected.contains("check digit is"))
            #expect(throws: RecordError.invalid(expected)) {
                try CompanyRepository(connection).create(CompanyInput(uscc: bad, name: "Bad"))
            }
            // Past Swift: the trigger refuses it with the same sentence.
            do {
                try connection.execute("INSERT INTO filmwg.companies (uscc, name) VALUES (\(bad), 'Bad')")
                Issue.record("the database took a wrong check digit")
            } catch let error as PostgresError {
                #expect(CompanyRepository.sentence(for: error) == expected)
            }
        }
    }

    @Test(arguments: [
        (FieldValues(["name": " "]), "name: is required and must not be blank"),
        (
            FieldValues(["name": "X", "kind": "studio"]),
            "kind: 'studio' is not a kind of company; use one of internet_platform, production, distribution, post_production, technology, investment, other"
        ),
        (FieldValues(["name": "X", "registered_capital": "-1"]), "registered_capital: must be 0 or more, not -1"),
        (
            FieldValues(["name": "X", "registered_capital": "1.005"]),
            "registered_capital: 1.005 has more than 2 decimals"
        ),
        (FieldValues(["name": "X", "employees": "3.5"]), "employees: '3.5' is not a whole number"),
        (
            FieldValues(["name": "X", "zone_registered_on": "2017-05-01"]),
            "zone_registered_on: only a company registered in the zone has a zone registration day; set registered_in_zone to true or leave the day out"
        ),
        (
            FieldValues(["name": "X", "founded_on": "2017/05/01"]),
            "founded_on: '2017/05/01' is not a date; write it as YYYY-MM-DD"
        ),
        (
            FieldValues(["name": "X", "registered_in_zone": "yes"]),
            "registered_in_zone: 'yes' is not a boolean; write true or false"
        ),
    ])
    func badFieldsAreRefusedWithASentence(values: FieldValues, sentence: String) throws {
        var input = CompanyInput()
        let problems = input.apply(values)
        #expect(problems.first?.sentence == sentence)
        #expect(throws: RecordError.invalid(sentence)) { try problems.throwIfAny() }
    }

    @Test func eachDatabaseRuleRefusesBadDataWithASentence() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let cases: [(Query, String)] = [
                ("INSERT INTO filmwg.companies (name) VALUES ('  ')", "name: is required and must not be blank"),
                (
                    "INSERT INTO filmwg.companies (name, kind) VALUES ('X', 'studio')",
                    "kind: use one of internet_platform, production, distribution, post_production, technology, investment, other"
                ),
                (
                    "INSERT INTO filmwg.companies (name, registered_capital) VALUES ('X', -1)",
                    "registered_capital: must be 0 or more"
                ),
                ("INSERT INTO filmwg.companies (name, employees) VALUES ('X', -1)", "employees: must be 0 or more"),
                (
                    "INSERT INTO filmwg.companies (name, zone_registered_on) VALUES ('X', '2017-01-01')",
                    "zone_registered_on: only a company registered in the zone has a zone registration day; set registered_in_zone to true or leave the day out"
                ),
            ]
            for (statement, sentence) in cases {
                do {
                    try connection.execute(statement)
                    Issue.record("accepted: \(statement)")
                } catch let error as PostgresError {
                    #expect(CompanyRepository.sentence(for: error) == sentence, "\(statement)")
                }
            }
        }
    }

    @Test func aUSCCAnotherCompanyHasIsRefusedNamingIt() throws {
        try TestDatabase.with { db in
            let repository = CompanyRepository(try db.connect())
            let first = try repository.create(Self.studio(7))
            #expect(
                throws: RecordError.invalid(
                    "uscc \(USCCFixture.make(7)): already belongs to company \(first.id) (Huairou Film Studio)")
            ) {
                try repository.create(CompanyInput(uscc: USCCFixture.make(7), name: "Copy"))
            }
            let other = try repository.create(Self.studio(8, name: "Other"))
            var input = other.input
            input.uscc = USCCFixture.make(7)
            #expect(throws: RecordError.self) { try repository.update(id: other.id, to: input, expectVersion: 1) }
            #expect(try repository.find(id: other.id)?.uscc == USCCFixture.make(8))
        }
    }

    @Test func listFiltersBySearchKindZoneMembershipAndArchive() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let companies = CompanyRepository(connection)
            let studio = try companies.create(Self.studio(1, name: "Huairou Film Studio", nameZh: "怀柔影视基地"))
            let platform = try companies.create(
                CompanyInput(
                    uscc: USCCFixture.make(2), name: "iQIYI", nameZh: "爱奇艺", kind: .internetPlatform))
            let post = try companies.create(
                CompanyInput(
                    uscc: USCCFixture.make(3), name: "Base FX 100%_post", nameZh: "基地视效", kind: .postProduction,
                    registeredInZone: true))
            let gone = try companies.create(CompanyInput(name: "Archived Films", kind: .production))
            try companies.archive(id: gone.id, expectVersion: gone.rowVersion)
            let memberships = MembershipRepository(connection)
            try memberships.join(studio, tier: .initiating, from: CalendarDate(iso: "2017-05-20")!)
            try memberships.join(platform, tier: .member, from: CalendarDate(iso: "2018-01-01")!)

            #expect(try companies.list().map(\.name) == ["Base FX 100%_post", "Huairou Film Studio", "iQIYI"])
            #expect(try companies.list(includeArchived: true).map(\.name).contains("Archived Films"))
            #expect(try companies.list(search: "影视").map(\.name) == ["Huairou Film Studio"])
            #expect(try companies.list(search: "基地").map(\.name) == ["Base FX 100%_post", "Huairou Film Studio"])
            #expect(try companies.list(search: "IQI").map(\.name) == ["iQIYI"])
            #expect(try companies.list(search: "%").map(\.name) == ["Base FX 100%_post"])
            #expect(try companies.list(search: "_").map(\.name) == ["Base FX 100%_post"])
            #expect(
                try companies.list(kind: .production, includeArchived: true).map(\.name) == [
                    "Archived Films", "Huairou Film Studio",
                ])
            #expect(try companies.list(inZone: true).map(\.name) == ["Base FX 100%_post", "Huairou Film Studio"])
            #expect(
                try companies.list(member: true, asOf: CalendarDate(iso: "2017-06-01")).map(\.name) == [
                    "Huairou Film Studio"
                ]
            )
            #expect(
                try companies.list(member: true, asOf: CalendarDate(iso: "2018-06-01")).map(\.name) == [
                    "Huairou Film Studio", "iQIYI",
                ])
            #expect(try companies.list(tier: .member, asOf: CalendarDate(iso: "2018-06-01")).map(\.name) == ["iQIYI"])
            #expect(try companies.list(member: true, asOf: CalendarDate(iso: "2017-05-19")).map(\.name) == [])
            #expect(try companies.list(limit: 2).map(\.name) == ["Base FX 100%_post", "Huairou Film Studio"])
            _ = post
        }
    }

    @Test func anUpdateFromAStaleVersionIsAConflictAndOverwritesNothing() throws {
        try TestDatabase.with { db in
            let alice = try db.connect(actor: "alice")
            let bob = try db.connect(actor: "bob")
            let created = try CompanyRepository(alice).create(Self.studio())
            // Both read version 1.
            let readByAlice = try CompanyRepository(alice).find(id: created.id)!
            let readByBob = try CompanyRepository(bob).find(id: created.id)!
            var aliceInput = readByAlice.input
            aliceInput.employees = 200
            var bobInput = readByBob.input
            bobInput.name = "Bob's name"
            let saved = try CompanyRepository(alice).update(
                id: created.id, to: aliceInput, expectVersion: readByAlice.rowVersion)
            #expect(saved.rowVersion == 2)
            do {
                try CompanyRepository(bob).update(id: created.id, to: bobInput, expectVersion: readByBob.rowVersion)
                Issue.record("a stale update went through")
            } catch let error as RecordError {
                #expect(error.category == .conflict)
                #expect(error.sentence.contains("company \(created.id) was changed by someone else"))
                #expect(error.sentence.contains("nothing was written"))
            }
            let now = try CompanyRepository(alice).find(id: created.id)!
            #expect(now.employees == 200)
            #expect(now.name == "Huairou Film Studio")
            #expect(now.rowVersion == 2)
            #expect(try Self.auditRows(alice, table: "companies", id: created.id).map(\.0) == ["alice", "alice"])
        }
    }

    @Test func twoConnectionsAtOnceFromTheSameVersionOneWinsTheOtherConflicts() throws {
        try TestDatabase.with { db in
            let setup = try db.connect()
            let created = try CompanyRepository(setup).create(Self.studio())
            let results = Locked<[Result<Company, RecordError>]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do {
                    let connection = try db.connect(actor: "writer\(i)")
                    defer { connection.close() }
                    var input = created.input
                    input.employees = 1000 + i
                    let company = try CompanyRepository(connection).update(id: created.id, to: input, expectVersion: 1)
                    results.update { $0.append(.success(company)) }
                } catch let error as RecordError {
                    results.update { $0.append(.failure(error)) }
                } catch {
                    Issue.record("unexpected \(error)")
                }
            }
            let all = results.value
            let winners = all.compactMap { try? $0.get() }
            let losers = all.compactMap { if case .failure(let e) = $0 { e } else { nil } }
            #expect(winners.count == 1)
            #expect(losers.count == 1)
            #expect(losers.first?.category == .conflict)
            let stored = try CompanyRepository(setup).find(id: created.id)!
            #expect(stored.employees == winners.first?.employees)
            #expect(stored.rowVersion == 2)
        }
    }

    @Test func archiveSetsArchivedAtOnceAndEveryChangeLeavesOneAuditRowWithTheActor() throws {
        try TestDatabase.with { db in
            let connection = try db.connect(actor: "admin-wang")
            let repository = CompanyRepository(connection)
            let created = try repository.create(Self.studio())
            #expect(try Self.auditRows(connection, table: "companies", id: created.id).map(\.1) == ["insert"])
            var input = created.input
            input.district = nil
            let updated = try repository.update(id: created.id, to: input, expectVersion: created.rowVersion)
            #expect(updated.district == nil)
            #expect(
                try Self.auditRows(connection, table: "companies", id: created.id).map(\.1) == ["insert", "update"])
            let archived = try repository.archive(id: created.id, expectVersion: updated.rowVersion)
            #expect(archived.archivedAt != nil)
            #expect(try repository.list().isEmpty)
            // Archiving again changes nothing, writes nothing.
            let again = try repository.archive(id: created.id, expectVersion: archived.rowVersion)
            #expect(again == archived)
            let rows = try Self.auditRows(connection, table: "companies", id: created.id)
            #expect(rows.map(\.1) == ["insert", "update", "update"])
            #expect(rows.allSatisfy { $0.0 == "admin-wang" })
            let archivedInLog = try connection.query(
                """
                SELECT new_values ->> 'archived_at' IS NOT NULL FROM filmwg.audit_log
                 WHERE table_name = 'companies' ORDER BY id DESC LIMIT 1
                """
            ).one().decode(Bool.self, at: 0)
            #expect(archivedInLog)
        }
    }

    @Test func theRepositoryWorksUnderTheAdminRole() throws {
        try TestDatabase.with { db in
            let connection = try db.connect(actor: "admin")
            try connection.execute("SET ROLE filmwg_admin")
            let repository = CompanyRepository(connection)
            let created = try repository.create(Self.studio())
            var input = created.input
            input.employees = 5
            let updated = try repository.update(id: created.id, to: input, expectVersion: 1)
            #expect(try repository.archive(id: updated.id, expectVersion: updated.rowVersion).archivedAt != nil)
        }
    }
}
