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
public struct Award: ShownRecord, Sendable, Equatable {
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

    /// The sentence for each constraint of its table the database may refuse a row by.
    static let constraints: [String: Phrase] = [
        "awards_work_award_key": "that award of the work on that day and in that category is already recorded",
        "awards_category_check": "category: must not be blank; leave it out instead",
        "awards_result_check": "result: use won or nominated",
        "awards_award_code_fkey": "\(field: "award"): no award body has that code (filmwg.award_bodies)",
        "awards_work_id_fkey": "work: no such work; see \(command: "work list")",
    ]

    /// Every column of an award, with the work, its first producer and the award body.
    public static let columns: [RecordColumn<Award>] =
        [
            .id("id", \.id, about: "the award's id"),
            .id("work_id", \.workId, about: "the work", expression: "w.id"),
            .text("work_title", \.workTitle, about: "the work's title", expression: "w.title"),
            .text("work_title_zh", \.workTitleZh, about: "the work's Chinese title", expression: "w.title_zh"),
            .id("company_id", \.firstProducer.id, about: "the work's first producer", expression: "c.id"),
            .text("company_uscc", \.firstProducer.uscc, about: "its USCC", expression: "c.uscc"),
            .text("company_name", \.firstProducer.name, about: "its name", expression: "c.name"),
            .text("award", \.body.code, form: "CODE", about: "the award body's code", expression: "b.code"),
            .text("award_name", \.body.name, about: "the award's name", expression: "b.name"),
            .text("award_name_zh", \.body.nameZh, about: "the award's Chinese name", expression: "b.name_zh"),
            .text("scope", \.body.scope, about: "national or international", expression: "b.scope"),
            .date("awarded_on", \.awardedOn, about: "the day it was awarded"),
            .text("category", \.category, about: "the category"),
            .choice(
                "result", \.result, fallback: .won, form: "RESULT", about: AwardResult.names.joined(separator: "|")),
        ] + RecordColumn<Award>.kept(\.rowVersion, \.createdAt, noun: "award")

    public static let noun = "award"

    public static let source = RecordSource(
        columns: columns, alias: "a",
        from: """
            filmwg.awards a
              JOIN filmwg.works w ON w.id = a.work_id
              JOIN filmwg.companies c ON c.id = w.first_producer_id
              JOIN filmwg.award_bodies b ON b.code = a.award_code
            """,
        empty: Award(
            id: 0, workId: 0, workTitle: "", firstProducer: WorkCompany(id: 0, uscc: nil, name: ""),
            body: AwardBody(code: "", name: "", nameZh: "", scope: ""), awardedOn: .unread, result: .won, rowVersion: 0,
            createdAt: .unread))
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
