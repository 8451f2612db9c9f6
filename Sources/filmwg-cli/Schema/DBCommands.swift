import FilmWG
import Postgres

/// `filmwg db migrate | status | verify`.
enum DBCommands {
    static let all: [Command] = [migrate, status, verify]

    static let migrate = Command(
        path: ["db", "migrate"],
        abstract: "Create or upgrade the database: apply pending migrations and reporting views.",
        discussion: "The SQL is carried inside the binary. Each migration runs in its own transaction under a lock, so two runs at once apply nothing twice.",
        example: "filmwg db migrate"
    ) { _, context in
        let migrator = Migrator(connection: try context.connection())
        let report: Migrator.Report
        do {
            report = try migrator.migrate { context.output.progress($0) }
        } catch let error as PostgresError where error.isInsufficientPrivilege {
            // Not the admins' role: migrations create and change the schema.
            throw CLIError(
                message: "db migrate needs the role that owns filmwg's schema: connect as a superuser, or as the database owner with CREATEROLE (it becomes a member of filmwg_owner); the database said: \(error.message)",
                code: .noPermission)
        }
        context.output.endProgress()
        if report.isEmpty {
            context.output.message("The database is up to date; nothing was applied.")
        }
        for migration in report.appliedMigrations { context.output.write("applied \(migration.file.path)\n") }
        for file in report.appliedReporting { context.output.write("applied \(file.path)\n") }
    }

    static let status = Command(
        path: ["db", "status"],
        abstract: "List applied and pending migrations.",
        example: "filmwg db status --format json",
        options: [Format.option]
    ) { arguments, context in
        let format = try Format.from(arguments)
        let migrator = Migrator(connection: try context.connection())
        let status = try migrator.status()
        var records = status.applied.filter { $0.kind == "migration" }.map { applied in
            Record([
                ("name", .text(applied.name)), ("version", applied.version.map { .number(String($0)) } ?? .null),
                ("state", .text("applied")), ("applied_at", .text(applied.appliedAt)),
            ])
        }
        records += status.pending.map { pending in
            Record([
                ("name", .text(pending.name)), ("version", .number(String(pending.version))),
                ("state", .text("pending")), ("applied_at", .null),
            ])
        }
        records += status.reportingPending.map { file in
            Record([("name", .text(file.path)), ("version", .null), ("state", .text("pending")), ("applied_at", .null)])
        }
        context.output.list(records, columns: ["name", "version", "state", "applied_at"], format: format)
    }

    static let verify = Command(
        path: ["db", "verify"],
        abstract: "Check that no applied migration was edited since it was applied.",
        example: "filmwg db verify"
    ) { _, context in
        let problems = try Migrator(connection: try context.connection()).verify()
        guard problems.isEmpty else {
            throw CLIError(
                message: "\(problems.count) applied migration\(problems.count == 1 ? "" : "s") no longer match\(problems.count == 1 ? "es" : ""): \(problems[0])",
                code: .dataError, details: problems.dropFirst().map(\.description))
        }
        context.output.message("Every applied migration matches its file.")
    }
}
