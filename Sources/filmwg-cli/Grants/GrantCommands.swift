import FilmWG
import Foundation

/// `filmwg grant record | list | show`.
enum GrantCommands {
    static let all: [Command] = [record, list, show]

    static let columns = [
        "id", "policy", "company_id", "company_name", "amount", "status", "applied_on", "decided_on", "paid_on", "run_id",
    ]

    static func record(_ grant: Grant) -> Record {
        Record([
            ("id", .number(String(grant.id))), ("policy", .text(grant.policy)),
            ("company_id", .number(String(grant.companyId))), ("company_name", .text(grant.companyName)),
            ("amount", ActivityCLI.amount(grant.amount)), ("status", .text(grant.status)),
            ("applied_on", .text(grant.appliedOn.description)), ("decided_on", ActivityCLI.date(grant.decidedOn)),
            ("paid_on", ActivityCLI.date(grant.paidOn)), ("run_id", ActivityCLI.number(grant.runId)),
            ("policy_version_id", ActivityCLI.number(grant.policyVersionId)), ("notes", ActivityCLI.text(grant.notes)),
            ("row_version", .number(String(grant.rowVersion))), ("created_at", ActivityCLI.instant(grant.createdAt)),
        ])
    }

    static let record = Command(
        path: ["grant", "record"],
        abstract: "Record a benefit granted (or applied for) under a policy, and print it.",
        discussion: """
            Amounts are plain decimals in CNY (5000000.00), at most the policy's cap. Statuses: \
            \(Grant.statuses.joined(separator: ", ")). --run names the eligibility run whose determination for this \
            policy and company the grant rests on.
            """,
        example: "filmwg grant record --policy film-fund --company 91110116MA00ABCD1E --amount 500000.00 --status approved --applied-on 2018-03-01 --decided-on 2018-04-15 --run 1",
        options: [
            .value("policy", "CODE", "the policy (required)"),
            .value("company", "C", "the receiving company: USCC or id (required)"),
            .value("amount", "AMOUNT", "amount in CNY, e.g. 500000.00 (required)"),
            .value("status", "STATUS", "applied, approved, rejected or paid (default: applied)"),
            .value("applied-on", "DATE", "day of application (default: today, Asia/Shanghai)"),
            .value("decided-on", "DATE", "day of approval or rejection"),
            .value("paid-on", "DATE", "day of payment"),
            .value("run", "N", "the eligibility run the grant rests on"),
            .value("notes", "TEXT", "free notes"),
            Format.option,
        ]
    ) { arguments, context in
        try arguments.noPositionals()
        let format = try Format.from(arguments)
        let policyCode = try arguments.required("policy")
        let companyRef = try arguments.required("company")
        _ = try arguments.required("amount")
        guard let amount = try arguments.decimal("amount") else { throw CLIError.usage("missing --amount; it is required here") }
        let db = try context.connection()
        let grant = NewGrant(
            policyId: try References.policyID(policyCode, db: db), companyId: try References.companyID(companyRef, db: db),
            amount: amount, status: arguments.string("status") ?? "applied", appliedOn: try arguments.date("applied-on"),
            decidedOn: try arguments.date("decided-on"), paidOn: try arguments.date("paid-on"),
            runId: try ActivityCLI.id(option: "run", arguments), notes: arguments.string("notes"))
        context.output.show(record(try GrantRepository(db).record(grant)), format: format)
    }

    static let list = Command(
        path: ["grant", "list"],
        abstract: "List grants by day of application.",
        example: "filmwg grant list --policy film-fund --status approved --format csv",
        options: [
            .value("policy", "CODE", "only this policy"),
            .value("company", "C", "only this company (USCC or id)"),
            .value("status", "STATUS", "only this status: \(Grant.statuses.joined(separator: ", "))"),
            ActivityCLI.limit, Format.option,
        ]
    ) { arguments, context in
        try arguments.noPositionals()
        let format = try Format.from(arguments)
        let limit = try ActivityCLI.limit(arguments)
        let db = try context.connection()
        let grants = try GrantRepository(db).list(GrantFilter(
            policyId: try arguments.string("policy").map { try References.policyID($0, db: db) },
            companyId: try arguments.string("company").map { try References.companyID($0, db: db) },
            status: arguments.string("status"), limit: limit))
        context.output.list(grants.map { ActivityCLI.project(record($0), columns) }, columns: columns, format: format)
    }

    static let show = Command(
        path: ["grant", "show"],
        abstract: "Print one grant.",
        usage: "ID",
        example: "filmwg grant show 1 --format json",
        options: [Format.option]
    ) { arguments, context in
        let format = try Format.from(arguments)
        let id = try ActivityCLI.id(arguments, of: "grant")
        context.output.show(record(try GrantRepository(try context.connection()).show(id)), format: format)
    }
}
