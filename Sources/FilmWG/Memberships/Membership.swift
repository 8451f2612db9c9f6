public import Foundation
public import Postgres

/// A company's standing in the working group (`memberships.tier`).
public enum MembershipTier: String, Sendable, CaseIterable {
    /// An initiating member unit (发起单位).
    case initiating
    case member
    case observer

    public static var names: [String] { allCases.map(\.rawValue) }
}

/// A row of `filmwg.memberships`, with the company it belongs to.
///
/// The period is half-open, `[joinedOn, leftOn)`: a member from `joinedOn` up to and including
/// the day before `leftOn`; `leftOn` is nil while the membership is open.
public struct Membership: Sendable, Equatable {
    public var id: Int64
    public var companyId: Int64
    public var tier: MembershipTier
    public var joinedOn: CalendarDate
    public var leftOn: CalendarDate?
    public var rowVersion: Int
    public var createdAt: Date
    /// Of the company, for lists.
    public var companyUSCC: String?
    public var companyName: String
    public var companyNameZh: String?

    public var isOpen: Bool { leftOn == nil }

    /// Every column of a membership as `member` commands print it, the company's USCC and
    /// names beside its id, the period split into its bounds.
    public static let columns: [RecordColumn<Membership>] =
        [
            .id("id", \.id, about: "the membership's id"),
            .id("company_id", \.companyId, about: "the member company"),
            .text("uscc", \.companyUSCC, form: "CODE", about: "the company's USCC", expression: "c.uscc"),
            .text("name", \.companyName, about: "the company's name", expression: "c.name"),
            .text("name_zh", \.companyNameZh, about: "the company's Chinese name", expression: "c.name_zh"),
            .choice(
                "tier", \.tier, fallback: .member, form: "TIER", about: MembershipTier.names.joined(separator: "|")),
            .date("joined_on", \.joinedOn, about: "the first day as a member", expression: "lower(m.period)"),
            .date("left_on", \.leftOn, about: "the first day no longer a member", expression: "upper(m.period)"),
        ] + RecordColumn<Membership>.kept(\.rowVersion, \.createdAt, noun: "membership")

    static let source = RecordSource(
        columns: columns, alias: "m", from: "filmwg.memberships m JOIN filmwg.companies c ON c.id = m.company_id",
        empty: Membership(
            id: 0, companyId: 0, tier: .member, joinedOn: .unread, rowVersion: 0, createdAt: .unread, companyName: ""))

    public func contains(_ day: CalendarDate) -> Bool { joinedOn <= day && (leftOn.map { day < $0 } ?? true) }

    /// `an initiating membership from 2017-05-20 to 2019-12-31 (left on 2020-01-01)`, or
    /// `… from 2017-05-20, still open`.
    public var periodDescription: String {
        let article = tier == .initiating ? "an" : "a"
        guard let leftOn else { return "\(article) \(tier.rawValue) membership from \(joinedOn), still open" }
        return
            "\(article) \(tier.rawValue) membership from \(joinedOn) to \(leftOn.adding(days: -1)) (left on \(leftOn))"
    }
}
