import Foundation
public import Postgres

/// `filmwg member import FILE.csv`: header `company_uscc,tier,joined_on,left_on`; each row a
/// membership over the half-open period `[joined_on, left_on)` (left_on empty: still a member).
///
/// Besides each field's rules: the company must exist and not be archived, and the period must
/// not overlap another period of the same company, in the file or in the database.
extension Membership: ImportedFromCSV {
    public static func importPlan(on db: Connection) throws -> ImportPlan { ImportPlan(MembershipSchema()) }
}

struct MembershipSchema: ImportSchema {
    /// The company by its USCC, then the membership's own columns as `Membership` describes them.
    static let columns: [RecordColumn<Membership>] =
        [.text("company_uscc", \.companyUSCC, form: "CODE", about: "the member company's USCC")]
        + Membership.columns.filter { ["tier", "joined_on", "left_on"].contains($0.name) }
    var known: [String] { Self.columns.names() }
    var required: [String] { ["company_uscc", "tier", "joined_on"] }
    var staging: [(String, String)] { Self.columns.staging() }

    func stage(_ values: FieldValues) -> (fields: [String?], problems: [FieldProblem]) {
        var reader = FieldReader(values)
        var company: String?
        var tier: String?
        var joined: CalendarDate?
        var left: CalendarDate?
        reader.uscc("company_uscc").apply(to: &company)
        reader.choice("tier", among: MembershipTier.names, noun: "a tier").apply(to: &tier)
        reader.date("joined_on").apply(to: &joined)
        reader.date("left_on").apply(to: &left)
        var problems = reader.problems
        let bad = Set(problems.map(\.column))
        for (column, value) in [("company_uscc", company), ("tier", tier)] where value == nil && !bad.contains(column) {
            problems.append(FieldProblem(column, "is required"))
        }
        if joined == nil, !bad.contains("joined_on") { problems.append(FieldProblem("joined_on", "is required")) }
        if let joined, let left, left <= joined {
            problems.append(
                FieldProblem(
                    "left_on", "\(left) must be after joined_on \(joined) (the last day as a member is the day before)")
            )
        }
        return ([company, tier, joined?.description, left?.description], problems)
    }

    func checks() -> [Query] {
        [
            ImportSteps.knownCompany("company_uscc", archived: "; an archived company cannot join"),
            // Overlaps between rows of the file: the later row names the earlier one.
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format('joined_on: the period overlaps the one on line %s for the same company', o.other)
              FROM (SELECT DISTINCT ON (a.line) a.line, b.line AS other
                      FROM pg_temp.import_rows a
                      JOIN pg_temp.import_rows b
                        ON b.company_uscc = a.company_uscc AND b.line < a.line
                       AND daterange(b.joined_on, b.left_on, '[)') && daterange(a.joined_on, a.left_on, '[)')
                     WHERE a.joined_on IS NOT NULL AND b.joined_on IS NOT NULL
                       AND (a.left_on IS NULL OR a.left_on > a.joined_on)
                       AND (b.left_on IS NULL OR b.left_on > b.joined_on)
                     ORDER BY a.line, b.line) o
             WHERE r.line = o.line
            """,
            // Overlaps with memberships already recorded.
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format(
                       'joined_on: the period overlaps the existing %s membership of company %s from %s%s',
                       o.tier, r.company_uscc, o.joined_on,
                       CASE WHEN o.left_on IS NULL THEN ', still open'
                            ELSE format(' to %s (left on %s)', o.left_on - 1, o.left_on) END)
              FROM (SELECT DISTINCT ON (s.line) s.line, m.tier, lower(m.period) AS joined_on, upper(m.period) AS left_on
                      FROM pg_temp.import_rows s
                      JOIN filmwg.companies c ON c.uscc = s.company_uscc
                      JOIN filmwg.memberships m
                        ON m.company_id = c.id AND m.period && daterange(s.joined_on, s.left_on, '[)')
                     WHERE s.joined_on IS NOT NULL AND (s.left_on IS NULL OR s.left_on > s.joined_on)
                     ORDER BY s.line, lower(m.period)) o
             WHERE r.line = o.line
            """,
        ]
    }

    func write(on db: Connection) throws -> Int {
        try db.execute(
            """
            INSERT INTO filmwg.memberships (company_id, tier, period)
            SELECT c.id, r.tier, daterange(r.joined_on, r.left_on, '[)')
              FROM pg_temp.import_rows r JOIN filmwg.companies c ON c.uscc = r.company_uscc
             WHERE r.problems IS NULL
             ORDER BY r.line
            """)
    }
}
