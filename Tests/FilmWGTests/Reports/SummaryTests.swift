import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// The aggregate reports answer from summaries `filmwg report refresh` keeps: equal to the live
/// figures right after a refresh, as of that refresh until the next, live for another day.
@Suite struct SummaryTests {
    static let summarised = [
        "companies_by_kind", "membership_growth", "grants_by_policy_year", "benefits_by_policy_year",
    ]

    /// The report's columns but the two that say how fresh it is.
    static func figures(_ view: String, _ db: Connection) throws -> String {
        try db.query(
            """
            SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
             WHERE attrelid = ('reporting.' || \(view))::regclass AND attnum > 0
               AND attname NOT IN ('as_of', 'computed_at')
            """
        ).one().decode(String.self, at: 0)
    }

    static func differences(_ db: Connection, _ left: String, _ right: String) throws -> Int {
        try db.query(
            Query(
                unsafeSQL: """
                    SELECT count(*)::integer FROM ((\(left) EXCEPT ALL \(right)) UNION ALL (\(right) EXCEPT ALL \(left))) x
                    """)
        ).one().decode(Int.self, at: 0)
    }

    static func today(_ db: Connection) throws -> String {
        try db.query("SELECT ((now() AT TIME ZONE 'Asia/Shanghai')::date)::text").one().decode(String.self, at: 0)
    }

