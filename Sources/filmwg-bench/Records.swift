import Postgres

/// The synthetic world: every record is a pure function of (seed, index), so files can refer to
/// each other (a professional's employer, an attendee's e-mail) without keeping anything.
struct World {
    let companies: Int
    let seed: UInt64

    /// The working group's launch (first possible membership and event) and the day the
    /// benchmark evaluates facts on.
    static let launch = CalendarDate(year: 2017, month: 5, day: 20)!.daysSinceEpoch
    static let asOf = CalendarDate(year: 2025, month: 6, day: 30)!
    static let asOfDay = asOf.daysSinceEpoch

    var professionals: Int { companies * 3 }
    var events: Int { max(1, companies / 50) }
    /// The initiating member units joined on the launch day.
    var initiating: Int { min(40, max(1, companies / 20)) }

    struct Company {
        let uscc: String
        let name: String
        let nameZh: String
        let kind: String
        let district: String?
        let inZone: Bool
        let zoneRegisteredOn: Int?
        let capital: String?
        let foundedOn: Int?
        let employees: Int?
        /// For e-mail domains of its staff.
        let domain: String

        var fields: [String?] {
            [
                uscc, name, nameZh, kind, district, inZone ? "true" : "false", zoneRegisteredOn.map(iso),
                capital, foundedOn.map(iso), employees.map(String.init),
            ]
        }
    }

    /// What other records need of a company: drawn first from its generator, so it costs
    /// little to recompute (attendance needs it for every attendee).
    struct Identity {
        let uscc: String
        let kind: String
        let district: Vocabulary.District
        let brandZh: String
        let brandPinyin: String
        let domain: String
    }

    func identity(_ index: Int) -> Identity {
        var r = Random(seed: seed, stream: .company, index: index)
        return identity(index, &r)
    }

    private func identity(_ index: Int, _ r: inout Random) -> Identity {
        let kind = r.pick(weighted: Vocabulary.kinds)
        let district = r.pick(weighted: Vocabulary.districts)
        var brandZh = "", brandPinyin = ""
        for _ in 0..<(r.chance(30) ? 3 : 2) {
            let syllable = r.pick(Vocabulary.brandSyllables)
            brandZh += syllable.zh
            brandPinyin += syllable.pinyin
        }
        let domainSuffix = Self.domainSuffixes[kind]!
        return Identity(
            uscc: USCC.make(index: index, division: district.division, seed: seed), kind: kind, district: district,
            brandZh: brandZh, brandPinyin: brandPinyin,
            domain: "\(brandPinyin)-\(domainSuffix).\(r.chance(70) ? "cn" : "com")")
    }

    static let domainSuffixes = [
        "production": "film", "internet_platform": "net", "distribution": "film", "post_production": "vfx",
        "technology": "tech", "investment": "capital", "other": "culture",
    ]

    func company(_ index: Int) -> Company {
        var r = Random(seed: seed, stream: .company, index: index)
        let id = identity(index, &r)
        let kind = id.kind, district = id.district
        let industry = r.pick(Vocabulary.industries[kind]!)
        let form = r.pick(weighted: Vocabulary.legalForms.map { (($0.zh, $0.en), $0.weight) })
        let brandLatin = id.brandPinyin.prefix(1).uppercased() + id.brandPinyin.dropFirst()

        let founded: Int?
        if index < initiating {
            founded = r.int(
                CalendarDate(year: 2000, month: 1, day: 1)!
                    .daysSinceEpoch...CalendarDate(year: 2016, month: 12, day: 31)!.daysSinceEpoch)
        } else if r.chance(perMille: 20) {
            founded = nil
        } else {
            // The later of two draws: young companies are the more common.
            let range =
                CalendarDate(year: 1990, month: 1, day: 1)!
                .daysSinceEpoch...CalendarDate(year: 2024, month: 12, day: 31)!.daysSinceEpoch
            founded = max(r.int(range), r.int(range))
        }
        let inZone = district.name == "怀柔区" ? r.chance(80) : r.chance(2)
        var zoneOn: Int?
        if inZone && !r.chance(5) {
            let earliest = max(founded ?? 0, CalendarDate(year: 2012, month: 1, day: 1)!.daysSinceEpoch)
            zoneOn = r.int(min(earliest, Self.asOfDay)...Self.asOfDay)
        }
        var capital: String?
        if !r.chance(3) {
            var yuan = r.logUniform(10...50_000) * 10_000
            var cents = 0
            if r.chance(10) {
                yuan += r.below(10_000) * 100
                cents = r.below(100)
            }
            capital = "\(yuan).\(cents < 10 ? "0" : "")\(cents)"
        }
        let employees: Int? = r.chance(10) ? nil : r.logUniform(1...20_000)
        let withDistrict = !r.chance(2)
        return Company(
            uscc: id.uscc,
            name: "\(district.cityEn) \(brandLatin) \(industry.en) \(form.1)",
            nameZh: district.cityZh + id.brandZh + industry.zh + form.0,
            kind: kind,
            district: withDistrict ? district.name : nil,
            inZone: inZone, zoneRegisteredOn: zoneOn, capital: capital, foundedOn: founded,
            employees: employees,
            domain: id.domain)
    }

