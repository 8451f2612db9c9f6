public import Foundation
public import Postgres

/// An award a work can win (`filmwg.award_bodies`, reference data seeded by migration 0013).
public struct AwardBody: Sendable, Equatable {
    public var code: String
    public var name: String
    public var nameZh: String
    /// `national` or `international`.
    public var scope: String
}

/// Whether the work won the award or was only nominated (`awards.result`).
public enum AwardResult: String, Sendable, CaseIterable {
    case won, nominated

    public static var names: [String] { allCases.map(\.rawValue) }
}

/// A row of `filmwg.awards`, with the work and the award body it names.
public struct Award: Sendable, Equatable {
    public var id: Int64
    public var workId: Int64
    public var workTitle: String
    public var workTitleZh: String?
    public var firstProducer: WorkCompany
    public var body: AwardBody
    public var awardedOn: CalendarDate
    public var category: String?
    public var result: AwardResult
    public var rowVersion: Int
    public var createdAt: Date
}

/// What `award record` writes. The work and the award are named as users name them: the work
/// by id (or licence number), the award by code.
public struct NewAward: Sendable, Equatable {
    public var work: String
    public var award: String
    public var awardedOn: String
    public var category: String?
    public var result: String?

    public init(work: String, award: String, awardedOn: String, category: String? = nil, result: String? = nil) {
        self.work = work
        self.award = award
        self.awardedOn = awardedOn
        self.category = category
        self.result = result
    }
}

/// Which awards `award list` returns.
public struct AwardFilter: Sendable, Equatable {
    public var workId: Int64?
    /// Awards of works this company first-produced.
    public var companyId: Int64?
    public var award: String?
    public var result: AwardResult?
    public var limit: Int?

    public init(
        workId: Int64? = nil, companyId: Int64? = nil, award: String? = nil, result: AwardResult? = nil,
        limit: Int? = nil
    ) {
        self.workId = workId
        self.companyId = companyId
        self.award = award
        self.result = result
        self.limit = limit
    }
}
