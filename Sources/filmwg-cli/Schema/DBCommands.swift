import FilmWG
import Foundation
import Postgres

/// `filmwg db migrate | status | verify`.
enum DBCommands {
    static let all: [Command] = [migrate, status, verify, backup, restore]

    static let backup = Command(
        ["db", "backup"],
        abstract: "Save the whole database to FILE with pg_dump (custom format) and print each table's rows.",
        usage: "FILE",
        discussion:
            "The row counts are taken in the snapshot pg_dump saves, and written to FILE.counts beside it for 'db restore' to check. Needs pg_dump of the server's major version or newer.",
        example: "filmwg db backup filmwg-2024-06-01.dump",
        run: .printing(positionals: .own) { arguments, context, format in
            guard arguments.positionals.count == 1, let file = arguments.positionals.first else {
                throw CLIError.usage("'db backup' needs the FILE to write; see 'filmwg db backup --help'")
            }
            let counts = try Backup(try context.connection(), conninfo: context.settings.conninfo).backup(to: file)
            context.output.committed = "the backup \(file) was written"
            context.output.list(
                counts.map { Record([("table", .text($0.table)), ("rows", .number(String($0.rows)))]) },
                columns: ["table", "rows"], format: format)
            context.output.message(
                "Saved \(counts.count) tables to \(file) (row counts in \(Backup.countsPath(file))).")
        })

    static let restore = Command(
        ["db", "restore"],
        abstract:
            "Restore FILE (from 'db backup') into an empty database with pg_restore, then check every table's rows.",
        usage: "FILE --yes",
        discussion:
            "Into an empty database only (createdb first; exit 65 when filmwg's schema is there), in one transaction: an error restores nothing. The filmwg roles must exist on the server (they are cluster-wide; 'db migrate' on any database creates them). The restored row counts are compared with FILE.counts (exit 65 when they differ). Then 'db verify' passes and the job runs.",
        example: "filmwg db restore filmwg-2024-06-01.dump --database dbname=filmwg_restored --yes",
        options: [.flag("yes", "do not ask for confirmation")],
        run: .printing(positionals: .own) { arguments, context, format in
            guard arguments.positionals.count == 1, let file = arguments.positionals.first else {
                throw CLIError.usage("'db restore' needs the FILE to read; see 'filmwg db restore --help'")
            }
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw CLIError(message: "the backup file \(file) does not exist or cannot be read", code: .noInput)
            }
            try context.confirm("Restore \(file) into this database?", arguments: arguments)
            let (restored, expected) = try Backup(try context.connection(), conninfo: context.settings.conninfo)
                .restore(
                    from: file)
            context.output.committed = "\(file) was restored"
            let wanted = Dictionary(uniqueKeysWithValues: (expected ?? []).map { ($0.table, $0.rows) })
            context.output.list(
                restored.map {
                    Record([
                        ("table", .text($0.table)), ("rows", .number(String($0.rows))),
                        ("backup_rows", wanted[$0.table].map { .number(String($0)) } ?? .null),
                    ])
                },
                columns: ["table", "rows", "backup_rows"], format: format)
            context.output.message(
                expected == nil
                    ? "Restored \(file); \(Backup.countsPath(file)) is missing, so the counts were not compared."
                    : "Restored \(file); every table has the rows the backup counted.")
        })

    static let migrate = Command(
        ["db", "migrate"],
        abstract: "Create or upgrade the database: apply pending migrations and reporting views.",
        discussion:
            "The SQL is carried inside the binary. Everything pending is applied in one transaction under a lock, so two runs at once apply nothing twice and a failure applies nothing. Refuses (exit 65), naming the file, when a migration already applied was edited since.",
        example: "filmwg db migrate",
        run: .plain { _, context in
            let migrator = Migrator(connection: try context.connection())
            let report: Migrator.Report
            do {
                report = try migrator.migrate { context.output.progress($0) }
            } catch let error as PostgresError where error.isInsufficientPrivilege {
                // Not the admins' role: migrations create and change the schema.
                throw CLIError(
                    message:
                        "db migrate needs the role that owns filmwg's schema: connect as a superuser, or as the database owner with CREATEROLE (it becomes a member of filmwg_owner); the database said: \(error.message)",
                    code: .noPermission)
            }
            context.output.endProgress()
            if report.isEmpty {
                context.output.message("The database is up to date; nothing was applied.")
            }
            for migration in report.appliedMigrations { context.output.write("applied \(migration.file.path)\n") }
            for file in report.appliedReporting { context.output.write("applied \(file.path)\n") }
        })

    static let status = Command(
        ["db", "status"],
        abstract: "List applied and pending migrations.",
        example: "filmwg db status --format json",
        run: .printing(positionals: .own) { arguments, context, format in
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
                Record([
                    ("name", .text(file.path)), ("version", .null), ("state", .text("pending")), ("applied_at", .null),
                ])
            }
            context.output.list(records, columns: ["name", "version", "state", "applied_at"], format: format)
        })

    static let verify = Command(
        ["db", "verify"],
        abstract: "Check that no applied migration was edited since it was applied.",
        example: "filmwg db verify",
        run: .plain { _, context in
            let problems = try Migrator(connection: try context.connection()).verify()
            guard problems.isEmpty else {
                throw CLIError(
                    message:
                        "\(problems.count) applied migration\(problems.count == 1 ? "" : "s") no longer match\(problems.count == 1 ? "es" : ""): \(problems[0])",
                    code: .dataError, details: problems.dropFirst().map(\.description))
            }
            context.output.message("Every applied migration matches its file.")
        })
}
