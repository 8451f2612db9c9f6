import FilmWG
import Foundation
import Postgres

/// `filmwg event add | show | list | import`.
enum EventCommands {
    static let all: [Command] = [add, show, list, importCSV]

    static func record(_ event: Event) -> Record { Converters.record(event, Event.columns) }

    static let listColumns = [
        "id", "name", "kind", "starts_at", "ends_at", "venue", "district", "capacity", "attendees",
    ]

    static let add = Command(
        path: ["event", "add"],
        abstract: "Record one of the group's events and print it.",
        discussion: """
            Instants are ISO 8601 with their offset (2017-05-20T09:30:00+08:00); the event's day is its \
            start day in Asia/Shanghai. Kinds: \(Event.kinds.joined(separator: ", ")).
            """,
        example:
            "filmwg event add --name '互联网电影论坛' --kind forum --starts-at 2018-05-20T14:00:00+08:00 --venue 'Huairou Film Town' --district 怀柔区 --capacity 200",
        options: Converters.options(NewEvent.fields) + [Format.option]
    ) { arguments, context in
        try arguments.noPositionals()
        let format = try Format.from(arguments)
        guard let startsAt = try ActivityCLI.instant("starts-at", arguments) else {
            throw CLIError.usage("missing --starts-at; it is required here")
        }
        let event = NewEvent(
            name: try arguments.required("name"), kind: arguments.string("kind") ?? "other", startsAt: startsAt,
            endsAt: try ActivityCLI.instant("ends-at", arguments), venue: arguments.string("venue"),
            district: arguments.string("district"), capacity: try arguments.int("capacity"),
            notes: arguments.string("notes"))
        let stored = try EventRepository(try context.connection()).add(event)
        context.output.show(record(stored), format: format)
    }

    static let show = Command(
        path: ["event", "show"],
        abstract: "Print one event.",
        usage: "ID",
        example: "filmwg event show 1 --format json",
        options: [Format.option]
    ) { arguments, context in
        let format = try Format.from(arguments)
        let id = try ActivityCLI.id(arguments, of: "event")
        context.output.show(record(try EventRepository(try context.connection()).show(id)), format: format)
    }

    static let list = Command(
        path: ["event", "list"],
        abstract: "List events in order of their start.",
        discussion: "--from and --to are days (inclusive) compared with each event's start day in Asia/Shanghai.",
        example: "filmwg event list --from 2017-01-01 --to 2017-12-31 --kind ceremony --format csv",
        options: [
            .value("from", "DATE", "events starting on or after this day"),
            .value("to", "DATE", "events starting on or before this day"),
            .value("kind", "KIND", "only this kind: \(Event.kinds.joined(separator: ", "))"),
            .value("search", "TEXT", "text in the name, venue or notes (ignoring case)"),
            ActivityCLI.limit, Format.option,
        ]
    ) { arguments, context in
        try arguments.noPositionals()
        let format = try Format.from(arguments)
        let filter = EventFilter(
            from: try arguments.date("from"), to: try arguments.date("to"), kind: arguments.string("kind"),
            search: arguments.string("search"), limit: try ActivityCLI.limit(arguments))
        if let from = filter.from, let to = filter.to, to < from {
            throw CLIError.usage("--to (\(to)) is before --from (\(from))")
        }
        let events = try EventRepository(try context.connection()).list(filter)
        context.output.list(
            events.map { ActivityCLI.project(record($0), listColumns) },
            columns: listColumns, format: format)
    }

    static let importCSV = Command(
        path: ["event", "import"],
        abstract: "Import events from a CSV file, all or nothing.",
        usage: "FILE.csv",
        discussion: """
            Header: \(EventImport.columns.joined(separator: ",")) (name and starts_at are required; columns may come \
            in any order). Instants are ISO 8601 with their offset, as for event add (2018-05-20T14:00:00+08:00); kind \
            is one of \(Event.kinds.joined(separator: ", ")) (empty: other). RFC 4180, UTF-8 with or without BOM, LF or \
            CRLF. Every row is checked (kind, instants, an end not before the start, a capacity of at least 1, the same \
            name and start twice in the file or already recorded); if any is invalid, each is listed as \
            FILE:LINE: column: reason and nothing is written (exit 65), unless --skip-invalid.
            """,
        example: "filmwg event import events-2018.csv --skip-invalid --rejects rejected.csv",
        options: Converters.importOptions
    ) { arguments, context in
        try Converters.runImport(arguments, context, noun: "events") { db, path, options, listener in
            try EventImport(db).run(file: path, options: options, listener: listener)
        }
    }
}
