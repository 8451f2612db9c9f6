public import Foundation
public import Postgres

/// One professional's attendance of one event (`filmwg.attendance`), with the names a
/// reader needs beside the ids.
public struct Attendance: ShownRecord, Sendable, Equatable {
    public var id: Int64
    public var eventId: Int64
    public var eventName: String
    /// The event's start day in Asia/Shanghai.
    public var eventDay: CalendarDate
    public var professionalId: Int64
    /// NULL once the professional's personal data was erased.
    public var professionalName: String?
    public var companyId: Int64?
    public var companyName: String?
    public var role: String
    public var rowVersion: Int
    public var createdAt: Date

    /// The values of `attendance_role_check`.
    public static let roles = ["attendee", "speaker", "host", "guest"]

    /// Every column of an attendance row, with the event's, the professional's and the
    /// company's names beside their ids.
    public static let columns: [RecordColumn<Attendance>] =
        [
            .id("id", \.id, about: "the attendance's id"),
            .id("event_id", \.eventId, about: "the event attended"),
            .text("event_name", \.eventName, about: "the event's name", expression: "e.name"),
            .date(
                "event_day", \.eventDay, about: "the event's start day in Asia/Shanghai",
                expression: "(e.starts_at AT TIME ZONE 'Asia/Shanghai')::date"),
            .id("professional_id", \.professionalId, about: "who attended"),
            .text("professional_name", \.professionalName, about: "their full name", expression: "p.full_name"),
            .id("company_id", \.companyId, about: "the company they attended for"),
            .text("company_name", \.companyName, about: "the company's name", expression: "c.name"),
            .text("role", \.role, form: "ROLE", about: roles.joined(separator: "|")),
        ] + RecordColumn<Attendance>.kept(\.rowVersion, \.createdAt, noun: "attendance")

    public static let noun = "attendance"

    public static let source = RecordSource(
        columns: columns, alias: "a",
        from: """
            filmwg.attendance a
              JOIN filmwg.events e ON e.id = a.event_id
              JOIN filmwg.professionals p ON p.id = a.professional_id
              LEFT JOIN filmwg.companies c ON c.id = a.company_id
            """,
        empty: Attendance(
            id: 0, eventId: 0, eventName: "", eventDay: .unread, professionalId: 0,
            companyId: nil, role: "", rowVersion: 0, createdAt: .unread))
}
