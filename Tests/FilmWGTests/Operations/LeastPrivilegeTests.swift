import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// Migration 0015, role by role: what each login in a filmwg role may and may not do.
@Suite struct LeastPrivilegeTests {
    /// A login role in `group` for the test's database, dropped afterwards.
    static func withLogin<T>(_ group: String, _ db: TestDatabase, _ body: (String) throws -> T) throws -> T {
        let name = "ops_\(group.dropFirst(7))_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try db.connectRaw()
        try admin.execute(
            Query(unsafeSQL: "CREATE ROLE \(Query.quoteIdentifier(name)) LOGIN IN ROLE \(Query.quoteIdentifier(group))")
        )
        defer {
            _ = try? admin.execute(Query(unsafeSQL: "DROP OWNED BY \(Query.quoteIdentifier(name))"))
            _ = try? admin.execute(Query(unsafeSQL: "DROP ROLE \(Query.quoteIdentifier(name))"))
        }
        return try body(name)
    }

    static func refused(_ connection: Connection, _ sql: Query) -> Bool {
        do {
            try connection.execute(sql)
            return false
        } catch {
            return error.sqlState == .insufficientPrivilege
        }
    }

    static func prepare(_ db: TestDatabase) throws {
        let raw = try db.connectRaw()
        // Database privileges are not copied from the template: set them as the migration did.
        try raw.execute("SELECT public.filmwg_apply_database_privileges()")
        try raw.executeScript(
            unsafeSQL: """
                INSERT INTO filmwg.professionals (full_name, email, phone) VALUES ('Li Hua', 'li@example.cn', '+86 10 1234');
                """)
    }

    @Test func theJobReadsNoContactDataDeletesNoDeterminationsAndHasNoTemp() throws {
        try TestDatabase.with { db in
            try Self.prepare(db)
            try Self.withLogin("filmwg_job", db) { login in
                let job = try Connection.connect("\(db.conninfo) user=\(login)")
                #expect(Self.refused(job, "SELECT email FROM filmwg.professionals"))
                #expect(Self.refused(job, "SELECT phone FROM filmwg.professionals"))
                #expect(try job.query("SELECT id, title FROM filmwg.professionals").count == 1)
                #expect(Self.refused(job, "DELETE FROM filmwg.determinations"))
                #expect(Self.refused(job, "DELETE FROM filmwg.determination_changes"))
                #expect(Self.refused(job, "CREATE TEMP TABLE t (x int)"))
                // And the job itself still runs as this role.
                let run = try EligibilityJob(
                    job, sideConnection: { try Connection.connect("\(db.conninfo) user=\(login)") }
                )
                .run(asOf: CalendarDate(year: 2024, month: 6, day: 1)!)
                #expect(run.companies == 0)
            }
        }
    }

    @Test func adminsKeepTempAndContactDataReportingHasNeither() throws {
        try TestDatabase.with { db in
            try Self.prepare(db)
            try Self.withLogin("filmwg_admin", db) { login in
                let admin = try Connection.connect("\(db.conninfo) user=\(login)")
                try admin.execute("CREATE TEMP TABLE t (x int)")
                #expect(
                    try admin.query("SELECT email FROM filmwg.professionals").one().decode(String?.self, at: 0)
                        == "li@example.cn")
            }
            try Self.withLogin("filmwg_reporting", db) { login in
                let reporting = try Connection.connect("\(db.conninfo) user=\(login)")
                #expect(Self.refused(reporting, "CREATE TEMP TABLE t (x int)"))
                #expect(Self.refused(reporting, "SELECT email FROM filmwg.professionals"))
            }
            let public_ = try db.connectRaw().query(
                "SELECT has_database_privilege('public', current_database(), 'TEMPORARY')"
            ).one().decode(Bool.self, at: 0)
            #expect(public_ == false)
        }
    }

    @Test func everyAuditRowCarriesTheLoginBesideTheActor() throws {
        try TestDatabase.with { db in
            try Self.prepare(db)
            try Self.withLogin("filmwg_admin", db) { login in
                let admin = try Session.open(
                    ConnectionSettings(conninfo: "\(db.conninfo) user=\(login)", actor: "alice"))
                try admin.execute("INSERT INTO filmwg.companies (name, kind) VALUES ('One', 'other'), ('Two', 'other')")
                try admin.execute("UPDATE filmwg.companies SET employees = 3 WHERE name = 'One'")
                let rows = try db.connectRaw().query(
                    "SELECT actor, session_user_name FROM filmwg.audit_log WHERE table_name = 'companies' ORDER BY id"
                ).map { try $0.decode((String, String?).self) }
                #expect(rows.count == 3)
                #expect(rows.allSatisfy { $0.0 == "alice" && $0.1 == login }, "\(rows)")
            }
        }
    }
}
