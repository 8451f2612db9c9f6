import Foundation
public import Postgres

/// `filmwg professional import FILE.csv`: header
/// `full_name,latin_name,title,email,phone,specialties,company_uscc,employed_from,employed_to`;
/// specialties are `;`-separated, and the last three make an employment.
///
/// Besides each field's rules, an e-mail address that appears twice in the file (ignoring case)
/// or that a professional already has, and a company_uscc no company has, make a row invalid.
extension Professional: ImportedFromCSV {
    public static func importPlan(on db: Connection) throws -> ImportPlan { ImportPlan(ProfessionalSchema()) }
}

struct ProfessionalSchema: ImportSchema {
    var known: [String] { ProfessionalInput.columns + Employment.imported.names() }
    var required: [String] { ["full_name"] }
    var staging: [(String, String)] { ProfessionalInput.fields.staging() + Employment.imported.staging() }

    func stage(_ values: FieldValues) -> (fields: [String?], problems: [FieldProblem]) {
        var person = ProfessionalInput()
        var problems = person.apply(values)
        var reader = FieldReader(values)
        var company: String?
        var from: CalendarDate?
        var to: CalendarDate?
        reader.uscc("company_uscc").apply(to: &company)
        reader.date("employed_from").apply(to: &from)
        reader.date("employed_to").apply(to: &to)
        problems += reader.problems
        let companyGiven = values["company_uscc"].map { !$0.isEmpty } ?? false
        if !companyGiven, from != nil || to != nil {
            problems.append(
                FieldProblem("company_uscc", "employed_from and employed_to need the company_uscc of the employer"))
        }
        if let from, let to, to <= from {
            problems.append(
                FieldProblem(
                    "employed_to", "\(to) must be after employed_from \(from) (the last day employed is the day before)"
                ))
        }
        return (
            [
                person.fullName, person.latinName, person.title, person.email, person.phone,
                person.specialties.postgresText(), company, from?.description, to?.description,
            ], problems
        )
    }

    func checks() -> [Query] {
        [
            ImportSteps.repeatedInFile("email", caseless: true),
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format('email: %s already belongs to professional %s', r.email, p.id)
              FROM filmwg.professionals p
             WHERE lower(p.email) = lower(r.email)
            """,
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format('company_uscc: no company has USCC %s; add it first with filmwg company add', r.company_uscc)
             WHERE r.company_uscc IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM filmwg.companies c WHERE c.uscc = r.company_uscc)
            """,
        ]
    }

    /// Ids come from the professionals' own identity sequence up front (USAGE granted to
    /// filmwg_admin by migration 0005), so each employment finds its person without a query per row.
    func write(on db: Connection) throws -> Int {
        try ImportSteps.reserveIDs("filmwg.professionals", on: db)
        let written = try db.execute(
            """
            INSERT INTO filmwg.professionals (id, \(ProfessionalInput.fields.identifiers()))
            OVERRIDING SYSTEM VALUE
            SELECT i.id, \(ProfessionalInput.fields.selectList(alias: "r"))
              FROM pg_temp.import_rows r JOIN pg_temp.import_ids i USING (line)
             ORDER BY r.line
            """)
        try db.execute(
            """
            INSERT INTO filmwg.employments (professional_id, company_id, period, title)
            SELECT i.id, c.id, daterange(r.employed_from, r.employed_to, '[)'), r.title
              FROM pg_temp.import_rows r
              JOIN pg_temp.import_ids i USING (line)
              JOIN filmwg.companies c ON c.uscc = r.company_uscc
             ORDER BY r.line
            """)
        return written
    }
}
