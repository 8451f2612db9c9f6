import Foundation
import Postgres

/// Where a repository reads a record from: the record's columns (`Grant.columns`), the FROM
/// clause that holds them (the table and its joins, static text), and an empty record the row
/// is read over. Every `show`, `find` and `list` then shares one SELECT and one decoding.
public struct RecordSource<Record>: Sendable where Record: Sendable {
    let columns: [RecordColumn<Record>]
    /// The alias of the record's own table, which qualifies columns without an expression.
    let alias: String
    /// `filmwg.grants g JOIN …`.
    let from: String
    let empty: Record

    /// `SELECT <the columns> FROM <from>`, to which a WHERE, ORDER BY and LIMIT are added.
    var select: Query { "SELECT \(columns.selectList(alias: alias)) FROM \(Query(unsafeSQL: from))" }

    func decode(_ row: Row) throws -> Record { try columns.read(row, into: empty) }

    /// The records `rest` (WHERE … ORDER BY … LIMIT …) selects, in order.
    func all(_ rest: Query, on db: Connection) throws -> [Record] { try db.query(select + " " + rest).map(decode) }

    /// The records `conditions` (a WHERE clause) selects, in `order` (static text), at most
    /// `limit` of them.
    /// - Throws: `RecordError.invalid` for a negative limit.
    func list(_ conditions: Query, order: String, limit: Int?, on db: Connection) throws -> [Record] {
        if let limit, limit < 0 { throw RecordError.invalid("the limit must not be negative") }
        return try all("\(conditions) ORDER BY \(Query(unsafeSQL: order)) LIMIT \(limit)", on: db)
    }

    /// The record `rest` selects, if any.
    func optional(_ rest: Query, on db: Connection) throws -> Record? {
        try db.query(select + " " + rest).optional().map(decode)
    }

    /// The record whose id is `id`. - Throws: `RecordError.notFound` "no grant with id 7; see
    /// 'filmwg grant list'", from the record's `noun` and the command that lists them.
    func find(id: Int64, noun: String, listedBy list: Phrase, on db: Connection) throws -> Record {
        try one(
            "WHERE \(Query(unsafeSQL: alias)).id = \(id)", on: db,
            else: RecordError.notFound("no \(noun) with id \(id); see \(command: list)"))
    }

    /// The record `rest` selects. - Throws: `missing` when there is none.
    func one(_ rest: Query, on db: Connection, else missing: @autoclosure () -> any Error) throws -> Record {
        guard let record = try optional(rest, on: db) else { throw missing() }
        return record
    }
}

/// A record `NOUN show ID` prints, read by id from its `source`.
public protocol ShownRecord: Sendable {
    /// How messages name one: `grant`, `role assignment`.
    static var noun: String { get }
    /// The command that lists them, for the sentence of a missing one: `grant list`.
    static var listedBy: Phrase { get }
    static var source: RecordSource<Self> { get }
}

extension ShownRecord {
    /// `NOUN list`, unless the record says otherwise (`role list` for a role assignment).
    public static var listedBy: Phrase { Phrase(noun + " list") }
}

extension Repository where Record: ShownRecord {
    /// The record whose id is `id`.
    /// - Throws: `RecordError.notFound` "no grant with id 7; see 'filmwg grant list'".
    public func show(_ id: Int64) throws -> Record {
        try Record.source.find(id: id, noun: Record.noun, listedBy: Record.listedBy, on: db)
    }
}

/// What an empty record holds before its row is read over it.
extension Date {
    static let unread = Date(timeIntervalSince1970: 0)
}

extension CalendarDate {
    static let unread = CalendarDate(daysSinceEpoch: 0)
}
