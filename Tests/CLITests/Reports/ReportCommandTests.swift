import Foundation
import TestSupport
import Testing

@Suite struct ReportCommandTests {
    static let reports = [
        "awards", "benefits_by_policy_year", "companies_by_kind", "company_engagement", "eligibility_changes",
        "event_attendance",
        "grants_by_policy_year", "member_roster", "membership_growth", "policy_eligibility_current",
        "role_history", "role_holders_current", "works_by_company",
    ]

    @Test func reportListNamesEveryReportWithItsComment() throws {
        try TestDatabase.with { db in
            let table = try FilmWGBinary.run(["report", "list"], database: db)
            #expect(table.status == 0, "\(table)")
            for name in Self.reports { #expect(table.stdout.contains(name)) }
            #expect(table.stdout.contains("成员单位"))

            let csv = try FilmWGBinary.run(["report", "list", "--format", "csv"], database: db)
            #expect(csv.stdout.hasPrefix("name,as_of,comment\nawards,false,"))

            let json = try FilmWGBinary.run(["report", "list", "--format", "json"], database: db)
            let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(list.compactMap { $0["name"] as? String } == Self.reports)
            #expect(list.first { $0["name"] as? String == "member_roster" }?["as_of"] as? Bool == true)
            #expect(list.allSatisfy { ($0["comment"] as? String)?.isEmpty == false })
        }
    }

    @Test(arguments: ["table", "csv", "json"])
    func everyReportPrintsInEveryFormat(format: String) throws {
        try TestDatabase.with { db in
            try insertRecords(db)
            for report in Self.reports {
                let result = try FilmWGBinary.run(["report", report, "--format", format], database: db)
                #expect(result.status == 0, "\(report): \(result)")
                #expect(result.stderr.isEmpty, "\(report): \(result.stderr)")
                switch format {
                case "csv":
                    #expect(result.stdout.split(separator: "\n").count >= 2, "\(report) has no rows: \(result.stdout)")
                case "json":
                    let rows = try #require(
                        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]],
                        "\(report)")
                    #expect(!rows.isEmpty, "\(report)")
                    let header = try FilmWGBinary.run(
                        ["report", report, "--format", "csv", "--limit", "0"], database: db
                    ).stdout
                    #expect(
                        Set(rows[0].keys) == Set(header.dropLast().split(separator: ",").map(String.init)), "\(report)")
                default:
                    let lines = result.stdout.split(separator: "\n")
                    #expect(lines.count >= 3, "\(report): \(result.stdout)")
                    #expect(lines[1].allSatisfy { $0 == "-" || $0 == " " }, "\(report)")
                }
            }
        }
    }

    @Test func numbersAndBooleansAreUnquotedInJSONAndCSVQuotesWhatItMust() throws {
        try TestDatabase.with { db in
            try insertRecords(db)
            let json = try FilmWGBinary.run(["report", "companies_by_kind", "--format", "json"], database: db)
            #expect(
                json.stdout.contains(
                    #"{"kind": "production", "companies": 2, "in_zone": 1, "total_capital": 1000000.50, "as_of": ""#),
                "\(json)")
            let roles = try FilmWGBinary.run(["report", "role_history", "--format", "json"], database: db)
            #expect(
                roles.stdout.contains(#""holder_name": "张三""#) && roles.stdout.contains(#""is_current": true"#),
                "\(roles)")
            let csv = try FilmWGBinary.run(["report", "member_roster", "--format", "csv"], database: db)
            #expect(csv.stdout.contains(#""Beta Films, Beijing""#), "\(csv)")
        }
    }

    @Test func asOfAndLimitShapeTheRows() throws {
        try TestDatabase.with { db in
            try insertRecords(db)
            let today = try FilmWGBinary.run(["report", "member_roster", "--format", "csv"], database: db)
            #expect(today.stdout.split(separator: "\n").count == 3)
            let earlier = try FilmWGBinary.run(
                ["report", "member_roster", "--as-of", "2017-06-01", "--format", "csv"], database: db)
            #expect(earlier.status == 0, "\(earlier)")
            #expect(earlier.stdout.split(separator: "\n").count == 2)
            #expect(earlier.stdout.contains("Alpha Pictures"))
            let limited = try FilmWGBinary.run(
                ["report", "member_roster", "--limit", "1", "--format", "json"], database: db)
            let rows = try #require(
                try JSONSerialization.jsonObject(with: Data(limited.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 1)
            #expect(rows[0]["name"] as? String == "Alpha Pictures")
        }
    }

    @Test func anUnknownReportExits64SuggestingTheNearestName() throws {
        try TestDatabase.with { db in
            let result = try FilmWGBinary.run(["report", "member_rooster"], database: db)
            #expect(result.status == 64)
            #expect(result.stdout.isEmpty)
            #expect(
                result.stderr == "filmwg: there is no report named 'member_rooster'; did you mean 'member_roster'?\n")
            let verb = try FilmWGBinary.run(["report", "lsit"], database: db)
            #expect(verb.status == 64)
            #expect(verb.stderr.contains("did you mean 'filmwg report list'?"))
            let none = try FilmWGBinary.run(["report"], database: db)
            #expect(none.status == 64)
        }
    }

    @Test func aDayOrLimitThatDoesNotFitExits64() throws {
        try TestDatabase.with { db in
            let noDay = try FilmWGBinary.run(["report", "companies_by_kind", "--as-of", "2019-01-01"], database: db)
            #expect(noDay.status == 64)
            #expect(noDay.stderr.contains("--as-of does not apply to report 'companies_by_kind'"))
            #expect(noDay.stderr.contains("member_roster"))
            for arguments in [
                ["--as-of", "2019-13-01"], ["--limit", "-1"], ["--limit", "ten"], ["--format", "xml"],
            ] {
                let result = try FilmWGBinary.run(["report", "member_roster"] + arguments, database: db)
                #expect(result.status == 64, "\(arguments): \(result)")
            }
        }
    }

    @Test func reportsCanBeReadFromASecondDatabaseSuchAsAReplica() throws {
        try TestDatabase.with { primary in
            try TestDatabase.with { replica in
                try replica.connectRaw().execute(
                    "INSERT INTO filmwg.companies (name, kind) VALUES ('Only On The Replica', 'technology')")
                let arguments = ["report", "companies_by_kind", "--format", "csv"]
                let main = try FilmWGBinary.run(arguments, database: primary)
                #expect(main.stdout.contains("technology,0,0,0"), "\(main)")
                let flag = try FilmWGBinary.run(
                    arguments + ["--reporting-database", replica.conninfo], database: primary)
                #expect(flag.status == 0, "\(flag)")
                #expect(flag.stdout.contains("technology,1,0,0"), "\(flag)")
                let environment = try FilmWGBinary.run(
                    arguments, database: primary, environment: ["FILMWG_REPORTING_DATABASE": replica.conninfo])
                #expect(environment.stdout.contains("technology,1,0,0"), "\(environment)")
                let list = try FilmWGBinary.run(
                    ["report", "list", "--reporting-database", replica.conninfo], database: primary)
                #expect(list.status == 0 && list.stdout.contains("member_roster"))
            }
        }
    }

    @Test func anUnreachableReportingDatabaseExits69WithoutThePassword() throws {
        try TestDatabase.with { db in
            let result = try FilmWGBinary.run(
                [
                    "report", "companies_by_kind", "--reporting-database",
                    "postgresql://analyst:topsecret@127.0.0.1:9/filmwg",
                ],
                database: db)
            #expect(result.status == 69)
            #expect(result.stderr.contains("127.0.0.1:9"))
            #expect(!result.stderr.contains("topsecret"))
        }
    }

    /// What an analyst's login gets: the read-only role, and every report works through it.
    @Test func reportsRunUnderTheReportingRole() throws {
        try TestDatabase.with { db in
            try insertRecords(db)
            let asAnalyst = db.conninfo + " options='-c role=filmwg_reporting'"
            for report in Self.reports {
                let result = try FilmWGBinary.run(
                    ["report", report, "--reporting-database", asAnalyst, "--format", "csv"], database: db)
                #expect(result.status == 0, "\(report): \(result)")
            }
            for report in ["member_roster", "policy_eligibility_current"] {
                let result = try FilmWGBinary.run(
                    ["report", report, "--as-of", "2018-01-01", "--reporting-database", asAnalyst], database: db)
                #expect(result.status == 0, "\(report): \(result)")
            }
        }
    }

    /// `report refresh` end to end: the summaries it prints are what the aggregate reports then
    /// answer, stale until the next refresh; an analyst's login may not refresh.
    @Test func reportRefreshRecomputesTheSummariesTheAggregateReportsAnswerFrom() throws {
        try TestDatabase.with { db in
            try insertRecords(db)
            let refreshed = try FilmWGBinary.run(["report", "refresh", "--format", "csv"], database: db)
            #expect(refreshed.status == 0, "\(refreshed)")
            #expect(refreshed.stderr.isEmpty)
            let lines = refreshed.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "report,as_of,rows,milliseconds")
            #expect(
                lines.dropFirst().map { $0.split(separator: ",")[0] } == [
                    "companies_by_kind", "membership_growth", "grants_by_policy_year", "benefits_by_policy_year",
                ])
            let today = try db.connectRaw().query("SELECT ((now() AT TIME ZONE 'Asia/Shanghai')::date)::text").one()
                .decode(String.self, at: 0)
            #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",")[1] == today })
            #expect(lines.contains { $0.hasPrefix("companies_by_kind,\(today),7,") })

            func production() throws -> [String] {
                let csv = try FilmWGBinary.run(["report", "companies_by_kind", "--format", "csv"], database: db)
                #expect(csv.status == 0)
                #expect(csv.stdout.hasPrefix("kind,companies,in_zone,total_capital,as_of,computed_at\n"))
                return csv.stdout.split(separator: "\n").first { $0.hasPrefix("production,") }.map {
                    $0.split(separator: ",").map(String.init)
                } ?? []
            }
            let before = try production()
            #expect(before.prefix(2) == ["production", "2"])
            #expect(before.count == 6 && before[4] == today)
            try db.connectRaw().execute(
                "INSERT INTO filmwg.companies (name, kind, registered_in_zone) VALUES ('Gamma Studio', 'production', false)"
            )
            #expect(try production() == before)
            #expect(try FilmWGBinary.run(["report", "refresh"], database: db).status == 0)
            let after = try production()
            #expect(after.prefix(2) == ["production", "3"])
            #expect(after[5] != before[5])

            let asAnalyst = db.conninfo + " options='-c role=filmwg_reporting'"
            let refused = try FilmWGBinary.run(["report", "refresh"], environment: ["DATABASE_URL": asAnalyst])
            #expect(refused.status == 77, "\(refused)")
            #expect(refused.stdout.isEmpty)
            let extra = try FilmWGBinary.run(["report", "refresh", "now"], database: db)
            #expect(extra.status == 64, "\(extra)")
        }
    }

    @Test func helpShowsTheUsageAndAnExample() throws {
        for words in [["report", "--help"], ["report", "list", "--help"]] {
            let result = try FilmWGBinary.run(words)
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example:\n  filmwg report"), "\(words)")
            #expect(result.stdout.contains("--reporting-database CONNINFO"))
        }
        #expect(try FilmWGBinary.run(["report", "--help"]).stdout.contains("Usage: filmwg report NAME [options]"))
    }
}

