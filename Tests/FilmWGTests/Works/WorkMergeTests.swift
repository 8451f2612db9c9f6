import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// company merge moves the credits of works: the first producer and the co-producers, dropping
/// the co-producer credits that would collide once the duplicate is the kept company.
@Suite struct WorkMergeTests {
    static func input(_ title: String, first: String, co: [String]) -> WorkInput {
        WorkInput(
            title: title, titleZh: nil, kind: .film, releasedOn: CalendarDate(iso: "2024-07-12")!, licenceNo: nil,
            firstProducer: first, coProducers: co)
    }

    @Test func mergingTwoCompaniesMovesTheirCreditsAndDropsTheOnesKeepAlreadyHolds() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let companies = CompanyRepository(connection)
            let keep = try companies.create(CompanyInput(uscc: USCCFixture.make(1), name: "Lake Studio"))
            let duplicate = try companies.create(CompanyInput(uscc: nil, name: "Lake Studio Ltd"))
            let x = try companies.create(CompanyInput(uscc: USCCFixture.make(2), name: "Other X"))
            let y = try companies.create(CompanyInput(uscc: USCCFixture.make(3), name: "Other Y"))
            let (k, d, xs, ys) = (String(keep.id), String(duplicate.id), String(x.id), String(y.id))
            let works = WorkRepository(connection)
            let w1 = try works.create(Self.input("Duplicate first, keep co", first: d, co: [k, xs]))
            let w2 = try works.create(Self.input("Keep first, duplicate co", first: k, co: [d, xs]))
            let w3 = try works.create(Self.input("Both co", first: xs, co: [k, d]))
            let w4 = try works.create(Self.input("Duplicate co", first: ys, co: [d]))
            let w5 = try works.create(Self.input("Duplicate first", first: d, co: [ys]))

            let report = try CompanyMerge(connection).merge(keep: .id(keep.id), duplicate: .id(duplicate.id))
            let moved = Dictionary(report.moved.map { ("\($0.table).\($0.column)", $0.rows) }, uniquingKeysWith: +)
            #expect(moved["works.first_producer_id"] == 2)
            #expect(moved["work_co_producers.company_id"] == 1)

            func credits(_ work: Work) throws -> (Int64, [Int64]) {
                let found = try works.find(.id(work.id))
                return (found.firstProducer.id, found.coProducers.map(\.id).sorted())
            }
            #expect(try credits(w1) == (keep.id, [x.id]))
            #expect(try credits(w2) == (keep.id, [x.id]))
            #expect(try credits(w3) == (x.id, [keep.id]))
            #expect(try credits(w4) == (y.id, [keep.id]))
            #expect(try credits(w5) == (keep.id, [y.id]))
            let left = try connection.query(
                """
                SELECT (SELECT count(*) FROM filmwg.works WHERE first_producer_id = \(duplicate.id))
                     + (SELECT count(*) FROM filmwg.work_co_producers WHERE company_id = \(duplicate.id))
                """
            ).one().decode(Int.self, at: 0)
            #expect(left == 0)
            // The facts see the kept company's works.
            let first = try connection.query(
                "SELECT first_producer_works FROM filmwg.company_facts('2024-12-31') WHERE company_id = \(keep.id)"
            ).one().decode(Int.self, at: 0)
            #expect(first == 3)
        }
    }
}