    struct Professional {
        let fullName: String
        let latinName: String?
        let title: String
        let email: String
        let phone: String?
        let specialties: String
        let companyUSCC: String
        let employedFrom: Int
        let employedTo: Int?

        var fields: [String?] {
            [
                fullName, latinName, title, email, phone, specialties, companyUSCC, iso(employedFrom),
                employedTo.map(iso),
            ]
        }
    }

    struct Name {
        let surname: (zh: String, pinyin: String)
        let givenZh: String
        let givenPinyin: String
    }

    /// A person's name: the first draws of their generator.
    private func name(_ r: inout Random) -> Name {
        let surname = r.pick(Vocabulary.surnames)
        var givenZh = "", givenPinyin = ""
        var previous = -1
        for _ in 0..<(r.chance(70) ? 2 : 1) {
            var choice = r.below(Vocabulary.givenSyllables.count)
            if choice == previous { choice = (choice + 1) % Vocabulary.givenSyllables.count }
            previous = choice
            givenZh += Vocabulary.givenSyllables[choice].zh
            givenPinyin += Vocabulary.givenSyllables[choice].pinyin
        }
        return Name(surname: surname, givenZh: givenZh, givenPinyin: givenPinyin)
    }

    private func email(_ index: Int, _ name: Name, at domain: String) -> String {
        "\(name.givenPinyin).\(name.surname.pinyin.lowercased())\(index)@\(domain)"
    }

    /// Professional `index` works for company `index / 3`; pass that company when already built.
    func professional(_ index: Int, employer: Company) -> Professional {
        var r = Random(seed: seed, stream: .professional, index: index)
        let name = name(&r)
        let surname = name.surname, givenPinyin = name.givenPinyin
        let latin = "\(surname.pinyin) \(givenPinyin.prefix(1).uppercased())\(givenPinyin.dropFirst())"
        var phone: String?
        if r.chance(80) {
            phone =
                "+86 \(r.pick(Vocabulary.mobilePrefixes)) \(digits(r.below(10_000), 4)) \(digits(r.below(10_000), 4))"
        }
        var chosen: [String] = []
        if !r.chance(5) {
            for _ in 0..<r.int(1...3) {
                let s = r.pick(Vocabulary.specialties)
                if !chosen.contains(s) { chosen.append(s) }
            }
        }
        let earliest = max(
            employer.foundedOn ?? CalendarDate(year: 2010, month: 1, day: 1)!.daysSinceEpoch,
            CalendarDate(year: 2005, month: 1, day: 1)!.daysSinceEpoch)
        let from = r.int(min(earliest, Self.asOfDay)...Self.asOfDay)
        let to: Int? = r.chance(15) ? from + r.int(30...2000) : nil
        return Professional(
            fullName: surname.zh + name.givenZh,
            latinName: r.chance(95) ? latin : nil,
            title: r.pick(Vocabulary.titles),
            email: email(index, name, at: employer.domain),
            phone: phone,
            specialties: chosen.joined(separator: ";"),
            companyUSCC: employer.uscc,
            employedFrom: from, employedTo: to)
    }

