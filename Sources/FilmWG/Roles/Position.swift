public import Foundation

/// One of the group's elected posts (`filmwg.positions`), e.g. `head` with 1 seat.
public struct Position: Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var title: String
    public var titleZh: String?
    public var seats: Int
    public var rowVersion: Int
    public var createdAt: Date
    /// Professionals holding the position today, Asia/Shanghai (derived from role_assignments).
    public var holders: Int
}
