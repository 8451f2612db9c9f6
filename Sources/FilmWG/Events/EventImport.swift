import Foundation
public import Postgres

/// `filmwg event import FILE.csv`: header `name,kind,starts_at,ends_at,venue,district,capacity`;
/// instants are ISO 8601 with their offset, as `event add` takes them (`Instant.parse`).
///
/// Each row is checked as `EventRepository.add` checks one event (a name, a known kind, an end
/// not before the start, a capacity of at least 1). Besides, an event with the same name and
/// start as an earlier line, or as an event already recorded, makes the row invalid: importing
/// a file twice must not double the group's events.
extension Event: ImportedFromCSV {
    public static func importPlan(on db: Connection) throws -> ImportPlan { ImportPlan(EventSchema()) }
}

extension RecordImport where Record == Event {
    /// The columns the header may name (DESIGN §5), in their documented order.
    public static var columns: [String] { EventSchema.imported.names() }
}

struct EventSchema: ImportSchema {
    var known: [String] { Self.imported.names() }
    var required: [String] { ["name", "starts_at"] }
    var staging: [(String, String)] { NewEvent.fields.staging() }

    func stage(_ values: FieldValues) -> (fields: [String?], problems: [FieldProblem]) {
        var reader = FieldReader(values)
        let name = Self.given(values["name"])
        if name == nil { reader.problem("name", "is required and must not be blank") }
        let kind = reader.eventKind("kind")
        let startsAt = reader.instant("starts_at")
        if startsAt == nil, Self.given(values["starts_at"]) == nil { reader.problem("starts_at", "is required") }
        let endsAt = reader.instant("ends_at")
        if let startsAt, let endsAt, endsAt < startsAt {
            reader.problem(
                "ends_at",
                "\(Instant.format(endsAt)) is before starts_at \(Instant.format(startsAt)); an event cannot end before it starts"
            )
        }
        let capacity = reader.capacity("capacity")
        return (
            [
                name, kind, startsAt?.postgresText(), endsAt?.postgresText(), Self.given(values["venue"]),
                Self.given(values["district"]), capacity.map(String.init),
            ], reader.problems
        )
    }

    /// The text of an optional column: nil when absent or empty (values are trimmed already).
    static func given(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    func checks() -> [Query] {
        [
            // The same event (name and start) again, later in the file.
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format('name: the same event (name and starts_at) is already on line %s', d.first)
              FROM (SELECT name, starts_at, min(line) AS first FROM pg_temp.import_rows
                     WHERE name IS NOT NULL AND starts_at IS NOT NULL
                     GROUP BY name, starts_at HAVING count(*) > 1) d
             WHERE r.name = d.name AND r.starts_at = d.starts_at AND r.line <> d.first
            """,
            // An event already recorded with this name and start.
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format('name: event %s already has this name and starts_at; it was added or imported before', e.id)
              FROM (SELECT DISTINCT ON (s.line) s.line, e.id
                      FROM pg_temp.import_rows s
                      JOIN filmwg.events e ON e.name = s.name AND e.starts_at = s.starts_at
                     ORDER BY s.line, e.id) e
             WHERE r.line = e.line
            """,
        ]
    }

    static let imported = NewEvent.fields.filter(\.imported)

    func write(on db: Connection) throws -> Int {
        try DatabaseErrors.translating(Event.constraints) {
            try db.execute(
                """
                INSERT INTO filmwg.events (\(Self.imported.identifiers()))
                SELECT \(Self.imported.identifiers())
                  FROM pg_temp.import_rows
                 WHERE problems IS NULL
                 ORDER BY line
                """)
        }
    }
}

extension FieldReader {
    /// A kind of event, in any case; absent or empty is `other`, as for `event add`.
    fileprivate mutating func eventKind(_ column: String) -> String? {
        guard let text = EventSchema.given(values[column]) else { return "other" }
        let normal = text.lowercased()
        guard Event.kinds.contains(normal) else {
            let near = Spelling.nearest(to: normal, among: Event.kinds).map { "; did you mean '\($0)'?" } ?? ""
            problem(
                column,
                "'\(Self.shown(text))' is not a kind of event; use one of \(Event.kinds.joined(separator: ", "))\(near)"
            )
            return nil
        }
        return normal
    }

    /// An instant with its offset (`Instant.parse`); nil when absent, empty or invalid.
    fileprivate mutating func instant(_ column: String) -> Date? {
        guard let text = EventSchema.given(values[column]) else { return nil }
        guard let date = Instant.parse(text) else {
            problem(
                column,
                "'\(Self.shown(text))' is not an ISO 8601 instant with its offset, such as 2017-05-20T09:30:00+08:00")
            return nil
        }
        return date
    }

    /// Seats: a whole number from 1 to 2147483647 (events_capacity_check; the column is integer).
    fileprivate mutating func capacity(_ column: String) -> Int? {
        guard let text = EventSchema.given(values[column]) else { return nil }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }), let value = Int(text) else {
            problem(column, "'\(Self.shown(text))' is not a whole number")
            return nil
        }
        guard value >= 1 else {
            problem(column, "must be at least 1, not \(text)")
            return nil
        }
        guard value <= Int(Int32.max) else {
            problem(column, "\(text) is too large; at most \(Int32.max)")
            return nil
        }
        return value
    }
}
