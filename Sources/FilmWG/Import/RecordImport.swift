import Foundation
public import Postgres

/// `filmwg <record> import FILE.csv`: the import of one kind of record, on the one CSV importer
/// (`CSVImporter`) every import configures. The kinds are named for their records
/// (`MembershipImport` is `RecordImport<Membership>`), so a call reads
/// `MembershipImport(db).run(file: path, options: options, listener: listener)`.
///
/// What each kind takes (header, per-row rules, set-based checks, the write) is said by its
/// schema, beside its record: `CompanySchema`, `EventSchema`, `MembershipSchema`, …
public struct RecordImport<Record> {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// Runs `schema`'s import of the file at `path`, in one transaction.
    func run(_ schema: some ImportSchema, path: String, options: ImportOptions, listener: ImportListener) throws
        -> ImportReport
    {
        try CSVImporter(db: db, schema: schema).run(path: path, options: options, listener: listener)
    }
}

/// A record a whole CSV file imports on its own (an attendance import needs its event besides).
public protocol ImportedFromCSV {
    /// The schema of the record's import, for `db` (some read the database first: the year).
    static func importPlan(on db: Connection) throws -> ImportPlan
}

/// One kind of import, ready to run: the schema, hidden behind a public name.
public struct ImportPlan {
    let start: (Connection, String, ImportOptions, ImportListener) throws -> ImportReport

    init(_ schema: some ImportSchema) {
        start = { db, path, options, listener in
            try CSVImporter(db: db, schema: schema).run(path: path, options: options, listener: listener)
        }
    }
}

extension RecordImport where Record: ImportedFromCSV {
    /// - Throws: `CSVFileError` (missing or unreadable file), `RecordError.invalid` (bad header,
    ///   broken CSV), `ImportFailure` (invalid rows without `skipInvalid`; nothing was written),
    ///   `RecordError.conflict` when someone wrote the same key meanwhile.
    public func run(
        file path: String, options: ImportOptions = ImportOptions(), listener: ImportListener = ImportListener()
    ) throws -> ImportReport {
        try Record.importPlan(on: db).start(db, path, options, listener)
    }
}

/// `filmwg company import FILE.csv` (`CompanySchema`).
public typealias CompanyImport = RecordImport<Company>
/// `filmwg event import FILE.csv` (`EventSchema`).
public typealias EventImport = RecordImport<Event>
/// `filmwg member import FILE.csv` (`MembershipSchema`).
public typealias MembershipImport = RecordImport<Membership>
/// `filmwg professional import FILE.csv` (`ProfessionalSchema`).
public typealias ProfessionalImport = RecordImport<Professional>
/// `filmwg work import FILE.csv` (`WorkSchema`).
public typealias WorkImport = RecordImport<Work>
/// `filmwg figure import FILE.csv` (`FigureSchema`).
public typealias FigureImport = RecordImport<CompanyFigures>
/// `filmwg attendance import --event ID FILE.csv` (`AttendanceSchema`), which names its event.
public typealias AttendanceImport = RecordImport<Attendance>
