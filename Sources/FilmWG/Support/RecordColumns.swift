public import Foundation
public import Postgres

/// A column's value, typed so every output (table, CSV, JSON) and every bind can treat it alike.
public enum ColumnValue: Sendable, Equatable {
    case text(String?)
    case bool(Bool)
    case date(CalendarDate?)
    case amount(Decimal?)
    case integer(Int64?)
    case instant(Date?)
}

/// One column of a record, described once. Its `name` is the SQL column, the CSV header, the
/// JSON key and (the CLI's business) the flag; `sqlType` types the import's staging table and
/// decides how the value is read and bound; `form` and `about` say what a value looks like and
/// means, for help. The lists a record needs (SELECT list, INSERT list, SET list, staging
/// columns, CSV header, printed fields) are derived from a table of these, so a column is
/// spelled in one place.
///
/// Names and SQL expressions come from static tables in the source, never from input: they are
/// identifiers, not values, and the values themselves are always bound.
public struct RecordColumn<Record>: Sendable {
    public let name: String
    public let sqlType: String
    public let form: String
    public let about: String
    /// Whether the CSV import takes the column (some editable fields are not CSV columns).
    public let imported: Bool
    /// The expression read by SELECT (nil: the column itself, qualified by the table's alias).
    let expression: String?
    public let value: @Sendable (Record) -> ColumnValue
    let store: @Sendable (inout Record, ColumnValue) -> Void

    init(
        _ name: String, _ sqlType: String, form: String, about: String, imported: Bool = true,
        expression: String? = nil,
        value: @escaping @Sendable (Record) -> ColumnValue,
        store: @escaping @Sendable (inout Record, ColumnValue) -> Void
    ) {
        self.name = name
        self.sqlType = sqlType
        self.form = form
        self.about = about
        self.imported = imported
        self.expression = expression
        self.value = value
        self.store = store
    }

    /// The same column read and written through `path` of an enclosing record (`Company.input`).
    func lifted<Outer>(through path: ColumnPath<Outer, Record>) -> RecordColumn<Outer> {
        let value = self.value, store = self.store
        return RecordColumn<Outer>(
            name, sqlType, form: form, about: about, imported: imported, expression: expression,
            value: { value($0[keyPath: path]) }, store: { store(&$0[keyPath: path], $1) })
    }

    /// The column's value of `record`, bound as its SQL type (a whole number as bigint, which
    /// PostgreSQL assigns to an integer column or refuses as out of range).
    func bind(_ record: Record) -> Query {
        switch value(record) {
        case .text(let text): "\(text)"
        case .bool(let bool): "\(bool)"
        case .date(let date): "\(date)"
        case .amount(let amount): "\(amount)"
        case .integer(let number): "\(number)"
        case .instant(let instant): "\(instant)"
        }
    }

    /// Reads column `index` of `row` into `record`, as the column's SQL type says.
    func read(_ row: Row, at index: Int, into record: inout Record) throws {
        let current = value(record)
        let read: ColumnValue =
            switch current {
            case .text: .text(try row.decode(String?.self, at: index))
            case .bool: .bool(try row.decode(Bool.self, at: index))
            case .date: .date(try row.decode(CalendarDate?.self, at: index))
            case .amount: .amount(try row.decode(Decimal?.self, at: index))
            case .integer: .integer(try row.decode(Int64?.self, at: index))
            case .instant: .instant(try row.decode(Date?.self, at: index))
            }
        store(&record, read)
    }
}

/// A stored record around the fields users give (`Company` around `CompanyInput`): the input is
/// described once, and `record.name` reads and writes `record.input.name`.
@dynamicMemberLookup
public protocol RecordAroundInput {
    associatedtype Input
    var input: Input { get set }
}

extension RecordAroundInput {
    public subscript<T>(dynamicMember path: WritableKeyPath<Input, T>) -> T {
        get { input[keyPath: path] }
        set { input[keyPath: path] = newValue }
    }
}

// MARK: - Columns by the Swift type they hold

/// Where a column's value lives in its record (a key path, which carries no state).
public typealias ColumnPath<Root, Value> = any WritableKeyPath<Root, Value> & Sendable

extension RecordColumn {
    static func text(
        _ name: String, _ path: ColumnPath<Record, String?>, form: String = "TEXT", about: String,
        imported: Bool = true, expression: String? = nil
    ) -> Self {
        Self(
            name, "text", form: form, about: about, imported: imported, expression: expression,
            value: { .text($0[keyPath: path]) },
            store: { if case .text(let text) = $1 { $0[keyPath: path] = text } })
    }

    /// A required text: NULL never comes back from the database, and is stored as "".
    static func text(
        _ name: String, _ path: ColumnPath<Record, String>, form: String = "TEXT", about: String
    ) -> Self {
        Self(
            name, "text", form: form, about: about,
            value: { .text($0[keyPath: path]) },
            store: { if case .text(let text) = $1 { $0[keyPath: path] = text ?? "" } })
    }

    /// A closed set of words stored as text (`companies.kind`); an unknown word reads as `fallback`.
    static func choice<Choice: RawRepresentable<String>>(
        _ name: String, _ path: ColumnPath<Record, Choice>, fallback: Choice, form: String,
        about: String
    ) -> Self where Choice: Sendable {
        Self(
            name, "text", form: form, about: about, value: { .text($0[keyPath: path].rawValue) },
            store: { if case .text(let text) = $1 { $0[keyPath: path] = text.flatMap(Choice.init) ?? fallback } })
    }

