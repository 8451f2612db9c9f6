import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// `company list --search` over the one trigram index of both names (migration 0018): a part
/// of either name finds the company, a text spanning the two names does not, and the plan uses
/// the index.
@Suite struct CompanySearchTests {
    @Test func eitherNameFindsTheCompanyButNotATextAcrossBoth() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let companies = CompanyRepository(connection)
            _ = try companies.create(
                CompanyInput(uscc: USCCFixture.make(1), name: "Huairou Film Studio", nameZh: "怀柔影视基地"))
            _ = try companies.create(CompanyInput(uscc: USCCFixture.make(2), name: "Alpha Pictures"))
            _ = try companies.create(CompanyInput(name: "北京星光 Ltd", nameZh: "北京星光有限公司"))
            func names(_ search: String) throws -> [String] {
                try companies.list(search: search).map(\.name)
            }
            #expect(try names("影视基") == ["Huairou Film Studio"])
            #expect(try names("film stud") == ["Huairou Film Studio"])
            #expect(try names("ictures") == ["Alpha Pictures"])
            #expect(try names("北京星光") == ["北京星光 Ltd"])
            #expect(try names("有限公司") == ["北京星光 Ltd"])
            // The end of one name and the start of the other: in neither name.
            #expect(try names("Studio 怀柔").isEmpty)
            #expect(try names("Pictures ").isEmpty)
            #expect(try names("zzz").isEmpty)
            #expect(try companies.named(like: "影视").map(\.name) == ["Huairou Film Studio"])
            #expect(try companies.named(like: "Studio 怀").isEmpty)

            try connection.execute("SET enable_seqscan = off")
            let plan = try connection.query(
                """
                EXPLAIN SELECT id FROM filmwg.companies c
                 WHERE filmwg.company_search_text(c.name, c.name_zh) ILIKE '%影视基%'
                """
            ).map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
            #expect(plan.contains("companies_names_trgm_idx"), "\(plan)")
        }
    }
}
