import FilmWG
import Postgres
import TestSupport
import Testing

private typealias F = EligibilityFixture

/// Migration 0019: a run's partition has the primary key and the company index only; what a
/// determination names is still found run by run (no index on the version alone); the run's
/// counts come from its INSERT and its changes; the works facts come from one aggregate with
/// the values of 0013's three.
@Suite struct CheaperPartitionTests {
    @Test func aRunsPartitionHasThePrimaryKeyAndTheCompanyIndexOnly() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "Studio")
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            let run = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            let indexes = try db.query(
                """
                SELECT indexdef FROM pg_catalog.pg_indexes
                 WHERE schemaname = 'filmwg' AND tablename = \("determinations_\(run.id)") ORDER BY indexname
                """
            ).map { try $0.decode(String.self, at: 0) }
            #expect(
                indexes == [
                    "CREATE INDEX determinations_\(run.id)_company_id_idx ON filmwg.determinations_\(run.id) USING brin (company_id) WITH (pages_per_range='8')",
                    "CREATE UNIQUE INDEX determinations_\(run.id)_pkey ON filmwg.determinations_\(run.id) USING btree (run_id, policy_version_id, company_id)",
                ])
            // The default partition keeps an index for the foreign key it still has.
            #expect(
                try F.count(
                    db,
                    """
                    SELECT count(*) FROM pg_catalog.pg_indexes
                     WHERE schemaname = 'filmwg' AND tablename = 'determinations_default'
                       AND indexdef LIKE '%(policy_version_id)'
                    """) == 1)
        }
    }

    @Test func aVersionAnOlderRunOrTheDefaultPartitionNamesIsNotDeletedNorChanged() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let company = try F.company(db, name: "Studio")
            let old = try F.policy(db, code: "old", rule: "registered_in_zone", to: "2024-01-02").versions[0].id
            try F.policy(db, code: "zone", rule: "registered_in_zone")
            let byHand = try F.policy(db, code: "hand", rule: "registered_in_zone", from: "2030-01-01").versions[0].id
            let unused = try F.policy(db, code: "unused", rule: "registered_in_zone", from: "2030-01-01").versions[0].id
            // `old` is determined by the first run only; the second and third do not name it.
            try F.job(test, db).run(asOf: F.day("2024-01-01"))
            try F.job(test, db).run(asOf: F.day("2024-06-01"))
            try F.job(test, db).run(asOf: F.day("2024-07-01"))
            // `hand` only by a row of the default partition (a run without a partition of its own).
            let run = try db.query(
                """
                INSERT INTO filmwg.job_runs (job, as_of, status, finished_at)
                VALUES ('eligibility', '2024-08-01', 'failed', now()) RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
            try db.execute(
                """
                INSERT INTO filmwg.determinations (run_id, policy_version_id, company_id, eligible, criteria_values)
                VALUES (\(run), \(byHand), \(company), true, '{true}')
                """)
            for version in [old, byHand] {
                let error = #expect(throws: PostgresError.self) {
                    try db.execute("DELETE FROM filmwg.policy_versions WHERE id = \(version)")
                }
                #expect(error?.sqlState == "23503")
                #expect(error?.constraint == "determinations_policy_version_id_fkey")
                let change = #expect(throws: PostgresError.self) {
                    try db.execute("UPDATE filmwg.policy_versions SET rule = 'is_member' WHERE id = \(version)")
                }
                #expect(change?.constraint == "policy_versions_immutable")
            }
            // A version no determination names changes and goes.
            #expect(try db.execute("UPDATE filmwg.policy_versions SET rule = 'is_member' WHERE id = \(unused)") == 1)
            #expect(try db.execute("DELETE FROM filmwg.policy_versions WHERE id = \(unused)") == 1)
        }
    }

    @Test func theRunsCountsAreThoseOfItsRows() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            try F.company(db, name: "In zone", inZone: true)
            try F.company(db, name: "Big", inZone: false, employees: 500)
            try F.company(db, name: "Small", inZone: false, employees: 3)
            try F.company(db, name: "Unknown", inZone: false, employees: nil)
            try F.policy(db, code: "a-zone", rule: "registered_in_zone")
            try F.policy(db, code: "b-big", rule: "employees >= 100")
            try F.policy(db, code: "c-none", rule: "employees >= 100000")
            let run = try F.job(test, db).run(asOf: F.day("2024-01-01"))
            let counted = try db.query(
                """
                SELECT p.code, count(*), count(*) FILTER (WHERE d.eligible)
                  FROM filmwg.determinations d
                  JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
                  JOIN filmwg.policies p ON p.id = v.policy_id
                 WHERE d.run_id = \(run.id) GROUP BY p.code ORDER BY p.code
                """
            ).map { try $0.decode((String, Int, Int).self) }
            #expect(counted.map(\.0) == ["a-zone", "b-big", "c-none"])
            #expect(run.outcomes.map(\.policy) == counted.map(\.0))
            #expect(run.outcomes.map(\.companies) == counted.map(\.1))
            #expect(run.outcomes.map(\.eligible) == counted.map(\.2))
            #expect(run.outcomes.map(\.eligible) == [1, 1, 0])
            #expect(run.companies == 4)
            #expect(run.determinations == 12)
            #expect(run.eligible == 2)
            // The job_runs row says the same.
            let (determinations, eligible) = try db.query(
                "SELECT determinations, eligible FROM filmwg.job_runs WHERE id = \(run.id)"
            ).one().decode((Int, Int).self)
            #expect(determinations == 12 && eligible == 2)
        }
    }

    /// company_facts' three works facts against 0013's three queries, written out here, on
    /// credits at every edge: no works, first producer and co-producer of the same company's
    /// works, releases on the window's edges and after D, several awards on one work, awards
    /// nominated, on the edges, on co-produced works, on works released after D.
    @Test func theWorksFactsAreThoseOfThe0013Definitions() throws {
        try TestDatabase.with { test in
            let db = try test.connect()
            let ids = try (0..<6).map { try F.company(db, name: "Studio \($0)") }
            // The last company has no credit at all.
            let producers = Array(ids.prefix(5))
            try db.execute(
                """
                INSERT INTO filmwg.works (title, kind, released_on, first_producer_id)
                SELECT 'Work ' || n, 'film', date '2024-06-15' + ((n * 37) % 400 - 20), (\(producers)::bigint[])[1 + n % 5]
                  FROM generate_series(1, 60) n
                """)
            try db.execute(
                """
                INSERT INTO filmwg.work_co_producers (work_id, company_id, first_producer_id)
                SELECT w.id, c.id, w.first_producer_id
                  FROM filmwg.works w JOIN filmwg.companies c ON c.id = ANY (\(producers)::bigint[])
                 WHERE c.id <> w.first_producer_id AND (w.id + c.id) % 3 = 0
                """)
            try db.execute(
                """
                INSERT INTO filmwg.awards (work_id, award_code, awarded_on, result)
                SELECT w.id, (ARRAY['huabiao', 'jinji', 'baihua'])[1 + k], date '2024-06-15' + ((w.id * 53 + k * 101) % 420 - 30)::integer,
                       CASE WHEN (w.id + k) % 4 = 0 THEN 'nominated' ELSE 'won' END
                  FROM filmwg.works w CROSS JOIN generate_series(0, 2) k
                 WHERE (w.id + k) % 2 = 0
                """)
            let reference = """
                SELECT c.id,
                       ((SELECT count(*) FROM filmwg.works w
                          WHERE w.first_producer_id = c.id AND w.released_on > ($1::date - interval '12 months')::date
                            AND w.released_on <= $1::date)
                        + (SELECT count(*) FROM filmwg.work_co_producers cp JOIN filmwg.works w ON w.id = cp.work_id
                            WHERE cp.company_id = c.id AND w.released_on > ($1::date - interval '12 months')::date
                              AND w.released_on <= $1::date))::integer,
                       (SELECT count(*) FROM filmwg.works w WHERE w.first_producer_id = c.id AND w.released_on <= $1::date)::integer,
                       (SELECT count(DISTINCT w.id) FROM filmwg.awards a JOIN filmwg.works w ON w.id = a.work_id
                         WHERE w.first_producer_id = c.id AND a.result = 'won'
                           AND a.awarded_on > ($1::date - interval '12 months')::date AND a.awarded_on <= $1::date)::integer
                  FROM filmwg.companies c WHERE c.archived_at IS NULL ORDER BY c.id
                """
            var nonZero = 0
            for day in ["2024-05-26", "2024-06-15", "2024-12-31", "2025-06-15", "2025-06-16", "2025-08-01"] {
                let facts = try db.query(
                    """
                    SELECT company_id, works_released_12m, first_producer_works, first_producer_awarded_works_12m
                      FROM filmwg.company_facts(\(F.day(day))) ORDER BY company_id
                    """
                ).map { try $0.decode((Int64, Int, Int, Int).self) }
                let expected = try db.query(Query(unsafeSQL: reference, binds: [PostgresBind(F.day(day))])).map {
                    try $0.decode((Int64, Int, Int, Int).self)
                }
                #expect(facts.count == ids.count)
                #expect(facts.map(\.0) == expected.map(\.0), "\(day)")
                #expect(facts.map(\.1) == expected.map(\.1), "works_released_12m on \(day)")
                #expect(facts.map(\.2) == expected.map(\.2), "first_producer_works on \(day)")
                #expect(facts.map(\.3) == expected.map(\.3), "first_producer_awarded_works_12m on \(day)")
                nonZero += facts.filter { $0.1 > 0 && $0.3 > 0 }.count
            }
            // The data reach every branch; the company without works has zeros.
            #expect(nonZero > 0)
            let none = try db.query(
                """
                SELECT works_released_12m, first_producer_works, first_producer_awarded_works_12m
                  FROM filmwg.company_facts('2025-06-15') WHERE company_id = \(ids[5])
                """
            ).one().decode((Int, Int, Int).self)
            #expect(none == (0, 0, 0))
        }
    }
}
