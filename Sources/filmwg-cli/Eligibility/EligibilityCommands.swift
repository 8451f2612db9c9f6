import FilmWG
import Foundation
import Postgres

/// `filmwg eligibility run | explain | list | changes | prune`.
enum EligibilityCommands {
    static let all: [Command] = [run, explain, list, changes, prune]

    static let run = Command(
        ["eligibility", "run"],
        abstract: "The nightly job: decide which company is eligible for which policy on a day.",
        usage: "[--as-of DATE] [--dry-run]",
        discussion: """
            Evaluates every policy version valid on the day against every company, inside PostgreSQL, \
            records what changed since the previous succeeded run, and commits it all at once. Exits 75 \
            at once when another run holds the job's lock; marks earlier runs whose session is gone as \
            abandoned. --dry-run does the work, prints the result and keeps nothing but its job_runs row \
            (dry_run = true). On a terminal it shows progress; otherwise it logs one JSON object per line \
            on stderr (started, evaluated per policy, finished or failed). The summary goes to stdout.
            """,
        example: "filmwg eligibility run --as-of 2025-05-01 --format json",
        options: [
            .evaluationDay,
            .flag("dry-run", "compute and print, then roll back"),
        ],
        run: .printing(positionals: .none) { arguments, context, format in
            let asOf = try arguments.date("as-of")
            let settings = context.settings
            var job = EligibilityJob(try context.connection(), sideConnection: { try Session.open(settings) })
            job.interruption = { Interrupts.reason }
            let log = JobLog(output: context.output)
            let run = try job.run(asOf: asOf, dryRun: arguments.has("dry-run"), report: log.report)
            context.output.committed = run.dryRun ? "dry run \(run.id) finished" : "run \(run.id) succeeded"
            context.output.outputName = "summary"
            let summary = Record([
                ("id", .number(String(run.id))), ("as_of", .text(run.asOf.description)),
                ("status", .text("succeeded")), ("dry_run", .bool(run.dryRun)),
                ("companies", .number(String(run.companies))), ("policy_versions", .number(String(run.policyVersions))),
                ("determinations", .number(String(run.determinations))), ("eligible", .number(String(run.eligible))),
                ("changes", .number(String(run.changes))), ("newly_eligible", .number(String(run.newlyEligible))),
                ("no_longer_eligible", .number(String(run.noLongerEligible))),
                ("previous_run_id", run.previousRunId.map { .number(String($0)) } ?? .null),
                ("abandoned_runs", .number(String(run.abandonedRuns))),
                ("duration_ms", .number(String(run.milliseconds))),
            ])
            let outcomes = run.outcomes.map { outcome in
                Record([
                    ("policy", .text(outcome.policy)), ("version", .number(String(outcome.version))),
                    ("companies", .number(String(outcome.companies))), ("eligible", .number(String(outcome.eligible))),
                ])
            }
            switch format {
            case .json:
                let policies = "[" + outcomes.map(JSONText.object).joined(separator: ", ") + "]"
                context.output.show(
                    Record(summary.fields.map { ($0.name, $0.value) } + [("policies", .json(policies))]), format: .json)
            case .csv:
                context.output.show(summary, format: .csv)
            case .table:
                context.output.show(summary, format: .table)
                if !outcomes.isEmpty {
                    context.output.write("\n")
                    context.output.list(
                        outcomes, columns: ["policy", "version", "companies", "eligible"], format: .table)
                }
                if run.dryRun { context.output.message("Dry run: nothing was kept but the run's job_runs row.") }
            }
        })

