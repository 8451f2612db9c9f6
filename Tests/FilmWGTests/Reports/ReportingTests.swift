import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// Schema `reporting` as analysts meet it: through the role filmwg_reporting, with psql.
@Suite struct ReportingTests {
    static let views = [
        "awards", "benefits_by_policy_year", "companies_by_kind", "company_engagement", "eligibility_changes",
        "event_attendance",
        "grants_by_policy_year", "member_roster", "membership_growth", "policy_eligibility_current",
        "role_history", "role_holders_current", "works_by_company",
    ]
    static let viewsTakingADay = [
        "company_engagement", "member_roster", "membership_growth", "policy_eligibility_current",
        "role_history", "role_holders_current",
    ]

    @Test func everyReportNamedInTheDesignIsAView() throws {
        try TestDatabase.with { db in
            let found = try texts(
                db.connectRaw(),
                """
                SELECT relname::text FROM pg_class
                 WHERE relnamespace = 'reporting'::regnamespace AND relkind = 'v' ORDER BY 1
                """
            ).map { $0[0]! }
            #expect(found == Self.views)
        }
    }

    @Test func theReportingRoleReadsEveryViewAndEveryAsOfFunction() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertFixture(connection)
            try connection.execute("SET ROLE filmwg_reporting")
            for view in Self.views {
                _ = try connection.query("SELECT * FROM reporting.\(identifier: view)")
            }
            for view in Self.viewsTakingADay {
                _ = try connection.query(
                    "SELECT * FROM reporting.\(identifier: view + "_as_of")(\(CalendarDate(iso: "2019-06-01")!))")
            }
            #expect(try connection.query("SELECT reporting.as_of()").count == 1)
        }
    }

    @Test func theReportingRoleCannotReadAnyTableOfSchemaFilmwg() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            let tables = try texts(
                connection,
                """
                SELECT relname::text FROM pg_class
                 WHERE relnamespace = 'filmwg'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'f')
                 ORDER BY 1
                """
            ).map { $0[0]! }
            #expect(tables.contains("professionals") && tables.contains("audit_log") && tables.count >= 17)
            try connection.execute("SET ROLE filmwg_reporting")
            for table in tables {
                let error = #expect(throws: PostgresError.self, "\(table)") {
                    try connection.query("SELECT 1 FROM filmwg.\(identifier: table) LIMIT 1")
                }
                #expect(error?.sqlState == "42501", "\(table): \(String(describing: error))")
            }
            // Nor the migrator's bookkeeping, nor the facts function of the job.
            for statement in [
                "SELECT * FROM public.filmwg_schema_migrations", "SELECT * FROM filmwg.company_facts(current_date)",
            ] {
                let error = #expect(throws: PostgresError.self) { try connection.query(Query(unsafeSQL: statement)) }
                #expect(error?.sqlState == "42501", "\(statement)")
            }
        }
    }

    /// Views run with their owner's rights, so a view is the only way to base data; the
    /// functions of schema reporting must not open another.
    @Test func noFunctionOfSchemaReportingGivesMoreThanAView() throws {
        try TestDatabase.with { db in
            let functions = try texts(
                db.connectRaw(),
                """
                SELECT p.proname::text,
                       pg_get_function_identity_arguments(p.oid),
                       format_type(p.prorettype, NULL),
                       p.proretset::text,
                       p.prosecdef::text,
                       coalesce((SELECT bool_or(a.grantee = 0) FROM aclexplode(p.proacl) a), true)::text,
                       has_function_privilege('filmwg_job', p.oid, 'EXECUTE')::text
                  FROM pg_proc p
                 WHERE p.pronamespace = 'reporting'::regnamespace
                 ORDER BY 1
                """)
            #expect(functions.map { $0[0]! } == ["as_of"] + Self.viewsTakingADay.map { $0 + "_as_of" }.sorted())
            for row in functions {
                let (name, arguments, returns, returnsSet, definer, forPublic, forJob) =
                    (row[0]!, row[1]!, row[2]!, row[3]!, row[4]!, row[5]!, row[6]!)
                #expect(forPublic == "false", "\(name) is executable by PUBLIC")
                #expect(forJob == "false", "\(name) is executable by filmwg_job")
                if name == "as_of" {
                    #expect(arguments.isEmpty && returns == "date" && definer == "false")
                } else {
                    // Same rows as its view: returns SETOF the view's own row type.
                    #expect(arguments == "day date", "\(name)")
                    #expect(returns == "reporting." + name.dropLast("_as_of".count), "\(name)")
                    #expect(returnsSet == "true", "\(name)")
                }
            }
            // Default privileges give the reporting role nothing outside schema reporting.
            let defaults = try texts(
                db.connectRaw(),
                """
                SELECT d.defaclnamespace::regnamespace::text
                  FROM pg_default_acl d, aclexplode(d.defaclacl) a
                 WHERE a.grantee IN ('filmwg_reporting'::regrole, 0)
                   AND d.defaclnamespace <> 'reporting'::regnamespace
                """)
            #expect(defaults.isEmpty, "\(defaults)")
        }
    }

    @Test func anAsOfFunctionForTodayGivesExactlyItsView() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertFixture(connection)
            try connection.execute("SET ROLE filmwg_reporting")
            for view in Self.viewsTakingADay {
                let differences = try connection.query(
                    """
                    SELECT count(*)::integer FROM (
                        (SELECT * FROM reporting.\(identifier: view)
                         EXCEPT ALL SELECT * FROM reporting.\(identifier: view + "_as_of")(reporting.as_of()))
                        UNION ALL
                        (SELECT * FROM reporting.\(identifier: view + "_as_of")(reporting.as_of())
                         EXCEPT ALL SELECT * FROM reporting.\(identifier: view))) x
                    """
                ).one().decode(Int.self, at: 0)
                #expect(differences == 0, "\(view)")
            }
            // The day set for one call does not stay behind.
            _ = try connection.query("SELECT * FROM reporting.member_roster_as_of('2019-12-31')")
            let setting = try connection.query("SELECT coalesce(current_setting('reporting.as_of', true), '')").one()
                .decode(String.self, at: 0)
            #expect(setting.isEmpty)
        }
    }

    @Test func noViewHasAColumnThatSoundsLikeContactOrIdentityData() throws {
        try TestDatabase.with { db in
            let columns = try texts(
                db.connectRaw(),
                """
                SELECT table_name::text || '.' || column_name::text
                  FROM information_schema.columns
                 WHERE table_schema = 'reporting'
                """
            ).map { $0[0]! }
            #expect(columns.count > 50)
            let forbidden = [
                "mail", "phone", "mobile", "tel", "fax", "wechat", "weixin", "qq", "address",
                "contact", "id_number", "id_card", "identity", "passport", "birth", "latin_name",
            ]
            let found = columns.filter { column in
                let name = column.split(separator: ".").last.map(String.init) ?? column
                return forbidden.contains { name.localizedCaseInsensitiveContains($0) }
            }
            #expect(found.isEmpty, "\(found)")
        }
    }

    @Test func professionalsContactDataNeverReachesAReport() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertFixture(connection)
            try connection.execute("SET ROLE filmwg_reporting")
            for view in Self.views {
                let text = try texts(connection, "SELECT t::text FROM reporting.\(identifier: view) t").map {
                    $0[0] ?? ""
                }.joined()
                #expect(!text.contains("@example.org") && !text.contains("13800138000"), "\(view)")
            }
        }
    }

    @Test func everyViewColumnAndFunctionIsDescribedInEnglishAndChinese() throws {
        try TestDatabase.with { db in
            let comments = try texts(
                db.connectRaw(),
                """
                SELECT 'view ' || c.relname, obj_description(c.oid, 'pg_class')
                  FROM pg_class c WHERE c.relnamespace = 'reporting'::regnamespace AND c.relkind = 'v'
                UNION ALL
                SELECT 'column ' || c.relname || '.' || a.attname, col_description(c.oid, a.attnum)
                  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 WHERE c.relnamespace = 'reporting'::regnamespace AND c.relkind = 'v'
                UNION ALL
                SELECT 'function ' || p.proname, obj_description(p.oid, 'pg_proc')
                  FROM pg_proc p WHERE p.pronamespace = 'reporting'::regnamespace
                """)
            #expect(comments.count > 70)
            for row in comments {
                let comment = row[1] ?? ""
                #expect(comment.contains { $0.isASCII && $0.isLetter }, "\(row[0]!) has no English")
                #expect(
                    comment.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
                    "\(row[0]!) has no Chinese")
            }
        }
    }

    // MARK: Values over a small fixture

    @Test func memberRosterListsTodaysMembersAndAnyEarlierDay() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertFixture(connection)
            try connection.execute("SET ROLE filmwg_reporting")
            #expect(
                try texts(
                    connection,
                    "SELECT name, tier, member_since::text, left_on::text FROM reporting.member_roster ORDER BY name")
                    == [
                        ["Alpha Pictures", "initiating", "2017-05-20", nil],
                        ["Beta Films", "observer", "2020-01-01", nil],
                    ])
            // Delta was archived today: a member on that day, not after it.
            #expect(
                try texts(
                    connection,
                    "SELECT name, tier, left_on::text FROM reporting.member_roster_as_of('2019-12-31') ORDER BY name")
                    == [
                        ["Alpha Pictures", "initiating", nil],
                        ["Beta Films", "member", "2020-01-01"],
                        ["Delta Media", "member", nil],
                        ["Gamma Online", "member", "2021-06-01"],
                    ])
            #expect(
                try texts(connection, "SELECT count(*)::text FROM reporting.member_roster_as_of('2017-05-19')") == [
                    ["0"]
                ])
            // The session setting gives the same day to the plain view (BI tools).
            try connection.execute("SET reporting.as_of = '2019-12-31'")
            #expect(try texts(connection, "SELECT count(*)::text FROM reporting.member_roster") == [["4"]])
        }
    }

    @Test func membershipGrowthCountsYearEndsJoinsAndLeavesUpToTheDay() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertFixture(connection)
            try connection.execute("SET ROLE filmwg_reporting")
            let rows = try texts(
                connection,
                """
                SELECT year::text, tier, members_at_year_end::text, joined::text, left_in_year::text
                  FROM reporting.membership_growth_as_of('2020-06-30') ORDER BY year, tier
                """)
            #expect(
                rows == [
                    ["2017", "initiating", "1", "1", "0"], ["2017", "member", "1", "1", "0"],
                    ["2017", "observer", "0", "0", "0"],
                    ["2018", "initiating", "1", "0", "0"], ["2018", "member", "2", "1", "0"],
                    ["2018", "observer", "0", "0", "0"],
                    ["2019", "initiating", "1", "0", "0"], ["2019", "member", "3", "1", "0"],
                    ["2019", "observer", "0", "0", "0"],
                    ["2020", "initiating", "1", "0", "0"], ["2020", "member", "2", "0", "1"],
                    ["2020", "observer", "1", "1", "0"],
                ])
            // Today: a row per tier for every year up to this one.
            let years = try texts(
                connection, "SELECT count(*)::text, min(year)::text, max(year)::text FROM reporting.membership_growth")
            let thisYear = try texts(connection, "SELECT extract(year FROM reporting.as_of())::integer::text")[0][0]!
            #expect(years == [[String((Int(thisYear)! - 2017 + 1) * 3), "2017", thisYear]])
            // Archiving Delta today ended its membership today: the same count as the roster.
            #expect(
                try texts(
                    connection,
                    """
                    SELECT sum(members_at_year_end)::text, sum(left_in_year) FILTER (WHERE tier = 'member')::text
                      FROM reporting.membership_growth WHERE year = extract(year FROM reporting.as_of())
                    """) == [["2", "1"]])
            #expect(try texts(connection, "SELECT count(*)::text FROM reporting.member_roster") == [["2"]])
        }
    }

    @Test func companiesByKindCountsActiveCompaniesOfEveryKind() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertFixture(connection)
            try connection.execute("SET ROLE filmwg_reporting")
            #expect(
                try texts(
                    connection,
                    "SELECT kind, companies::text, in_zone::text, total_capital::text FROM reporting.companies_by_kind ORDER BY kind"
                ) == [
                    ["distribution", "0", "0", "0"],
                    ["internet_platform", "1", "1", "500.00"],
                    ["investment", "0", "0", "0"],
                    ["other", "0", "0", "0"],
                    ["post_production", "0", "0", "0"],
                    ["production", "2", "1", "1000000.00"],
                    ["technology", "0", "0", "0"],
                ])
        }
    }

    @Test func eventAttendanceCountsProfessionalsAndCompaniesByRole() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertFixture(connection)
            try connection.execute(
                "SELECT filmwg.erase_professional(id) FROM filmwg.professionals WHERE full_name = '王五'")
            try connection.execute("SET ROLE filmwg_reporting")
            #expect(
                try texts(
                    connection,
                    """
                    SELECT event_name, event_day::text, role, companies::text, professionals::text
                      FROM reporting.event_attendance ORDER BY event_day, role
                    """) == [
                        ["Launch ceremony", "2017-05-20", "attendee", "2", "2"],
                        ["Launch ceremony", "2017-05-20", "speaker", "1", "1"],
                        ["Forum 2019", "2019-09-01", "attendee", "1", "1"],
                        ["Forum 2019", "2019-09-01", "guest", "0", "1"],
                        ["Forum 2019", "2019-09-01", "host", "1", "1"],
                    ])
        }
    }

    @Test func companyEngagementCountsEventsAndPositionsUpToTheDay() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertFixture(connection)
            try connection.execute("SET ROLE filmwg_reporting")
            let columns =
                "name, events_attended::text, attendances::text, positions_held_now::text, positions_ever::text"
            #expect(
                try texts(connection, "SELECT \(unsafeRaw: columns) FROM reporting.company_engagement ORDER BY name")
                    == [
                        ["Alpha Pictures", "2", "3", "0", "1"],
                        ["Beta Films", "1", "1", "1", "1"],
                        ["Gamma Online", "1", "1", "1", "1"],
                    ])
            #expect(
                try texts(
                    connection,
                    "SELECT \(unsafeRaw: columns) FROM reporting.company_engagement_as_of('2018-01-01') ORDER BY name")
                    == [
                        ["Alpha Pictures", "1", "2", "1", "1"],
                        ["Beta Films", "1", "1", "1", "1"],
                        ["Delta Media", "0", "0", "0", "0"],
                        ["Gamma Online", "0", "0", "0", "0"],
                    ])
        }
    }

    @Test func roleReportsShowHoldersOnTheDayAndEveryTermWithoutErasedNames() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertFixture(connection)
            try connection.execute(
                "SELECT filmwg.erase_professional(id) FROM filmwg.professionals WHERE full_name = '王五'")
            try connection.execute("SET ROLE filmwg_reporting")
            #expect(
                try texts(
                    connection,
                    "SELECT position, holder_name, company_name FROM reporting.role_holders_current ORDER BY position")
                    == [
                        ["deputy_head", nil, "Beta Films"],
                        ["head", "李四", "Gamma Online"],
                    ])
            #expect(
                try texts(
                    connection,
                    "SELECT position, holder_name FROM reporting.role_holders_current_as_of('2018-01-01') ORDER BY position"
                ) == [
                    ["deputy_head", nil],
                    ["head", "张三"],
                ])
            #expect(
                try texts(
                    connection,
                    "SELECT position, holder_name, term_from::text, term_to::text, is_current::text FROM reporting.role_history ORDER BY term_from, position"
                ) == [
                    ["deputy_head", nil, "2017-05-20", nil, "true"],
                    ["head", "张三", "2017-05-20", "2019-05-20", "false"],
                    ["head", "李四", "2019-05-20", nil, "true"],
                ])
            #expect(
                try texts(
                    connection,
                    "SELECT holder_name, is_current::text FROM reporting.role_history_as_of('2018-01-01') WHERE position = 'head' ORDER BY term_from"
                ) == [
                    ["张三", "true"], ["李四", "false"],
                ])
        }
    }

    @Test func eligibilityReportsReadTheLatestSucceededRunUpToTheDay() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertFixture(connection)
            try connection.execute("SET ROLE filmwg_reporting")
            // The dry run and the run for 2099 are not current; the 2020 run is.
            #expect(
                try texts(
                    connection,
                    "SELECT as_of::text, policy_code, version::text, company_name, eligible::text FROM reporting.policy_eligibility_current ORDER BY company_name"
                ) == [
                    ["2020-01-01", "studio-rent", "1", "Alpha Pictures", "true"],
                    ["2020-01-01", "studio-rent", "1", "Beta Films", "true"],
                ])
            #expect(
                try texts(
                    connection,
                    "SELECT as_of::text, company_name, eligible::text FROM reporting.policy_eligibility_current_as_of('2019-06-30') ORDER BY company_name"
                ) == [
                    ["2019-01-01", "Alpha Pictures", "true"],
                    ["2019-01-01", "Beta Films", "false"],
                ])
            #expect(
                try texts(
                    connection, "SELECT count(*)::text FROM reporting.policy_eligibility_current_as_of('2018-12-31')")
                    == [["0"]])
            #expect(
                try texts(
                    connection,
                    "SELECT as_of::text, policy_code, company_name, change FROM reporting.eligibility_changes") == [
                        ["2020-01-01", "studio-rent", "Beta Films", "newly_eligible"]
                    ])
        }
    }

    @Test func grantsByPolicyYearSumsAmountsPerYearAndStatus() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertFixture(connection)
            try connection.execute("SET ROLE filmwg_reporting")
            #expect(
                try texts(
                    connection,
                    "SELECT policy_code, year::text, status, grants::text, total_amount::text FROM reporting.grants_by_policy_year ORDER BY year, status"
                ) == [
                    ["studio-rent", "2019", "approved", "1", "20000.00"],
                    ["studio-rent", "2019", "paid", "2", "60000.00"],
                    ["studio-rent", "2020", "rejected", "1", "10000.00"],
                ])
        }
    }
}