    static func bool(_ name: String, _ path: ColumnPath<Record, Bool>, form: String, about: String)
        -> Self
    {
        Self(
            name, "boolean", form: form, about: about, value: { .bool($0[keyPath: path]) },
            store: { if case .bool(let bool) = $1 { $0[keyPath: path] = bool } })
    }

    static func date(
        _ name: String, _ path: ColumnPath<Record, CalendarDate?>, form: String = "DATE",
        about: String
    ) -> Self {
        Self(
            name, "date", form: form, about: about, value: { .date($0[keyPath: path]) },
            store: { if case .date(let date) = $1 { $0[keyPath: path] = date } })
    }

    static func amount(
        _ name: String, _ path: ColumnPath<Record, Decimal?>, form: String = "AMOUNT", about: String
    ) -> Self {
        Self(
            name, "numeric", form: form, about: about, value: { .amount($0[keyPath: path]) },
            store: { if case .amount(let amount) = $1 { $0[keyPath: path] = amount } })
    }

    /// A whole number held as `Int?` in an `integer` column (or an `expression` giving one).
    static func integer(
        _ name: String, _ path: ColumnPath<Record, Int?>, form: String = "N", about: String,
        expression: String? = nil
    ) -> Self {
        Self(
            name, "integer", form: form, about: about, expression: expression,
            value: { .integer($0[keyPath: path].map(Int64.init)) },
            store: { if case .integer(let number) = $1 { $0[keyPath: path] = number.map { Int(clamping: $0) } } })
    }

    /// A whole number that is never NULL (`row_version`, a count).
    static func integer(
        _ name: String, _ path: ColumnPath<Record, Int>, about: String, expression: String? = nil
    ) -> Self {
        Self(
            name, "integer", form: "N", about: about, expression: expression,
            value: { .integer(Int64($0[keyPath: path])) },
            store: { if case .integer(let number) = $1 { $0[keyPath: path] = Int(clamping: number ?? 0) } })
    }

    /// A bigint id, never NULL.
    static func id(_ name: String, _ path: ColumnPath<Record, Int64>, about: String) -> Self {
        Self(
            name, "bigint", form: "ID", about: about, value: { .integer($0[keyPath: path]) },
            store: { if case .integer(let number) = $1 { $0[keyPath: path] = number ?? 0 } })
    }

    /// A bigint id that may be NULL (a reference).
    static func id(_ name: String, _ path: ColumnPath<Record, Int64?>, about: String) -> Self {
        Self(
            name, "bigint", form: "ID", about: about, value: { .integer($0[keyPath: path]) },
            store: { if case .integer(let number) = $1 { $0[keyPath: path] = number } })
    }

    static func instant(
        _ name: String, _ path: ColumnPath<Record, Date?>, form: String = "INSTANT", about: String,
        imported: Bool = true
    ) -> Self {
        Self(
            name, "timestamptz", form: form, about: about, imported: imported, value: { .instant($0[keyPath: path]) },
            store: { if case .instant(let instant) = $1 { $0[keyPath: path] = instant } })
    }

    /// An instant that is never NULL (`created_at`, an event's start).
    static func instant(
        _ name: String, _ path: ColumnPath<Record, Date>, form: String = "INSTANT", about: String
    ) -> Self {
        Self(
            name, "timestamptz", form: form, about: about, value: { .instant($0[keyPath: path]) },
            store: {
                if case .instant(let instant) = $1 { $0[keyPath: path] = instant ?? Date(timeIntervalSince1970: 0) }
            })
    }
}

// MARK: - Lists derived from a table of columns

extension Array {
    /// The columns' names, in order: a CSV header, the keys of a printed record.
    public func names<Record>() -> [String] where Element == RecordColumn<Record> { map(\.name) }

    /// `(name, SQL type)` of the columns the import stages.
    func staging<Record>() -> [(String, String)] where Element == RecordColumn<Record> {
        filter(\.imported).map { ($0.name, $0.sqlType) }
    }

    /// `a, b, c`: the column names as SQL identifiers (an INSERT list, a SELECT from staging).
    func identifiers<Record>() -> Query where Element == RecordColumn<Record> {
        Query(unsafeSQL: map(\.name).joined(separator: ", "))
    }

    /// The SELECT list: each column's expression, or `alias.name`.
    func selectList<Record>(alias: String) -> Query where Element == RecordColumn<Record> {
        Query(unsafeSQL: map { $0.expression ?? "\(alias).\($0.name)" }.joined(separator: ", "))
    }

    /// `$1, $2, …`: the record's values bound in column order (an INSERT's VALUES).
    func values<Record>(of record: Record) -> Query where Element == RecordColumn<Record> {
        joinedQueries(map { $0.bind(record) })
    }

    /// `a = $1, b = $2, …`: the record's values assigned to their columns (an UPDATE's SET).
    func assignments<Record>(of record: Record) -> Query where Element == RecordColumn<Record> {
        joinedQueries(map { Query(unsafeSQL: $0.name + " = ") + $0.bind(record) })
    }

    /// Reads the leading columns of `row` (in this order) over `record`.
    func read<Record>(_ row: Row, into record: Record) throws -> Record where Element == RecordColumn<Record> {
        var result = record
        for (index, column) in enumerated() { try column.read(row, at: index, into: &result) }
        return result
    }
}

private func joinedQueries(_ parts: [Query]) -> Query {
    guard var result = parts.first else { return "" }
    for part in parts.dropFirst() { result = result + ", " + part }
    return result
}