    /// Membership rows of company `index` (none, one, or two when it changed tier).
    func memberships(_ index: Int, company: Company) -> [[String?]] {
        var r = Random(seed: seed, stream: .membership, index: index)
        if index < initiating {
            return [[company.uscc, "initiating", iso(Self.launch), nil]]
        }
        guard r.chance(45) else { return [] }
        let earliest = max(company.foundedOn ?? Self.launch, Self.launch)
        guard earliest < Self.asOfDay else { return [] }
        let joined = r.int(earliest...Self.asOfDay)
        if r.chance(5) {
            // An observer who became a member.
            let upgraded = joined + r.int(90...900)
            if upgraded <= Self.asOfDay {
                return [
                    [company.uscc, "observer", iso(joined), iso(upgraded)],
                    [company.uscc, "member", iso(upgraded), nil],
                ]
            }
        }
        let tier = r.chance(70) ? "member" : "observer"
        let left = r.chance(10) ? joined + r.int(365...1800) : nil
        return [[company.uscc, tier, iso(joined), left.map(iso)]]
    }

    struct Event {
        let name: String
        let kind: String
        let startsAt: String
        let endsAt: String?
        let venue: String
        let district: String
        let capacity: Int?

        var fields: [String?] { [name, kind, startsAt, endsAt, venue, district, capacity.map(String.init)] }
    }

    /// Event `index`, in order of time from the launch to the as-of day; `number` counts the
    /// events of the same template so far.
    func event(_ index: Int, numbering: inout [Int: Int]) -> Event {
        var r = Random(seed: seed, stream: .event, index: index)
        let span = Self.asOfDay - Self.launch
        let day = min(Self.asOfDay, Self.launch + span * index / events + r.below(max(1, span / events)))
        let templateIndex = r.pick(weighted: Vocabulary.events.indices.map { ($0, Vocabulary.events[$0].1) })
        let template = Vocabulary.events[templateIndex].0
        numbering[templateIndex, default: 0] += 1
        let date = CalendarDate(daysSinceEpoch: day)
        let hour = r.pick([9, 10, 14, 15, 19])
        let minute = r.pick([0, 30])
        let hours = r.int(1...8)
        let venue = r.pick(Vocabulary.venues)
        func instant(_ h: Int, _ m: Int) -> String { "\(date)T\(digits(h, 2)):\(digits(m, 2)):00+08:00" }
        return Event(
            name: "\(date.year) \(template.en), No. \(numbering[templateIndex]!) / \(template.zh)",
            kind: template.kind,
            startsAt: instant(hour, minute),
            endsAt: r.chance(5) ? nil : instant(min(23, hour + hours), minute),
            venue: venue.name, district: venue.district,
            capacity: r.chance(5) ? nil : r.int(template.capacity))
    }

    /// Attendance of event `index`: distinct professionals, mostly for their employer.
    func attendance(_ index: Int, capacity: Int?, row: ([String?]) -> Void) {
        var r = Random(seed: seed, stream: .attendance, index: index)
        let wanted = max(1, (capacity ?? 200) * r.int(40...95) / 100)
        let count = min(wanted, max(1, professionals / 2))
        var seen = Set<Int>(minimumCapacity: count)
        while seen.count < count {
            let who = r.below(professionals)
            guard seen.insert(who).inserted else { continue }
            let employer = identity(who / 3)
            var own = Random(seed: seed, stream: .professional, index: who)
            let email = email(who, name(&own), at: employer.domain)
            let role = r.pick(weighted: [("attendee", 85), ("speaker", 8), ("host", 2), ("guest", 5)])
            row([email, r.chance(90) ? employer.uscc : nil, role])
        }
    }
}

func iso(_ day: Int) -> String { CalendarDate(daysSinceEpoch: day).description }

func digits(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}
