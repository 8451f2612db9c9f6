import FilmWG
import Foundation

/// `filmwg audit` and `filmwg history NOUN REF`.
enum AuditCommands {
    static let all: [Command] = [audit] + HistorySubject.allCases.map(history)

    /// In a table the whole rows would not fit: `changes` says what an update changed. CSV and
    /// JSON carry the whole old and new rows.
    static func columns(_ format: Format) -> [String] {
        format == .table
            ? ["id", "at", "actor", "table_name", "row_id", "action", "changes"]
            : ["id", "at", "actor", "table_name", "row_id", "action", "changes", "old_values", "new_values"]
    }

    static func record(_ entry: AuditEntry) -> Record {
        Record([
            ("id", .number(String(entry.id))), ("at", .text(Instant.format(entry.at))), ("actor", .text(entry.actor)),
            ("table_name", .text(entry.tableName)), ("row_id", .text(entry.rowId)), ("action", .text(entry.action)),
            ("changes", Converters.text(entry.changes)), ("old_values", ActivityCLI.json(entry.oldValues)),
            ("new_values", ActivityCLI.json(entry.newValues)),
        ])
    }

    static let audit = Command(
        ["audit"],
        abstract: "List changes to the records from the audit log, newest first.",
        discussion: """
            Every insert, update and delete of an audited table is there, with when, who (the actor) and the row \
            before and after. --since is a day in Asia/Shanghai. The audit log cannot be changed by admins.
            """,
        example: "filmwg audit --table role_assignments --since 2017-05-01 --limit 20",
        options: [
            .value("table", "T", "only this table, e.g. companies"),
            .value("since", "DATE", "only changes made on or after this day"),
            .value("actor", "NAME", "only changes made by this actor"),
            .limit,
        ],
        run: .list(columns: columns) { arguments, context, _ in
            let filter = AuditFilter(
                table: arguments.string("table"), since: try arguments.date("since"),
                actor: arguments.string("actor"), limit: try arguments.limit())
            return try AuditRepository(try context.connection()).list(filter).map(record)
        })

    static func history(_ subject: HistorySubject) -> Command {
        let (what, example, extra): (String, String, String) =
            switch subject {
            case .company: ("COMPANY", "91110116MA00ABCD1E", " A company is named by its USCC or id.")
            case .professional: ("PROFESSIONAL", "li.na@example.cn", " A professional is named by id or e-mail.")
            case .position: ("CODE", "head", "")
            case .policy: ("CODE", "film-fund", " The policy's versions are included.")
            case .election: ("ID", "1", " The candidates' rows are included.")
            case .work:
                (
                    "WORK", "1",
                    " A work is named by id or licence number; its co-producers' and awards' rows are included."
                )
            default: ("ID", "1", "")
            }
        return Command(
            ["history", subject.rawValue],
            abstract: "Every change of one \(subject.rawValue) record (\(subject.table)), oldest first.",
            usage: what,
            discussion: "From the audit log: who changed what, and when.\(extra)",
            example: "filmwg history \(subject.rawValue) \(example)",
            options: [.limit],
            run: .list(positionals: .own, columns: columns) { arguments, context, _ in
                let ref = try arguments.subject(subject.rawValue)
                let limit = try arguments.limit()
                let db = try context.connection()
                let id: Int64 =
                    switch subject {
                    case .company: try References.companyID(ref, db: db)
                    case .professional: try References.professionalID(ref, db: db)
                    case .position: try References.positionID(ref, db: db)
                    case .policy: try References.policyID(ref, db: db)
                    case .work where Int64(ref) == nil: try WorkRepository(db).find(WorkRef(ref)).id
                    default:
                        // Deleted records have history too: any positive id is accepted.
                        try Int64(ref).flatMap { $0 > 0 ? $0 : nil }
                            ?? {
                                throw CLIError.usage("the \(subject.rawValue) id must be a whole number, not '\(ref)'")
                            }()
                    }
                let entries = try AuditRepository(db).history(of: subject, id: id, limit: limit)
                if entries.isEmpty {
                    throw CLIError.notFound("the audit log has no change of \(subject.rawValue) \(ref)")
                }
                return entries.map(record)
            })
    }
}
