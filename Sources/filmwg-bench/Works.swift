import Postgres

/// Film works and their awards in the synthetic world: three works per company on average, each
/// with a first producer and up to two co-producers (distinct, never the first producer), and
/// about one work in twelve with awards, won or nominated.
extension World {
    var works: Int { companies * 3 }

    static let workKinds: [(String, Int)] = [
        ("film", 40), ("online_film", 30), ("series", 15), ("documentary", 10), ("animation", 5),
    ]
    static let awardCodes = [
        "wuge_yi", "huabiao", "jinji", "baihua", "feitian", "jinying", "tiantan", "a_list_festival",
    ]
    /// Works are released from this day to the as-of day.
    static let firstRelease = CalendarDate(year: 2010, month: 1, day: 1)!.daysSinceEpoch

    struct Work {
        /// The header of `filmwg work import`.
        static let header = [
            "title", "title_zh", "kind", "released_on", "licence_no", "first_producer_uscc", "co_producer_usccs",
        ]
        let fields: [String?]
        let releasedOn: Int
    }

    /// Work `index` (0-based; its line in works.csv is index + 2). Companies with a small index
    /// produce more (a skew like the industry's), so some first producers have dozens of works.
    func work(_ index: Int) -> Work {
        var r = Random(seed: seed, stream: .work, index: index)
        let skewed = r.chance(30) ? r.below(max(1, companies / 20)) : r.below(companies)
        let first = skewed
        var co: [Int] = []
        for _ in 0..<r.pick(weighted: [(0, 55), (1, 30), (2, 15)]) {
            let other = r.below(companies)
            if other != first, !co.contains(other) { co.append(other) }
        }
        let kind = r.pick(weighted: Self.workKinds)
        let released = Self.firstRelease + r.below(Self.asOfDay - Self.firstRelease + 1)
        let syllables = (0..<(r.chance(40) ? 3 : 2)).map { _ in r.pick(Vocabulary.brandSyllables) }
        let titleZh = syllables.map(\.zh).joined()
        let pinyin = syllables.map(\.pinyin).joined()
        let title = pinyin.prefix(1).uppercased() + pinyin.dropFirst() + " \(index + 1)"
        let licence = r.chance(80) ? "BENCH-\(kind)-\(digits(index + 1, 7))" : nil
        return Work(
            fields: [
                title, titleZh, kind, iso(released), licence, identity(first).uscc,
                co.map { identity($0).uscc }.joined(separator: ";"),
            ], releasedOn: released)
    }

    /// The awards of work `index`: `work` (its line number in works.csv, from 1), `award_code`,
    /// `awarded_on` (within 400 days after release, not after the as-of day), `category`, `result`.
    func awards(_ index: Int, releasedOn: Int, row: ([String?]) -> Void) {
        var r = Random(seed: seed &+ 1, stream: .work, index: index)
        guard r.chance(perMille: 85) else { return }
        var used: Set<String> = []
        for _ in 0..<(r.chance(25) ? 2 : 1) {
            let code = r.pick(Self.awardCodes)
            guard !used.contains(code) else { continue }
            used.insert(code)
            let day = min(Self.asOfDay, releasedOn + r.below(400))
            row([
                String(index + 1), code, iso(day), r.chance(50) ? "Best Feature" : nil,
                r.chance(70) ? "won" : "nominated",
            ])
        }
    }
}
