import FilmWG
import Postgres

/// `filmwg work add | show | list | update | import`.
enum WorkCommands {
    static let all: [Command] = [add, show, list, update, importCSV] + AwardCommands.all

    static let fields: [Option] =
        Converters.columnOptions([
            ("title", "TEXT", "title, usually the English or registered title"),
            ("title_zh", "TEXT", "Chinese title (中文片名)"),
            ("kind", "KIND", WorkKind.names.joined(separator: "|")),
            ("released_on", "DATE", "day of first release (YYYY-MM-DD)"),
            ("licence_no", "TEXT", "release licence number (公映许可证号), unique"),
        ]) + [
            .value("first-producer", "C", "the first producer (第一出品方): USCC or id of a company that is not archived"),
            Option(
                name: "co-producer", value: "C",
                help: "a co-producer: USCC or id (repeat for each; never the first producer)", repeatable: true),
        ]

    /// The flags given, as the columns of `WorkInput.apply`.
    static func values(_ arguments: Arguments) -> FieldValues {
        var values = Converters.values(arguments, columns: WorkInput.fieldColumns)
        if let first = arguments.string("first-producer") { values["first_producer"] = first }
        return values
    }

    static let add = Command(
        ["work", "add"],
        abstract: "Add a film work with its first producer and co-producers, and print it as 'work show' does.",
        discussion:
            "--title, --kind, --released-on and --first-producer are required. The first producer and every co-producer must be a company that exists and is not archived; a co-producer is named once and is not the first producer; a licence number belongs to one work. Anything else is refused (exit 65) and nothing is written.",
        example:
            "filmwg work add --title 'Lake Light' --title-zh 湖光 --kind film --released-on 2024-07-12 --licence-no '电审故字〔2024〕第001号' --first-producer 91110116MA00ABCD1E --co-producer 91110116MA00000010",
        options: fields,
        run: .record(positionals: .none) { arguments, context, format in
            var input = WorkInput()
            try input.apply(values(arguments)).throwIfAny()
            input.coProducers = arguments.values["co-producer"] ?? []
            let work = try WorkRepository(try context.connection()).create(input)
            return record(work, format: format)
        })

    static let show = Command(
        ["work", "show"],
        abstract: "Show one work, named by its id or licence number, with its credits.",
        usage: "WORK",
        example: "filmwg work show 1 --format json",
        run: .record(positionals: .own) { arguments, context, format in
            let work = try WorkRepository(try context.connection()).find(
                try arguments.work())
            return record(work, format: format)
        })

    static let tableColumns = [
        "id", "title", "title_zh", "kind", "released_on", "first_producer_name", "co_producer_usccs",
    ]

    static let list = Command(
        ["work", "list"],
        abstract: "List works by release day, with filters.",
        discussion:
            "The table shows the main columns; json shows every field (co_producers as an array of objects); csv has the header of 'work import', so a list re-imports.",
        example: "filmwg work list --company 91110116MA00ABCD1E --released-from 2024-01-01 --format csv",
        options: [
            .company("only works this company first-produced or co-produced (USCC or id)"),
            .value("kind", "KIND", WorkKind.names.joined(separator: "|")),
            .value("released-from", "DATE", "only works released on or after this day"),
            .value("released-to", "DATE", "only works released on or before this day"),
            .value("search", "TEXT", "part of the title or Chinese title, any case"),
            .limitAll,
        ],
        run: .list(columns: { format in
            switch format {
            case .table: tableColumns
            case .csv: WorkInput.csvColumns
            case .json: jsonColumns
            }
        }) { arguments, context, format in
            let kind = try Converters.choice(arguments, "kind", WorkKind.init(rawValue:), names: WorkKind.names)
            let db = try context.connection()
            let filter = WorkFilter(
                companyId: try arguments.companyID(db: db), kind: kind,
                releasedFrom: try arguments.date("released-from"), releasedTo: try arguments.date("released-to"),
                search: arguments.string("search"), limit: try arguments.limit())
            return try WorkRepository(db).list(filter).map { record($0, format: format) }
        })

