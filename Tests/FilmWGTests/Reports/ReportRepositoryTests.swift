import FilmWG
import Postgres
import TestSupport
import Testing

@Suite struct ReportRepositoryTests {
    @Test func listNamesEveryViewWithItsCommentAndWhetherItTakesADay() throws {
        try TestDatabase.with { db in
            let reports = try ReportRepository(db.connect()).list()
            #expect(reports.map(\.name) == ReportingTests.views)
            #expect(reports.filter(\.takesDay).map(\.name) == ReportingTests.viewsTakingADay)
            let roster = try #require(reports.first { $0.name == "member_roster" })
            #expect(roster.comment.hasPrefix("Member companies on the report day"))
            #expect(roster.comment.contains("成员单位"))
        }
    }

    @Test func theReportingRoleListsAndRunsReports() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.execute(
                "INSERT INTO filmwg.companies (name, kind, registered_capital) VALUES ('Alpha Pictures', 'production', 1000000.50)"
            )
            try connection.execute("SET ROLE filmwg_reporting")
            let reports = ReportRepository(connection)
            #expect(try reports.list().count == ReportingTests.views.count)
            let table = try reports.run("companies_by_kind")
            #expect(
                table.columns == [
                    ReportColumn(name: "kind", kind: .text), ReportColumn(name: "companies", kind: .number),
                    ReportColumn(name: "in_zone", kind: .number), ReportColumn(name: "total_capital", kind: .number),
                    ReportColumn(name: "as_of", kind: .text), ReportColumn(name: "computed_at", kind: .text),
                ])
            // Sorted by the columns from the left: kinds in order.
            #expect(
                table.values(of: "kind")
                    == [
                        "distribution", "internet_platform", "investment", "other",
                        "post_production", "production", "technology",
                    ].map(ReportValue.text))
            #expect(
                table.rows[5].prefix(4) == [.text("production"), .number("1"), .number("0"), .number("1000000.50")])
        }
    }

    @Test func cellsCarryBooleansNullsDatesAndInstantsInTheGroupsCalendar() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.executeScript(
                unsafeSQL: """
                    INSERT INTO filmwg.professionals (full_name) VALUES ('张三');
                    INSERT INTO filmwg.role_assignments (position_id, professional_id, term)
                    SELECT pos.id, p.id, '[2017-05-20,)' FROM filmwg.positions pos, filmwg.professionals p WHERE pos.code = 'head';
                    INSERT INTO filmwg.companies (name) VALUES ('Alpha Pictures');
                    INSERT INTO filmwg.events (name, starts_at) VALUES ('Launch ceremony', '2017-05-20 00:30+08');
                    INSERT INTO filmwg.attendance (event_id, professional_id, company_id)
                    SELECT e.id, p.id, c.id FROM filmwg.events e, filmwg.professionals p, filmwg.companies c;
                    """)
            let reports = ReportRepository(connection)
            let history = try reports.run("role_history")
            #expect(history.values(of: "holder_name") == [.text("张三")])
            #expect(history.values(of: "term_from") == [.text("2017-05-20")])
            #expect(history.values(of: "term_to") == [.null])
            #expect(history.values(of: "is_current") == [.boolean(true)])
            #expect(
                try reports.run("role_history", asOf: CalendarDate(iso: "2017-05-19")).values(of: "is_current") == [
                    .boolean(false)
                ])
            // 2017-05-19 16:30 UTC is the 20th in Beijing.
            let engagement = try reports.run("company_engagement")
            #expect(engagement.values(of: "last_event_at") == [.text("2017-05-20 00:30:00+08")])
            let attendance = try reports.run("event_attendance")
            #expect(attendance.values(of: "event_day") == [.text("2017-05-20")])
        }
    }

    @Test func aDayAndALimitAreAppliedByTheDatabase() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.executeScript(
                unsafeSQL: """
                    INSERT INTO filmwg.companies (name) SELECT 'Company ' || i FROM generate_series(1, 5) i;
                    INSERT INTO filmwg.memberships (company_id, tier, period)
                    SELECT id, 'member', daterange(date '2017-12-31' + id::integer, NULL) FROM filmwg.companies;
                    """)
            let reports = ReportRepository(connection)
            #expect(try reports.run("member_roster").rows.count == 5)
            #expect(
                try reports.run("member_roster", asOf: CalendarDate(iso: "2018-01-02")).values(of: "name") == [
                    .text("Company 1"), .text("Company 2"),
                ])
            #expect(
                try reports.run("member_roster", limit: 3).values(of: "name")
                    == ["Company 1", "Company 2", "Company 3"].map(ReportValue.text))
            #expect(try reports.run("member_roster", limit: 0).rows.isEmpty)
            #expect(try reports.run("member_roster", limit: 0).columns.count == 10)
        }
    }

    /// json has no ordering: such a column is printed as JSON and left out of the sort.
    @Test func aJSONColumnIsKeptAsJSONAndDoesNotBreakTheSort() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try connection.execute(
                """
                CREATE VIEW reporting.json_sample AS
                SELECT '{"b": [1, 2]}'::json AS detail, n, 'NaN'::numeric AS odd FROM generate_series(2, 1, -1) n
                """)
            let table = try ReportRepository(connection).run("json_sample")
            #expect(table.columns.map(\.kind) == [.json, .number, .number])
            #expect(
                table.rows == [
                    [.json(#"{"b": [1, 2]}"#), .number("1"), .text("NaN")],
                    [.json(#"{"b": [1, 2]}"#), .number("2"), .text("NaN")],
                ])
        }
    }

    @Test func aReportLargerThanOneBatchStreamsEveryRowOnce() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.execute(
                "INSERT INTO filmwg.companies (name) SELECT 'Company ' || lpad(i::text, 5, '0') FROM generate_series(1, 4500) i"
            )
            var columns: [ReportColumn] = []
            var ids: [String] = []
            try ReportRepository(connection).stream("company_engagement") {
                columns = $0
            } row: { values in
                if case .number(let id) = values[0] { ids.append(id) }
            }
            #expect(columns.first?.name == "company_id")
            #expect(ids.count == 4500)
            #expect(ids.map { Int($0)! } == ids.map { Int($0)! }.sorted())
        }
    }

    @Test func anUnknownNameIsRefusedWithTheNearestAndNeverReachesTheSQL() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let reports = ReportRepository(connection)
            #expect(throws: ReportError.unknown(name: "member_rooster", nearest: "member_roster")) {
                try reports.run("member_rooster")
            }
            let hostile = "member_roster; DROP TABLE filmwg.audit_log; --"
            #expect(throws: ReportError.unknown(name: hostile, nearest: nil)) { try reports.run(hostile) }
            #expect(throws: ReportError.self) { try reports.run("companies") }  // a table of filmwg, not a report
            #expect(
                try connection.query("SELECT to_regclass('filmwg.audit_log') IS NOT NULL").one().decode(
                    Bool.self, at: 0))
            let sentence = ReportError.unknown(name: "member_rooster", nearest: "member_roster").sentence
            #expect(sentence == "there is no report named 'member_rooster'; did you mean 'member_roster'?")
        }
    }

    @Test func aDayForAReportThatTakesNoneIsRefused() throws {
        try TestDatabase.with { db in
            let reports = ReportRepository(try db.connect())
            let error = try #require(throws: ReportError.self) {
                try reports.run("companies_by_kind", asOf: CalendarDate(iso: "2019-01-01"))
            }
            #expect(
                error == .takesNoDay(report: "companies_by_kind", reportsTakingADay: ReportingTests.viewsTakingADay))
            #expect(error.category == .invalid)
        }
    }
}
