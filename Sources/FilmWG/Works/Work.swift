public import Foundation
public import Postgres

/// What kind of work a work is (`works.kind`).
public enum WorkKind: String, Sendable, CaseIterable {
    case film
    case onlineFilm = "online_film"
    case series
    case documentary
    case animation

    public static var names: [String] { allCases.map(\.rawValue) }
}

/// A company as a work's credits name it.
public struct WorkCompany: Sendable, Equatable {
    public var id: Int64
    public var uscc: String?
    public var name: String

    /// How lists and CSV name the company: its USCC when it has one, else its id.
    public var reference: String { uscc ?? String(id) }
}

/// A row of `filmwg.works` with its credits: the one first producer and the co-producers.
public struct Work: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var titleZh: String?
    public var kind: WorkKind
    public var releasedOn: CalendarDate
    public var licenceNo: String?
    public var firstProducer: WorkCompany
    /// In the order of their ids.
    public var coProducers: [WorkCompany]
    public var rowVersion: Int
    public var createdAt: Date

    /// The sentence for each constraint of its table the database may refuse a row by.
    static let constraints: [String: Phrase] = [
        "works_title_check": "title: is required and must not be blank",
        "works_title_zh_check": "title_zh: must not be blank; leave it out instead",
        "works_kind_check": "kind: use one of \(WorkKind.names.joined(separator: ", "))",
        "works_licence_no_check": "licence_no: must not be blank; leave it out instead",
        "works_licence_no_key": "licence_no: that licence number is already recorded for another work",
        "work_co_producers_pkey": "co_producers: a company is named twice as co-producer",
        "work_co_producers_not_first_producer": "co_producers: the first producer cannot also be a co-producer",
        "works_first_producer_id_fkey": "first_producer: no such company",
        "work_co_producers_company_id_fkey": "co_producers: no such company",
    ]

    /// The fields an admin edits, as they are now (companies named by id).
    public var input: WorkInput {
        WorkInput(
            title: title, titleZh: titleZh, kind: kind, releasedOn: releasedOn, licenceNo: licenceNo,
            firstProducer: String(firstProducer.id), coProducers: coProducers.map { String($0.id) })
    }
}

/// The editable fields of a work, for `add`, `update` and `import`. Companies are named as users
/// name them (USCC or id); the repository resolves them.
public struct WorkInput: Sendable, Equatable {
    public var title: String
    public var titleZh: String?
    public var kind: WorkKind?
    public var releasedOn: CalendarDate?
    public var licenceNo: String?
    public var firstProducer: String?
    public var coProducers: [String]

    public init(
        title: String = "", titleZh: String? = nil, kind: WorkKind? = nil, releasedOn: CalendarDate? = nil,
        licenceNo: String? = nil, firstProducer: String? = nil, coProducers: [String] = []
    ) {
        self.title = title
        self.titleZh = titleZh
        self.kind = kind
        self.releasedOn = releasedOn
        self.licenceNo = licenceNo
        self.firstProducer = firstProducer
        self.coProducers = coProducers
    }

    /// The CSV header of `work import` (DESIGN §13).
    public static let csvColumns = [
        "title", "title_zh", "kind", "released_on", "licence_no", "first_producer_uscc", "co_producer_usccs",
    ]

    /// The columns of the work's own fields, shared by flags and CSV.
    public static let fieldColumns = ["title", "title_zh", "kind", "released_on", "licence_no"]

    /// Applies the given columns (absent: unchanged; empty: cleared) and returns what is wrong
    /// with them or with the whole. `first_producer` / `co_producers` (flags) and
    /// `first_producer_uscc` / `co_producer_usccs` (CSV, `;`-separated) name the companies.
    public mutating func apply(_ values: FieldValues) -> [FieldProblem] {
        var reader = FieldReader(values)
        reader.text("title").apply(to: &title, default: "")
        reader.text("title_zh").apply(to: &titleZh)
        reader.choice("kind", among: WorkKind.names, noun: "a kind of work")
            .map { $0.flatMap(WorkKind.init(rawValue:)) }.apply(to: &kind)
        reader.date("released_on").apply(to: &releasedOn)
        reader.text("licence_no").apply(to: &licenceNo)
        for column in ["first_producer", "first_producer_uscc"] {
            reader.text(column).apply(to: &firstProducer)
        }
        for column in ["co_producers", "co_producer_usccs"] where values.has(column) {
            coProducers = Self.split(values[column] ?? "")
        }
        let bad = Set(reader.problems.map(\.column))
        return reader.problems
            + problems(
                firstProducerColumn: values.has("first_producer_uscc") ? "first_producer_uscc" : "first_producer"
            )
            .filter { !bad.contains($0.column) }
    }

    /// A `;`-separated list of companies, trimmed, empty entries left out.
    public static func split(_ text: String) -> [String] {
        text.split(separator: ";").map { FieldValues.trimmed(String($0)) }.filter { !$0.isEmpty }
    }

    /// The rules of `filmwg.works` a row can break on its own (the companies are checked by the
    /// repository or the import, which can see them).
    public func problems(firstProducerColumn: String = "first_producer") -> [FieldProblem] {
        var found: [FieldProblem] = []
        if FieldValues.isBlank(title) { found.append(FieldProblem("title", "is required and must not be blank")) }
        if let titleZh, FieldValues.isBlank(titleZh) {
            found.append(FieldProblem("title_zh", "must not be blank; leave it out instead"))
        }
        if kind == nil {
            found.append(FieldProblem("kind", "is required; use one of \(WorkKind.names.joined(separator: ", "))"))
        }
        if releasedOn == nil { found.append(FieldProblem("released_on", "is required (YYYY-MM-DD)")) }
        if let licenceNo, FieldValues.isBlank(licenceNo) {
            found.append(FieldProblem("licence_no", "must not be blank; leave it out instead"))
        }
        if firstProducer == nil {
            found.append(FieldProblem(firstProducerColumn, "is required: every work has exactly one first producer"))
        }
        return found
    }
}

/// How users name a work: its numeric id, or its licence number.
public enum WorkRef: Sendable, Equatable, CustomStringConvertible {
    case id(Int64)
    case licence(String)

    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let id = Int64(trimmed), id > 0 { self = .id(id) } else { self = .licence(trimmed) }
    }

    public var description: String {
        switch self {
        case .id(let id): "work \(id)"
        case .licence(let number): "work with licence number \(number)"
        }
    }
}
