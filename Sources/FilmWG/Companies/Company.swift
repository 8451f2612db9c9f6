public import Foundation
public import Postgres

/// What a company does (`companies.kind`).
public enum CompanyKind: String, Sendable, CaseIterable {
    case internetPlatform = "internet_platform"
    case production
    case distribution
    case postProduction = "post_production"
    case technology
    case investment
    case other

    public static var names: [String] { allCases.map(\.rawValue) }
}

/// A row of `filmwg.companies`: the fields an admin edits (`input`) and what the database keeps
/// about them. `company.name` reads and writes `company.input.name`.
public struct Company: RecordAroundInput, Sendable, Equatable {
    public var id: Int64
    /// The fields an admin edits, as they are now.
    public var input: CompanyInput
    public var archivedAt: Date?
    public var rowVersion: Int
    public var createdAt: Date
    /// Positions 3–8 of the USCC (its GB/T 2260 division), nil without a USCC.
    public var regionCode: String? = nil
    /// The division's full name from the region table (`北京市怀柔区`); nil when unknown.
    public var regionName: String? = nil
    /// Who accepted the USCC with `input.usccOverrideReason`, and when.
    public var usccOverrideBy: String? = nil
    public var usccOverrideAt: Date? = nil
    /// The company this one was merged into as a duplicate.
    public var mergedIntoID: Int64? = nil

    /// How messages name the company: its USCC when it has one, else its numeric id.
    public var reference: String { input.uscc ?? String(id) }

    /// Every column of a company as `company show` and `company list --format csv` print them:
    /// the stored identity, the editable fields, then what the database derives or keeps.
    public static let columns: [RecordColumn<Company>] =
        [.id("id", \.id, about: "the company's id")]
        + CompanyInput.fields.map { $0.lifted(through: \Company.input) }
        + [
            .instant("archived_at", \.archivedAt, about: "when the company was archived"),
            .integer("row_version", \.rowVersion, about: "the version of the row, for optimistic updates"),
            .instant("created_at", \.createdAt, about: "when the company was recorded"),
            .text(
                "region_code", \.regionCode, about: "positions 3 to 8 of the USCC",
                expression: "CASE WHEN substr(c.uscc, 3, 6) ~ '^[0-9]{6}$' THEN substr(c.uscc, 3, 6) END"),
            .text(
                "region_name", \.regionName, about: "the region's full name",
                expression: "(SELECT r.full_name FROM filmwg.regions r WHERE r.code = substr(c.uscc, 3, 6))"),
            CompanyInput.overrideReason.lifted(through: \Company.input),
            .text("uscc_override_by", \.usccOverrideBy, about: "who accepted the USCC's override"),
            .instant("uscc_override_at", \.usccOverrideAt, about: "when the USCC's override was accepted"),
            .id("merged_into_id", \.mergedIntoID, about: "the company this one was merged into"),
        ]

    static let source = RecordSource(
        columns: columns, alias: "c", from: "filmwg.companies c",
        empty: Company(id: 0, input: CompanyInput(), rowVersion: 0, createdAt: .unread))
}

/// The editable fields of a company, for `add`, `update` and `import`.
public struct CompanyInput: Sendable, Equatable {
    public var uscc: String?
    public var name: String
    public var nameZh: String?
    public var kind: CompanyKind
    public var district: String?
    public var registeredInZone: Bool
    public var zoneRegisteredOn: CalendarDate?
    public var registeredCapital: Decimal?
    public var foundedOn: CalendarDate?
    public var employees: Int?
    /// Why the USCC is accepted though it breaks the GB 32100 structure or names no region of
    /// the region table (pilot codes exist); kept with its actor and time, and audited. It never
    /// excuses a wrong check character. Not a CSV column.
    public var usccOverrideReason: String?

    public init(
        uscc: String? = nil, name: String = "", nameZh: String? = nil, kind: CompanyKind = .other,
        district: String? = nil, registeredInZone: Bool = false, zoneRegisteredOn: CalendarDate? = nil,
        registeredCapital: Decimal? = nil, foundedOn: CalendarDate? = nil, employees: Int? = nil,
        usccOverrideReason: String? = nil
    ) {
        self.usccOverrideReason = usccOverrideReason
        self.uscc = uscc
        self.name = name
        self.nameZh = nameZh
        self.kind = kind
        self.district = district
        self.registeredInZone = registeredInZone
        self.zoneRegisteredOn = zoneRegisteredOn
        self.registeredCapital = registeredCapital
        self.foundedOn = foundedOn
        self.employees = employees
    }

