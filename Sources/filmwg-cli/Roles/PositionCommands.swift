import FilmWG
import Foundation

/// `filmwg position list | show | add | update` and `filmwg role assign | end | list | show`.
enum PositionCommands {
    static let all: [Command] = [
        positionList, positionShow, positionAdd, positionUpdate, assign, end, roleList, roleShow,
    ]

    static func record(_ position: Position) -> Record {
        Record([
            ("id", .number(String(position.id))), ("code", .text(position.code)), ("title", .text(position.title)),
            ("title_zh", Converters.text(position.titleZh)), ("seats", .number(String(position.seats))),
            ("holders", .number(String(position.holders))), ("row_version", .number(String(position.rowVersion))),
            ("created_at", Converters.instant(position.createdAt)),
        ])
    }

    static let positionColumns = ["id", "code", "title", "title_zh", "seats", "holders"]

    static let roleColumns = [
        "id", "position", "professional_id", "professional_name", "company_id", "company_name", "term_from", "term_to",
    ]

    /// An assignment as the role commands print it: the domain's columns, the position named by
    /// its code only.
    static let roleShown = roleColumns + ["row_version", "created_at"]

    static func record(_ role: RoleAssignment) -> Record {
        Converters.record(role, RoleAssignment.columns, shown: roleShown)
    }

    static let positionList = Command(
        ["position", "list"],
        abstract: "List the group's positions, their seats and how many hold each today.",
        example: "filmwg position list --format json",
        options: [.limit],
        run: .list(columns: positionColumns) { arguments, context, _ in
            try PositionRepository(try context.connection()).list(limit: try arguments.limit()).map(record)
        })

    static let positionShow = Command.show(
        "position", usage: "CODE", abstract: "Print one position.", example: "filmwg position show head",
        name: { try $0.positionCode() }
    ) { db, code, _ in record(try PositionRepository(db).show(code)) }

    static let positionAdd = Command(
        ["position", "add"],
        abstract: "Add a position of the group and print it.",
        usage: "CODE",
        discussion: "A code is lower-case letters, digits and _, starting with a letter.",
        example: "filmwg position add honorary_head --title 'Honorary Head' --title-zh 名誉组长 --seats 1",
        options: [
            .value("title", "TITLE", "English title (required)"),
            .titleZh,
            .value("seats", "N", "how many may hold it at once, 1 or more (required)"),
        ],
        run: .record(positionals: .own) { arguments, context, _ in
            let code = try arguments.subject("position code")
            let title = try arguments.required("title")
            let seats = try arguments.required("seats", arguments.int)
            let position = try PositionRepository(try context.connection())
                .add(code: code, title: title, titleZh: arguments.string("title-zh"), seats: seats)
            return record(position)
        })

    static let positionUpdate = Command(
        ["position", "update"],
        abstract: "Change a position's seats or titles and print it.",
        usage: "CODE",
        discussion: """
            Seats are never lowered below the professionals holding the position on some day from today on. \
            --expect-version names the row_version you read; without it, the version read just before the update \
            is used. A stale version changes nothing and exits 75.
            """,
        example: "filmwg position update deputy_head --seats 6 --expect-version 1",
        options: [
            .value("seats", "N", "how many may hold it at once, 1 or more"),
            .value("title", "TITLE", "English title"),
            .titleZh,
            .value("expect-version", "N", "fail with exit 75 unless the position is still at this row_version"),
        ],
        run: .record(positionals: .own) { arguments, context, _ in
            let code = try arguments.positionCode()
            let seats = try arguments.int("seats")
            guard seats != nil || arguments.string("title") != nil || arguments.string("title-zh") != nil else {
                throw CLIError.usage("nothing to change: give --seats, --title or --title-zh")
            }
            let position = try PositionRepository(try context.connection()).update(
                code, seats: seats, title: arguments.string("title"), titleZh: arguments.string("title-zh"),
                expectVersion: try arguments.int("expect-version"))
            return record(position)
        })

