import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// The three facts of works and awards, at the edges of their windows: D − 12 months is
/// outside, D inside (the same half-open window as events_attended_12m).
@Suite struct WorkFactsTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    struct Facts: Equatable {
        var released12m: Int
        var firstWorks: Int
        var awarded12m: Int
    }

    static func facts(_ connection: Connection, company: Int64, asOf: String) throws -> Facts {
        let (a, b, c) = try connection.query(
            """
            SELECT works_released_12m, first_producer_works, first_producer_awarded_works_12m
              FROM filmwg.company_facts(\(day(asOf))) WHERE company_id = \(company)
            """
        ).one().decode((Int, Int, Int).self)
        return Facts(released12m: a, firstWorks: b, awarded12m: c)
    }

    static func setUp(_ connection: Connection) throws -> (first: Int64, co: Int64, other: Int64, works: WorkRepository)
    {
        let companies = CompanyRepository(connection)
        let ids = try (1...3).map { n in
            try companies.create(CompanyInput(uscc: USCCFixture.make(n), name: "Studio \(n)")).id
        }
        return (ids[0], ids[1], ids[2], WorkRepository(connection))
    }

    static func work(_ works: WorkRepository, _ title: String, released: String, first: Int64, co: [Int64] = []) throws
        -> Work
    {
        try works.create(
            WorkInput(
                title: title, kind: .film, releasedOn: day(released), firstProducer: String(first),
                coProducers: co.map { String($0) }))
    }

    @Test func releasedExactly12MonthsBeforeDIsOutsideAndOnDInside() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let (first, co, other, works) = try Self.setUp(connection)
            try Self.work(works, "Edge out", released: "2024-06-15", first: first, co: [co])
            try Self.work(works, "Edge in", released: "2024-06-16", first: first)
            try Self.work(works, "On D", released: "2025-06-15", first: other, co: [co, first])
            try Self.work(works, "After D", released: "2025-06-16", first: first, co: [co])
            #expect(
                try Self.facts(connection, company: first, asOf: "2025-06-15")
                    == Facts(released12m: 2, firstWorks: 2, awarded12m: 0))
            #expect(
                try Self.facts(connection, company: co, asOf: "2025-06-15")
                    == Facts(released12m: 1, firstWorks: 0, awarded12m: 0))
            #expect(
                try Self.facts(connection, company: other, asOf: "2025-06-15")
                    == Facts(released12m: 1, firstWorks: 1, awarded12m: 0))
            // A day earlier, the edge-out work is inside and the on-D work not yet released.
            #expect(
                try Self.facts(connection, company: first, asOf: "2025-06-14")
                    == Facts(released12m: 2, firstWorks: 2, awarded12m: 0))
            #expect(
                try Self.facts(connection, company: co, asOf: "2025-06-14")
                    == Facts(released12m: 1, firstWorks: 0, awarded12m: 0))
            #expect(
                try Self.facts(connection, company: other, asOf: "2025-06-14")
                    == Facts(released12m: 0, firstWorks: 0, awarded12m: 0))
            // A day later, "Edge in" is 12 months old (outside); "After D" is released.
            #expect(
                try Self.facts(connection, company: first, asOf: "2025-06-16")
                    == Facts(released12m: 2, firstWorks: 3, awarded12m: 0))
        }
    }

    @Test func onlyAwardsWonInTheWindowCountAndAWorkCountsOnceForItsFirstProducer() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let (first, co, other, works) = try Self.setUp(connection)
            let awards = AwardRepository(connection)
            let a = try Self.work(works, "A", released: "2023-01-10", first: first, co: [co])
            let b = try Self.work(works, "B", released: "2023-02-10", first: first)
            let c = try Self.work(works, "C", released: "2023-03-10", first: first)
            let d = try Self.work(works, "D", released: "2023-03-10", first: other)
            // A: won on D and again inside the window (counts once); B: won exactly 12 months
            // before D (outside); C: only nominated inside; D: another first producer's.
            try awards.record(NewAward(work: String(a.id), award: "huabiao", awardedOn: "2025-06-15"))
            try awards.record(
                NewAward(work: String(a.id), award: "jinji", awardedOn: "2024-11-02", category: "Best Film"))
            try awards.record(NewAward(work: String(b.id), award: "baihua", awardedOn: "2024-06-15"))
            try awards.record(
                NewAward(work: String(c.id), award: "tiantan", awardedOn: "2025-01-01", result: "nominated"))
            try awards.record(NewAward(work: String(d.id), award: "a_list_festival", awardedOn: "2025-01-01"))
            #expect(try Self.facts(connection, company: first, asOf: "2025-06-15").awarded12m == 1)
            // The co-producer of an awarded work is not its first producer.
            #expect(try Self.facts(connection, company: co, asOf: "2025-06-15").awarded12m == 0)
            #expect(try Self.facts(connection, company: other, asOf: "2025-06-15").awarded12m == 1)
            // A day earlier B's award is inside the window: A and B.
            #expect(try Self.facts(connection, company: first, asOf: "2025-06-14").awarded12m == 2)
            // Before the first award, nothing.
            #expect(try Self.facts(connection, company: first, asOf: "2024-06-14").awarded12m == 0)
            // Nominations never count, however recent.
            try awards.record(
                NewAward(work: String(b.id), award: "feitian", awardedOn: "2025-06-15", result: "nominated"))
            #expect(try Self.facts(connection, company: first, asOf: "2025-06-15").awarded12m == 1)
        }
    }

    @Test func theFactsAreInTheCatalogAndARuleAndTheJobCanNameThem() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let catalog = try connection.query(
                """
                SELECT name, type FROM filmwg.fact_catalog
                 WHERE name IN ('works_released_12m', 'first_producer_works', 'first_producer_awarded_works_12m')
                 ORDER BY ordinal
                """
            ).map { try $0.decode((String, String).self) }
            #expect(
                catalog.map(\.0) == ["works_released_12m", "first_producer_works", "first_producer_awarded_works_12m"])
            #expect(catalog.allSatisfy { $0.1 == "integer" })
            let (first, _, other, works) = try Self.setUp(connection)
            let a = try Self.work(works, "A", released: "2023-01-10", first: first)
            try Self.work(works, "B", released: "2023-01-10", first: other)
            try AwardRepository(connection).record(
                NewAward(work: String(a.id), award: "wuge_yi", awardedOn: "2025-05-01"))
            let policies = PolicyRepository(connection)
            let rule = "first_producer_awarded_works_12m >= 1 and first_producer_works >= 1"
            _ = try policies.add(
                NewPolicy(code: "award-clause", title: "Award clause", rule: rule, validFrom: Self.day("2018-01-01")))
            _ = try EligibilityJob(connection, sideConnection: { try db.connect(actor: "side") }).run(
                asOf: Self.day("2025-06-15"))
            let eligible = try connection.query(
                """
                SELECT company_id FROM filmwg.determinations WHERE eligible ORDER BY company_id
                """
            ).map { try $0.decode(Int64.self, at: 0) }
            #expect(eligible == [first])
        }
    }
}
