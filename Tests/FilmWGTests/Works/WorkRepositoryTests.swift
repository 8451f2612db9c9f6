import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct WorkRepositoryTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// Three companies (USCCFixture 1, 2, 3) and their ids.
    static func companies(_ connection: Connection) throws -> [Company] {
        let repository = CompanyRepository(connection)
        return try (1...3).map { n in
            try repository.create(CompanyInput(uscc: USCCFixture.make(n), name: "Studio \(n)", kind: .production))
        }
    }

    static func input(
        _ title: String = "Lake Light", released: String = "2024-07-12", licence: String? = nil, first: String,
        co: [String] = []
    ) -> WorkInput {
        WorkInput(
            title: title, titleZh: "湖光", kind: .film, releasedOn: day(released), licenceNo: licence,
            firstProducer: first,
            coProducers: co)
    }

    static func count(_ connection: Connection, _ table: String) throws -> Int {
        try connection.query("SELECT count(*) FROM \(identifier: "filmwg").\(identifier: table)").one().decode(
            Int.self, at: 0)
    }

    @Test func aWorkHasOneFirstProducerAndDistinctCoProducersNamedByUSCCOrId() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let c = try Self.companies(connection)
            let work = try WorkRepository(connection).create(
                Self.input(licence: "L-1", first: c[0].uscc!, co: [String(c[2].id), c[1].uscc!]))
            #expect(work.firstProducer.id == c[0].id)
            #expect(work.coProducers.map(\.id) == [c[1].id, c[2].id])
            #expect(work.rowVersion == 1)
            #expect(try WorkRepository(connection).find(WorkRef("L-1")) == work)
            #expect(try WorkRepository(connection).list(companyId: c[2].id).map(\.id) == [work.id])
        }
    }

    @Test(arguments: [
        ("unknown first producer", "first_producer 91110000000000999X", ""),
        (
            "archived first producer",
            "first_producer ARCHIVED: company Studio 3 is archived; an archived company cannot be credited on a work",
            ""
        ),
        ("co-producer twice", "co_producer", "twice"),
        ("co-producer is the first producer", "co_producer", "is the first producer of the work"),
        ("licence already recorded", "licence_no L-1: is already recorded for work 1 (Lake Light)", ""),
    ])
    func badCreditsAreRefusedAndNothingIsWritten(_ bad: (String, String, String)) throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let c = try Self.companies(connection)
            let works = WorkRepository(connection)
            try works.create(Self.input(licence: "L-1", first: c[0].uscc!))
            _ = try CompanyRepository(connection).archive(id: c[2].id, expectVersion: 1)
            let a = c[0].uscc!, b = c[1].uscc!
            let input: WorkInput =
                switch bad.0 {
                case "unknown first producer": Self.input("Other", first: USCCFixture.make(99))
                case "archived first producer": Self.input("Other", first: c[2].uscc!)
                case "co-producer twice": Self.input("Other", first: a, co: [b, String(c[1].id)])
                case "co-producer is the first producer": Self.input("Other", first: a, co: [b, String(c[0].id)])
                default: Self.input("Other", licence: "L-1", first: b)
                }
            do {
                try works.create(input)
                Issue.record("\(bad.0) was accepted")
            } catch let error as RecordError {
                #expect(error.category == .invalid)
                let expected = bad.1.replacingOccurrences(of: "ARCHIVED", with: c[2].uscc!)
                    .replacingOccurrences(of: "91110000000000999X", with: USCCFixture.make(99))
                #expect(error.sentence.hasPrefix(expected), "\(error.sentence)")
                #expect(bad.2.isEmpty || error.sentence.contains(bad.2))
            }
            #expect(try Self.count(connection, "works") == 1)
            #expect(try Self.count(connection, "work_co_producers") == 0)
        }
    }

    @Test func theDatabaseItselfKeepsExactlyOneFirstProducerNeverAlsoACoProducer() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let c = try Self.companies(connection)
            let work = try WorkRepository(connection).create(Self.input(first: c[0].uscc!, co: [c[1].uscc!]))
            // No first producer at all.
            #expect(throws: PostgresError.self) {
                try connection.execute(
                    "INSERT INTO filmwg.works (title, kind, released_on) VALUES ('X', 'film', '2020-01-01')")
            }
            // The first producer as co-producer, directly.
            do {
                try connection.execute(
                    """
                    INSERT INTO filmwg.work_co_producers (work_id, company_id, first_producer_id)
                    VALUES (\(work.id), \(c[0].id), \(c[0].id))
                    """)
                Issue.record("the first producer was stored as a co-producer")
            } catch let error as PostgresError {
                #expect(error.constraint == "work_co_producers_not_first_producer")
            }
            // A co-producer with a wrong copy of the first producer.
            do {
                try connection.execute(
                    """
                    INSERT INTO filmwg.work_co_producers (work_id, company_id, first_producer_id)
                    VALUES (\(work.id), \(c[2].id), \(c[1].id))
                    """)
                Issue.record("a co-producer row disagreeing with its work was stored")
            } catch let error as PostgresError {
                #expect(error.constraint == "work_co_producers_work_fkey")
            }
            // Making a co-producer the first producer cascades into the CHECK.
            do {
                try connection.execute("UPDATE filmwg.works SET first_producer_id = \(c[1].id) WHERE id = \(work.id)")
                Issue.record("a co-producer became first producer while still a co-producer")
            } catch let error as PostgresError {
                #expect(error.constraint == "work_co_producers_not_first_producer")
            }
            // The same co-producer twice.
            do {
                try connection.execute(
                    """
                    INSERT INTO filmwg.work_co_producers (work_id, company_id, first_producer_id)
                    VALUES (\(work.id), \(c[1].id), \(c[0].id))
                    """)
                Issue.record("a co-producer was stored twice")
            } catch let error as PostgresError {
                #expect(error.constraint == "work_co_producers_pkey")
            }
        }
    }

    @Test func updateReplacesTheCoProducersMovesTheFirstProducerAndRefusesAStaleVersion() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let c = try Self.companies(connection)
            let works = WorkRepository(connection)
            let work = try works.create(Self.input(first: c[0].uscc!, co: [c[1].uscc!]))
            // The co-producer becomes first producer and the old first producer a co-producer.
            var input = work.input
            input.firstProducer = c[1].uscc!
            input.coProducers = [c[0].uscc!, c[2].uscc!]
            let swapped = try works.update(id: work.id, to: input, expectVersion: work.rowVersion)
            #expect(swapped.firstProducer.id == c[1].id)
            #expect(swapped.coProducers.map(\.id) == [c[0].id, c[2].id])
            #expect(swapped.rowVersion == 2)
            // Only the credits change: the version still rises.
            input = swapped.input
            input.coProducers = []
            let alone = try works.update(id: work.id, to: input, expectVersion: 2)
            #expect(alone.coProducers.isEmpty && alone.rowVersion == 3)
            #expect(throws: RecordError.self) { try works.update(id: work.id, to: input, expectVersion: 2) }
            do {
                try works.update(id: work.id, to: input, expectVersion: 2)
            } catch let error as RecordError {
                #expect(error.category == .conflict)
            }
            #expect(try works.find(WorkRef(String(work.id))).rowVersion == 3)
        }
    }

    @Test func everyChangeIsAuditedAndTheWorksHistoryHoldsItsCreditsAndAwards() throws {
        try TestDatabase.with { db in
            let connection = try db.connect(actor: "works-admin")
            let c = try Self.companies(connection)
            let work = try WorkRepository(connection).create(Self.input(first: c[0].uscc!, co: [c[1].uscc!]))
            try AwardRepository(connection).record(
                NewAward(work: String(work.id), award: "huabiao", awardedOn: "2024-09-10"))
            var input = work.input
            input.coProducers = []
            try WorkRepository(connection).update(id: work.id, to: input, expectVersion: 1)
            let history = try AuditRepository(connection).history(of: .work, id: work.id)
            #expect(
                history.map { "\($0.tableName) \($0.action)" } == [
                    "works insert", "work_co_producers insert", "awards insert", "work_co_producers delete",
                    "works update",
                ])
            #expect(history.allSatisfy { $0.actor == "works-admin" })
        }
    }

    @Test func anUnknownAwardCodeSuggestsTheNearestAndAnUnknownWorkIsInvalid() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let c = try Self.companies(connection)
            let work = try WorkRepository(connection).create(Self.input(first: c[0].uscc!))
            let awards = AwardRepository(connection)
            func refusal(_ body: () throws -> Void) -> String? {
                do { try body() } catch let error as RecordError where error.category == .invalid {
                    return error.sentence
                } catch {}
                return nil
            }
            #expect(
                refusal { try awards.record(NewAward(work: String(work.id), award: "jinjii", awardedOn: "2024-09-10")) }
                    == "award 'jinjii' is not a known award code; did you mean 'jinji'?")
            #expect(
                refusal { try awards.record(NewAward(work: "42", award: "jinji", awardedOn: "2024-09-10")) }
                    == "work 42: no work has that id or licence number; add it first with 'filmwg work add'")
            #expect(
                throws: RecordError.invalid(
                    "awarded_on: 2023-02-29 is not a day of the calendar: February 2023 has 28 days")
            ) {
                try awards.record(NewAward(work: String(work.id), award: "jinji", awardedOn: "2023-02-29"))
            }
            #expect(try Self.count(connection, "awards") == 0)
            #expect(
                try awards.bodies().map(\.code) == [
                    "a_list_festival", "baihua", "feitian", "huabiao", "jinji", "jinying", "tiantan", "wuge_yi",
                ])
        }
    }
}
