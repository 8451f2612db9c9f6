import FilmWG
import Postgres

/// `filmwg award record | list`.
enum AwardCommands {
    static let all: [Command] = [record, list]

    static let columns = [
        "id", "awarded_on", "award", "award_name_zh", "category", "result", "work_id", "title", "first_producer_uscc",
    ]
    static let allColumns =
        columns + [
            "award_name", "scope", "title_zh", "first_producer_id", "first_producer_name", "row_version", "created_at",
        ]

    static func record(_ award: Award) -> Record {
        Record([
            ("id", .number(String(award.id))), ("awarded_on", .text(award.awardedOn.description)),
            ("award", .text(award.body.code)), ("award_name_zh", .text(award.body.nameZh)),
            ("category", Converters.text(award.category)), ("result", .text(award.result.rawValue)),
            ("work_id", .number(String(award.workId))), ("title", .text(award.workTitle)),
            ("first_producer_uscc", .text(award.firstProducer.reference)), ("award_name", .text(award.body.name)),
            ("scope", .text(award.body.scope)), ("title_zh", Converters.text(award.workTitleZh)),
            ("first_producer_id", .number(String(award.firstProducer.id))),
            ("first_producer_name", .text(award.firstProducer.name)),
            ("row_version", .number(String(award.rowVersion))), ("created_at", Converters.instant(award.createdAt)),
        ])
    }

    static let record = Command(
        ["award", "record"],
        abstract: "Record an award a work won (or was nominated for), and print it.",
        discussion:
            "--work, --award and --on are required; --result is won (default) or nominated. The work is named by id or licence number, the award by code ('filmwg award list --bodies' lists them). An unknown work or award code, a day that does not exist, or the same award of the work on the same day and category again is refused (exit 65).",
        example:
            "filmwg award record --work 1 --award huabiao --on 2024-09-10 --category 'Outstanding Feature Film' --result won",
        options: [
            .value("work", "W", "the work: id or licence number (required)"),
            .value(
                "award", "CODE",
                "the award: wuge_yi, huabiao, jinji, baihua, feitian, jinying, tiantan, a_list_festival (required)"),
            .value("on", "DATE", "day of the award, YYYY-MM-DD (required)"),
            .value("category", "TEXT", "category, e.g. Best Feature Film"),
            .value("result", "won|nominated", "won (default) or nominated"),
        ],
        run: .record(positionals: .none) { arguments, context, _ in
            let award = NewAward(
                work: try arguments.required("work"), award: try arguments.required("award"),
                awardedOn: try arguments.required("on"),
                category: arguments.string("category"), result: arguments.string("result"))
            let recorded = try AwardRepository(try context.connection()).record(award)
            return record(recorded).projected(to: allColumns)
        })

    static let list = Command(
        ["award", "list"],
        abstract: "List awards by day, or with --bodies the awards a work can win.",
        example: "filmwg award list --company 91110116MA00ABCD1E --result won --format json",
        options: [
            .flag("bodies", "list the award bodies (code, name, name_zh, scope) instead"),
            .value("work", "W", "only awards of this work (id or licence number)"),
            .company("only awards of works this company first-produced (USCC or id)"),
            .value("award", "CODE", "only this award"),
            .value("result", "won|nominated", "only won or only nominated"),
            .limit,
        ],
        run: .printing(positionals: .none) { arguments, context, format in
            let db = try context.connection()
            let repository = AwardRepository(db)
            if arguments.has("bodies") {
                let bodies = try repository.bodies().map { body in
                    Record([
                        ("code", .text(body.code)), ("name", .text(body.name)), ("name_zh", .text(body.nameZh)),
                        ("scope", .text(body.scope)),
                    ])
                }
                context.output.list(bodies, columns: ["code", "name", "name_zh", "scope"], format: format)
                return
            }
            var result: AwardResult?
            if let text = arguments.string("result") {
                guard let value = AwardResult(rawValue: text) else {
                    throw CLIError.usage("--result must be won or nominated, not '\(text)'")
                }
                result = value
            }
            let filter = AwardFilter(
                workId: try arguments.string("work").map { try WorkRepository(db).find(WorkRef($0)).id },
                companyId: try arguments.companyID(db: db),
                award: arguments.string("award"), result: result, limit: try arguments.limit())
            let shown = format == .table ? columns : allColumns
            context.output.list(
                try repository.list(filter).map { record($0).projected(to: shown) }, columns: shown, format: format)
        })
}