    static let explain = Command(
        ["eligibility", "explain"],
        abstract: "Say why a company is or is not eligible for a policy: every criterion and its value.",
        usage: "--company C --policy P [--as-of DATE]",
        discussion: """
            Reads the current run: among the succeeded runs for today or earlier, the one with the latest \
            as_of (ties: the highest id); with --as-of, the latest succeeded run for that day. A \
            criterion's value is true, false or null; null means a fact was missing, which counts as \
            not met. A company is named by its USCC or numeric id, a policy by its code. For a policy with an \
            amount formula, the amount and how it was reached: each fact's value, each taper's step, the formula's \
            exact value, the rounding, the cap and the exclusive group (JSON keys amount, amount_steps).
            """,
        example: "filmwg eligibility explain --company 91110116MA00000010 --policy film-fund --format json",
        options: [
            .company("the company: USCC or numeric id"),
            .policyCode,
            .runDay,
        ],
        run: .printing(positionals: .none) { arguments, context, format in
            let explanation = try DeterminationRepository(try context.connection()).explain(
                company: try arguments.required("company"), policy: try arguments.required("policy"),
                asOf: try arguments.date("as-of"))
            let head = determinationFields(explanation.determination)
            switch format {
            case .json:
                let criteria = explanation.criteria.map { item in
                    JSONText.object(Record([("criterion", .text(item.criterion)), ("value", cell(item.value))]))
                }
                let steps = explanation.amountSteps.map { step in
                    JSONText.object(Record([("step", .text(step.step)), ("value", Converters.text(step.value))]))
                }
                context.output.show(
                    Record(
                        head + [
                            ("amount_formula", Converters.text(explanation.amountFormula)),
                            ("amount_steps", .json("[" + steps.joined(separator: ", ") + "]")),
                            ("criteria", .json("[" + criteria.joined(separator: ", ") + "]")),
                        ]), format: .json)
            case .csv:
                let records = explanation.criteria.enumerated().map { index, item in
                    Record(
                        head + [
                            ("number", .number(String(index + 1))), ("criterion", .text(item.criterion)),
                            ("value", cell(item.value)),
                        ])
                }
                let columns = head.map(\.0) + ["number", "criterion", "value"]
                context.output.list(records, columns: columns, format: .csv)
            case .table:
                context.output.show(Record(head), format: .table)
                context.output.write("\n")
                let records = explanation.criteria.enumerated().map { index, item in
                    Record([
                        ("number", .number(String(index + 1))), ("criterion", .text(item.criterion)),
                        ("value", .text(item.value.map { $0 ? "true" : "false" } ?? "null")),
                        ("met", .text(item.value == true ? "yes" : "no")),
                    ])
                }
                context.output.list(records, columns: ["number", "criterion", "value", "met"], format: .table)
                if let formula = explanation.amountFormula {
                    context.output.write("\namount: \(formula)\n")
                    let steps = explanation.amountSteps.map {
                        Record([("step", .text($0.step)), ("value", Converters.text($0.value))])
                    }
                    context.output.list(steps, columns: ["step", "value"], format: .table)
                }
            }
        })

    static let list = Command(
        ["eligibility", "list"],
        abstract: "List what the current run decided for a policy, company by company.",
        usage: "--policy P [--eligible|--ineligible] [--as-of DATE]",
        discussion: """
            Reads the current run: among the succeeded runs for today or earlier (Asia/Shanghai), the one \
            with the latest as_of, ties the highest id (the run reporting.policy_eligibility_current shows), \
            so re-running a past day does not replace it; with --as-of, the latest succeeded run of that day.
            """,
        example: "filmwg eligibility list --policy film-fund --eligible --format csv",
        options: [
            .policyCode,
            .flag("eligible", "only eligible companies"),
            .flag("ineligible", "only companies that are not eligible"),
            .runDay,
            .limitRows,
        ],
        run: .printing(positionals: .none) { arguments, context, format in
            if arguments.has("eligible") && arguments.has("ineligible") {
                throw CLIError.usage("give --eligible or --ineligible, not both")
            }
            let filter: Bool? = arguments.has("eligible") ? true : arguments.has("ineligible") ? false : nil
            let (run, determinations) = try DeterminationRepository(try context.connection()).list(
                policy: try arguments.required("policy"), eligible: filter, asOf: try arguments.date("as-of"),
                limit: try arguments.int("limit"))
            let records = determinations.map { Record(determinationFields($0)) }
            context.output.list(records, columns: determinationColumns, format: format)
            if format == .table, context.output.stderrIsTerminal {
                context.output.message("From run \(run.id), as of \(run.asOf).")
            }
        })

