import FilmWG
import Foundation

/// `filmwg jobs list`.
enum JobCommands {
    static let all: [Command] = [list]

    static let columns = [
        "id", "job", "as_of", "status", "dry_run", "actor", "started_at", "finished_at", "duration_ms", "companies",
        "policy_versions", "determinations", "eligible", "changes", "error",
    ]

    static func record(_ run: JobRun) -> Record {
        Record([
            ("id", .number(String(run.id))), ("job", .text(run.job)), ("as_of", .text(run.asOf.description)),
            ("status", .text(run.status)), ("dry_run", .bool(run.dryRun)), ("actor", .text(run.actor)),
            ("started_at", Converters.instant(run.startedAt)), ("finished_at", Converters.instant(run.finishedAt)),
            ("duration_ms", Converters.number(run.durationMs)), ("companies", Converters.number(run.companies)),
            ("policy_versions", Converters.number(run.policyVersions)),
            ("determinations", Converters.number(run.determinations)), ("eligible", Converters.number(run.eligible)),
            ("changes", Converters.number(run.changes)), ("error", Converters.text(run.error)),
        ])
    }

    static let list = Command(
        ["jobs", "list"],
        abstract: "List the runs of the batch jobs, newest first: status, timings, counts, error.",
        discussion:
            "Statuses: \(JobRun.statuses.joined(separator: ", ")). A run whose session died is marked abandoned by the next run.",
        example: "filmwg jobs list --status failed --limit 5",
        options: [
            .value("job", "NAME", "only this job, e.g. eligibility"),
            .value("status", "STATUS", "only runs with this status"),
            .limit,
        ],
        run: .list(columns: columns) { arguments, context, _ in
            let runs = try JobRunRepository(try context.connection()).list(
                job: arguments.string("job"), status: arguments.string("status"), limit: try arguments.limit())
            return runs.map(record)
        })
}