/// The fixture of these tests, for the tests of the summaries (SummaryTests).
func insertReportingFixture(_ db: Connection) throws { try insertFixture(db) }

/// A few records of every kind the reports read, inserted with SQL as filmwg_admin would.
private func insertFixture(_ db: Connection) throws {
    try db.executeScript(
        unsafeSQL: """
            SELECT set_config('filmwg.actor', 'reporting-test', false);
            INSERT INTO filmwg.companies (uscc, name, name_zh, kind, registered_in_zone, zone_registered_on, registered_capital)
            VALUES ('91110116000000001W', 'Alpha Pictures', '阿尔法影业', 'production', true, '2016-01-01', 1000000),
                   (NULL, 'Beta Films', '贝塔电影', 'production', false, NULL, NULL),
                   ('911101160000000020', 'Gamma Online', '伽马在线', 'internet_platform', true, '2018-01-01', 500),
                   (NULL, 'Delta Media', NULL, 'other', false, NULL, 42);
            UPDATE filmwg.companies SET archived_at = now() WHERE name = 'Delta Media';
            INSERT INTO filmwg.memberships (company_id, tier, period)
            SELECT c.id, m.tier, m.period::daterange FROM filmwg.companies c JOIN (VALUES
                ('Alpha Pictures', 'initiating', '[2017-05-20,)'),
                ('Beta Films', 'member', '[2018-03-01,2020-01-01)'),
                ('Beta Films', 'observer', '[2020-01-01,)'),
                ('Gamma Online', 'member', '[2019-06-01,2021-06-01)'),
                ('Delta Media', 'member', '[2017-05-20,)')) AS m(company, tier, period) ON m.company = c.name;
            INSERT INTO filmwg.professionals (full_name, latin_name, email, phone)
            VALUES ('张三', 'Zhang San', 'zhang@example.org', '13800138000'),
                   ('李四', 'Li Si', 'li@example.org', NULL),
                   ('王五', 'Wang Wu', NULL, '13800138001');
            INSERT INTO filmwg.events (name, kind, starts_at)
            VALUES ('Launch ceremony', 'ceremony', '2017-05-20 10:00+08'),
                   ('Forum 2019', 'forum', '2019-09-01 00:30+08');
            INSERT INTO filmwg.attendance (event_id, professional_id, company_id, role)
            SELECT e.id, p.id, c.id, a.role FROM (VALUES
                ('Launch ceremony', '张三', 'Alpha Pictures', 'speaker'),
                ('Launch ceremony', '李四', 'Alpha Pictures', 'attendee'),
                ('Launch ceremony', '王五', 'Beta Films', 'attendee'),
                ('Forum 2019', '张三', 'Alpha Pictures', 'host'),
                ('Forum 2019', '李四', 'Gamma Online', 'attendee'),
                ('Forum 2019', '王五', NULL, 'guest')) AS a(event, person, company, role)
              JOIN filmwg.events e ON e.name = a.event
              JOIN filmwg.professionals p ON p.full_name = a.person
              LEFT JOIN filmwg.companies c ON c.name = a.company;
            INSERT INTO filmwg.role_assignments (position_id, professional_id, company_id, term)
            SELECT pos.id, p.id, c.id, r.term::daterange FROM (VALUES
                ('head', '张三', 'Alpha Pictures', '[2017-05-20,2019-05-20)'),
                ('head', '李四', 'Gamma Online', '[2019-05-20,)'),
                ('deputy_head', '王五', 'Beta Films', '[2017-05-20,)')) AS r(position, person, company, term)
              JOIN filmwg.positions pos ON pos.code = r.position
              JOIN filmwg.professionals p ON p.full_name = r.person
              JOIN filmwg.companies c ON c.name = r.company;
            INSERT INTO filmwg.policies (code, title, cap) VALUES ('studio-rent', 'Studio rent subsidy', 100000);
            INSERT INTO filmwg.policy_versions (policy_id, valid, rule, criteria)
            SELECT id, '[2017-01-01,)', 'registered_in_zone', '{registered_in_zone}' FROM filmwg.policies;
            INSERT INTO filmwg.job_runs (job, as_of, status, dry_run, finished_at)
            VALUES ('eligibility', '2019-01-01', 'succeeded', false, now()),
                   ('eligibility', '2020-01-01', 'succeeded', false, now()),
                   ('eligibility', '2020-01-01', 'succeeded', true, now()),
                   ('eligibility', '2099-01-01', 'succeeded', false, now());
            INSERT INTO filmwg.determinations (run_id, policy_version_id, company_id, eligible, criteria_values)
            SELECT r.id, v.id, c.id, d.eligible, ARRAY[d.eligible]
              FROM (VALUES ('2019-01-01', false, 'Alpha Pictures', true), ('2019-01-01', false, 'Beta Films', false),
                           ('2020-01-01', false, 'Alpha Pictures', true), ('2020-01-01', false, 'Beta Films', true),
                           ('2020-01-01', true, 'Beta Films', false), ('2099-01-01', false, 'Gamma Online', true))
                   AS d(as_of, dry, company, eligible)
              JOIN filmwg.job_runs r ON r.as_of = d.as_of::date AND r.dry_run = d.dry
              JOIN filmwg.companies c ON c.name = d.company
             CROSS JOIN filmwg.policy_versions v;
            INSERT INTO filmwg.determination_changes (run_id, policy_version_id, company_id, change, previous_run_id)
            SELECT r.id, v.id, c.id, 'newly_eligible', (SELECT id FROM filmwg.job_runs WHERE as_of = '2019-01-01')
              FROM filmwg.job_runs r, filmwg.policy_versions v, filmwg.companies c
             WHERE r.as_of = '2020-01-01' AND NOT r.dry_run AND c.name = 'Beta Films';
            -- Grants decided before the workflow existed, loaded as history without its triggers.
            SET session_replication_role = replica;
            INSERT INTO filmwg.grants (policy_id, company_id, amount, status, applied_on, year, paid_on, reason)
            SELECT p.id, c.id, g.amount, g.status, g.applied_on::date, extract(year FROM g.applied_on::date)::integer,
                   CASE WHEN g.status = 'paid' THEN g.applied_on::date END, CASE WHEN g.status = 'rejected' THEN 'test' END
              FROM (VALUES ('Alpha Pictures', 50000, 'paid', '2019-03-01'), ('Gamma Online', 10000, 'paid', '2019-12-31'),
                           ('Alpha Pictures', 20000, 'approved', '2019-07-01'), ('Beta Films', 10000, 'rejected', '2020-02-01'))
                   AS g(company, amount, status, applied_on)
              JOIN filmwg.companies c ON c.name = g.company
             CROSS JOIN filmwg.policies p;
            RESET session_replication_role;
            """)
}

/// Every cell of a result as text (NULL as nil), for comparing whole results at once.
private func texts(_ db: Connection, _ query: Query) throws -> [[String?]] {
    try db.query(query).map { row in row.columnNames.indices.map { row.text(at: $0) } }
}
