import Foundation
import Postgres

/// Lists, adds and updates the group's positions (`filmwg.positions`).
public typealias PositionRepository = Repository<Position>

extension PositionRepository {
    static var constraints: [String: Phrase] {
        [
            "positions_code_check":
                "a position code is lower-case letters, digits and _, starting with a letter (e.g. deputy_head)",
            "positions_title_check": "the title must not be blank",
            "positions_seats_check": "a position has at least 1 seat",
        ]
    }

    static var columns: Query {
        """
        SELECT p.id, p.code, p.title, p.title_zh, p.seats, p.row_version, p.created_at,
               (SELECT count(*) FROM filmwg.role_assignments r
                 WHERE r.position_id = p.id
                   AND r.term @> (now() AT TIME ZONE 'Asia/Shanghai')::date)::integer AS holders
          FROM filmwg.positions p
        """
    }

    static func decode(_ row: Row) throws -> Position {
        let (id, code, title, titleZh, seats, rowVersion, createdAt, holders) =
            try row.decode((Int64, String, String, String?, Int, Int, Date, Int).self)
        return Position(
            id: id, code: code, title: title, titleZh: titleZh, seats: seats, rowVersion: rowVersion,
            createdAt: createdAt, holders: holders)
    }

    /// Every position, by code.
    public func list(limit: Int? = nil) throws -> [Position] {
        try db.query("\(Self.columns) ORDER BY p.code LIMIT \(limit)").map(Self.decode)
    }

    /// - Throws: `RecordError.notFound` "no position with code …", naming the nearest code.
    public func show(_ code: String) throws -> Position {
        let id = try References.positionID(code, db: db)
        return try Self.decode(db.query("\(Self.columns) WHERE p.id = \(id)").one())
    }

    /// Adds a position.
    /// - Throws: `RecordError.invalid` for a code already taken, a malformed code, a blank
    ///   title or fewer than 1 seat.
    public func add(code: String, title: String, titleZh: String? = nil, seats: Int) throws -> Position {
        let code = code.trimmingCharacters(in: .whitespaces)
        guard let title = Vocabulary.optional(title) else { throw RecordError.invalid("the title must not be blank") }
        guard seats >= 1 else { throw RecordError.invalid("a position has at least 1 seat, not \(seats)") }
        var constraints = Self.constraints
        constraints["positions_code_key"] =
            "there is already a position with code '\(code)'; see \(command: "position list")"
        _ = try DatabaseErrors.translating(constraints) {
            try db.execute(
                """
                INSERT INTO filmwg.positions (code, title, title_zh, seats)
                VALUES (\(code), \(title), \(Vocabulary.optional(titleZh)), \(seats))
                """)
        }
        return try show(code)
    }

    /// Changes a position's seats and titles; nil leaves a field as it is.
    ///
    /// - Parameter expectVersion: the row_version the caller read; nil uses the version read
    ///   here, just before the update.
    /// - Throws: `RecordError.conflict` when the position changed since `expectVersion`;
    ///   `RecordError.invalid` with the database's sentence when fewer seats than current
    ///   holders are asked for ("position head cannot have 1 seat, it is held on … by
    ///   professionals …").
    public func update(
        _ code: String, seats: Int? = nil, title: String? = nil, titleZh: String? = nil, expectVersion: Int? = nil
    ) throws -> Position {
        let current = try show(code)
        if let seats, seats < 1 { throw RecordError.invalid("a position has at least 1 seat, not \(seats)") }
        if let title, Vocabulary.optional(title) == nil { throw RecordError.invalid("the title must not be blank") }
        let version = expectVersion ?? current.rowVersion
        _ = try RoleAssignmentRepository.translatingSeats(Self.constraints) {
            try db.execute(
                """
                UPDATE filmwg.positions
                   SET seats = coalesce(\(seats), seats),
                       title = coalesce(\(Vocabulary.optional(title)), title),
                       title_zh = coalesce(\(Vocabulary.optional(titleZh)), title_zh),
                       row_version = \(version)
                 WHERE id = \(current.id)
                """)
        }
        return try show(current.code)
    }
}