    /// The editable columns, in the order of the CSV header of `company import` (DESIGN §5).
    public static let fields: [RecordColumn<CompanyInput>] = [
        .text(
            "uscc", \.uscc, form: "CODE", about: "Unified Social Credit Code, 18 characters with a valid check digit"),
        .text("name", \.name, about: "name, usually the English or registered name"),
        .text("name_zh", \.nameZh, about: "Chinese name (中文名称)"),
        .choice(
            "kind", \.kind, fallback: .other, form: "KIND",
            about: "\(CompanyKind.names.joined(separator: "|")) (default other)"),
        .text("district", \.district, about: "district of registration, e.g. 怀柔区"),
        .bool(
            "registered_in_zone", \.registeredInZone, form: "true|false",
            about: "registered in the Huairou National Film Industry Demonstration Zone"),
        .date("zone_registered_on", \.zoneRegisteredOn, about: "day of registration in the zone (YYYY-MM-DD)"),
        .amount(
            "registered_capital", \.registeredCapital,
            about: "registered capital in CNY, a plain decimal such as 5000000.00"),
        .date("founded_on", \.foundedOn, about: "day the company was founded (YYYY-MM-DD)"),
        .integer("employees", \.employees, about: "number of employees"),
    ]

    /// The CSV header of `company import` (DESIGN §5), which is also the set of editable columns.
    public static let columns = fields.names()

    /// `uscc_override_reason`: edited apart from the other fields (it excuses a USCC and is kept
    /// with its actor and time), so neither in the header nor among `fields`.
    public static let overrideReason: RecordColumn<CompanyInput> = .text(
        "uscc_override_reason", \.usccOverrideReason, form: "REASON",
        about: "why a USCC that breaks the GB 32100 structure or names no known region is accepted")

    /// The columns a company's row takes from its input, the override reason last.
    static let stored = fields + [overrideReason]

    /// Applies the given columns (absent: unchanged; empty: cleared or default) and returns
    /// what is wrong with the values or with the result as a whole.
    public mutating func apply(_ values: FieldValues) -> [FieldProblem] {
        var reader = FieldReader(values)
        reader.uscc("uscc").apply(to: &uscc)
        reader.text("name").apply(to: &name, default: "")
        reader.text("name_zh").apply(to: &nameZh)
        reader.choice("kind", among: CompanyKind.names, noun: "a kind of company")
            .map { $0.flatMap(CompanyKind.init(rawValue:)) }.apply(to: &kind, default: .other)
        reader.text("district").apply(to: &district)
        reader.bool("registered_in_zone").apply(to: &registeredInZone, default: false)
        reader.date("zone_registered_on").apply(to: &zoneRegisteredOn)
        reader.amount("registered_capital").apply(to: &registeredCapital)
        reader.date("founded_on").apply(to: &foundedOn)
        reader.count("employees").apply(to: &employees)
        let bad = Set(reader.problems.map(\.column))
        return reader.problems + problems().filter { !bad.contains($0.column) }
    }

    /// The rules of `filmwg.companies`, checked before the database sees the row.
    public func problems() -> [FieldProblem] {
        var found: [FieldProblem] = []
        if let uscc, let reason = USCC.problem(uscc) {
            found.append(FieldProblem("uscc", reason, sentence: USCC.sentence(code: uscc, problem: reason)))
        } else if let uscc, usccOverrideReason == nil, let reason = USCC.structureProblem(uscc) {
            found.append(
                FieldProblem(
                    "uscc", reason,
                    sentence: USCC.sentence(code: uscc, problem: reason)
                        + "; if the code is real, accept it with an override reason (uscc_override)"))
        }
        if let reason = usccOverrideReason {
            if uscc == nil {
                found.append(FieldProblem("uscc_override", "overrides the checks of a USCC; give the uscc too"))
            } else if FieldValues.isBlank(reason) {
                found.append(FieldProblem("uscc_override", "needs a reason, e.g. 'pilot code issued before 2015'"))
            }
        }
        if FieldValues.isBlank(name) {
            found.append(FieldProblem("name", "is required and must not be blank"))
        }
        if let nameZh, FieldValues.isBlank(nameZh) {
            found.append(FieldProblem("name_zh", "must not be blank; leave it out instead"))
        }
        if zoneRegisteredOn != nil, !registeredInZone {
            found.append(
                FieldProblem(
                    "zone_registered_on",
                    "only a company registered in the zone has a zone registration day; set registered_in_zone to true or leave the day out"
                ))
        }
        if let registeredCapital, registeredCapital < 0 {
            found.append(
                FieldProblem("registered_capital", "must be 0 or more, not \(Amount.format(registeredCapital))"))
        }
        if let employees, employees < 0 || employees > Int(Int32.max) {
            found.append(FieldProblem("employees", "must be a whole number from 0 to \(Int32.max), not \(employees)"))
        }
        return found
    }
}

/// How users name a company: its numeric id or its USCC.
public enum CompanyRef: Sendable, Equatable, CustomStringConvertible {
    case id(Int64)
    case uscc(String)

    /// Digits shorter than a USCC are an id; anything else is taken as a USCC.
    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count < 18, !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }),
            let id = Int64(trimmed)
        {
            self = .id(id)
        } else {
            self = .uscc(trimmed)
        }
    }

    public var description: String {
        switch self {
        case .id(let id): "company \(id)"
        case .uscc(let code): "company \(code)"
        }
    }
}
