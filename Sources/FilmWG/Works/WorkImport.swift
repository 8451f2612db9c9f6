import Foundation
public import Postgres

/// `filmwg work import FILE.csv`: header
/// `title,title_zh,kind,released_on,licence_no,first_producer_uscc,co_producer_usccs`
/// (co-producers `;`-separated).
///
/// Besides each field's rules: the first producer and every co-producer must be a company that
/// exists and is not archived; a co-producer is named once and is not the first producer; a
/// licence number appears once in the file and belongs to no work already recorded.
extension Work: ImportedFromCSV {
    public static func importPlan(on db: Connection) throws -> ImportPlan { ImportPlan(WorkSchema()) }
}

struct WorkSchema: ImportSchema {
    var known: [String] { WorkInput.csvColumns }
    var required: [String] { ["title", "kind", "released_on", "first_producer_uscc"] }
    var staging: [(String, String)] {
        [
            ("title", "text"), ("title_zh", "text"), ("kind", "text"), ("released_on", "date"), ("licence_no", "text"),
            ("first_producer_uscc", "text"), ("co_producer_usccs", "text[]"),
        ]
    }

    func stage(_ values: FieldValues) -> (fields: [String?], problems: [FieldProblem]) {
        var input = WorkInput()
        var problems = input.apply(values)
        var reader = FieldReader(values)
        var first: String?
        reader.uscc("first_producer_uscc").apply(to: &first)
        problems += reader.problems
        var co: [String] = []
        for code in input.coProducers {
            if let reason = USCC.problem(code) {
                problems.append(FieldProblem("co_producer_usccs", "\(code): \(reason)"))
            } else if co.contains(code) {
                problems.append(FieldProblem("co_producer_usccs", "\(code) is named twice; name each co-producer once"))
            } else if code == first {
                problems.append(
                    FieldProblem(
                        "co_producer_usccs",
                        "\(code) is the first producer; a company is either the first producer or a co-producer"))
            } else {
                co.append(code)
            }
        }
        return (
            [
                input.title, input.titleZh, input.kind?.rawValue, input.releasedOn?.description, input.licenceNo,
                first, co.postgresText(),
            ], problems
        )
    }

    func checks() -> [Query] {
        [
            ImportSteps.knownCompany(
                "first_producer_uscc", archived: "; an archived company cannot be credited on a work"),
            // Every unknown or archived co-producer of a row, in the order written.
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || bad.problems
              FROM (SELECT s.line,
                           array_agg(CASE WHEN c.id IS NULL
                                   THEN format('co_producer_usccs: no company has USCC %s; add it first with filmwg company add', u.code)
                                   ELSE format('co_producer_usccs: company %s is archived; an archived company cannot be credited on a work', u.code) END
                                   ORDER BY u.n) AS problems
                      FROM pg_temp.import_rows s
                     CROSS JOIN LATERAL unnest(s.co_producer_usccs) WITH ORDINALITY AS u(code, n)
                      LEFT JOIN filmwg.companies c ON c.uscc = u.code
                     WHERE c.id IS NULL OR c.archived_at IS NOT NULL
                     GROUP BY s.line) bad
             WHERE r.line = bad.line
            """,
            ImportSteps.repeatedInFile("licence_no"),
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format('licence_no: %s is already recorded for work %s (%s)', r.licence_no, w.id, w.title)
              FROM filmwg.works w
             WHERE w.licence_no = r.licence_no
            """,
        ]
    }

    /// Ids come from the works' identity sequence up front (USAGE granted to filmwg_admin by
    /// migration 0013), so the co-producers find their work without a query per row.
    func write(on db: Connection) throws -> Int {
        try ImportSteps.reserveIDs("filmwg.works", on: db)
        let written = try db.execute(
            """
            INSERT INTO filmwg.works (id, title, title_zh, kind, released_on, licence_no, first_producer_id)
            OVERRIDING SYSTEM VALUE
            SELECT i.id, r.title, r.title_zh, r.kind, r.released_on, r.licence_no, c.id
              FROM pg_temp.import_rows r
              JOIN pg_temp.import_ids i USING (line)
              JOIN filmwg.companies c ON c.uscc = r.first_producer_uscc
             ORDER BY r.line
            """)
        try db.execute(
            """
            INSERT INTO filmwg.work_co_producers (work_id, company_id, first_producer_id)
            SELECT i.id, c.id, f.id
              FROM pg_temp.import_rows r
              JOIN pg_temp.import_ids i USING (line)
              JOIN filmwg.companies f ON f.uscc = r.first_producer_uscc
             CROSS JOIN LATERAL unnest(r.co_producer_usccs) WITH ORDINALITY AS u(code, n)
              JOIN filmwg.companies c ON c.uscc = u.code
             ORDER BY r.line, u.n
            """)
        return written
    }
}
