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
    /// The column's value of a record, bound as its Swift type says (`$n`).
    let bind: @Sendable (Record) -> Query
    /// Reads column `index` of a row into a record.
    let read: @Sendable (Row, Int, inout Record) throws -> Void

    /// A column held at `path` as `Value`, read and bound as `Stored` (`to` and `from` convert;
    /// an enum is stored as its raw text, a required text reads NULL as ""), and printed as
    /// `shown` says.
    init<Value, Stored: PostgresEncodable & PostgresDecodable>(
        _ name: String, _ sqlType: String, form: String, about: String, imported: Bool = true,
        expression: String? = nil, _ path: ColumnPath<Record, Value>,
        to: @escaping @Sendable (Value) -> Stored, from: @escaping @Sendable (Stored) -> Value,
        shown: @escaping @Sendable (Value) -> ColumnValue
    ) {
        self.init(
            name, sqlType, form: form, about: about, imported: imported, expression: expression,
            value: { shown($0[keyPath: path]) }, bind: { "\(to($0[keyPath: path]))" },
            read: { row, index, record in record[keyPath: path] = from(try row.decode(Stored.self, at: index)) })
    }

    /// A column whose Swift type is its stored type.
    init<Value: PostgresEncodable & PostgresDecodable>(
        _ name: String, _ sqlType: String, form: String, about: String, imported: Bool = true,
        expression: String? = nil, _ path: ColumnPath<Record, Value>,
        shown: @escaping @Sendable (Value) -> ColumnValue
    ) {
        self.init(
            name, sqlType, form: form, about: about, imported: imported, expression: expression, path,
            to: { $0 }, from: { $0 }, shown: shown)
    }

    private init(
        _ name: String, _ sqlType: String, form: String, about: String, imported: Bool, expression: String?,
        value: @escaping @Sendable (Record) -> ColumnValue, bind: @escaping @Sendable (Record) -> Query,
        read: @escaping @Sendable (Row, Int, inout Record) throws -> Void
    ) {
        self.name = name
        self.sqlType = sqlType
        self.form = form
        self.about = about
        self.imported = imported
        self.expression = expression
        self.value = value
        self.bind = bind
        self.read = read
    }

    /// The same column read and written through `path` of an enclosing record (`Company.input`).
    func lifted<Outer>(through path: ColumnPath<Outer, Record>) -> RecordColumn<Outer> {
        let value = self.value, bind = self.bind, read = self.read
        return RecordColumn<Outer>(
            name, sqlType, form: form, about: about, imported: imported, expression: expression,
            value: { value($0[keyPath: path]) }, bind: { bind($0[keyPath: path]) },
            read: { row, index, outer in try read(row, index, &outer[keyPath: path]) })
    }

    /// The same column, read from another expression (`lower(m.period)`), or taken by the
    /// import or not.
    func with(expression: String? = nil, imported: Bool? = nil) -> Self {
        Self(
            name, sqlType, form: form, about: about, imported: imported ?? self.imported,
            expression: expression ?? self.expression, value: value, bind: bind, read: read)
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
            name, "text", form: form, about: about, imported: imported, expression: expression, path,
            shown: { .text($0) })
    }

    /// A required text: NULL never comes back from the database, and is stored as "".
    static func text(
        _ name: String, _ path: ColumnPath<Record, String>, form: String = "TEXT", about: String,
        expression: String? = nil
    ) -> Self {
        Self(
            name, "text", form: form, about: about, expression: expression, path, to: { Optional($0) },
            from: { $0 ?? "" }, shown: { .text($0) })
    }

    /// A list of texts (`text[]`), printed `;`-separated as the import takes it.
    static func texts(_ name: String, _ path: ColumnPath<Record, [String]>, form: String = "A;B", about: String) -> Self
    {
        Self(name, "text[]", form: form, about: about, path, shown: { .text($0.joined(separator: ";")) })
    }

    /// A closed set of words stored as text (`companies.kind`); an unknown word reads as `fallback`.
    static func choice<Choice: RawRepresentable<String>>(
        _ name: String, _ path: ColumnPath<Record, Choice>, fallback: Choice, form: String,
        about: String
    ) -> Self where Choice: Sendable {
        Self(
            name, "text", form: form, about: about, path, to: { Optional($0.rawValue) },
            from: { $0.flatMap(Choice.init) ?? fallback }, shown: { .text($0.rawValue) })
    }

    static func bool(_ name: String, _ path: ColumnPath<Record, Bool>, form: String, about: String) -> Self {
        Self(name, "boolean", form: form, about: about, path, shown: { .bool($0) })
    }

    static func date(
        _ name: String, _ path: ColumnPath<Record, CalendarDate?>, form: String = "DATE", about: String,
        expression: String? = nil
    ) -> Self {
        Self(name, "date", form: form, about: about, expression: expression, path, shown: { .date($0) })
    }

    /// A day that is never NULL (a membership's first day).
    static func date(
        _ name: String, _ path: ColumnPath<Record, CalendarDate>, form: String = "DATE", about: String,
        expression: String? = nil
    ) -> Self {
        Self(name, "date", form: form, about: about, expression: expression, path, shown: { .date($0) })
    }

    static func amount(
        _ name: String, _ path: ColumnPath<Record, Decimal?>, form: String = "AMOUNT", about: String,
        expression: String? = nil
    ) -> Self {
        Self(name, "numeric", form: form, about: about, expression: expression, path, shown: { .amount($0) })
    }

    /// An amount that is never NULL (a grant's).
    static func amount(_ name: String, _ path: ColumnPath<Record, Decimal>, form: String = "AMOUNT", about: String)
        -> Self
    {
        Self(name, "numeric", form: form, about: about, path, shown: { .amount($0) })
    }

    /// A whole number held as `Int?` in an `integer` column (or an `expression` giving one),
    /// bound as bigint, which PostgreSQL assigns to an integer column or refuses as out of range.
    static func integer(
        _ name: String, _ path: ColumnPath<Record, Int?>, form: String = "N", about: String,
        expression: String? = nil
    ) -> Self {
        Self(
            name, "integer", form: form, about: about, expression: expression, path,
            shown: { .integer($0.map(Int64.init)) })
    }

    /// A whole number that is never NULL (`row_version`, a count).
    static func integer(
        _ name: String, _ path: ColumnPath<Record, Int>, about: String, expression: String? = nil
    ) -> Self {
        Self(
            name, "integer", form: "N", about: about, expression: expression, path, shown: { .integer(Int64($0)) })
    }

    /// A bigint id, never NULL.
    static func id(_ name: String, _ path: ColumnPath<Record, Int64>, about: String, expression: String? = nil) -> Self
    {
        Self(name, "bigint", form: "ID", about: about, expression: expression, path, shown: { .integer($0) })
    }

    /// A bigint id that may be NULL (a reference).
    static func id(_ name: String, _ path: ColumnPath<Record, Int64?>, about: String, expression: String? = nil)
        -> Self
    {
        Self(name, "bigint", form: "ID", about: about, expression: expression, path, shown: { .integer($0) })
    }

    static func instant(
        _ name: String, _ path: ColumnPath<Record, Date?>, form: String = "INSTANT", about: String,
        imported: Bool = true
    ) -> Self {
        Self(name, "timestamptz", form: form, about: about, imported: imported, path, shown: { .instant($0) })
    }

    /// `row_version` and `created_at`, which every table admins edit keeps.
    static func kept(_ version: ColumnPath<Record, Int>, _ created: ColumnPath<Record, Date>, noun: String) -> [Self] {
        [
            .integer("row_version", version, about: "the version of the row"),
            .instant("created_at", created, about: "when the \(noun) was recorded"),
        ]
    }

    /// An instant that is never NULL (`created_at`, an event's start).
    static func instant(
        _ name: String, _ path: ColumnPath<Record, Date>, form: String = "INSTANT", about: String
    ) -> Self {
        Self(name, "timestamptz", form: form, about: about, path, shown: { .instant($0) })
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
        for (index, column) in enumerated() { try column.read(row, index, &result) }
        return result
    }
}

private func joinedQueries(_ parts: [Query]) -> Query {
    guard var result = parts.first else { return "" }
    for part in parts.dropFirst() { result = result + ", " + part }
    return result
}