    @Test func afterARefreshEverySummaryEqualsTheAggregateComputedFromTheRecords() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertReportingFixture(connection)
            let refreshed = try ReportRepository(connection).refreshSummaries()
            let today = try Self.today(connection)
            #expect(refreshed.map(\.report) == Self.summarised)
            #expect(refreshed.allSatisfy { $0.asOf.description == today && $0.milliseconds >= 0 })
            #expect(refreshed.first { $0.report == "companies_by_kind" }?.rows == 7)
            for view in Self.summarised {
                let columns = try Self.figures(view, connection)
                // Answered from the summary, and the same figures as computing them now.
                let stored = try connection.query(
                    "SELECT count(*)::integer FROM filmwg.report_summaries WHERE name = \(view) AND as_of = \(today)::date"
                ).one().decode(Int.self, at: 0)
                #expect(stored == 1, "\(view)")
                #expect(
                    try Self.differences(
                        connection, "SELECT \(columns) FROM reporting.\(view)",
                        "SELECT \(columns) FROM filmwg.live_\(view)")
                        == 0, "\(view)")
                let fresh = try connection.query(
                    Query(
                        unsafeSQL:
                            "SELECT count(*)::integer FROM reporting.\(view) WHERE as_of <> '\(today)' OR computed_at > now()"
                    )
                ).one().decode(Int.self, at: 0)
                #expect(fresh == 0, "\(view)")
            }
            // The same figures written directly against the tables, not through the live views.
            #expect(
                try Self.differences(
                    connection,
                    "SELECT kind, companies, in_zone, total_capital FROM reporting.companies_by_kind WHERE companies > 0",
                    """
                    SELECT kind, count(*)::integer, count(*) FILTER (WHERE registered_in_zone)::integer,
                           coalesce(sum(registered_capital), 0)
                      FROM filmwg.companies WHERE archived_at IS NULL GROUP BY kind
                    """) == 0)
            #expect(
                try Self.differences(
                    connection,
                    "SELECT policy_code, year, status, grants, total_amount FROM reporting.grants_by_policy_year",
                    """
                    SELECT p.code, extract(year FROM g.applied_on)::integer, g.status, count(*)::integer, sum(g.amount)
                      FROM filmwg.grants g JOIN filmwg.policies p ON p.id = g.policy_id GROUP BY 1, 2, 3
                    """) == 0)
            #expect(
                try Self.differences(
                    connection,
                    "SELECT year, sum(members_at_year_end)::integer FROM reporting.membership_growth GROUP BY year HAVING year = extract(year FROM current_date)",
                    "SELECT extract(year FROM current_date)::integer, 2") == 0)
            #expect(
                try Self.differences(
                    connection,
                    "SELECT policy_code, year, paid, approved, rejected FROM reporting.benefits_by_policy_year",
                    """
                    SELECT p.code, y.year, coalesce(sum(g.amount) FILTER (WHERE g.status = 'paid'), 0),
                           coalesce(sum(g.amount) FILTER (WHERE g.status = 'approved'), 0),
                           coalesce(sum(g.amount) FILTER (WHERE g.status = 'rejected'), 0)
                      FROM filmwg.policies p
                     CROSS JOIN (SELECT DISTINCT extract(year FROM as_of)::integer FROM filmwg.job_runs
                                  WHERE status = 'succeeded' AND NOT dry_run
                                 UNION SELECT year FROM filmwg.grants) y(year)
                      LEFT JOIN filmwg.grants g ON g.policy_id = p.id AND g.year = y.year
                     GROUP BY 1, 2
                    """) == 0)
        }
    }

    @Test func aSummaryStaysAsOfItsRefreshUntilTheNextOne() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertReportingFixture(connection)
            let production =
                "SELECT companies, computed_at::text FROM reporting.companies_by_kind WHERE kind = 'production'"
            // Before any refresh: computed live, now.
            let live = try connection.query(Query(unsafeSQL: production)).one().decode((Int, String).self)
            #expect(live.0 == 2)
            _ = try ReportRepository(connection).refreshSummaries()
            let first = try connection.query(Query(unsafeSQL: production)).one().decode((Int, String).self)
            #expect(first.0 == 2)

            try connection.execute(
                """
                INSERT INTO filmwg.companies (name, kind, registered_in_zone) VALUES ('Epsilon Studio', 'production', false)
                """)
            // Stale: the report still says what it said at the refresh, and says when that was.
            let stale = try connection.query(Query(unsafeSQL: production)).one().decode((Int, String).self)
            #expect(stale == first)
            #expect(
                try connection.query("SELECT companies FROM filmwg.live_companies_by_kind WHERE kind = 'production'")
                    .one().decode(Int.self, at: 0) == 3)

            _ = try ReportRepository(connection).refreshSummaries()
            let second = try connection.query(Query(unsafeSQL: production)).one().decode((Int, String).self)
            #expect(second.0 == 3)
            #expect(second.1 != first.1)
        }
    }

    /// A migration re-applies every reporting file; a summary whose view and refresh did not
    /// change stays (the dashboards keep answering from it), one whose view changed is dropped.
    @Test func aMigrationKeepsTheSummariesOfViewsThatDidNotChange() throws {
        try TestDatabase.with(migrated: false) { test in
            let raw = try test.connectRaw()
            _ = try Migrator(connection: raw, migrations: Array(EmbeddedFiles.migrations.dropLast())).migrate()
            try insertReportingFixture(raw)
            _ = try ReportRepository(raw).refreshSummaries()
            let before = try raw.query(
                "SELECT name, as_of::text, refreshed_at::text FROM filmwg.report_summaries ORDER BY name"
            )
            .map { try $0.decode((String, String, String).self) }
            #expect(before.map(\.0) == Self.summarised.sorted())
            // Edited since it was applied, as a new binary's file would be.
            try raw.execute(
                "UPDATE public.filmwg_schema_migrations SET checksum = 'edited' WHERE kind = 'reporting' AND name = 'companies_by_kind.sql'"
            )
            try raw.execute(
                "INSERT INTO filmwg.companies (name, kind, registered_in_zone) VALUES ('Epsilon Studio', 'production', false)"
            )

            let report = try Migrator(connection: raw).migrate()
            #expect(
                report.appliedMigrations.count == 1 && report.appliedReporting.count == EmbeddedFiles.reporting.count)
            let after = try raw.query(
                "SELECT name, as_of::text, refreshed_at::text FROM filmwg.report_summaries ORDER BY name"
            )
            .map { try $0.decode((String, String, String).self) }
            #expect(after.map(\.0) == ["benefits_by_policy_year", "grants_by_policy_year", "membership_growth"])
            #expect(after.map { "\($0)" } == before.filter { $0.0 != "companies_by_kind" }.map { "\($0)" })
            // The changed view computes live (3 production companies now), the others answer
            // from their summary, as of its refresh.
            #expect(
                try raw.query("SELECT companies FROM reporting.companies_by_kind WHERE kind = 'production'").one()
                    .decode(Int.self, at: 0) == 3)
            #expect(
                try raw.query("SELECT DISTINCT computed_at::text FROM reporting.membership_growth").map {
                    try $0.decode(String.self, at: 0)
                } == [before.first { $0.0 == "membership_growth" }?.2 ?? ""])

            // A changed refresh drops every summary, with no migration pending.
            try raw.execute(
                "UPDATE public.filmwg_schema_migrations SET checksum = 'edited' WHERE kind = 'reporting' AND name = 'refresh_summaries.sql'"
            )
            let alone = try Migrator(connection: raw).migrate()
            #expect(alone.appliedMigrations.isEmpty && alone.appliedReporting.map(\.name) == ["refresh_summaries.sql"])
            #expect(try raw.query("SELECT count(*) FROM filmwg.report_summaries").one().decode(Int.self, at: 0) == 0)
        }
    }

    @Test func aReportForAnotherDayThanItsSummaryIsComputedLive() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try insertReportingFixture(connection)
            _ = try ReportRepository(connection).refreshSummaries()
            // Mark the summary, to tell which answers come from it.
            try connection.execute("UPDATE filmwg.summary_membership_growth SET joined = joined + 1000")
            let today = try Self.today(connection)
            let marked = "SELECT count(*)::integer FROM %@ WHERE joined >= 1000"
            func count(_ source: String) throws -> Int {
                try connection.query(Query(unsafeSQL: marked.replacingOccurrences(of: "%@", with: source))).one()
                    .decode(Int.self, at: 0)
            }
            let rows = try connection.query("SELECT count(*)::integer FROM filmwg.summary_membership_growth").one()
                .decode(Int.self, at: 0)
            #expect(rows > 0)
            #expect(try count("reporting.membership_growth") == rows)
            #expect(try count("reporting.membership_growth_as_of('\(today)')") == rows)
            #expect(try count("reporting.membership_growth_as_of('2019-12-31')") == 0)
            let past = try Self.differences(
                connection,
                "SELECT year, tier, members_at_year_end, joined, left_in_year, as_of::text FROM reporting.membership_growth_as_of('2019-12-31')",
                """
                SELECT year, tier, members_at_year_end, joined, left_in_year, '2019-12-31'
                  FROM (SELECT set_config('reporting.as_of', '2019-12-31', true)) s, filmwg.live_membership_growth
                """)
            #expect(past == 0)
            // Once the summary is for another day (yesterday's refresh), today's report still
            // answers from it, saying which day; asking for today exactly computes it live.
            try connection.execute("UPDATE filmwg.report_summaries SET as_of = as_of - 1")
            #expect(try count("reporting.membership_growth") == rows)
            #expect(
                try connection.query("SELECT DISTINCT as_of::text FROM reporting.membership_growth").one()
                    .decode(String.self, at: 0) != today)
            #expect(try count("reporting.membership_growth_as_of('\(today)')") == 0)
        }
    }

    @Test func theJobAndAdminsMayRefreshAnalystsMayNot() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            try connection.execute("SET ROLE filmwg_reporting")
            let error = #expect(throws: PostgresError.self) { try ReportRepository(connection).refreshSummaries() }
            #expect(error?.sqlState == "42501")
            for role in ["filmwg_job", "filmwg_admin"] {
                try connection.execute("RESET ROLE")
                try connection.execute(Query(unsafeSQL: "SET ROLE \(role)"))
                #expect(try ReportRepository(connection).refreshSummaries().count == 4, "\(role)")
            }
            try connection.execute("RESET ROLE")
            #expect(
                try connection.query("SELECT count(DISTINCT refreshed_by)::integer FROM filmwg.report_summaries").one()
                    .decode(Int.self, at: 0) == 1)
        }
    }
}