    static let update = Command(
        ["work", "update"],
        abstract: "Change fields or credits of a work and print it as 'work show' does.",
        usage: "WORK",
        discussion:
            "Only the fields given change; an empty value (--title-zh '') clears an optional field. --co-producer (repeated) replaces the co-producers with those named; --no-co-producers removes them all. The change rests on the version just read, or on --expect-version: if someone changed the work since, nothing is written (exit 75).",
        example: "filmwg work update 1 --released-on 2024-07-19 --co-producer 91110116MA00000010 --expect-version 1",
        options: fields + [.flag("no-co-producers", "remove every co-producer"), .expectVersion],
        run: .record(positionals: .own) { arguments, context, format in
            let ref = try arguments.work()
            let given = values(arguments)
            let co = arguments.values["co-producer"]
            if co != nil, arguments.has("no-co-producers") {
                throw CLIError.usage("--co-producer and --no-co-producers cannot go together")
            }
            guard !given.isEmpty || co != nil || arguments.has("no-co-producers") else {
                throw CLIError.usage(
                    "nothing to change; give at least one of \(fields.map { "--" + $0.name }.joined(separator: ", ")) or --no-co-producers"
                )
            }
            let repository = WorkRepository(try context.connection())
            let current = try repository.find(ref)
            var input = current.input
            try input.apply(given).throwIfAny()
            if let co { input.coProducers = co }
            if arguments.has("no-co-producers") { input.coProducers = [] }
            let version = try arguments.int("expect-version") ?? current.rowVersion
            let work = try repository.update(id: current.id, to: input, expectVersion: version)
            return record(work, format: format)
        })

    static let importCSV = Command.importing(
        "work", abstract: "Import works from a CSV file, all or nothing.",
        discussion: """
            Header: \(WorkInput.csvColumns.joined(separator: ",")) (title, kind, released_on and first_producer_uscc \
            are required; co_producer_usccs are ';'-separated). RFC 4180, UTF-8 with or without BOM, LF or CRLF. Every \
            row is checked (fields, companies that exist and are not archived, a co-producer named twice or equal to the \
            first producer, a licence number twice in the file or already recorded); if any is invalid, each is listed as \
            FILE:LINE: column: reason and nothing is written (exit 65), unless --skip-invalid.
            """,
        example: "filmwg work import works.csv --skip-invalid --rejects rejected.csv", rows: "works"
    ) { try WorkImport($0).run(file: $1, options: $2, listener: $3) }

    // MARK: - Printing

    static let jsonColumns = [
        "id", "title", "title_zh", "kind", "released_on", "licence_no", "first_producer_id", "first_producer_uscc",
        "first_producer_name", "co_producers", "co_producer_usccs", "row_version", "created_at",
    ]

    /// A work; in JSON the co-producers are an array of `{id, uscc, name}`, elsewhere their
    /// USCCs (or ids) joined by `;`, as `work import` reads them.
    static func record(_ work: Work, format: Format) -> Record {
        let usccs = work.coProducers.map(\.reference).joined(separator: ";")
        let co: Cell =
            format == .json
            ? .json(
                "["
                    + work.coProducers.map { c in
                        JSONText.object(
                            Record([
                                ("id", .number(String(c.id))), ("uscc", Converters.text(c.uscc)),
                                ("name", .text(c.name)),
                            ]))
                    }.joined(separator: ", ") + "]")
            : .text(work.coProducers.map { "\($0.name) (\($0.reference))" }.joined(separator: "; "))
        return Record([
            ("id", .number(String(work.id))), ("title", .text(work.title)), ("title_zh", Converters.text(work.titleZh)),
            ("kind", .text(work.kind.rawValue)), ("released_on", .text(work.releasedOn.description)),
            ("licence_no", Converters.text(work.licenceNo)),
            ("first_producer_id", .number(String(work.firstProducer.id))),
            ("first_producer_uscc", .text(work.firstProducer.reference)),
            ("first_producer_name", .text(work.firstProducer.name)),
            ("co_producers", co), ("co_producer_usccs", .text(usccs)),
            ("row_version", .number(String(work.rowVersion))), ("created_at", Converters.instant(work.createdAt)),
        ])
    }
}
