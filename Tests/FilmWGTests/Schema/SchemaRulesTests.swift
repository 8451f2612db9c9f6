import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// The rules of the records, as the database itself enforces them, whichever program writes:
/// each refusal with its SQLSTATE, constraint and the sentence a user reads.
@Suite struct SchemaRulesTests {
    @Test func aUSCCWithAWrongCheckDigitIsRejectedNamingTheExpectedOne() throws {
        try TestDatabase.with { db in
            let connection = try admin(db)
            let error = try #require(throws: PostgresError.self) {
                try connection.execute(
                    "INSERT INTO filmwg.companies (uscc, name) VALUES ('91110116000000001A', 'Alpha Pictures')")
            }
            #expect(error.sqlState == "23514")
            #expect(error.constraint == "companies_uscc_check")
            #expect(error.message == "USCC '91110116000000001A' is not valid: check digit is 'A', expected 'W'")
            let translated = DatabaseErrors.translate(error) as? RecordError
            #expect(translated == .invalid("USCC '91110116000000001A' is not valid: check digit is 'A', expected 'W'"))
            // The right check digit, and no code at all, are accepted.
            try connection.execute(
                "INSERT INTO filmwg.companies (uscc, name) VALUES ('91110116000000001W', 'Alpha Pictures')")
            try connection.execute("INSERT INTO filmwg.companies (name) VALUES ('Beta Films')")
            let lower = #expect(throws: PostgresError.self) {
                try connection.execute(
                    "INSERT INTO filmwg.companies (uscc, name) VALUES ('91110116000000011x', 'Gamma')")
            }
            #expect(
                lower?.message
                    == "USCC '91110116000000011x' is not valid: character 'x' at position 18 is not allowed in a USCC")
            // An update is refused in the same words, and the row keeps its code.
            let update = #expect(throws: PostgresError.self) {
                try connection.execute(
                    "UPDATE filmwg.companies SET uscc = '91110116000000001A' WHERE uscc = '91110116000000001W'")
            }
            #expect(update?.constraint == "companies_uscc_check")
            #expect(update?.message == "USCC '91110116000000001A' is not valid: check digit is 'A', expected 'W'")
            #expect(
                try connection.query("SELECT count(*) FROM filmwg.companies WHERE uscc = '91110116000000001W'").one()
                    .decode(Int.self, at: 0) == 1)
        }
    }

    @Test func anOverlappingMembershipOfTheSameCompanyIsRejected() throws {
        try TestDatabase.with { db in
            let connection = try admin(db)
            let company = try connection.query(
                "INSERT INTO filmwg.companies (name) VALUES ('Alpha Pictures') RETURNING id"
            ).one().decode(Int64.self, at: 0)
            try connection.execute(
                "INSERT INTO filmwg.memberships (company_id, tier, period) VALUES (\(company), 'member', '[2017-05-20,2019-01-01)')"
            )
            let error = try #require(throws: PostgresError.self) {
                try connection.execute(
                    "INSERT INTO filmwg.memberships (company_id, tier, period) VALUES (\(company), 'initiating', '[2018-06-01,)')"
                )
            }
            #expect(error.sqlState == "23P01")
            #expect(error.constraint == "memberships_no_overlap")
            #expect(error.isExclusionViolation)
            // A change of tier: the next membership starts on the day the last one ended.
            try connection.execute(
                "INSERT INTO filmwg.memberships (company_id, tier, period) VALUES (\(company), 'initiating', '[2019-01-01,)')"
            )
        }
    }

    @Test func aSecondHeadAtTheSameTimeIsRejectedNamingTheHolder() throws {
        try TestDatabase.with { db in
            let connection = try admin(db)
            let (first, second) = try twoProfessionals(connection)
            try connection.execute(
                "INSERT INTO filmwg.role_assignments (position_id, professional_id, term) SELECT id, \(first), '[2017-05-20,)' FROM filmwg.positions WHERE code = 'head'"
            )
            let error = try #require(throws: PostgresError.self) {
                try connection.execute(
                    "INSERT INTO filmwg.role_assignments (position_id, professional_id, term) SELECT id, \(second), '[2019-01-01,2020-01-01)' FROM filmwg.positions WHERE code = 'head'"
                )
            }
            #expect(error.sqlState == "23P01")
            #expect(error.constraint == "role_assignments_seats")
            #expect(error.message == "position head has 1 seat, already held from 2017-05-20 by professional \(first)")
            // Deputy heads: five seats.
            for professional in [first, second] {
                try connection.execute(
                    "INSERT INTO filmwg.role_assignments (position_id, professional_id, term) SELECT id, \(professional), '[2017-05-20,)' FROM filmwg.positions WHERE code = 'deputy_head'"
                )
            }
        }
    }

    /// Both transactions have begun and checked that the seat is free before either commits.
    @Test func twoConnectionsAssigningTheHeadAtOnceLeaveExactlyOneHolder() throws {
        try TestDatabase.with { db in
            let (first, second) = try twoProfessionals(try admin(db))
            let professionals = [first, second]
            let starts = ["2017-05-20", "2018-01-01"]
            let both = Rendezvous(parties: 2)
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                outcomes.record(i) {
                    let connection = try admin(db, actor: "admin-\(i)")
                    defer { connection.close() }
                    try connection.execute("BEGIN")
                    let holders = try connection.query(
                        """
                        SELECT count(*)::integer FROM filmwg.role_assignments r JOIN filmwg.positions p ON p.id = r.position_id
                         WHERE p.code = 'head'
                        """
                    ).one().decode(Int.self, at: 0)
                    guard holders == 0 else { throw SeatTaken() }
                    both.arriveAndWait()
                    do {
                        try connection.execute(
                            """
                            INSERT INTO filmwg.role_assignments (position_id, professional_id, term)
                            SELECT id, \(professionals[i]), daterange(\(CalendarDate(iso: starts[i])!), NULL)
                              FROM filmwg.positions WHERE code = 'head'
                            """)
                        try connection.execute("COMMIT")
                    } catch {
                        _ = try? connection.execute("ROLLBACK")
                        throw error
                    }
                }
            }
            let errors = outcomes.errors
            #expect(errors.compactMap { $0 }.count == 1, "\(errors)")
            let refusal = errors.compactMap { $0 as? PostgresError }.first
            #expect(refusal?.sqlState == "23P01")
            #expect(refusal?.constraint == "role_assignments_seats")
            let holders = try db.connectRaw().query(
                """
                SELECT count(*)::integer FROM filmwg.role_assignments r JOIN filmwg.positions p ON p.id = r.position_id WHERE p.code = 'head'
                """
            ).one().decode(Int.self, at: 0)
            #expect(holders == 1)
        }
    }

    @Test func overlappingVersionsOfOnePolicyAreRejected() throws {
        try TestDatabase.with { db in
            let connection = try admin(db)
            let policy = try connection.query(
                "INSERT INTO filmwg.policies (code, title, cap) VALUES ('studio-rent', 'Studio rent subsidy', 100000) RETURNING id"
            ).one().decode(Int64.self, at: 0)
            try connection.execute(
                "INSERT INTO filmwg.policy_versions (policy_id, valid, rule, criteria) VALUES (\(policy), '[2017-01-01,2020-01-01)', 'registered_in_zone', '{registered_in_zone}')"
            )
            let error = try #require(throws: PostgresError.self) {
                try connection.execute(
                    "INSERT INTO filmwg.policy_versions (policy_id, valid, rule, criteria) VALUES (\(policy), '[2019-06-01,)', 'is_member', '{is_member}')"
                )
            }
            #expect(error.sqlState == "23P01")
            #expect(error.constraint == "policy_versions_no_overlap")
            // The revision that starts when the first ends is version 2.
            let version = try connection.query(
                "INSERT INTO filmwg.policy_versions (policy_id, valid, rule, criteria) VALUES (\(policy), '[2020-01-01,)', 'is_member', '{is_member}') RETURNING version"
            ).one().decode(Int.self, at: 0)
            #expect(version == 2)
        }
    }

    @Test(arguments: [
        (
            "INSERT INTO filmwg.grants (policy_id, company_id, amount) SELECT p.id, c.id, -0.01 FROM filmwg.policies p, filmwg.companies c",
            "grants_amount_check"
        ),
        (
            "INSERT INTO filmwg.companies (name, registered_capital) VALUES ('Negative Capital', -1)",
            "companies_registered_capital_check"
        ),
        ("INSERT INTO filmwg.policies (code, title, cap) VALUES ('minus', 'Minus', -5)", "policies_cap_check"),
    ])
    func aNegativeAmountIsRejected(statement: String, constraint: String) throws {
        try TestDatabase.with { db in
            let connection = try admin(db)
            try connection.execute("INSERT INTO filmwg.companies (name) VALUES ('Alpha Pictures')")
            try connection.execute(
                "INSERT INTO filmwg.policies (code, title, cap) VALUES ('studio-rent', 'Studio rent subsidy', 100000)")
            let error = try #require(throws: PostgresError.self) { try connection.execute(Query(unsafeSQL: statement)) }
            #expect(error.sqlState == "23514")
            #expect(error.constraint == constraint)
            #expect(
                (DatabaseErrors.translate(error, constraints: [constraint: "amounts are never negative"])
                    as? RecordError)
                    == .invalid("amounts are never negative"))
        }
    }

    @Test func attendingTheSameEventTwiceIsRejected() throws {
        try TestDatabase.with { db in
            let connection = try admin(db)
            let (professional, _) = try twoProfessionals(connection)
            let event = try connection.query(
                "INSERT INTO filmwg.events (name, kind, starts_at) VALUES ('Launch ceremony', 'ceremony', '2017-05-20 10:00+08') RETURNING id"
            ).one().decode(Int64.self, at: 0)
            try connection.execute(
                "INSERT INTO filmwg.attendance (event_id, professional_id, role) VALUES (\(event), \(professional), 'speaker')"
            )
            let error = try #require(throws: PostgresError.self) {
                try connection.execute(
                    "INSERT INTO filmwg.attendance (event_id, professional_id, role) VALUES (\(event), \(professional), 'guest')"
                )
            }
            #expect(error.sqlState == "23505")
            #expect(error.constraint == "attendance_event_professional_key")
            #expect(error.isUniqueViolation)
        }
    }

    @Test func anUpdateNamingAStaleRowVersionFailsAndOverwritesNothing() throws {
        try TestDatabase.with { db in
            let connection = try admin(db)
            let id = try connection.query("INSERT INTO filmwg.companies (name) VALUES ('Alpha Pictures') RETURNING id")
                .one().decode(Int64.self, at: 0)
            #expect(
                try connection.execute(
                    "UPDATE filmwg.companies SET name = 'Alpha Pictures Ltd', row_version = 1 WHERE id = \(id)") == 1)
            let error = try #require(throws: PostgresError.self) {
                try connection.execute(
                    "UPDATE filmwg.companies SET name = 'Alpha Studios', row_version = 1 WHERE id = \(id)")
            }
            #expect(error.sqlState == "FW409")
            #expect(error.message == "stale row_version: expected 1, current 2")
            #expect((DatabaseErrors.translate(error) as? RecordError)?.category == .conflict)
            let (name, version) = try connection.query(
                "SELECT name, row_version FROM filmwg.companies WHERE id = \(id)"
            ).one().decode((String, Int).self)
            #expect(name == "Alpha Pictures Ltd" && version == 2)
            // Without a version the update goes through and counts up.
            try connection.execute("UPDATE filmwg.companies SET employees = 12 WHERE id = \(id)")
            #expect(
                try connection.query("SELECT row_version FROM filmwg.companies WHERE id = \(id)").one().decode(
                    Int.self, at: 0) == 3)
        }
    }

    @Test(arguments: ["companies", "professionals", "events", "policies"])
    func aNewRowStartsAtVersionOneWhateverTheInsertSays(table: String) throws {
        try TestDatabase.with { db in
            let connection = try admin(db)
            let columns = [
                "companies": "name", "professionals": "full_name", "events": "name, starts_at",
                "policies": "code, title",
            ][table]!
            let values = [
                "companies": "'Alpha'", "professionals": "'Li Lei'", "events": "'Forum', now()", "policies": "'p', 'P'",
            ][table]!
            let versions = try connection.query(
                Query(
                    unsafeSQL: """
                        INSERT INTO filmwg.\(table) (\(columns), row_version) VALUES (\(values), 7), (\(values.replacingOccurrences(of: "'p'", with: "'q'")), DEFAULT)
                        RETURNING row_version
                        """)
            ).map { try $0.decode(Int.self, at: 0) }
            #expect(versions == [1, 1])
        }
    }

    /// Both read version 1 and update from it at the same moment: one wins, the other is told.
    @Test func twoConnectionsUpdatingFromTheSameVersionLeaveOneWinner() throws {
        try TestDatabase.with { db in
            let id = try admin(db).query("INSERT INTO filmwg.companies (name) VALUES ('Alpha Pictures') RETURNING id")
                .one().decode(Int64.self, at: 0)
            let both = Rendezvous(parties: 2)
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                outcomes.record(i) {
                    let connection = try admin(db, actor: "admin-\(i)")
                    defer { connection.close() }
                    try connection.execute("BEGIN")
                    let version = try connection.query("SELECT row_version FROM filmwg.companies WHERE id = \(id)")
                        .one().decode(Int.self, at: 0)
                    both.arriveAndWait()
                    do {
                        try connection.execute(
                            "UPDATE filmwg.companies SET name = \("Name \(i)"), row_version = \(version) WHERE id = \(id)"
                        )
                        try connection.execute("COMMIT")
                    } catch {
                        _ = try? connection.execute("ROLLBACK")
                        throw error
                    }
                }
            }
            let errors = outcomes.errors
            #expect(errors.compactMap { $0 }.count == 1, "\(errors)")
            let loser = try #require(errors.firstIndex { $0 != nil })
            #expect((errors[loser] as? PostgresError)?.sqlState == "FW409")
            let raw = try db.connectRaw()
            let (name, version) = try raw.query("SELECT name, row_version FROM filmwg.companies WHERE id = \(id)").one()
                .decode((String, Int).self)
            #expect(name == "Name \(1 - loser)" && version == 2)
            let updates = try raw.query(
                "SELECT actor FROM filmwg.audit_log WHERE table_name = 'companies' AND action = 'update'"
            ).map { try $0.decode(String.self, at: 0) }
            #expect(updates == ["admin-\(1 - loser)"])
        }
    }

    @Test func everyInsertUpdateAndDeleteLeavesExactlyOneAuditRowNamingTheActor() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try connection.execute("SET ROLE filmwg_admin")
            try connection.execute("SELECT set_config('filmwg.actor', 'alice', false)")
            func audit() throws -> [[String?]] {
                try connection.query(
                    """
                    SELECT table_name, row_id, action, actor, old_values->>'name', new_values->>'name'
                      FROM filmwg.audit_log WHERE table_name = 'companies' ORDER BY id
                    """
                ).map { row in row.columnNames.indices.map { row.text(at: $0) } }
            }
            let id = try connection.query("INSERT INTO filmwg.companies (name) VALUES ('Alpha Pictures') RETURNING id")
                .one().decode(Int64.self, at: 0)
            try connection.execute("UPDATE filmwg.companies SET name = 'Alpha Studios' WHERE id = \(id)")
            try connection.execute("SELECT set_config('filmwg.actor', 'bob', false)")
            try connection.execute("DELETE FROM filmwg.companies WHERE id = \(id)")
            #expect(
                try audit() == [
                    ["companies", "\(id)", "insert", "alice", nil, "Alpha Pictures"],
                    ["companies", "\(id)", "update", "alice", "Alpha Pictures", "Alpha Studios"],
                    ["companies", "\(id)", "delete", "bob", "Alpha Studios", nil],
                ])
            // One row per changed row, also for a statement that changes several; none for a refusal.
            try connection.execute(
                "INSERT INTO filmwg.events (name, starts_at) SELECT 'Forum ' || i, now() FROM generate_series(1, 3) i")
            try connection.execute("UPDATE filmwg.events SET venue = 'Huairou'")
            _ = try? connection.execute(
                "INSERT INTO filmwg.events (name, starts_at, capacity) VALUES ('Empty', now(), 0)")
            let counts = try connection.query(
                "SELECT action, count(*)::integer FROM filmwg.audit_log WHERE table_name = 'events' GROUP BY action ORDER BY action"
            )
            .map { try $0.decode((String, Int).self) }
            #expect(counts.map(\.0) == ["insert", "update"] && counts.map(\.1) == [3, 3])
            // Composite keys are recorded in key order.
            let rowID = try connection.query(
                """
                WITH p AS (INSERT INTO filmwg.professionals (full_name) VALUES ('张三') RETURNING id),
                     e AS (INSERT INTO filmwg.elections (held_on, position_id) SELECT '2017-05-20', id FROM filmwg.positions WHERE code = 'head' RETURNING id)
                INSERT INTO filmwg.election_candidates (election_id, professional_id, elected) SELECT e.id, p.id, true FROM e, p
                RETURNING election_id || ',' || professional_id
                """
            ).one().decode(String.self, at: 0)
            let candidate = try connection.query(
                "SELECT row_id, actor FROM filmwg.audit_log WHERE table_name = 'election_candidates'"
            ).map { try $0.decode((String, String).self) }
            #expect(candidate.map(\.0) == [rowID] && candidate.map(\.1) == ["bob"])
        }
    }

    @Test func adminsCanNeitherRewriteTheAuditLogNorChangeTheSchema() throws {
        try TestDatabase.with { db in
            let connection = try admin(db)
            try connection.execute("INSERT INTO filmwg.companies (name) VALUES ('Alpha Pictures')")
            let audited = try connection.query("SELECT count(*)::integer, max(id)::integer FROM filmwg.audit_log").one()
                .decode((Int, Int).self)
            for statement in [
                "UPDATE filmwg.audit_log SET actor = 'nobody'",
                "DELETE FROM filmwg.audit_log",
                "TRUNCATE filmwg.audit_log",
                "INSERT INTO filmwg.audit_log (actor, table_name, row_id, action) VALUES ('x', 'companies', '1', 'insert')",
                "CREATE TABLE filmwg.notes (id integer)",
                "CREATE FUNCTION filmwg.f() RETURNS integer LANGUAGE sql RETURN 1",
                "ALTER TABLE filmwg.companies ADD COLUMN notes text",
                "DROP TRIGGER audit ON filmwg.companies",
                "CREATE VIEW reporting.everything AS SELECT * FROM filmwg.professionals",
            ] {
                let error = #expect(throws: PostgresError.self, "\(statement)") {
                    try connection.execute(Query(unsafeSQL: statement))
                }
                #expect(error?.sqlState == "42501", "\(statement): \(String(describing: error))")
            }
            #expect(
                try connection.query("SELECT count(*)::integer, max(id)::integer FROM filmwg.audit_log").one().decode(
                    (Int, Int).self) == audited)
            #expect(
                try connection.query("SELECT actor FROM filmwg.audit_log WHERE table_name = 'companies'").one().decode(
                    String.self, at: 0) == "schema-rules")
        }
    }

    @Test func theJobRoleCannotChangeTheSchema() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try connection.execute("SET ROLE filmwg_job")
            for statement in [
                "CREATE TABLE filmwg.scratch (id integer)",
                "ALTER TABLE filmwg.determinations ADD COLUMN note text",
                "DROP TABLE filmwg.determination_changes",
                "CREATE INDEX ON filmwg.companies (name)",
                "ALTER TABLE filmwg.companies DISABLE TRIGGER audit",
                "CREATE OR REPLACE FUNCTION filmwg.current_actor() RETURNS text LANGUAGE sql RETURN 'someone'",
                "CREATE TABLE reporting.scratch (id integer)",
                "UPDATE filmwg.companies SET name = 'x'",
                "DELETE FROM filmwg.audit_log",
            ] {
                let error = #expect(throws: PostgresError.self, "\(statement)") {
                    try connection.execute(Query(unsafeSQL: statement))
                }
                #expect(error?.sqlState == "42501", "\(statement): \(String(describing: error))")
            }
        }
    }

    @Test func migrationsAreNumberedContiguouslyAndUniquely() {
        let files = EmbeddedFiles.all.filter { $0.path.hasPrefix("migrations/") }.map(\.name).sorted()
        #expect(!files.isEmpty)
        for name in files {
            #expect(name.wholeMatch(of: /[0-9]{4}_[a-z0-9_]+\.sql/) != nil, "\(name) is not NNNN_name.sql")
        }
        let versions = EmbeddedFiles.migrations.map(\.version)
        #expect(versions.count == files.count)
        #expect(Set(versions).count == versions.count, "two migrations share a number: \(files)")
        #expect(versions == Array(1...versions.count), "numbers are not 1, 2, 3, …: \(files)")
    }
}

