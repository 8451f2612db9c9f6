import Foundation
import Postgres

/// Records and lists who attended the group's events (`filmwg.attendance`). Imports are in
/// `AttendanceImport`.
public typealias AttendanceRepository = Repository<Attendance>

extension AttendanceRepository {
    /// Records that professional `professionalId` attended event `eventId`, for `companyId`
    /// (nil: in a personal capacity), as `role`.
    /// - Throws: `RecordError.notFound` for an unknown event, professional or company;
    ///   `RecordError.invalid` for an unknown role, or when the professional is already
    ///   recorded at the event ("professional 7 is already recorded as attending event 3 …").
    /// - Parameter overCapacity: record beyond the event's capacity on purpose; the row says so
    ///   (`over_capacity`, audited). Without it a full event refuses (`attendance_capacity_check`).
    public func record(
        eventId: Int64, professionalId: Int64, companyId: Int64?, role: String = "attendee", overCapacity: Bool = false
    ) throws
        -> Attendance
    {
        let role = try Vocabulary.check(role, among: Attendance.roles, name: "role")
        try requireExists(eventId: eventId, professionalId: professionalId, companyId: companyId)
        let duplicate = try existing(eventId: eventId, professionalId: professionalId)
        if let duplicate { throw Self.duplicate(duplicate) }
        let id = try DatabaseErrors.translating([
            "attendance_role_check": Phrase(Vocabulary.sentence(role, among: Attendance.roles, name: "role")),
            // Someone recorded the same pair since we looked.
            "attendance_event_professional_key":
                "professional \(professionalId) is already recorded as attending event \(eventId); one professional attends an event once",
        ]) {
            do {
                return try db.query(
                    """
                    INSERT INTO filmwg.attendance (event_id, professional_id, company_id, role, over_capacity)
                    VALUES (\(eventId), \(professionalId), \(companyId), \(role), \(overCapacity))
                    RETURNING id
                    """
                ).one().decode(Int64.self, at: 0)
            } catch let error as PostgresError where error.constraint == "attendance_capacity_check" {
                throw Self.full(error)
            }
        }
        return try show(id)
    }

    /// The sentence for an event that has no seat left (trigger check_capacity).
    static func full(_ error: PostgresError) -> RecordError {
        RecordError.invalid(
            "\(error.message): the event is full; nothing was recorded. Record more than its capacity only on purpose (\(field: "over_capacity")), or raise the capacity"
        )
    }

    /// Attendance in order of the events' start, then of recording; every filter given must hold.
    public func list(
        eventId: Int64? = nil, professionalId: Int64? = nil, companyId: Int64? = nil, role: String? = nil,
        limit: Int? = nil
    ) throws -> [Attendance] {
        let role = try role.map { try Vocabulary.check($0, among: Attendance.roles, name: "role") }
        return try Attendance.source.list(
            """
             WHERE (\(eventId)::bigint IS NULL OR a.event_id = \(eventId))
               AND (\(professionalId)::bigint IS NULL OR a.professional_id = \(professionalId))
               AND (\(companyId)::bigint IS NULL OR a.company_id = \(companyId))
               AND (\(role)::text IS NULL OR a.role = \(role))
            """, order: "e.starts_at, a.event_id, a.id", limit: limit, on: db)
    }

    func existing(eventId: Int64, professionalId: Int64) throws -> Attendance? {
        try Attendance.source.optional(
            "WHERE a.event_id = \(eventId) AND a.professional_id = \(professionalId)", on: db)
    }

    static func duplicate(_ existing: Attendance) -> RecordError {
        RecordError.invalid(
            "professional \(existing.professionalId) is already recorded as attending event \(existing.eventId) (attendance \(existing.id), as \(existing.role)); one professional attends an event once"
        )
    }

    func requireExists(eventId: Int64, professionalId: Int64, companyId: Int64?) throws {
        let row = try db.query(
            """
            SELECT EXISTS (SELECT 1 FROM filmwg.events WHERE id = \(eventId)),
                   EXISTS (SELECT 1 FROM filmwg.professionals WHERE id = \(professionalId)),
                   \(companyId)::bigint IS NULL OR EXISTS (SELECT 1 FROM filmwg.companies WHERE id = \(companyId))
            """
        ).one()
        let (event, professional, company) = try row.decode((Bool, Bool, Bool).self)
        if !event { throw RecordError.notFound("no event with id \(eventId); see \(command: "event list")") }
        if !professional { throw RecordError.notFound("no professional with id \(professionalId)") }
        if !company, let companyId { throw RecordError.notFound("no company with id \(companyId)") }
    }
}
