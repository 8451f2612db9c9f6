import Foundation
import Postgres

/// Records and lists awards (`filmwg.awards`) and reads the award bodies. Use from one task at
/// a time.
public typealias AwardRepository = Repository<Award>

extension AwardRepository {
    /// Every award body, by code.
    public func bodies() throws -> [AwardBody] {
        try db.query("SELECT code, name, name_zh, scope FROM filmwg.award_bodies ORDER BY code").map { row in
            let (code, name, nameZh, scope) = try row.decode((String, String, String, String).self)
            return AwardBody(code: code, name: name, nameZh: nameZh, scope: scope)
        }
    }

    /// The award body of `code`.
    /// - Throws: `RecordError.invalid` naming the nearest code when there is none.
    public func body(_ code: String) throws -> AwardBody {
        let text = code.trimmingCharacters(in: .whitespaces)
        let all = try bodies()
        if let found = all.first(where: { $0.code == text }) { return found }
        let codes = all.map(\.code)
        let hint =
            Spelling.nearest(to: text.lowercased(), among: codes).map { "; did you mean '\($0)'?" }
            ?? "; use one of \(codes.joined(separator: ", "))"
        throw RecordError.invalid("\(field: "award") '\(text)' is not a known award code\(hint)")
    }

    /// Records an award of a work and returns it as stored.
    /// - Throws: `RecordError.invalid` for an unknown work or award code, a day that does not
    ///   exist, an unknown result, a blank category, or the same award already recorded.
    @discardableResult
    public func record(_ award: NewAward) throws -> Award {
        var reader = FieldReader(FieldValues(["awarded_on": award.awardedOn]))
        var parsed: CalendarDate?
        reader.date("awarded_on").apply(to: &parsed)
        try reader.problems.throwIfAny()
        guard let day = parsed else { throw RecordError.invalid("awarded_on: is required (YYYY-MM-DD)") }
        let result =
            try award.result.map {
                try Vocabulary.check($0, among: AwardResult.names, name: "result")
            } ?? AwardResult.won.rawValue
        var category: String?
        if let given = award.category {
            guard let text = Vocabulary.optional(given) else {
                throw RecordError.invalid("category: must not be blank; leave it out instead")
            }
            category = text
        }
        let workId: Int64
        do {
            workId = try WorkRepository(db).find(WorkRef(award.work)).id
        } catch let error as RecordError where error.category == .notFound {
            throw RecordError.invalid(
                "\(field: "work") \(award.work): no work has that id or licence number; add it first with \(command: "work add")"
            )
        }
        let body = try body(award.award)
        if let row = try db.query(
            """
            SELECT id FROM filmwg.awards
             WHERE work_id = \(workId) AND award_code = \(body.code) AND awarded_on = \(day)
               AND coalesce(category, '') = coalesce(\(category)::text, '')
            """
        ).optional() {
            let existing = try row.decode(Int64.self, at: 0)
            throw RecordError.invalid(
                "work \(workId) already has the \(body.code) award of \(day)\(category.map { " in category \($0)" } ?? "") (award \(existing)); nothing was written"
            )
        }
        let id = try DatabaseErrors.translating(Award.constraints) {
            try db.query(
                """
                INSERT INTO filmwg.awards (work_id, award_code, awarded_on, category, result)
                VALUES (\(workId), \(body.code), \(day), \(category), \(result))
                RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
        }
        return try show(id)
    }

    /// Awards by day (then id); every filter given must hold.
    /// - Parameters:
    ///   - companyId: awards of works this company first-produced.
    public func list(
        workId: Int64? = nil, companyId: Int64? = nil, award: String? = nil, result: AwardResult? = nil,
        limit: Int? = nil
    ) throws -> [Award] {
        // The limit is refused before the award is looked up, as `list` would after.
        if let limit, limit < 0 { throw RecordError.invalid("the limit must not be negative") }
        let code = try award.map { try body($0).code }
        return try Award.source.list(
            """
             WHERE (\(workId)::bigint IS NULL OR a.work_id = \(workId))
               AND (\(companyId)::bigint IS NULL OR w.first_producer_id = \(companyId))
               AND (\(code)::text IS NULL OR a.award_code = \(code))
               AND (\(result?.rawValue)::text IS NULL OR a.result = \(result?.rawValue))
            """, order: "a.awarded_on, a.id", limit: limit, on: db)
    }
}
