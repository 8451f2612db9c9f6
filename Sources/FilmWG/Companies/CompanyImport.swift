import Foundation
public import Postgres

/// `filmwg company import FILE.csv`: header
/// `uscc,name,name_zh,kind,district,registered_in_zone,zone_registered_on,registered_capital,founded_on,employees`.
///
/// Besides each field's rules, a USCC that appears twice in the file (the later lines are
/// invalid) or that a company in the database already has makes a row invalid.
extension Company: ImportedFromCSV {
    public static func importPlan(on db: Connection) throws -> ImportPlan { ImportPlan(CompanySchema()) }
}

struct CompanySchema: ImportSchema {
    /// The columns of DESIGN §5, and `uscc_override_reason`, which `company list --format csv`
    /// writes, so an overridden code re-imports with its reason.
    var known: [String] { Self.staged.names() }
    /// The other columns of `company list --format csv`, ignored on import.
    var exportOnly: [String] { Company.columns.names().filter { !known.contains($0) } }
    var required: [String] { ["name"] }
    /// The editable fields and the override reason, in the order `stage` returns them.
    static let staged = CompanyInput.stored
    var staging: [(String, String)] { Self.staged.staging() }

    func stage(_ values: FieldValues) -> (fields: [String?], problems: [FieldProblem]) {
        var input = CompanyInput()
        if let reason = values["uscc_override_reason"], !reason.isEmpty { input.usccOverrideReason = reason }
        let problems = input.apply(values)
        // The amount as written (it parsed, so PostgreSQL's numeric reads the same value), which
        // spares a Decimal-to-text conversion per row.
        let capital = input.registeredCapital == nil ? nil : values["registered_capital"]
        return (
            [
                input.uscc, input.name, input.nameZh, input.kind.rawValue, input.district,
                input.registeredInZone ? "t" : "f", input.zoneRegisteredOn?.description,
                capital, input.foundedOn?.description, input.employees.map(String.init), input.usccOverrideReason,
            ], problems
        )
    }

    func checks() -> [Query] { checks(withUSCC: true, withoutUSCC: true) }

    /// Without a row lacking a USCC, the two name checks (which look only at such rows) cannot
    /// find anything and are left out, and without a row that has one, the three USCC checks;
    /// the others keep their order (a row's reasons are listed in the order the checks found
    /// them).
    func checks(for staged: StagedSummary) -> [Query] {
        let without = staged.rowsWithout("uscc")
        return checks(withUSCC: without < staged.rows, withoutUSCC: without > 0)
    }

    private func checks(withUSCC: Bool, withoutUSCC: Bool) -> [Query] {
        let uscc: [Query] = [
            ImportSteps.repeatedInFile("uscc"),
            // A division code (positions 3 to 8) that is not in the region table. One anti-join
            // finds the candidates; filmwg.uscc_region_problem (a lookup per call, not inlined)
            // words the reason for those few only (OFFSET 0 keeps it behind the join): called
            // twice for every row it was a third of the server's checks.
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || ('uscc: ' || p.problem)
              FROM (SELECT i.line, filmwg.uscc_region_problem(i.uscc) AS problem
                      FROM pg_temp.import_rows i
                     WHERE i.uscc IS NOT NULL AND i.uscc_override_reason IS NULL
                       AND NOT EXISTS (SELECT 1 FROM filmwg.regions g WHERE g.code = substr(i.uscc, 3, 6))
                    OFFSET 0) p
             WHERE r.line = p.line AND p.problem IS NOT NULL
            """,
        ]
        let names: [Query] = [
            // No USCC and the name of a company already recorded, once legal forms, bracketed
            // places, width, case and spaces are set aside: importing a file twice must not
            // double every company without a USCC.
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format('name: probable duplicate of company %s (%s); give its uscc, or merge later with company merge', d.id, d.name)
              FROM (SELECT i.line, m.id, m.name
                      FROM pg_temp.import_rows i
                     CROSS JOIN LATERAL (
                           SELECT u.id, u.name FROM (
                               SELECT c.id, c.name FROM filmwg.companies c
                                WHERE c.archived_at IS NULL
                                  AND filmwg.company_name_key(c.name) IN (filmwg.company_name_key(i.name), filmwg.company_name_key(i.name_zh))
                               UNION ALL
                               SELECT c.id, c.name FROM filmwg.companies c
                                WHERE c.archived_at IS NULL AND c.name_zh IS NOT NULL
                                  AND filmwg.company_name_key(c.name_zh) IN (filmwg.company_name_key(i.name), filmwg.company_name_key(i.name_zh))
                           ) u ORDER BY u.id LIMIT 1) m
                     WHERE i.uscc IS NULL AND filmwg.company_name_key(i.name) <> '') d
             WHERE r.line = d.line
            """,
            // The same name twice in the file without USCC: the later lines are probable duplicates.
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format('name: probable duplicate of line %s of this file', d.first)
              FROM (SELECT filmwg.company_name_key(name) AS key, min(line) AS first FROM pg_temp.import_rows
                     WHERE uscc IS NULL AND name IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d
             WHERE r.uscc IS NULL AND filmwg.company_name_key(r.name) = d.key AND r.line <> d.first
            """,
        ]
        let taken: Query =
            // A USCC a company already has.
            """
            UPDATE pg_temp.import_rows r
               SET problems = coalesce(r.problems, '{}') || format('uscc: %s already belongs to company %s (%s)', r.uscc, c.id, c.name)
              FROM filmwg.companies c
             WHERE c.uscc = r.uscc
            """
        return (withUSCC ? uscc : []) + (withoutUSCC ? names : []) + (withUSCC ? [taken] : [])
    }

    func write(on db: Connection) throws -> Int {
        try db.execute(
            """
            INSERT INTO filmwg.companies (\(Self.staged.identifiers()), uscc_override_by, uscc_override_at)
            SELECT \(Self.staged.identifiers()),
                   CASE WHEN uscc_override_reason IS NOT NULL THEN \(CompanyRepository.actor) END,
                   CASE WHEN uscc_override_reason IS NOT NULL THEN now() END
              FROM pg_temp.import_rows
             WHERE problems IS NULL
             ORDER BY line
            """)
    }
}
