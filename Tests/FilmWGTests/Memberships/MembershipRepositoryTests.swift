import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct MembershipRepositoryTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    static func company(_ connection: Connection, _ n: Int = 1, name: String = "Huairou Film Studio") throws -> Company
    {
        try CompanyRepository(connection).create(CompanyInput(uscc: USCCFixture.make(n), name: name, nameZh: "怀柔影视"))
    }

    @Test func aPeriodIsHalfOpenJoinedDayInLeftDayOut() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try Self.company(connection)
            let memberships = MembershipRepository(connection)
            let joined = try memberships.join(company, tier: .initiating, from: Self.day("2017-05-20"))
            #expect(joined.isOpen)
            #expect(joined.tier == .initiating)
            #expect(joined.companyUSCC == company.uscc)
            let left = try memberships.leave(company, on: Self.day("2020-01-01"))
            #expect(left.joinedOn == Self.day("2017-05-20"))
            #expect(left.leftOn == Self.day("2020-01-01"))
            #expect(left.rowVersion == 2)
            #expect(try memberships.members(asOf: Self.day("2017-05-19")).isEmpty)
            #expect(try memberships.members(asOf: Self.day("2017-05-20")).map(\.id) == [joined.id])
            #expect(try memberships.members(asOf: Self.day("2019-12-31")).map(\.id) == [joined.id])
            #expect(try memberships.members(asOf: Self.day("2020-01-01")).isEmpty)
            // The facts agree with the repository on the boundary days.
            let member = try connection.query(
                """
                SELECT is_member FROM filmwg.company_facts('2019-12-31') WHERE company_id = \(company.id)
                """
            ).one().decode(Bool.self, at: 0)
            #expect(member)
        }
    }

    @Test func anOverlappingJoinIsRefusedNamingTheExistingPeriod() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try Self.company(connection)
            let memberships = MembershipRepository(connection)
            try memberships.join(company, tier: .initiating, from: Self.day("2017-05-20"))
            let code = company.uscc!
            #expect(
                throws: RecordError.invalid(
                    "company \(code) already has an initiating membership from 2017-05-20, still open, which overlaps the new one from 2018-01-01; end it first with 'filmwg member leave \(code) \(field: "on") DATE'"
                )
            ) {
                try memberships.join(company, tier: .member, from: Self.day("2018-01-01"))
            }
            try memberships.leave(company, on: Self.day("2020-01-01"))
            #expect(
                throws: RecordError.invalid(
                    "company \(code) already has an initiating membership from 2017-05-20 to 2019-12-31 (left on 2020-01-01), which overlaps the new one from 2019-12-31; choose a day from 2020-01-01 on"
                )
            ) {
                try memberships.join(company, tier: .member, from: Self.day("2019-12-31"))
            }
            // The day it left is free: a change of tier is a leave and a join.
            let next = try memberships.join(company, tier: .member, from: Self.day("2020-01-01"))
            #expect(try memberships.history(companyID: company.id).map(\.tier) == [.initiating, .member])
            #expect(try memberships.members(asOf: Self.day("2020-01-01")).map(\.id) == [next.id])
        }
    }

    @Test func theExclusionConstraintHoldsEvenPastSwift() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try Self.company(connection)
            try MembershipRepository(connection).join(company, tier: .member, from: Self.day("2017-05-20"))
            do {
                try connection.execute(
                    """
                    INSERT INTO filmwg.memberships (company_id, tier, period) VALUES (\(company.id), 'member', '[2018-01-01,)')
                    """)
                Issue.record("an overlapping period was stored")
            } catch let error as PostgresError {
                #expect(error.isExclusionViolation)
                #expect(error.constraint == "memberships_no_overlap")
            }
        }
    }

    @Test func leavingNeedsAnOpenMembershipAndADayAfterJoining() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try Self.company(connection)
            let code = company.uscc!
            let memberships = MembershipRepository(connection)
            #expect(throws: RecordError.notFound("company \(code) has no open membership; it has never been a member"))
            {
                try memberships.leave(company, on: Self.day("2020-01-01"))
            }
            try memberships.join(company, tier: .observer, from: Self.day("2017-05-20"))
            #expect(
                throws: RecordError.invalid(
                    "company \(code) joined on 2017-05-20, so it can leave on 2017-05-21 at the earliest, not 2017-05-20"
                )
            ) {
                try memberships.leave(company, on: Self.day("2017-05-20"))
            }
            #expect(try memberships.open(companyID: company.id)?.tier == .observer)
        }
    }

    @Test func anArchivedCompanyCannotJoin() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try Self.company(connection)
            let archived = try CompanyRepository(connection).archive(id: company.id, expectVersion: company.rowVersion)
            #expect(
                throws: RecordError.invalid("company \(company.uscc!) is archived; an archived company cannot join")
            ) {
                try MembershipRepository(connection).join(archived, tier: .member, from: Self.day("2020-01-01"))
            }
        }
    }

    @Test func membersAsOfADayAreListedByNameWithTheirTier() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let b = try Self.company(connection, 1, name: "B Pictures")
            let a = try Self.company(connection, 2, name: "A Platform")
            let c = try Self.company(connection, 3, name: "C Observer")
            let memberships = MembershipRepository(connection)
            try memberships.join(b, tier: .initiating, from: Self.day("2017-05-20"))
            try memberships.join(a, tier: .member, from: Self.day("2018-03-01"))
            try memberships.join(c, tier: .observer, from: Self.day("2019-01-01"))
            try memberships.leave(c, on: Self.day("2019-06-01"))
            let asOf2019 = try memberships.members(asOf: Self.day("2019-02-01"))
            #expect(asOf2019.map(\.companyName) == ["A Platform", "B Pictures", "C Observer"])
            #expect(asOf2019.map(\.tier) == [.member, .initiating, .observer])
            #expect(
                try memberships.members(asOf: Self.day("2019-06-01")).map(\.companyName) == [
                    "A Platform", "B Pictures",
                ])
            #expect(
                try memberships.members(asOf: Self.day("2019-02-01"), tier: .initiating).map(\.companyName) == [
                    "B Pictures"
                ])
            #expect(try memberships.members(asOf: Self.day("2019-02-01"), limit: 1).count == 1)
            // Without a day: today in Asia/Shanghai, when the open ones still count.
            #expect(Set(try memberships.members().map(\.companyName)) == ["A Platform", "B Pictures"])
        }
    }

    @Test func joinAndLeaveEachLeaveOneAuditRowWithTheActor() throws {
        try TestDatabase.with { db in
            let connection = try db.connect(actor: "secretariat")
            let company = try Self.company(connection)
            let memberships = MembershipRepository(connection)
            let joined = try memberships.join(company, tier: .member, from: Self.day("2017-05-20"))
            _ = try? memberships.join(company, tier: .member, from: Self.day("2018-05-20"))  // refused: no row
            try memberships.leave(company, on: Self.day("2018-01-01"))
            let rows = try connection.query(
                """
                SELECT actor, action FROM filmwg.audit_log WHERE table_name = 'memberships' ORDER BY id
                """
            ).map { try $0.decode((String, String).self) }
            #expect(rows.map(\.0) == ["secretariat", "secretariat"])
            #expect(rows.map(\.1) == ["insert", "update"])
            let rowIDs = try connection.query(
                "SELECT DISTINCT row_id FROM filmwg.audit_log WHERE table_name = 'memberships'"
            )
            .map { try $0.decode(String.self, at: 0) }
            #expect(rowIDs == [String(joined.id)])
        }
    }
}
