public import Foundation
public import Postgres

/// One of the group's ceremonies, forums, meetings or workshops (`filmwg.events`).
public struct Event: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var kind: String
    public var startsAt: Date
    public var endsAt: Date?
    public var venue: String?
    public var district: String?
    public var capacity: Int?
    public var notes: String?
    public var rowVersion: Int
    public var createdAt: Date
    /// Professionals recorded as attending (derived from `filmwg.attendance`).
    public var attendees: Int

    /// The values of `events_kind_check`.
    /// `events_kind_check`; the film group's own kinds came with migration 0014.
    public static let kinds = [
        "ceremony", "forum", "meeting", "workshop", "screening", "festival", "award_ceremony", "training", "premiere",
        "press_conference", "exhibition", "other",
    ]
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
}

/// Which events `event list` shows. Days are the events' start days in Asia/Shanghai.
public struct EventFilter: Sendable, Equatable {
    /// Events starting on or after this day.
    public var from: CalendarDate?
    /// Events starting on or before this day (inclusive).
    public var to: CalendarDate?
    public var kind: String?
    /// Text found (ignoring case) in the name, venue or notes.
    public var search: String?
    public var limit: Int?

    public init(
        from: CalendarDate? = nil, to: CalendarDate? = nil, kind: String? = nil, search: String? = nil,
        limit: Int? = nil
    ) {
        self.from = from
        self.to = to
        self.kind = kind
        self.search = search
        self.limit = limit
    }
}
