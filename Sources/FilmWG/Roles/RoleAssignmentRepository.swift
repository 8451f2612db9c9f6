import Foundation
public import Postgres

/// Assigns, ends and lists the holders of the group's positions (`filmwg.role_assignments`).
///
/// The database keeps the rules: never more holders at once than seats (trigger
/// enforce_seats, SQLSTATE 23P01 on role_assignments_seats, whose sentence names the current
/// holder), and never the same professional twice in one position at once
/// (role_assignments_no_overlap). Assignments of one position serialise on its row, so two
/// sessions assigning the last seat at the same moment cannot both succeed.
public typealias RoleAssignmentRepository = Repository<RoleAssignment>

extension RoleAssignmentRepository {
    /// Assigns `positionId` to `professionalId` (on behalf of `companyId`, if any) from `from`
    /// up to the day before `to` (nil: open-ended).
    /// - Throws: `RecordError.invalid` when `to` is not after `from`, when every seat is taken
    ///   on some day of the term (the database's sentence, e.g. "position head has 1 seat,
    ///   already held from 2017-05-20 by professional 1"), or when the professional already
    ///   holds the position over an overlapping term.
    public func assign(
        positionId: Int64, professionalId: Int64, companyId: Int64?, from: CalendarDate, to: CalendarDate? = nil
    ) throws -> RoleAssignment {
        if let to, to <= from {
            throw RecordError.invalid(
                "the term would end on \(to) before it starts on \(from); terms are half-open, \(field: "to") is the first day the position is no longer held"
            )
        }
        let id = try Self.translatingSeats([
            "role_assignments_no_overlap":
                "professional \(professionalId) already holds this position over part of that term; end that term first or choose other days",
            "role_assignments_position_id_fkey": "no position with id \(positionId)",
            "role_assignments_professional_id_fkey": "no professional with id \(professionalId)",
            "role_assignments_company_id_fkey": "no company with id \(companyId.map(String.init) ?? "")",
        ]) {
            try db.query(
                """
                INSERT INTO filmwg.role_assignments (position_id, professional_id, company_id, term)
                VALUES (\(positionId), \(professionalId), \(companyId), daterange(\(from), \(to), '[)'))
                RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
        }
        return try show(id)
    }

    /// Ends an open term: the position is held up to and including the day before `on`.
    /// - Parameter expectVersion: the row_version the caller read; nil uses the version read here.
    /// - Throws: `RecordError.notFound` for an unknown id; `RecordError.invalid` when the term
    ///   already ended or `on` is not after its start; `RecordError.conflict` for a stale version.
    public func end(_ id: Int64, on: CalendarDate, expectVersion: Int? = nil) throws -> RoleAssignment {
        let current = try show(id)
        if let to = current.termTo {
            throw RecordError.invalid(
                "role assignment \(id) already ended: \(current.position) was held up to \(to.adding(days: -1)); nothing was changed"
            )
        }
        guard on > current.termFrom else {
            throw RecordError.invalid(
                "role assignment \(id) starts on \(current.termFrom); \(field: "on") must be a later day (the first day it is no longer held)"
            )
        }
        _ = try Self.translatingSeats {
            try db.execute(
                """
                UPDATE filmwg.role_assignments
                   SET term = daterange(lower(term), \(on), '[)'), row_version = \(expectVersion ?? current.rowVersion)
                 WHERE id = \(id)
                """)
        }
        return try show(id)
    }

    /// Assignments by position, then start of term; every filter given must hold.
    /// - Parameters:
    ///   - asOf: only terms that contain this day.
    public func list(
        asOf: CalendarDate? = nil, positionId: Int64? = nil, professionalId: Int64? = nil, companyId: Int64? = nil,
        limit: Int? = nil
    ) throws -> [RoleAssignment] {
        return try RoleAssignment.source.list(
            """
             WHERE (\(asOf)::date IS NULL OR r.term @> \(asOf)::date)
               AND (\(positionId)::bigint IS NULL OR r.position_id = \(positionId))
               AND (\(professionalId)::bigint IS NULL OR r.professional_id = \(professionalId))
               AND (\(companyId)::bigint IS NULL OR r.company_id = \(companyId))
            """, order: "p.code, lower(r.term), r.id", limit: limit, on: db)
    }

    /// `DatabaseErrors.translating`, but a seats refusal (23P01 role_assignments_seats) keeps
    /// the trigger's sentence, which names the holders, and adds its advice.
    static func translatingSeats<T>(_ constraints: [String: Phrase] = [:], _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError where error.constraint == "role_assignments_seats" {
            throw RecordError.invalid(
                error.message + (error.hint.map { "; " + $0.prefix(1).lowercased() + $0.dropFirst() } ?? ""))
        } catch {
            throw DatabaseErrors.translate(error, constraints: constraints)
        }
    }
}
