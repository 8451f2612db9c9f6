import Foundation
public import Postgres

/// Adds, shows and lists the group's events (`filmwg.events`).
public typealias EventRepository = Repository<Event>

extension EventRepository {
    /// Records a new event and returns it as stored.
    /// - Throws: `RecordError.invalid` for a blank name, an unknown kind, a capacity below 1 or
    ///   an end before the start.
    public func add(_ event: NewEvent) throws -> Event {
        guard let name = Vocabulary.optional(event.name) else {
            throw RecordError.invalid("the event name must not be blank")
        }
        let kind = try Vocabulary.check(event.kind, among: Event.kinds, name: "kind")
        if let capacity = event.capacity, capacity < 1 {
            throw RecordError.invalid("capacity must be at least 1, not \(capacity)")
        }
        if let ends = event.endsAt, ends < event.startsAt {
            throw RecordError.invalid(
                "the event would end (\(Instant.format(ends))) before it starts (\(Instant.format(event.startsAt)))")
        }
        var stored = event
        stored.name = name
        stored.kind = kind
        stored.venue = Vocabulary.optional(event.venue)
        stored.district = Vocabulary.optional(event.district)
        stored.notes = Vocabulary.optional(event.notes)
        let id = try DatabaseErrors.translating(Event.constraints) {
            try db.query(
                """
                INSERT INTO filmwg.events (\(NewEvent.fields.identifiers()))
                VALUES (\(NewEvent.fields.values(of: stored)))
                RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
        }
        return try show(id)
    }

    /// Events in order of their start; every filter given must hold. Days are the events' start
    /// days in Asia/Shanghai.
    /// - Parameters:
    ///   - from: events starting on or after this day.
    ///   - to: events starting on or before this day (inclusive).
    ///   - search: text found (ignoring case) in the name, venue or notes.
    public func list(
        from: CalendarDate? = nil, to: CalendarDate? = nil, kind: String? = nil, search: String? = nil,
        limit: Int? = nil
    ) throws -> [Event] {
        let kind = try kind.map { try Vocabulary.check($0, among: Event.kinds, name: "kind") }
        let pattern = Vocabulary.optional(search).map(Vocabulary.containsPattern)
        return try Event.source.list(
            """
             WHERE (\(from)::date IS NULL OR (e.starts_at AT TIME ZONE 'Asia/Shanghai')::date >= \(from))
               AND (\(to)::date IS NULL OR (e.starts_at AT TIME ZONE 'Asia/Shanghai')::date <= \(to))
               AND (\(kind)::text IS NULL OR e.kind = \(kind))
               AND (\(pattern)::text IS NULL OR e.name ILIKE \(pattern) OR e.venue ILIKE \(pattern)
                    OR e.notes ILIKE \(pattern))
            """, order: "e.starts_at, e.id", limit: limit, on: db)
    }
}