/// One record of most kinds, so that every report has rows.
private func insertRecords(_ db: TestDatabase) throws {
    try db.connectRaw().executeScript(
        unsafeSQL: """
            SELECT set_config('filmwg.actor', 'report-test', false);
            INSERT INTO filmwg.companies (name, name_zh, kind, registered_in_zone, registered_capital)
            VALUES ('Alpha Pictures', '阿尔法影业', 'production', true, 1000000.50),
                   ('Beta Films, Beijing', NULL, 'production', false, NULL);
            INSERT INTO filmwg.memberships (company_id, tier, period)
            SELECT id, CASE WHEN name LIKE 'Alpha%' THEN 'initiating' ELSE 'member' END,
                   CASE WHEN name LIKE 'Alpha%' THEN daterange('2017-05-20', NULL) ELSE daterange('2018-01-01', NULL) END
              FROM filmwg.companies;
            INSERT INTO filmwg.professionals (full_name, email) VALUES ('张三', 'zhang@example.org');
            INSERT INTO filmwg.events (name, kind, starts_at) VALUES ('Launch ceremony', 'ceremony', '2017-05-20 10:00+08');
            INSERT INTO filmwg.attendance (event_id, professional_id, company_id, role)
            SELECT e.id, p.id, c.id, 'speaker' FROM filmwg.events e, filmwg.professionals p, filmwg.companies c
             WHERE c.name = 'Alpha Pictures';
            INSERT INTO filmwg.role_assignments (position_id, professional_id, company_id, term)
            SELECT pos.id, p.id, c.id, '[2017-05-20,)' FROM filmwg.positions pos, filmwg.professionals p, filmwg.companies c
             WHERE pos.code = 'head' AND c.name = 'Alpha Pictures';
            INSERT INTO filmwg.policies (code, title, cap) VALUES ('studio-rent', 'Studio rent subsidy', 100000);
            INSERT INTO filmwg.policy_versions (policy_id, valid, rule, criteria)
            SELECT id, '[2017-01-01,)', 'registered_in_zone', '{registered_in_zone}' FROM filmwg.policies;
            INSERT INTO filmwg.job_runs (job, as_of, status, finished_at)
            VALUES ('eligibility', '2017-12-31', 'succeeded', now()), ('eligibility', '2018-06-01', 'succeeded', now());
            INSERT INTO filmwg.determinations (run_id, policy_version_id, company_id, eligible, criteria_values)
            SELECT r.id, v.id, c.id, c.registered_in_zone OR r.as_of > '2018-01-01', ARRAY[c.registered_in_zone]
              FROM filmwg.job_runs r, filmwg.policy_versions v, filmwg.companies c;
            INSERT INTO filmwg.determination_changes (run_id, policy_version_id, company_id, change, previous_run_id)
            SELECT r.id, v.id, c.id, 'newly_eligible', r.id - 1
              FROM filmwg.job_runs r, filmwg.policy_versions v, filmwg.companies c
             WHERE r.as_of = '2018-06-01' AND c.name LIKE 'Beta%';
            -- A grant paid before the workflow existed, loaded as history without its triggers.
            SET session_replication_role = replica;
            INSERT INTO filmwg.grants (policy_id, company_id, amount, status, applied_on, year, paid_on)
            SELECT p.id, c.id, 50000, 'paid', '2018-03-01', 2018, '2018-03-01'
              FROM filmwg.policies p, filmwg.companies c WHERE c.name = 'Alpha Pictures';
            RESET session_replication_role;
            INSERT INTO filmwg.works (title, title_zh, kind, released_on, first_producer_id)
            SELECT 'Lake Light', '湖光', 'film', '2018-07-12', id FROM filmwg.companies WHERE name = 'Alpha Pictures';
            INSERT INTO filmwg.work_co_producers (work_id, company_id, first_producer_id)
            SELECT w.id, c.id, w.first_producer_id FROM filmwg.works w, filmwg.companies c WHERE c.name LIKE 'Beta%';
            INSERT INTO filmwg.awards (work_id, award_code, awarded_on, result)
            SELECT id, 'huabiao', '2018-09-10', 'won' FROM filmwg.works;
            """)
}
