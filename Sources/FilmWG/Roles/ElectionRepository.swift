import Foundation
public import Postgres

/// Records and shows the votes that filled the group's positions (`filmwg.elections`,
/// `filmwg.election_candidates`).
public typealias ElectionRepository = Repository<Election>

extension ElectionRepository {
    static var columns: Query {
        """
        SELECT e.id, e.event_id, e.held_on, e.position_id, p.code, e.notes, e.row_version, e.created_at
          FROM filmwg.elections e
          JOIN filmwg.positions p ON p.id = e.position_id
        """
    }

    /// Records an election and its candidates in one transaction.
    /// - Throws: `RecordError.invalid` when there is no candidate, a professional is listed
    ///   twice, the event is not on `heldOn`, or more candidates are marked elected than the
    ///   position has seats; `RecordError.notFound` for an unknown event or professional.
    public func record(
        positionId: Int64, heldOn: CalendarDate, eventId: Int64?, notes: String? = nil,
        candidates: [ElectionCandidate]
    ) throws -> Election {
        guard !candidates.isEmpty else {
            throw RecordError.invalid("an election needs at least one candidate (\(field: "candidate"))")
        }
        var seen = Set<Int64>()
        for candidate in candidates where !seen.insert(candidate.professionalId).inserted {
            throw RecordError.invalid("professional \(candidate.professionalId) is listed twice as a candidate")
        }
        let (code, seats) =
            try db.query("SELECT code, seats FROM filmwg.positions WHERE id = \(positionId)")
            .optional().map { try $0.decode((String, Int).self) }
            ?? { throw RecordError.notFound("no position with id \(positionId); see \(command: "position list")") }()
        let elected = candidates.filter(\.elected).count
        if elected > seats {
            throw RecordError.invalid(
                "\(elected) candidates are marked elected, but position \(code) has \(seats) seat\(seats == 1 ? "" : "s")"
            )
        }
        if let eventId {
            guard
                let day = try db.query(
                    """
                    SELECT (starts_at AT TIME ZONE 'Asia/Shanghai')::date FROM filmwg.events WHERE id = \(eventId)
                    """
                ).optional()?.decode(CalendarDate.self, at: 0)
            else { throw RecordError.notFound("no event with id \(eventId); see \(command: "event list")") }
            // An event may last several days; a vote on a later day of it is fine.
            let ends = try db.query(
                """
                SELECT coalesce((ends_at AT TIME ZONE 'Asia/Shanghai')::date, (starts_at AT TIME ZONE 'Asia/Shanghai')::date)
                  FROM filmwg.events WHERE id = \(eventId)
                """
            ).one().decode(CalendarDate.self, at: 0)
            guard heldOn >= day, heldOn <= ends else {
                throw RecordError.invalid(
                    "event \(eventId) took place on \(day)\(ends == day ? "" : " to \(ends)"), not on \(heldOn); check \(field: "held_on") or \(field: "event")"
                )
            }
        }
        let id = try db.transaction { db in
            let id = try DatabaseErrors.translating {
                try db.query(
                    """
                    INSERT INTO filmwg.elections (event_id, held_on, position_id, notes)
                    VALUES (\(eventId), \(heldOn), \(positionId), \(Vocabulary.optional(notes)))
                    RETURNING id
                    """
                ).one().decode(Int64.self, at: 0)
            }
            for candidate in candidates {
                _ = try DatabaseErrors.translating([
                    "election_candidates_professional_id_fkey": "no professional with id \(candidate.professionalId)",
                    "election_candidates_company_id_fkey":
                        "no company with id \(candidate.companyId.map(String.init) ?? "")",
                ]) {
                    try db.execute(
                        """
                        INSERT INTO filmwg.election_candidates
                               (election_id, professional_id, company_id, votes_for, votes_against, votes_abstain, elected)
                        VALUES (\(id), \(candidate.professionalId), \(candidate.companyId), \(candidate.votesFor),
                                \(candidate.votesAgainst), \(candidate.votesAbstain), \(candidate.elected))
                        """)
                }
            }
            return id
        }
        return try show(id)
    }

    /// - Throws: `RecordError.notFound` "no election with id …".
    public func show(_ id: Int64) throws -> Election {
        guard let row = try db.query("\(Self.columns) WHERE e.id = \(id)").optional() else {
            throw RecordError.notFound("no election with id \(id); see \(command: "election list")")
        }
        var election = try Self.decode(row)
        election.candidates = try candidates(of: [id])[id] ?? []
        return election
    }

    /// Elections by day, each with its candidates.
    public func list(positionId: Int64? = nil, limit: Int? = nil) throws -> [Election] {
        if let limit, limit < 0 { throw RecordError.invalid("the limit must not be negative") }
        var elections = try db.query(
            """
            \(Self.columns)
             WHERE (\(positionId)::bigint IS NULL OR e.position_id = \(positionId))
             ORDER BY e.held_on, e.id
             LIMIT \(limit)
            """
        ).map(Self.decode)
        let byElection = try candidates(of: elections.map(\.id))
        for index in elections.indices { elections[index].candidates = byElection[elections[index].id] ?? [] }
        return elections
    }

    static func decode(_ row: Row) throws -> Election {
        let (id, eventId, heldOn, positionId, position, notes, version, created) =
            try row.decode((Int64, Int64?, CalendarDate, Int64, String, String?, Int, Date).self)
        return Election(
            id: id, eventId: eventId, heldOn: heldOn, positionId: positionId, position: position, notes: notes,
            rowVersion: version, createdAt: created, candidates: [])
    }

    func candidates(of ids: [Int64]) throws -> [Int64: [ElectionCandidate]] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: [ElectionCandidate]] = [:]
        for row in try db.query(
            """
            SELECT c.election_id, c.professional_id, p.full_name, c.company_id, c.votes_for, c.votes_against,
                   c.votes_abstain, c.elected
              FROM filmwg.election_candidates c
              JOIN filmwg.professionals p ON p.id = c.professional_id
             WHERE c.election_id = ANY (\(ids))
             ORDER BY c.election_id, c.elected DESC, c.votes_for DESC NULLS LAST, c.professional_id
            """)
        {
            let (election, professional, name, company, votesFor, against, abstain, elected) =
                try row.decode((Int64, Int64, String?, Int64?, Int?, Int?, Int?, Bool).self)
            result[election, default: []].append(
                ElectionCandidate(
                    professionalId: professional, professionalName: name, companyId: company, votesFor: votesFor,
                    votesAgainst: against, votesAbstain: abstain, elected: elected))
        }
        return result
    }
}