    static let assign = Command(
        ["role", "assign"],
        abstract: "Assign a position to a professional, on behalf of a company, from a day.",
        discussion: """
            Terms are half-open: --to is the first day the position is no longer held (leave it out for an open \
            term). A position never has more holders at once than seats; the database refuses a second head and \
            names the current one.
            """,
        example:
            "filmwg role assign --position deputy_head --professional li.na@example.cn --company 91110116MA00ABCD1E --from 2017-05-20",
        options: [
            .position("the position, e.g. head (required)"),
            .professional("the holder: id or e-mail (required)"),
            .company("the company they hold it for: USCC or id (leave out when none)"),
            .value("from", "DATE", "first day held (required)"),
            .value("to", "DATE", "first day no longer held (default: open)"),
        ],
        run: .record(positionals: .none) { arguments, context, _ in
            let positionCode = try arguments.required("position")
            let professionalRef = try arguments.required("professional")
            let from = try arguments.required("from", arguments.date)
            let to = try arguments.date("to")
            let db = try context.connection()
            let role = try RoleAssignmentRepository(db).assign(
                positionId: try References.positionID(positionCode, db: db),
                professionalId: try References.professionalID(professionalRef, db: db),
                companyId: try arguments.companyID(db: db),
                from: from, to: to)
            return record(role)
        })

    static let end = Command(
        ["role", "end"],
        abstract: "End a role assignment: the position is held up to the day before --on.",
        usage: "ID --on DATE",
        discussion: "Asks for confirmation on a terminal; elsewhere pass --yes.",
        example: "filmwg role end 1 --on 2020-05-20 --yes",
        options: [
            .value("on", "DATE", "first day no longer held (required)"),
            .value("expect-version", "N", "fail with exit 75 unless the assignment is still at this row_version"),
            .flag("yes", "do not ask for confirmation"),
        ],
        run: .record(positionals: .own) { arguments, context, _ in
            let id = try ActivityCLI.id(arguments, of: "role")
            let on = try arguments.required("on", arguments.date)
            let repository = RoleAssignmentRepository(try context.connection())
            let current = try repository.show(id)
            let holder =
                current.professionalName.map { "\($0) (professional \(current.professionalId))" }
                ?? "professional \(current.professionalId)"
            try context.confirm(
                "End role assignment \(id): \(current.position) held by \(holder) from \(current.termFrom), last day \(on.adding(days: -1))?",
                arguments: arguments)
            let ended = try repository.end(
                id, on: on, expectVersion: try arguments.int("expect-version") ?? current.rowVersion)
            return record(ended)
        })

    static let roleList = Command(
        ["role", "list"],
        abstract: "List role assignments: every term, or those held on a day.",
        example: "filmwg role list --as-of 2017-05-20 --position head",
        options: [
            .value("as-of", "DATE", "only terms that include this day"),
            .flag("current", "only terms that include today (Asia/Shanghai)"),
            .position("only this position"),
            .onlyProfessional,
            .company("only roles held for this company (USCC or id)"),
            .limit,
        ],
        run: .list(columns: roleColumns) { arguments, context, _ in
            var asOf = try arguments.date("as-of")
            if arguments.has("current") {
                guard asOf == nil else { throw CLIError.usage("give --as-of or --current, not both") }
                asOf = Instant.groupDay(Date())
            }
            let limit = try arguments.limit()
            let db = try context.connection()
            let filter = RoleAssignmentFilter(
                asOf: asOf, positionId: try arguments.positionID(db: db),
                professionalId: try arguments.professionalID(db: db),
                companyId: try arguments.companyID(db: db), limit: limit)
            let roles = try RoleAssignmentRepository(db).list(filter)
            return roles.map(record)
        })

    static let roleShow = Command.show(
        "role", abstract: "Print one role assignment.", example: "filmwg role show 1 --format json"
    ) { record(try RoleAssignmentRepository($0).show($1)) }
}
