import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct ErrorTests {
    func setUp(_ db: Connection) throws {
        try db.executeScript(
            unsafeSQL: """
                CREATE EXTENSION IF NOT EXISTS btree_gist;
                CREATE TABLE parent (id int PRIMARY KEY);
                CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent,
                    amount numeric CONSTRAINT child_amount_check CHECK (amount >= 0),
                    period daterange, owner int,
                    CONSTRAINT child_no_overlap EXCLUDE USING gist (owner WITH =, period WITH &&));
                INSERT INTO parent VALUES (1);
                INSERT INTO child VALUES (1, 1, 0, '[2017-05-20,2018-01-01)', 1);
                """)
    }

    func failure(_ db: Connection, _ query: Query) -> PostgresError? {
        #expect(throws: PostgresError.self) { try db.execute(query) }
    }

    @Test func integrityViolationsCarryTheirClassAndConstraint() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try setUp(db)
            let unique = failure(db, "INSERT INTO child (id) VALUES (\(1))")
            #expect(unique?.isUniqueViolation == true)
            #expect(unique?.constraint == "child_pkey")
            #expect(unique?.table == "child")
            let foreign = failure(db, "INSERT INTO child (id, parent_id) VALUES (2, \(99))")
            #expect(foreign?.isForeignKeyViolation == true)
            #expect(foreign?.sqlState == .foreignKeyViolation)
            let check = failure(db, "INSERT INTO child (id, amount) VALUES (3, \(Decimal(-1)))")
            #expect(check?.isCheckViolation == true)
            #expect(check?.constraint == "child_amount_check")
            let overlap = failure(db, "INSERT INTO child (id, period, owner) VALUES (4, '[2017-12-01,2019-01-01)', 1)")
            #expect(overlap?.isExclusionViolation == true)
            #expect(overlap?.constraint == "child_no_overlap")
            #expect(overlap?.detail?.contains("conflicts") == true)
            let notNull = failure(db, "INSERT INTO parent VALUES (NULL)")
            #expect(notNull?.sqlState == .notNullViolation)
            #expect(notNull?.isIntegrityViolation == true)
        }
    }

    @Test func queryDescriptionsNeverCarryBoundValues() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            let secret = "s3cret-value-\(UUID())"
            let error = failure(db, "SELECT \(secret)::int")
            #expect(error?.sqlState == .invalidTextRepresentation)
            #expect(Query("SELECT \(secret)").description == "SELECT $1")
        }
    }

    @Test func insufficientPrivilegeIsRecognised() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.executeScript(
                unsafeSQL: """
                    DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'filmwg_test_nobody')
                    THEN CREATE ROLE filmwg_test_nobody NOLOGIN; END IF; END $$;
                    CREATE TABLE private_stuff (x int);
                    SET ROLE filmwg_test_nobody;
                    """)
            let error = failure(db, "SELECT * FROM private_stuff")
            #expect(error?.isInsufficientPrivilege == true)
        }
    }

    @Test func serializationFailureIsRecognised() throws {
        try TestDatabase.with(migrated: false) { t in
            let a = try t.connectRaw()
            let b = try t.connectRaw()
            try a.executeScript(unsafeSQL: "CREATE TABLE counter (n int); INSERT INTO counter VALUES (0)")
            try a.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            try b.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            _ = try a.query("SELECT n FROM counter")
            _ = try b.query("SELECT n FROM counter")
            try a.execute("UPDATE counter SET n = n + 1")
            try a.execute("COMMIT")
            let error = failure(b, "UPDATE counter SET n = n + 1")
            #expect(error?.isSerializationFailure == true)
            #expect(error?.isTransient == true)
        }
    }

    @Test func deadlockIsRecognised() throws {
        try TestDatabase.with(migrated: false) { t in
            let setup = try t.connectRaw()
            try setup.executeScript(
                unsafeSQL: "CREATE TABLE pair (id int PRIMARY KEY, v int); INSERT INTO pair VALUES (1, 0), (2, 0);")
            let a = try t.connectRaw()
            let b = try t.connectRaw()
            try a.execute("SET deadlock_timeout = '100ms'")
            try b.execute("SET deadlock_timeout = '100ms'")
            try a.execute("BEGIN")
            try b.execute("BEGIN")
            try a.execute("UPDATE pair SET v = 1 WHERE id = 1")
            try b.execute("UPDATE pair SET v = 1 WHERE id = 2")
            let other = OtherThread { try b.execute("UPDATE pair SET v = 2 WHERE id = 1") }
            var errors: [PostgresError] = []
            do { try a.execute("UPDATE pair SET v = 2 WHERE id = 2") } catch let e as PostgresError { errors.append(e) }
            if let e = other.wait() as? PostgresError { errors.append(e) }
            #expect(errors.count == 1)
            #expect(errors.first?.isDeadlock == true)
        }
    }

    @Test func aTerminatedSessionIsReportedAsLost() throws {
        try TestDatabase.with(migrated: false) { t in
            let victim = try t.connectRaw()
            let killer = try t.connectRaw()
            try killer.execute("SELECT pg_terminate_backend(\(victim.backendPID))")
            usleep(100_000)
            let error = failure(victim, "SELECT 1")
            #expect(error?.isConnectionLost == true)
        }
    }

    @Test func anUnreachableServerNamesHostAndPortButNoPassword() throws {
        let error = #expect(throws: PostgresError.self) {
            try Connection.connect("postgresql://someone:hunter2secret@127.0.0.1:1/filmwg?connect_timeout=3")
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.isConnectionLost == true)
        #expect(error?.target == "127.0.0.1:1")
        #expect(error?.description.contains("hunter2secret") == false)
        #expect(error?.debugDescription.contains("hunter2secret") == false)
    }
}

/// Runs a closure on a thread of its own, for tests that need two sessions blocked at once.
final class OtherThread: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    init(_ body: @escaping () throws -> Void) {
        let box = UncheckedBox(body)
        Thread.detachNewThread { [self] in
            do { try box.value() } catch { self.error = error }
            done.signal()
        }
    }

    func wait() -> (any Error)? {
        done.wait()
        return error
    }
}

struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
