import FilmWG
import Foundation

/// `filmwg grant apply | approve | reject | pay | list | show` and `filmwg policy budget`: the
/// grants workflow of DESIGN §12, which the database enforces.
enum GrantCommands {
    static let all: [Command] = [apply, approve, reject, pay, list, show, budget]

    static let columns = [
        "id", "policy", "company_id", "company_name", "year", "amount", "entitlement", "status", "applied_on",
        "decided_on", "paid_on", "run_id",
    ]

    /// A grant as the grant commands print it: the domain's columns in the order of the list,
    /// then the rest (the policy named by its code only).
    static let shown = columns + ["policy_version_id", "reason", "notes", "row_version", "created_at"]

    static func record(_ grant: Grant) -> Record { Converters.record(grant, Grant.columns, shown: shown) }

    static let workflow = """
        Only applied → approved → paid, and applied or approved → rejected. An approval is refused when the \
        company's approved and paid grants for the policy and year would exceed the amount of the determination \
        it rests on, or the policy's would exceed its budget for the year ('filmwg policy budget'); two approvals \
        racing for the same money are serialised, so at most one passes. Every transition is audited with the actor.
        """

    static func amount(_ arguments: Arguments, _ name: String = "amount") throws -> Decimal? {
        try arguments.decimal(name)
    }

    static func year(_ arguments: Arguments) throws -> Int {
        try arguments.required("year", form: "YEAR", arguments.int)
    }

    static let apply = Command(
        ["grant", "apply"],
        abstract: "Apply for a grant under a policy for a year, and print it.",
        discussion: """
            The grant rests on the company's latest eligible determination for the policy in a succeeded run of that \
            year; without one it is refused (exit 65). The amount is CNY with at most two decimals, at most the \
            determination's amount and the policy's cap. \(workflow)
            """,
        example:
            "filmwg grant apply --company 91110116MA00ABCD1E --policy film-fund --year 2025 --amount 480000.00 --applied-on 2025-05-10",
        options: [
            .company("the applying company: USCC or id (required)"),
            .policy("the policy (required)"),
            .value("year", "YEAR", "the year the grant is for (required)"),
            .value("amount", "AMOUNT", "amount in CNY, e.g. 480000.00 (required)"),
            .value("applied-on", "DATE", "day of application (default: today, Asia/Shanghai)"),
            .value("notes", "TEXT", "free notes"),
        ],
        run: .record(positionals: .none) { arguments, context, _ in
            let policyCode = try arguments.required("policy")
            let companyRef = try arguments.required("company")
            let year = try year(arguments)
            let amount = try arguments.required("amount", form: "AMOUNT", arguments.decimal)
            let db = try context.connection()
            let application = GrantApplication(
                policyId: try References.policyID(policyCode, db: db),
                companyId: try References.companyID(companyRef, db: db),
                year: year, amount: amount, appliedOn: try arguments.date("applied-on"),
                notes: arguments.string("notes"))
            return record(try GrantRepository(db).apply(application))
        })

    /// `grant approve` and `grant reject`: a decision on grant ID, taken on `--on DATE` (default
    /// today), under the workflow; `decide` reads its own option and asks the repository.
    static func decision(
        _ verb: String, abstract: String, usage: String, example: String, option: Option,
        decide: @escaping @Sendable (Arguments, Context, Int64) throws -> Grant
    ) -> Command {
        Command(
            ["grant", verb], abstract: abstract, usage: usage, discussion: workflow, example: example,
            options: [option, .decisionDay],
            run: .record(positionals: .own) { arguments, context, _ in
                record(try decide(arguments, context, try ActivityCLI.id(arguments, of: "grant")))
            })
    }

    static let approve = decision(
        "approve",
        abstract: "Approve an applied grant, optionally for another amount.",
        usage: "ID",
        example: "filmwg grant approve 1 --amount 450000.00 --on 2025-06-15",
        option: .value("amount", "AMOUNT", "the approved amount (default: the amount applied for)")
    ) { arguments, context, id in
        try GrantRepository(try context.connection()).approve(
            id, amount: try amount(arguments), on: try arguments.date("on"))
    }

    static let reject = decision(
        "reject",
        abstract: "Reject an applied or approved grant, saying why.",
        usage: "ID --reason TEXT",
        example: "filmwg grant reject 2 --reason \"fiscal contribution below CNY 300 per m²\"",
        option: .value("reason", "TEXT", "why (required)")
    ) { arguments, context, id in
        let reason = try arguments.required("reason")
        return try GrantRepository(try context.connection()).reject(id, reason: reason, on: try arguments.date("on"))
    }

    static let pay = Command(
        ["grant", "pay"],
        abstract: "Record that an approved grant was paid, and on which day.",
        usage: "ID --on DATE",
        discussion: workflow,
        example: "filmwg grant pay 1 --on 2025-09-30",
        options: [.value("on", "DATE", "day of payment (required)")],
        run: .record(positionals: .own) { arguments, context, _ in
            let id = try ActivityCLI.id(arguments, of: "grant")
            guard let day = try arguments.date("on") else {
                throw CLIError.usage("missing --on DATE: the day it was paid")
            }
            return record(try GrantRepository(try context.connection()).pay(id, on: day))
        })

    static let list = Command(
        ["grant", "list"],
        abstract: "List grants by year and day of application.",
        example: "filmwg grant list --policy film-fund --year 2025 --status paid --format csv",
        options: [
            .policy("only this policy"),
            .onlyCompany,
            .value("status", "STATUS", "only this status: \(Grant.statuses.joined(separator: ", "))"),
            .value("year", "YEAR", "only grants for this year"),
            .limit,
        ],
        run: .list(columns: columns) { arguments, context, _ in
            let limit = try arguments.limit()
            let db = try context.connection()
            let grants = try GrantRepository(db).list(
                GrantFilter(
                    policyId: try arguments.policyID(db: db),
                    companyId: try arguments.companyID(db: db),
                    status: arguments.string("status"), year: try arguments.int("year"), limit: limit))
            return grants.map(record)
        })

    static let show = Command.show(
        "grant", abstract: "Print one grant.", example: "filmwg grant show 1 --format json"
    ) { record(try GrantRepository($0).show($1)) }

    static let budget = Command(
        ["policy", "budget"],
        abstract: "Set what a policy may pay in a year; approvals beyond it are refused.",
        usage: "CODE --year YEAR --amount AMOUNT",
        discussion:
            "Refused when below what is already approved or paid for the year. Prints the budget, what is granted and what remains.",
        example: "filmwg policy budget film-fund --year 2025 --amount 5000000.00",
        options: [
            .value("year", "YEAR", "the grants' year (required)"),
            .value("amount", "AMOUNT", "the budget in CNY (required)"),
            Format.option,
        ],
        run: .plain { arguments, context in
            let code = try arguments.policyCode()
            let format = try Format.from(arguments)
            let year = try year(arguments)
            let amount = try arguments.required("amount", form: "AMOUNT", arguments.decimal)
            let db = try context.connection()
            let budget = try GrantRepository(db).setBudget(
                policyId: try References.policyID(code, db: db), year: year, amount: amount)
            context.output.show(
                Record([
                    ("policy", .text(budget.policy)), ("year", .number(String(budget.year))),
                    ("amount", Converters.amount(budget.amount)), ("granted", Converters.amount(budget.granted)),
                    ("remaining", Converters.amount(budget.remaining)),
                ]), format: format)
        })
}