/// A connection acting as the command-line tool does: role filmwg_admin, actor set.
private func admin(_ db: TestDatabase, actor: String = "schema-rules") throws -> Connection {
    let connection = try db.connect(actor: actor)
    try connection.execute("SET ROLE filmwg_admin")
    return connection
}

private func twoProfessionals(_ connection: Connection) throws -> (Int64, Int64) {
    let ids = try connection.query("INSERT INTO filmwg.professionals (full_name) VALUES ('张三'), ('李四') RETURNING id")
        .map { try $0.decode(Int64.self, at: 0) }
    return (ids[0], ids[1])
}

private struct SeatTaken: Error {}

/// Lets concurrent closures wait until all of them have arrived (no timing involved).
private final class Rendezvous: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrived = 0
    private let parties: Int

    init(parties: Int) { self.parties = parties }

    func arriveAndWait() {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        if arrived == parties { condition.broadcast() }
        while arrived < parties { condition.wait() }
    }
}

/// What each of several concurrent closures threw, nil when it succeeded.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: (any Error)?] = [:]

    func record(_ index: Int, _ body: () throws -> Void) {
        let outcome: (any Error)?
        do {
            try body()
            outcome = nil
        } catch {
            outcome = error
        }
        lock.withLock { results[index] = outcome }
    }

    var errors: [(any Error)?] { lock.withLock { results.keys.sorted().map { results[$0]! } } }
}
