public import Foundation
public import Postgres

/// A row of `filmwg.professionals`, with the person's employments.
///
/// `fullName`, `latinName`, `email` and `phone` are personal data; after an erase they are nil
/// and `erasedAt` says when.
public struct Professional: Sendable, Equatable {
    public var id: Int64
    public var fullName: String?
    public var latinName: String?
    public var title: String?
    public var email: String?
    public var phone: String?
    public var specialties: [String]
    public var erasedAt: Date?
    public var rowVersion: Int
    public var createdAt: Date
    /// Oldest first; empty when not loaded (lists).
    public var employments: [Employment] = []

    public var input: ProfessionalInput {
        ProfessionalInput(
            fullName: fullName ?? "", latinName: latinName, title: title, email: email, phone: phone,
            specialties: specialties)
    }

    /// How messages name the person: `professional 7`.
    public var reference: String { "professional \(id)" }

    /// Every column of a professional as `professional show` prints it. The person's fields are
    /// optional here (an erase clears them), required in `ProfessionalInput.fields`.
    public static let columns: [RecordColumn<Professional>] =
        [
            .id("id", \.id, about: "the professional's id"),
            .text("full_name", \.fullName, about: "full name"),
            .text("latin_name", \.latinName, about: "name in Latin letters"),
            .text("title", \.title, about: "job title"),
            .text("email", \.email, about: "e-mail address"),
            .text("phone", \.phone, about: "telephone number"),
            .texts("specialties", \.specialties, about: "specialties"),
            .instant("erased_at", \.erasedAt, about: "when the personal data was erased"),
        ] + RecordColumn<Professional>.kept(\.rowVersion, \.createdAt, noun: "professional")

    static let source = RecordSource(
        columns: columns, alias: "p", from: "filmwg.professionals p",
        empty: Professional(id: 0, specialties: [], rowVersion: 0, createdAt: .unread))
}

/// A row of `filmwg.employments`, with the employer's USCC and name.
///
/// The period is half-open, `[employedFrom, employedTo)`; either bound may be nil (start
/// unknown, still employed).
public struct Employment: Sendable, Equatable {
    public var id: Int64
    public var professionalId: Int64
    public var companyId: Int64
    public var employedFrom: CalendarDate?
    public var employedTo: CalendarDate?
    public var title: String?
    public var rowVersion: Int
    public var companyUSCC: String?
    public var companyName: String

    public var isOpen: Bool { employedTo == nil }

    /// The columns of an employment in the `professional import` header, after the person's.
    static let imported: [RecordColumn<Employment>] = [
        .text("company_uscc", \.companyUSCC, form: "CODE", about: "the employer's USCC"),
        .date("employed_from", \.employedFrom, about: "the first day employed"),
        .date("employed_to", \.employedTo, about: "the first day no longer employed"),
    ]
}

/// The editable fields of a professional, for `add`, `update` and `import`.
public struct ProfessionalInput: Sendable, Equatable {
    public var fullName: String
    public var latinName: String?
    public var title: String?
    public var email: String?
    public var phone: String?
    public var specialties: [String]

    public init(
        fullName: String = "", latinName: String? = nil, title: String? = nil, email: String? = nil,
        phone: String? = nil, specialties: [String] = []
    ) {
        self.fullName = fullName
        self.latinName = latinName
        self.title = title
        self.email = email
        self.phone = phone
        self.specialties = specialties
    }

    /// The person's columns, for `add`, `update` and the `professional import` header (DESIGN §5).
    static let fields: [RecordColumn<ProfessionalInput>] = [
        .text("full_name", \.fullName, about: "full name (required)"),
        .text("latin_name", \.latinName, about: "name in Latin letters"),
        .text("title", \.title, about: "job title"),
        .text("email", \.email, about: "e-mail address"),
        .text("phone", \.phone, about: "telephone number"),
        .texts("specialties", \.specialties, about: "specialties, ;-separated"),
    ]

    /// The person's columns of the `professional import` header (DESIGN §5).
    public static let columns = fields.names()

    /// Applies the given columns (absent: unchanged; empty: cleared) and returns what is wrong.
    /// `specialties` is `;`-separated.
    public mutating func apply(_ values: FieldValues) -> [FieldProblem] {
        let reader = FieldReader(values)
        reader.text("full_name").apply(to: &fullName, default: "")
        reader.text("latin_name").apply(to: &latinName)
        reader.text("title").apply(to: &title)
        reader.text("email").apply(to: &email)
        reader.text("phone").apply(to: &phone)
        reader.text("specialties").map { $0.map(Self.splitSpecialties) }.apply(to: &specialties, default: [])
        return reader.problems + problems()
    }

    /// The rules of `filmwg.professionals`, checked before the database sees the row.
    public func problems() -> [FieldProblem] {
        var found: [FieldProblem] = []
        if FieldValues.isBlank(fullName) {
            found.append(FieldProblem("full_name", "is required and must not be blank"))
        }
        if let email, !Self.looksLikeEmail(email) {
            found.append(FieldProblem("email", "'\(FieldReader.shown(email))' is not an e-mail address (local@domain)"))
        }
        return found
    }

    static func splitSpecialties(_ text: String) -> [String] {
        text.split(separator: ";").map { FieldValues.trimmed(String($0)) }.filter { !$0.isEmpty }
    }

    /// The database's rule (`professionals_email_check`): one `@`, something on each side, no white space.
    public static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !text.unicodeScalars.contains { $0.properties.isWhitespace }
    }
}

/// An employment to record with a professional: where, and from when to when (half-open).
public struct EmploymentInput: Sendable, Equatable {
    public var companyID: Int64
    public var employedFrom: CalendarDate?
    public var employedTo: CalendarDate?
    public var title: String?

    public init(
        companyID: Int64, employedFrom: CalendarDate? = nil, employedTo: CalendarDate? = nil, title: String? = nil
    ) {
        self.companyID = companyID
        self.employedFrom = employedFrom
        self.employedTo = employedTo
        self.title = title
    }

    public func problems() -> [FieldProblem] {
        if let from = employedFrom, let to = employedTo, to <= from {
            return [
                FieldProblem(
                    "employed_to", "\(to) must be after employed_from \(from) (the last day employed is the day before)"
                )
            ]
        }
        return []
    }
}

/// How users name a professional: by numeric id or by e-mail (case-insensitive).
public enum ProfessionalRef: Sendable, Equatable, CustomStringConvertible {
    case id(Int64)
    case email(String)

    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(trimmed) {
            self = .id(id)
        } else {
            self = .email(trimmed)
        }
    }

    public var description: String {
        switch self {
        case .id(let id): "professional \(id)"
        case .email(let email): "professional \(email)"
        }
    }
}
