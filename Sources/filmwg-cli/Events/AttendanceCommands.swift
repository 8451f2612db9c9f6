import FilmWG
import Foundation

/// `filmwg attendance record | list | import`.
enum AttendanceCommands {
    static let all: [Command] = [record, list, importFile]

    static let columns = [
        "id", "event_id", "event_name", "event_day", "professional_id", "professional_name", "company_id",
        "company_name", "role",
    ]

    static func record(_ attendance: Attendance) -> Record { Converters.record(attendance, Attendance.columns) }

    static let record = Command(
        ["attendance", "record"],
        abstract: "Record that a professional attended an event, for a company, in a role.",
        discussion: """
            A professional is named by id or e-mail, a company by USCC or id. Roles: \
            \(Attendance.roles.joined(separator: ", ")) (default: attendee). A professional attends an event once.
            """,
        example:
            "filmwg attendance record --event 1 --professional li.na@example.cn --company 91110116MA00ABCD1E --role speaker",
        options: [
            .event("the event (required)"),
            .professional("the professional: id or e-mail (required)"),
            .company("the company they attended for: USCC or id (default: none)"),
            .value("role", "ROLE", "attendee, speaker, host or guest (default: attendee)"),
            .flag("over-capacity", "record even though the event is full (kept on the row and audited)"),
        ],
        run: .record(positionals: .none) { arguments, context, _ in
            let eventRef = try arguments.required("event")
            let professionalRef = try arguments.required("professional")
            let db = try context.connection()
            let eventId = try References.eventID(eventRef, db: db)
            let professionalId = try References.professionalID(professionalRef, db: db)
            let companyId = try arguments.companyID(db: db)
            let stored = try AttendanceRepository(db).record(
                eventId: eventId, professionalId: professionalId, companyId: companyId,
                role: arguments.string("role") ?? "attendee", overCapacity: arguments.has("over-capacity"))
            return record(stored)
        })

    static let list = Command(
        ["attendance", "list"],
        abstract: "List who attended events: of one event, one professional or one company.",
        example: "filmwg attendance list --event 1 --format csv",
        options: [
            .event("only this event"),
            .onlyProfessional,
            .company("only attendance for this company (USCC or id)"),
            .value("role", "ROLE", "only this role: \(Attendance.roles.joined(separator: ", "))"),
            .limit,
        ],
        run: .list(columns: columns) { arguments, context, _ in
            let limit = try arguments.limit()
            let db = try context.connection()
            let filter = AttendanceFilter(
                eventId: try arguments.eventID(db: db),
                professionalId: try arguments.professionalID(db: db),
                companyId: try arguments.companyID(db: db),
                role: arguments.string("role"), limit: limit)
            let rows = try AttendanceRepository(db).list(filter)
            return rows.map(record)
        })

    static let importFile = Command(
        ["attendance", "import"],
        abstract: "Import the attendance of one event from a CSV file.",
        usage: "FILE.csv --event ID",
        discussion: """
            The header is professional_email,company_uscc,role (company_uscc and role may be left out or \
            empty; role defaults to attendee). A row whose e-mail or USCC is unknown is invalid, as is a \
            professional listed twice or already recorded at the event. It behaves as every import: all or \
            nothing by default, every invalid row reported as FILE:LINE: column: reason; --skip-invalid writes \
            the valid rows, and --rejects FILE (with --skip-invalid) also writes the invalid ones, unchanged and \
            with a reason column. --dry-run checks everything and writes nothing.
            """,
        example: "filmwg attendance import --event 1 attendance-2017-05-20.csv --skip-invalid --rejects rejected.csv",
        options: [.event("the event (required)")] + Importing.options,
        run: .plain { arguments, context in
            let eventRef = try arguments.required("event")
            try Importing.run(arguments, context, noun: "attendance records") { db, path, options, listener in
                let eventId = try References.eventID(eventRef, db: db)
                return try AttendanceImport(db).run(eventId: eventId, file: path, options: options, listener: listener)
            }
        })
}
