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
        ["event", "add"],
        abstract: "Record one of the group's events and print it.",
        discussion: """
            Instants are ISO 8601 with their offset (2017-05-20T09:30:00+08:00); the event's day is its \
            start day in Asia/Shanghai. Kinds: \(Event.kinds.joined(separator: ", ")).
            """,
        example:
            "filmwg event add --name '互联网电影论坛' --kind forum --starts-at 2018-05-20T14:00:00+08:00 --venue 'Huairou Film Town' --district 怀柔区 --capacity 200",
        options: Converters.options(NewEvent.fields),
        run: .record(positionals: .none) { arguments, context, _ in
            let startsAt = try arguments.required("starts-at") { try ActivityCLI.instant($0, arguments) }
            let event = NewEvent(
                name: try arguments.required("name"), kind: arguments.string("kind") ?? "other", startsAt: startsAt,
                endsAt: try ActivityCLI.instant("ends-at", arguments), venue: arguments.string("venue"),
                district: arguments.string("district"), capacity: try arguments.int("capacity"),
                notes: arguments.string("notes"))
            let stored = try EventRepository(try context.connection()).add(event)
            return record(stored)
        })

    static let show = Command.show(
        "event", abstract: "Print one event.", example: "filmwg event show 1 --format json"
    ) { record(try EventRepository($0).show($1)) }

    static let list = Command(
        ["event", "list"],
        abstract: "List events in order of their start.",
        discussion: "--from and --to are days (inclusive) compared with each event's start day in Asia/Shanghai.",
        example: "filmwg event list --from 2017-01-01 --to 2017-12-31 --kind ceremony --format csv",
        options: [
            .value("from", "DATE", "events starting on or after this day"),
            .value("to", "DATE", "events starting on or before this day"),
            .value("kind", "KIND", "only this kind: \(Event.kinds.joined(separator: ", "))"),
            .value("search", "TEXT", "text in the name, venue or notes (ignoring case)"),
            .limit,
        ],
        run: .list(columns: listColumns) { arguments, context, _ in
            let filter = EventFilter(
                from: try arguments.date("from"), to: try arguments.date("to"), kind: arguments.string("kind"),
                search: arguments.string("search"), limit: try arguments.limit())
            if let from = filter.from, let to = filter.to, to < from {
                throw CLIError.usage("--to (\(to)) is before --from (\(from))")
            }
            let events = try EventRepository(try context.connection()).list(filter)
            return events.map(record)
        })

    static let importCSV = Command.importing(
        "event", abstract: "Import events from a CSV file, all or nothing.",
        discussion: """
            Header: \(EventImport.columns.joined(separator: ",")) (name and starts_at are required; columns may come \
            in any order). Instants are ISO 8601 with their offset, as for event add (2018-05-20T14:00:00+08:00); kind \
            is one of \(Event.kinds.joined(separator: ", ")) (empty: other). RFC 4180, UTF-8 with or without BOM, LF or \
            CRLF. Every row is checked (kind, instants, an end not before the start, a capacity of at least 1, the same \
            name and start twice in the file or already recorded); if any is invalid, each is listed as \
            FILE:LINE: column: reason and nothing is written (exit 65), unless --skip-invalid.
            """,
        example: "filmwg event import events-2018.csv --skip-invalid --rejects rejected.csv", rows: "events"
    ) { try EventImport($0).run(file: $1, options: $2, listener: $3) }
}
