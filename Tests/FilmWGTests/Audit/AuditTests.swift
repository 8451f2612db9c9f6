import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct AuditTests {
    @Test(arguments: ["UPDATE filmwg.audit_log SET actor = 'someone else'", "DELETE FROM filmwg.audit_log"])
    func theAdminRoleCannotChangeTheAuditLog(statement: String) throws {
        try TestDatabase.with { db in
            let connection = try db.connect(actor: "admin")
            _ = try SeedRunner(connection).run("launch-2017")
            try connection.execute("SET ROLE filmwg_admin")
            let error = try #require(throws: PostgresError.self) {
                try connection.execute(Query(unsafeSQL: statement))
            }
            #expect(error.sqlState == .insufficientPrivilege)
            // …but reads it, which is what filmwg audit and history do.
            // 7 rows and the first dated values of the 2 companies
            #expect(try AuditRepository(connection).list(actor: "admin (seed launch-2017)").count == 9)
            try connection.execute("RESET ROLE")
            #expect(
                try connection.query("SELECT count(*)::integer FROM filmwg.audit_log WHERE actor = 'someone else'")
                    .one()
                    .decode(Int.self, at: 0) == 0)
        }
    }

    /// Every insert, update and delete of the tables these repositories edit leaves exactly one
    /// audit row, under the actor of the connection that made it.
    @Test func everyChangeLeavesExactlyOneAuditRowWithItsActor() throws {
        try TestDatabase.with { db in
            let setup = try db.connect(actor: "setup")
            let professional = try ActivityFixtures.professional(setup, name: "李娜", email: "li@example.cn")
            let company = try ActivityFixtures.company(setup, name: "Huairou Pictures", uscc: ActivityFixtures.uscc(9))
            let policy = try ActivityFixtures.policy(setup, code: "fund", cap: 1000)
            try ActivityFixtures.run(setup, asOf: "2025-03-01", determinations: [(policy, company, true)])
            let connection = try db.connect(actor: "carol")
            try connection.execute("SET ROLE filmwg_admin")
            func auditRows() throws -> [(table: String, rowId: String, action: String, actor: String)] {
                try connection.query(
                    """
                    SELECT table_name, row_id, action, actor FROM filmwg.audit_log
                     WHERE actor <> 'setup' AND actor NOT LIKE 'migration:%' ORDER BY id
                    """
                ).map { try $0.decode((String, String, String, String).self) }
            }
            var expected: [(String, String, String)] = []
            func check(_ label: String) throws {
                let rows = try auditRows()
                #expect(
                    rows.map { "\($0.table) \($0.rowId) \($0.action)" } == expected.map { "\($0.0) \($0.1) \($0.2)" },
                    "\(label)")
                #expect(rows.allSatisfy { $0.actor == "carol" }, "\(label)")
            }
            let event = try EventRepository(connection).add(
                NewEvent(name: "Forum", kind: "forum", startsAt: Date(timeIntervalSince1970: 1_500_000_000)))
            expected.append(("events", "\(event.id)", "insert"))
            try check("event add")
            let attendance = try AttendanceRepository(connection).record(
                eventId: event.id, professionalId: professional, companyId: company)
            expected.append(("attendance", "\(attendance.id)", "insert"))
            try check("attendance record")
            let position = try PositionRepository(connection).add(code: "advisor", title: "Advisor", seats: 2)
            expected.append(("positions", "\(position.id)", "insert"))
            _ = try PositionRepository(connection).update("advisor", seats: 3)
            expected.append(("positions", "\(position.id)", "update"))
            try check("position add, update")
            let role = try RoleAssignmentRepository(connection).assign(
                positionId: position.id, professionalId: professional, companyId: company,
                from: CalendarDate(iso: "2018-01-01")!)
            expected.append(("role_assignments", "\(role.id)", "insert"))
            _ = try RoleAssignmentRepository(connection).end(role.id, on: CalendarDate(iso: "2019-01-01")!)
            expected.append(("role_assignments", "\(role.id)", "update"))
            try check("role assign, end")
            let election = try ElectionRepository(connection).record(
                positionId: position.id, heldOn: CalendarDate(iso: "2018-01-01")!, eventId: nil,
                candidates: [ElectionCandidate(professionalId: professional, votesFor: 3, elected: true)])
            expected.append(("elections", "\(election.id)", "insert"))
            expected.append(("election_candidates", "\(election.id),\(professional)", "insert"))
            try check("election record")
            let grant = try GrantRepository(connection).apply(
                policyId: policy, companyId: company, year: 2025, amount: 500)
            expected.append(("grants", "\(grant.id)", "insert"))
            try check("grant apply")
            _ = try GrantRepository(connection).approve(grant.id)
            expected.append(("grants", "\(grant.id)", "update"))
            try check("grant approve")
            // Deletes, as an admin would make them by hand.
            try connection.execute("DELETE FROM filmwg.election_candidates WHERE election_id = \(election.id)")
            expected.append(("election_candidates", "\(election.id),\(professional)", "delete"))
            try connection.execute("DELETE FROM filmwg.attendance WHERE id = \(attendance.id)")
            expected.append(("attendance", "\(attendance.id)", "delete"))
            try connection.execute("DELETE FROM filmwg.grants WHERE id = \(grant.id)")
            expected.append(("grants", "\(grant.id)", "delete"))
            try check("deletes")
            // The history of one record follows it, the election's including its candidates.
            let history = try AuditRepository(connection).history(of: .election, id: election.id)
            #expect(history.map(\.tableName) == ["elections", "election_candidates", "election_candidates"])
            let roleHistory = try AuditRepository(connection).history(of: .role, id: role.id)
            #expect(roleHistory.map(\.action) == ["insert", "update"])
            #expect(roleHistory.last?.changes == #"term: "[2018-01-01,)" → "[2018-01-01,2019-01-01)""#)
            #expect(roleHistory.first?.newValues?.contains("\"professional_id\": \(professional)") == true)
        }
    }

    @Test func theAuditListFiltersByTableDayAndActorNewestFirst() throws {
        try TestDatabase.with { db in
            let alice = try db.connect(actor: "alice")
            let bob = try db.connect(actor: "bob")
            try ActivityFixtures.professional(alice, name: "A")
            try ActivityFixtures.company(bob, name: "B")
            try ActivityFixtures.professional(bob, name: "C")
            let audit = AuditRepository(alice)
            // bob's company wrote two rows: the company and its first dated values
            #expect(try audit.list(limit: 4).map(\.actor) == ["bob", "bob", "bob", "alice"])
            #expect(try audit.list(actor: "bob", limit: 1).map(\.tableName) == ["professionals"])
            #expect(try audit.list(table: "companies").map(\.actor) == ["bob"])
            #expect(try audit.list(since: CalendarDate(iso: "2999-01-01")).isEmpty)
            #expect(
                try audit.list(since: Instant.groupDay(Date()).adding(days: -1), actor: "alice").count == 1
            )
            #expect(throws: RecordError.self) { try audit.list(table: "nonsense") }
            #expect(try audit.auditedTables().contains("role_assignments"))
        }
    }
}
