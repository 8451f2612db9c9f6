public import Foundation
public import Postgres

/// One professional's attendance of one event (`filmwg.attendance`), with the names a
/// reader needs beside the ids.
public struct Attendance: Sendable, Equatable {
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
}

/// Which attendance rows `attendance list` shows; every filter given must hold.
public struct AttendanceFilter: Sendable, Equatable {
    public var eventId: Int64?
    public var professionalId: Int64?
    public var companyId: Int64?
    public var role: String?
    public var limit: Int?

    public init(
        eventId: Int64? = nil, professionalId: Int64? = nil, companyId: Int64? = nil, role: String? = nil,
        limit: Int? = nil
    ) {
        self.eventId = eventId
        self.professionalId = professionalId
        self.companyId = companyId
        self.role = role
        self.limit = limit
    }
}
