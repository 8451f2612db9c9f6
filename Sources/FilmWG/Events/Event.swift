public import Foundation
import Postgres

/// One of the group's ceremonies, forums, meetings or workshops (`filmwg.events`): what
/// `event add` wrote (`input`) and what the database keeps. `event.name` reads `event.input.name`.
public struct Event: ShownRecord, RecordAroundInput, Sendable, Equatable {
    public var id: Int64
    public var input: NewEvent
    public var rowVersion: Int
    public var createdAt: Date
    /// Professionals recorded as attending (derived from `filmwg.attendance`).
    public var attendees: Int

    /// The values of `events_kind_check`; the film group's own kinds came with migration 0014.
    public static let kinds = [
        "ceremony", "forum", "meeting", "workshop", "screening", "festival", "award_ceremony", "training", "premiere",
        "press_conference", "exhibition", "other",
    ]

    /// The sentence for each constraint of its table the database may refuse a row by.
    static let constraints: [String: Phrase] = [
        "events_name_check": "the event name must not be blank",
        "events_kind_check": "kind must be one of \(Event.kinds.joined(separator: ", "))",
        "events_capacity_check": "capacity must be at least 1",
        "events_ends_check": "an event cannot end before it starts; check \(field: "ends_at")",
    ]

    /// Every column of an event as `event show` prints it: the id, the fields given, the count
    /// of attendees before the notes, then the row's bookkeeping.
    public static let columns: [RecordColumn<Event>] = {
        let given = NewEvent.fields.map { $0.lifted(through: \Event.input) }
        let notes = given.filter { $0.name == "notes" }
        return [.id("id", \.id, about: "the event's id")] + given.filter { $0.name != "notes" }
            + [
                .integer(
                    "attendees", \.attendees, about: "professionals recorded as attending",
                    expression: "(SELECT count(*) FROM filmwg.attendance a WHERE a.event_id = e.id)::integer")
            ] + notes
            + [
                .integer("row_version", \.rowVersion, about: "the version of the row"),
                .instant("created_at", \.createdAt, about: "when the event was recorded"),
            ]
    }()

    public static let noun = "event"

    public static let source = RecordSource(
        columns: columns, alias: "e", from: "filmwg.events e",
        empty: Event(
            id: 0, input: NewEvent(name: "", startsAt: .unread), rowVersion: 0, createdAt: .unread, attendees: 0))
}

/// What `event add` writes; the database fills in id, row_version and created_at.
public struct NewEvent: Sendable, Equatable {
    public var name: String
    public var kind: String
    public var startsAt: Date
    public var endsAt: Date?
    public var venue: String?
    public var district: String?
    public var capacity: Int?
    public var notes: String?

    public init(
        name: String, kind: String = "other", startsAt: Date, endsAt: Date? = nil, venue: String? = nil,
        district: String? = nil, capacity: Int? = nil, notes: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.venue = venue
        self.district = district
        self.capacity = capacity
        self.notes = notes
    }

    /// The columns `event add` writes, in the order of the CSV header of `event import`
    /// (DESIGN §5), which leaves out the notes.
    public static let fields: [RecordColumn<NewEvent>] = [
        .text("name", \.name, form: "NAME", about: "name of the event (required)"),
        .text("kind", \.kind, form: "KIND", about: "\(Event.kinds.joined(separator: "|")) (default: other)"),
        .instant("starts_at", \.startsAt, about: "start, ISO 8601 with offset (required)"),
        .instant("ends_at", \.endsAt, about: "end, ISO 8601 with offset"),
        .text("venue", \.venue, about: "where it takes place"),
        .text("district", \.district, about: "district of the venue, e.g. 怀柔区"),
        .integer("capacity", \.capacity, about: "seats available, 1 or more"),
        .text("notes", \.notes, about: "what happened, decisions taken", imported: false),
    ]
}
