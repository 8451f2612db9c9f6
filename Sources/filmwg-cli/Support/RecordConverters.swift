import FilmWG
import Foundation
import Postgres

/// Conversions the record commands share: flags to field values, names to records, records to
/// printed cells.
enum Converters {
    // MARK: - Flags

    /// Options for a record's editable columns: the CSV column names with `-` for `_`.
    static func columnOptions(_ columns: [(String, String, String)]) -> [Option] {
        columns.map { Option.value(flag($0.0), $0.1, $0.2) }
    }

    static func flag(_ column: String) -> String { column.replacingOccurrences(of: "_", with: "-") }

    /// The given flags among `columns`, by column name (an empty value is kept: it clears).
    static func values(_ arguments: Arguments, columns: [String]) -> FieldValues {
        var values = FieldValues()
        for column in columns {
            if let text = arguments.string(flag(column)) { values[column] = text }
        }
        return values
    }

    static func kind(_ arguments: Arguments) throws -> CompanyKind? {
        try choice(arguments, "kind", CompanyKind.init(rawValue:), names: CompanyKind.names)
    }

    static func tier(_ arguments: Arguments) throws -> MembershipTier? {
        try choice(arguments, "tier", MembershipTier.init(rawValue:), names: MembershipTier.names)
    }

    /// `--NAME` as one of `names` (`make` reads it), refused with the nearest name.
    static func choice<T>(_ arguments: Arguments, _ name: String, _ make: (String) -> T?, names: [String])
        throws -> T?
    {
        guard let text = arguments.string(name) else { return nil }
        if let value = make(text) { return value }
        let near = Spelling.nearest(to: text, among: names).map { "; did you mean '\($0)'?" } ?? ""
        throw CLIError.usage("--\(name) must be one of \(names.joined(separator: ", ")), not '\(text)'\(near)")
    }

    // MARK: - Cells

    static func text(_ value: String?) -> Cell { value.map(Cell.text) ?? .null }
    static func date(_ value: CalendarDate?) -> Cell { value.map { .text($0.description) } ?? .null }
    static func amount(_ value: Decimal?) -> Cell { value.map { .number(Amount.format($0)) } ?? .null }
    static func number<T: BinaryInteger>(_ value: T?) -> Cell { value.map { .number(String($0)) } ?? .null }
    static func instant(_ value: Date?) -> Cell { value.map { .text(Instant.format($0)) } ?? .null }

    /// A column's value as printed: numbers and booleans typed for JSON, instants in +08:00.
    static func cell(_ value: ColumnValue) -> Cell {
        switch value {
        case .text(let text): self.text(text)
        case .bool(let bool): .bool(bool)
        case .date(let day): date(day)
        case .amount(let value): amount(value)
        case .integer(let number): self.number(number)
        case .instant(let instant): self.instant(instant)
        }
    }

    /// The record's columns, named and in the order its description gives.
    static func record<Described>(_ record: Described, _ columns: [RecordColumn<Described>]) -> Record {
        Record(columns.map { ($0.name, cell($0.value(record))) })
    }

    /// The record's columns named by `shown`, in that order (a command prints fewer than the
    /// domain describes, or in another order).
    static func record<Described>(_ record: Described, _ columns: [RecordColumn<Described>], shown: [String]) -> Record
    {
        self.record(record, columns).projected(to: shown)
    }

    /// Options for a record's editable columns: the column names with `-` for `_`, their
    /// forms and meanings from the description.
    static func options<Described>(_ columns: [RecordColumn<Described>]) -> [Option] {
        columns.map { Option.value(flag($0.name), $0.form, $0.about) }
    }

    static let companyColumns = Company.columns.names()

    static func company(_ company: Company) -> Record { record(company, Company.columns) }

    /// A professional; `employments` adds the person's employments (JSON: an array of objects;
    /// table and CSV: one line each).
    static func professional(_ person: Professional, format: Format, employments: Bool) -> Record {
        var fields = record(person, Professional.columns).fields.map { ($0.name, $0.value) }
        // JSON carries the specialties as an array; table and CSV `;`-separated, as the import takes them.
        if format == .json, let at = fields.firstIndex(where: { $0.0 == "specialties" }) {
            fields[at].1 = .json("[" + person.specialties.map(JSONText.string).joined(separator: ",") + "]")
        }
        if employments {
            if format == .json {
                let objects = person.employments.map { e in
                    JSONText.object(
                        Record([
                            ("id", .number(String(e.id))), ("company_id", .number(String(e.companyId))),
                            ("uscc", text(e.companyUSCC)), ("name", .text(e.companyName)),
                            ("employed_from", date(e.employedFrom)), ("employed_to", date(e.employedTo)),
                            ("title", text(e.title)),
                        ]))
                }
                fields.append(("employments", .json("[" + objects.joined(separator: ", ") + "]")))
            } else {
                let lines = person.employments.map { e in
                    let from = e.employedFrom.map { "from \($0)" } ?? "from an unknown day"
                    let to = e.employedTo.map { " to \($0.adding(days: -1))" } ?? ", still employed"
                    return "\(e.companyName)\(e.companyUSCC.map { " (\($0))" } ?? "") \(from)\(to)"
                }
                fields.append(("employments", .text(lines.joined(separator: "\n"))))
            }
        }
        return Record(fields)
    }
}
