import Foundation
public import Postgres

/// Applies the embedded migrations and reporting views to a database.
///
/// Everything pending runs in one transaction, under a transaction-level advisory lock, so two
/// `filmwg db migrate` at once serialise (the second waits, then finds nothing left to do), a
/// failure applies nothing, and a transaction-mode pooler strands no lock.
/// What was applied is recorded with the file's checksum (the server's md5 of its text) in
/// `public.filmwg_schema_migrations`, which is how `verify` notices an edited file.
public struct Migrator {
    public struct Applied: Sendable, Hashable {
        public let kind: String
        public let name: String
        public let version: Int?
        public let checksum: String
        public let appliedAt: String
    }

    public struct Status: Sendable {
        public var applied: [Applied]
        public var pending: [Migration]
        public var reportingPending: [SQLFile]
    }

    public struct Report: Sendable {
        public var appliedMigrations: [Migration] = []
        public var appliedReporting: [SQLFile] = []
        public var isEmpty: Bool { appliedMigrations.isEmpty && appliedReporting.isEmpty }
    }

    public struct VerifyProblem: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        public let reason: String
        public var description: String { "\(name): \(reason)" }
    }

    let connection: Connection
    let migrations: [Migration]
    let reporting: [SQLFile]
    static let lockKey: Int64 = 0x66_69_6c_6d_77_67_01  // "filmwg" + 1

    public init(
        connection: Connection, migrations: [Migration] = EmbeddedFiles.migrations,
        reporting: [SQLFile] = EmbeddedFiles.reporting
    ) {
        self.connection = connection
        self.migrations = migrations
        self.reporting = reporting
    }

    private func ensureTable() throws {
        try connection.executeScript(
            unsafeSQL: """
                CREATE TABLE IF NOT EXISTS public.filmwg_schema_migrations (
                    kind text NOT NULL CHECK (kind IN ('migration', 'reporting')),
                    name text NOT NULL,
                    version integer,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    applied_by text NOT NULL DEFAULT current_user,
                    PRIMARY KEY (kind, name)
                );
                COMMENT ON TABLE public.filmwg_schema_migrations IS
                    'Which filmwg migrations and reporting files were applied, with the md5 of their text.';
                """)
    }

    public func applied() throws -> [Applied] {
        let exists = try connection.query("SELECT to_regclass('public.filmwg_schema_migrations') IS NOT NULL")
            .one().decode(Bool.self, at: 0)
        guard exists else { return [] }
        return try connection.query(
            """
            SELECT kind, name, version, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI:SSOF')
            FROM public.filmwg_schema_migrations ORDER BY kind, version NULLS LAST, name
            """
        ).map { row in
            let (kind, name, version, checksum, at) = try row.decode((String, String, Int?, String, String).self)
            return Applied(kind: kind, name: name, version: version, checksum: checksum, appliedAt: at)
        }
    }

    public func status() throws -> Status {
        let done = try applied()
        let doneMigrations = Set(done.filter { $0.kind == "migration" }.map(\.name))
        let reportingSums = Dictionary(done.filter { $0.kind == "reporting" }.map { ($0.name, $0.checksum) }) { a, _ in
            a
        }
        var reportingPending: [SQLFile] = []
        for file in reporting where try reportingSums[file.name] != checksum(of: file) {
            reportingPending.append(file)
        }
        return Status(
            applied: done, pending: migrations.filter { !doneMigrations.contains($0.name) },
            reportingPending: reportingPending)
    }

    /// Applies what is pending. Safe to run any number of times and from several processes.
    ///
    /// One transaction holding a transaction-level advisory lock, so concurrent migrators queue
    /// and a pooler in transaction mode never strands a session lock on a server connection;
    /// all that is pending is applied, or nothing.
    /// - Throws: `RecordError.invalid` naming the file when an applied migration's text changed
    ///   since (or the database holds one this binary does not know); nothing is applied then.
    ///
    /// The advisory lock is per database, but a few statements of the migrations write rows of
    /// the cluster's shared catalogs (`ALTER ROLE filmwg_reporting SET timezone`, role grants);
    /// two databases of one cluster migrated at the same moment can collide there, and
    /// PostgreSQL then fails one with "tuple concurrently updated" (XX000) instead of waiting,
    /// or, when both insert a row that did not exist yet (the first migration of a cluster), with
    /// a unique violation of the catalog's index (23505, `pg_db_role_setting_databaseid_rol_index`).
    /// Nothing of that transaction was kept, so it is simply tried again, a few times.
    public func migrate(progress: (String) -> Void = { _ in }) throws -> Report {
        var attempt = 1
        while true {
            do {
                return try connection.transaction { _ in
                    try connection.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
                    return try migrateLocked(progress: progress)
                }
            } catch let error as PostgresError where attempt < 5 && Self.isSharedCatalogRace(error) {
                attempt += 1
                Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.3))
            }
        }
    }

    /// A concurrent write of a shared catalog row (pg_db_role_setting, pg_auth_members) by
    /// another database's migration: SQLSTATE XX000 with PostgreSQL's own wording, or a unique
    /// violation of an index of `pg_catalog` (within one database the advisory lock queues the
    /// migrators, so only another database's migration can have written that row meanwhile).
    static func isSharedCatalogRace(_ error: PostgresError) -> Bool {
        switch error.sqlState?.code {
        case "XX000": error.message.contains("tuple concurrently updated")
        case "23505": error.schema == "pg_catalog"
        default: false
        }
    }

    private func migrateLocked(progress: (String) -> Void) throws -> Report {
        try ensureTable()
        if let problem = try verify().first {
            throw RecordError.invalid(
                "\(problem.name) \(problem.reason); nothing was migrated (see \(command: "db verify"))")
        }
        let current = try status()
        var report = Report()
        for migration in current.pending {
            progress("applying \(migration.name)")
            try connection.transaction { db in
                try db.executeScript(unsafeSQL: migration.file.text)
                try db.execute(
                    """
                    INSERT INTO public.filmwg_schema_migrations (kind, name, version, checksum)
                    VALUES ('migration', \(migration.name), \(migration.version), md5(\(migration.file.text)))
                    """)
            }
            report.appliedMigrations.append(migration)
        }
        // Views may depend on anything a migration changed: re-check after migrating.
        let reportingPending = current.pending.isEmpty ? current.reportingPending : reporting
        if !reportingPending.isEmpty {
            try connection.transaction { db in
                try Self.dropSummaries(changed: current.reportingPending, on: db)
                for file in reportingPending {
                    progress("applying \(file.path)")
                    try db.executeScript(unsafeSQL: file.text)
                    try db.execute(
                        """
                        INSERT INTO public.filmwg_schema_migrations (kind, name, checksum)
                        VALUES ('reporting', \(file.name), md5(\(file.text)))
                        ON CONFLICT (kind, name) DO UPDATE
                        SET checksum = excluded.checksum, applied_at = now(), applied_by = current_user
                        """)
                }
            }
            let sums = try Dictionary(
                uniqueKeysWithValues: applied().filter { $0.kind == "reporting" }.map { ($0.name, $0.checksum) })
            report.appliedReporting = try reportingPending.filter { file in try sums[file.name] == checksum(of: file) }
        }
        return report
    }

    /// Drops the summaries of the reports whose view file changed since it was applied (all of
    /// them when `refresh_summaries.sql` did): their columns or their figures may no longer be
    /// what the view shows, so the view computes live until the next refresh. A view re-applied
    /// only because a migration ran keeps its summary, as of its own day: dropping it made the
    /// dashboards compute live, seconds at a million companies, until the next nightly refresh.
    /// Nothing before migration 0017, which made the table.
    private static func dropSummaries(changed files: [SQLFile], on db: Connection) throws {
        guard !files.isEmpty,
            try db.query("SELECT to_regclass('filmwg.report_summaries') IS NOT NULL").one().decode(Bool.self, at: 0)
        else { return }
        // Only the owner writes the summaries' table (migration 0017).
        try db.execute("SET ROLE filmwg_owner")
        defer { _ = try? db.execute("RESET ROLE") }
        let names = files.map(\.name)
        try db.execute(
            """
            DELETE FROM filmwg.report_summaries
             WHERE \(names.contains("refresh_summaries.sql")) OR name || '.sql' = ANY(\(names))
            """)
    }

    /// Every applied migration whose file changed since, or that this binary does not know.
    public func verify() throws -> [VerifyProblem] {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
        var problems: [VerifyProblem] = []
        for record in try applied() where record.kind == "migration" {
            guard let migration = known[record.name] else {
                problems.append(
                    VerifyProblem(
                        name: record.name, reason: "applied to the database but not known to this filmwg binary"))
                continue
            }
            if try checksum(of: migration.file) != record.checksum {
                problems.append(
                    VerifyProblem(
                        name: "sql/\(migration.file.path)",
                        reason:
                            "changed since it was applied (checksum \(record.checksum) in the database); migrations are forward-only, add a new one instead"
                    ))
            }
        }
        return problems
    }

    func checksum(of file: SQLFile) throws -> String {
        try connection.query("SELECT md5(\(file.text))").one().decode(String.self, at: 0)
    }
}