    static let changes = Command(
        ["eligibility", "changes"],
        abstract: "List the companies that became or stopped being eligible in a run, or between two runs.",
        usage: "[--run N | --from-run A --to-run B]",
        discussion: """
            Compares by policy: a company seen for the first time and eligible is newly_eligible; one eligible \
            before and not now (or no longer evaluated) is no_longer_eligible. Default: the current run (of \
            the runs for today or earlier, the latest as_of, ties the highest id) against its previous run, the latest run for an \
            earlier day (or the same day and a lower id), as the job recorded it; --run N the same for run N. \
            --from-run A --to-run B compares any two succeeded runs whose determinations are kept.
            """,
        example: "filmwg eligibility changes --run 1 --format json",
        options: [
            .value("run", "N", "the run (default: the current run)"),
            .value("from-run", "A", "compare from this succeeded run …"),
            .value("to-run", "B", "… to this one"),
            .limitRows,
        ],
        run: .printing(positionals: .none) { arguments, context, format in
            let repository = DeterminationRepository(try context.connection())
            let limit = try arguments.int("limit")
            let fromRun = try arguments.int("from-run").map(Int64.init)
            let toRun = try arguments.int("to-run").map(Int64.init)
            let changes: [DeterminationChange]
            let summary: String
            switch (fromRun, toRun) {
            case (nil, nil):
                let (run, recorded) = try repository.changes(
                    runId: try arguments.int("run").map(Int64.init), limit: limit)
                changes = recorded
                summary =
                    "Run \(run.id), as of \(run.asOf): \(run.changes ?? changes.count) change\(run.changes == 1 ? "" : "s")."
            case (let from?, let to?):
                if arguments.string("run") != nil {
                    throw CLIError.usage("give --run N or --from-run A --to-run B, not both")
                }
                let (older, newer, found) = try repository.changes(from: from, to: to, limit: limit)
                changes = found
                summary =
                    "From run \(older.id) (as of \(older.asOf)) to run \(newer.id) (as of \(newer.asOf)): \(found.count) change\(found.count == 1 ? "" : "s")."
            default:
                throw CLIError.usage("--from-run and --to-run go together: name both runs to compare")
            }
            let records = changes.map { change in
                Record([
                    ("run_id", .number(String(change.runId))),
                    ("previous_run_id", change.previousRunId.map { .number(String($0)) } ?? .null),
                    ("as_of", .text(change.asOf.description)), ("policy", .text(change.policy)),
                    ("version", .number(String(change.version))), ("company_id", .number(String(change.company.id))),
                    ("uscc", change.company.uscc.map { .text($0) } ?? .null), ("name", .text(change.company.name)),
                    ("name_zh", change.company.nameZh.map { .text($0) } ?? .null), ("change", .text(change.change)),
                ])
            }
            let columns = [
                "run_id", "previous_run_id", "as_of", "policy", "version", "company_id", "uscc", "name", "name_zh",
                "change",
            ]
            context.output.list(records, columns: columns, format: format)
            if format == .table, context.output.stderrIsTerminal { context.output.message(summary) }
        })

    static let prune = Command(
        ["eligibility", "prune"],
        abstract: "Drop the determinations of all but the newest N runs, never a run a grant rests on.",
        usage: "--keep N [--yes]",
        discussion: """
            Runs are ordered as the current run is chosen (latest as_of first, then highest id); the newest N \
            keep their determinations. Each older succeeded run loses its partition of filmwg.determinations \
            unless a grant rests on one of its determinations (then it is kept, and said so). Its job_runs row \
            and the changes it recorded stay; a pruned run is never the current or the previous run again. \
            Asks on a terminal; elsewhere needs --yes. Prints each run with its number of determinations. \
            Exits 75 while an eligibility run is in progress.
            """,
        example: "filmwg eligibility prune --keep 30 --yes",
        options: [
            .value("keep", "N", "how many of the newest runs keep their determinations (at least 1)"),
            .flag("yes", "prune without asking"),
        ],
        run: .printing(positionals: .none) { arguments, context, format in
            guard let keep = try arguments.int("keep") else {
                throw CLIError.usage("missing --keep N: how many of the newest runs keep their determinations")
            }
            guard keep >= 1 else {
                throw CLIError.usage("--keep must be 1 or more (the current run is always kept), not \(keep)")
            }
            let repository = DeterminationRepository(try context.connection())
            let plan = try repository.prune(keep: keep, dryRun: true)
            let dropping = plan.filter(\.dropped)
            if dropping.isEmpty {
                context.output.message(
                    plan.isEmpty
                        ? "Nothing to prune: at most \(keep) run\(keep == 1 ? "" : "s") keep determinations."
                        : "Nothing to prune: every older run has a grant resting on it.")
            } else {
                let rows = dropping.reduce(0) { $0 + $1.determinations }
                try context.confirm(
                    "Drop the determinations of \(dropping.count) run\(dropping.count == 1 ? "" : "s") (\(rows) row\(rows == 1 ? "" : "s"))?",
                    arguments: arguments)
            }
            let done = dropping.isEmpty ? plan : try repository.prune(keep: keep, dryRun: false)
            let records = done.map { run in
                Record([
                    ("run_id", .number(String(run.runId))), ("as_of", .text(run.asOf.description)),
                    ("determinations", .number(String(run.determinations))), ("dropped", .bool(run.dropped)),
                    ("reason", run.reason.map { .text($0) } ?? .null),
                ])
            }
            context.output.list(
                records, columns: ["run_id", "as_of", "determinations", "dropped", "reason"], format: format)
            let dropped = done.filter(\.dropped)
            if !dropping.isEmpty {
                let rows = dropped.reduce(0) { $0 + $1.determinations }
                let runs = dropped.map { String($0.runId) }.joined(separator: ", ")
                context.output.message(
                    "Dropped the determinations of \(dropped.count) run\(dropped.count == 1 ? "" : "s") (\(runs)): \(rows) row\(rows == 1 ? "" : "s")."
                )
            }
            for kept in done where !kept.dropped {
                context.output.message("Kept run \(kept.runId) (as of \(kept.asOf)): \(kept.reason ?? "kept").")
            }
        })

