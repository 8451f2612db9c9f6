public import Foundation
public import Postgres

/// A vote that filled a position (`filmwg.elections`), with its candidates.
public struct Election: Sendable, Equatable {
    public var id: Int64
    public var eventId: Int64?
    public var heldOn: CalendarDate
    public var positionId: Int64
    public var position: String
    public var notes: String?
    public var rowVersion: Int
    public var createdAt: Date
    public var candidates: [ElectionCandidate]
}

/// A candidate of an election and the votes cast (`filmwg.election_candidates`). Votes are
/// nil when they were not published.
public struct ElectionCandidate: Sendable, Equatable {
    public var professionalId: Int64
    /// NULL once the professional's personal data was erased (or not read yet).
    public var professionalName: String?
    public var companyId: Int64?
    public var votesFor: Int?
    public var votesAgainst: Int?
    public var votesAbstain: Int?
    public var elected: Bool

    public init(
        professionalId: Int64, professionalName: String? = nil, companyId: Int64? = nil, votesFor: Int? = nil,
        votesAgainst: Int? = nil, votesAbstain: Int? = nil, elected: Bool = false
    ) {
        self.professionalId = professionalId
        self.professionalName = professionalName
        self.companyId = companyId
        self.votesFor = votesFor
        self.votesAgainst = votesAgainst
        self.votesAbstain = votesAbstain
        self.elected = elected
    }
}

/// A candidate as typed on the command line, before the professional and company are
/// resolved: `P:FOR:AGAINST:ABSTAIN[:elected[:COMPANY]]`.
public struct CandidateSpec: Sendable, Equatable {
    public var professional: String
    public var votesFor: Int?
    public var votesAgainst: Int?
    public var votesAbstain: Int?
    public var elected: Bool
    public var company: String?

    /// Parses `P:FOR:AGAINST:ABSTAIN[:elected[:COMPANY]]`: P is a professional's id or e-mail;
    /// the three counts are whole numbers, each left empty when not published (`7:::`); the
    /// fifth field is `elected` (or `yes`/`true`) for the winners, empty otherwise; the sixth,
    /// optional, names the company the candidate stood for (USCC or id).
    /// - Throws: `RecordError.invalid` naming the part that is wrong.
    public static func parse(_ text: String) throws -> CandidateSpec {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let form = "write a candidate as P:FOR:AGAINST:ABSTAIN[:elected[:COMPANY]], e.g. 7:58:2:1:elected"
        guard (4...6).contains(parts.count), !parts[0].isEmpty else {
            throw RecordError.invalid("candidate '\(text)' is not understood; \(form)")
        }
        func votes(_ index: Int, _ name: String) throws -> Int? {
            let part = parts[index]
            if part.isEmpty { return nil }
            guard let value = Int(part), value >= 0 else {
                throw RecordError.invalid(
                    "candidate '\(text)': \(name) must be a whole number of 0 or more, or empty when not published, not '\(part)'"
                )
            }
            return value
        }
        var elected = false
        if parts.count >= 5 {
            switch parts[4].lowercased() {
            case "elected", "yes", "true": elected = true
            case "", "no", "false", "not-elected": elected = false
            default:
                throw RecordError.invalid(
                    "candidate '\(text)': the fifth part is 'elected' or empty, not '\(parts[4])'; \(form)")
            }
        }
        return CandidateSpec(
            professional: parts[0], votesFor: try votes(1, "votes for"), votesAgainst: try votes(2, "votes against"),
            votesAbstain: try votes(3, "abstentions"), elected: elected,
            company: parts.count == 6 && !parts[5].isEmpty ? parts[5] : nil)
    }
}
