import Foundation
import Postgres

/// `filmwg attendance import --event ID FILE.csv`: the attendance of one event from a CSV file
/// with the header `professional_email,company_uscc,role`.
///
/// An import of the one engine (`CSVImporter`), so it behaves as every other import: all or
/// nothing by default, `skipInvalid` writes the valid rows, the rejects file is RFC 4180 with
/// CRLF, problems stream to the listener. Besides each field's rules: the e-mail must name a
/// professional and the USCC a company, a professional appears once in the file and is not yet
/// recorded at the event.
extension RecordImport where Record == Attendance {
    public static var columns: [String] { AttendanceSchema.columns }

    /// Imports `path` into the attendance of event `eventId`.
    /// - Throws: `RecordError.notFound` for an unknown event; `CSVFileError`,
    ///   `RecordError.invalid` (bad header, broken CSV), `ImportFailure`, `RecordError.conflict`
    ///   when someone recorded the same attendance meanwhile.
    public func run(
        eventId: Int64, file path: String, options: ImportOptions = ImportOptions(),
        listener: ImportListener = ImportListener()
    ) throws -> ImportReport {
        _ = try References.eventID(String(eventId), db: db)
        return try run(AttendanceSchema(eventId: eventId), path: path, options: options, listener: listener)
    }
}

struct AttendanceSchema: ImportSchema {
    let eventId: Int64

    static let columns = ["professional_email", "company_uscc", "role"]

    var known: [String] { Self.columns }
    var required: [String] { ["professional_email"] }
    var staging: [(String, String)] {
        [
            ("professional_email", "text"), ("company_uscc", "text"), ("role", "text"),
            ("professional_id", "bigint"), ("company_id", "bigint"),
        ]
    }

    func stage(_ values: FieldValues) -> (fields: [String?], problems: [FieldProblem]) {
        var lowered = values
        lowered["role"] = values["role"]?.lowercased()
        var reader = FieldReader(lowered)
        var email: String?
        var uscc: String?
        var role: String?
        reader.text("professional_email").apply(to: &email)
        reader.uscc("company_uscc").apply(to: &uscc)
        reader.choice("role", among: Attendance.roles, noun: "a role").apply(to: &role)
        var problems = reader.problems
        if email == nil { problems.insert(FieldProblem("professional_email", "is required"), at: 0) }
        return ([email, uscc?.uppercased(), role, nil, nil], problems)
    }

    func checks() -> [Query] {
        [
            // Both keys are unique: a row names at most one professional and one company.
            """
            UPDATE pg_temp.import_rows r SET professional_id = p.id
              FROM filmwg.professionals p WHERE lower(p.email) = lower(r.professional_email)
            """,
            """
            UPDATE pg_temp.import_rows r SET company_id = c.id
              FROM filmwg.companies c WHERE c.uscc = r.company_uscc
            """,
            """
            UPDATE pg_temp.import_rows
               SET problems = coalesce(problems, '{}')
                   || 'professional_email: no professional has this e-mail; add them first (filmwg professional add or import)'::text
             WHERE professional_email IS NOT NULL AND professional_id IS NULL
            """,
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}')
                   || format('professional_email: the same professional is already on line %s', d.first_line)
              FROM (SELECT line, min(line) OVER (PARTITION BY professional_id) AS first_line
                      FROM pg_temp.import_rows WHERE professional_id IS NOT NULL) d
             WHERE r.line = d.line AND d.line <> d.first_line
            """,
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format(
                       'professional_email: this professional is already recorded as attending event %s (attendance %s)',
                       a.event_id, a.id)
              FROM filmwg.attendance a
             WHERE a.event_id = \(eventId) AND a.professional_id = r.professional_id
            """,
            """
            UPDATE pg_temp.import_rows
               SET problems = coalesce(problems, '{}')
                   || format('company_uscc: no company has USCC %s; add it first with filmwg company add', company_uscc)
             WHERE company_uscc IS NOT NULL AND company_id IS NULL
            """,
        ]
    }

    func write(on db: Connection) throws -> Int {
        try db.execute(
            """
            INSERT INTO filmwg.attendance (event_id, professional_id, company_id, role)
            SELECT \(eventId), r.professional_id, r.company_id, coalesce(r.role, 'attendee')
              FROM pg_temp.import_rows r
             WHERE r.problems IS NULL
             ORDER BY r.line
            """)
    }
}