    // MARK: Helpers

    static let determinationColumns = [
        "company_id", "uscc", "name", "name_zh", "policy", "version", "as_of", "eligible", "amount", "amount_reason",
        "run_id",
    ]

    static func determinationFields(_ determination: Determination) -> [(String, Cell)] {
        [
            ("company_id", .number(String(determination.company.id))),
            ("uscc", determination.company.uscc.map { .text($0) } ?? .null),
            ("name", .text(determination.company.name)),
            ("name_zh", determination.company.nameZh.map { .text($0) } ?? .null),
            ("policy", .text(determination.policy)), ("version", .number(String(determination.version))),
            ("as_of", .text(determination.asOf.description)), ("eligible", .bool(determination.eligible)),
            ("amount", Converters.amount(determination.amount)),
            ("amount_reason", Converters.text(determination.amountReason)),
            ("run_id", .number(String(determination.runId))),
        ]
    }

    static func cell(_ value: Bool?) -> Cell { value.map { .bool($0) } ?? .null }
}

/// Turns the job's events into what an operator reads: a progress line on a terminal, one JSON
/// object per line on stderr otherwise (cron mail, the systemd journal, docker logs).
final class JobLog {
    let output: Output
    let json: Bool

    init(output: Output) {
        self.output = output
        self.json = !output.stderrIsTerminal
    }

    func report(_ event: EligibilityEvent) {
        switch event {
        case .started(let runId, let asOf, let dryRun, let policyVersions, let abandoned):
            if json {
                line(
                    "info", "eligibility.started",
                    [
                        ("run_id", .number(String(runId))), ("as_of", .text(asOf.description)),
                        ("dry_run", .bool(dryRun)),
                        ("policy_versions", .number(String(policyVersions))),
                        ("abandoned_runs", .number(String(abandoned))),
                    ])
            } else {
                if abandoned > 0 {
                    output.message(
                        "Marked \(abandoned) earlier run\(abandoned == 1 ? "" : "s") whose session was gone as abandoned."
                    )
                }
                output.progress(
                    "eligibility run \(runId) as of \(asOf): \(policyVersions) polic\(policyVersions == 1 ? "y" : "ies") to evaluate…"
                )
            }
        case .evaluated(let outcome, let index, let total):
            if json {
                line(
                    "info", "eligibility.evaluated",
                    [
                        ("policy", .text(outcome.policy)), ("version", .number(String(outcome.version))),
                        ("companies", .number(String(outcome.companies))),
                        ("eligible", .number(String(outcome.eligible))),
                    ])
            } else {
                output.progress(
                    "eligibility: \(index)/\(total) \(outcome.policy) v\(outcome.version): \(outcome.eligible) of \(outcome.companies) eligible"
                )
            }
        case .finished(let run):
            if json {
                line(
                    "info", "eligibility.finished",
                    [
                        ("run_id", .number(String(run.id))), ("as_of", .text(run.asOf.description)),
                        ("dry_run", .bool(run.dryRun)),
                        ("status", .text("succeeded")), ("companies", .number(String(run.companies))),
                        ("policy_versions", .number(String(run.policyVersions))),
                        ("determinations", .number(String(run.determinations))),
                        ("eligible", .number(String(run.eligible))),
                        ("changes", .number(String(run.changes))),
                        ("newly_eligible", .number(String(run.newlyEligible))),
                        ("no_longer_eligible", .number(String(run.noLongerEligible))),
                        ("previous_run_id", run.previousRunId.map { .number(String($0)) } ?? .null),
                        ("duration_ms", .number(String(run.milliseconds))),
                    ])
            } else {
                output.endProgress()
            }
        case .failed(let runId, let asOf, let message, let milliseconds):
            if json {
                line(
                    "error", "eligibility.failed",
                    [
                        ("run_id", runId.map { .number(String($0)) } ?? .null),
                        ("as_of", asOf.map { .text($0.description) } ?? .null),
                        ("error", .text(message)), ("duration_ms", .number(String(milliseconds))),
                    ])
            } else {
                output.endProgress()
            }
        }
    }

    private func line(_ level: String, _ event: String, _ fields: [(String, Cell)]) {
        let at = Date().formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        output.message(
            JSONText.object(Record([("time", .text(at)), ("level", .text(level)), ("event", .text(event))] + fields)))
    }
}
