import FilmWG
import Foundation
import Postgres
import Rules
import TestSupport
import Testing

/// `filmwg-bench generate` (scripts/bench's data): deterministic, in the contract's formats,
/// internally consistent, and its hand-written job baseline decides exactly what the compiled
/// rules decide, so that the benchmark compares like with like.
@Suite struct BenchDataTests {
    static var benchBinary: URL { FilmWGBinary.url.deletingLastPathComponent().appendingPathComponent("filmwg-bench") }

    func generate(companies: Int, seed: Int, into folder: URL, perEventFiles: Bool = true) throws {
        var arguments = ["generate", "--companies", String(companies), "--seed", String(seed), "--out", folder.path]
        if !perEventFiles { arguments.append("--no-per-event-files") }
        let result = try FilmWGBinary.run(arguments, executable: Self.benchBinary)
        try #require(result.status == 0, "\(result)")
    }

    func records(_ url: URL) throws -> (header: [String], rows: [[String]]) {
        let reader = try CSVReader(path: url.path)
        let header = try #require(try reader.next()).fields
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        return (header, rows)
    }

    /// Runs a psql script (the benchmark's SQL uses psql's \copy and \gset) against a test database.
    func psql(_ database: TestDatabase, _ script: String, variables: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database.conninfo, "-f", "-"]
            + variables.flatMap { ["-v", "\($0.key)=\($0.value)"] }
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "psql failed: \(message)")
    }

    /// A word where scripts/bench wants a number would skip its steps silently (every size
    /// test in it is `[ "$n" -le … ]`): it is refused with one sentence and 64, before building.
    @Test(arguments: [["--sizes", "100k"], ["--variants-max", "1e5"], ["--baseline-max", "-1"], ["--seed", "x"]])
    func benchRefusesAWordWhereItWantsAWholeNumber(_ arguments: [String]) throws {
        let script = SchemaDumpTests.root.appendingPathComponent("scripts/bench").path
        let result = try FilmWGBinary.run(arguments, executable: URL(fileURLWithPath: script))
        #expect(result.status == 64, "\(result)")
        #expect(
            result.stderr
                == "bench: '\(arguments[1])' is not a whole number (--sizes, --seed, --baseline-max and --variants-max take whole numbers).\n"
        )
        #expect(!result.stderr.contains("building"))
    }

    @Test func theSameSeedWritesTheSameBytesAndAnotherSeedOtherData() throws {
        try withTemporaryDirectory { folder in
            let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
            let c = folder.appendingPathComponent("c")
            try generate(companies: 250, seed: 7, into: a)
            try generate(companies: 250, seed: 7, into: b)
            try generate(companies: 250, seed: 8, into: c)
            let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).sorted()
            #expect(files.contains("companies.csv") && files.contains("attendance/000001.csv"))
            #expect(try FileManager.default.subpathsOfDirectory(atPath: b.path).sorted() == files)
            for file in files where !file.hasSuffix("attendance") {
                let left = try Data(contentsOf: a.appendingPathComponent(file))
                #expect(left == (try Data(contentsOf: b.appendingPathComponent(file))), "\(file) differs")
            }
            #expect(
                try Data(contentsOf: a.appendingPathComponent("companies.csv"))
                    != Data(contentsOf: c.appendingPathComponent("companies.csv")))
        }
    }

    @Test func theFilesUseTheContractsHeadersAndReferToEachOther() throws {
        try withTemporaryDirectory { folder in
            try generate(companies: 400, seed: 3, into: folder)
            let companies = try records(folder.appendingPathComponent("companies.csv"))
            #expect(
                companies.header == [
                    "uscc", "name", "name_zh", "kind", "district", "registered_in_zone",
                    "zone_registered_on", "registered_capital", "founded_on", "employees",
                ])
            #expect(companies.rows.count == 400)
            let usccs = companies.rows.map { $0[0] }
            #expect(Set(usccs).count == 400)
            let kinds = Set(companies.rows.map { $0[3] })
            #expect(
                kinds.isSubset(of: [
                    "internet_platform", "production", "distribution", "post_production",
                    "technology", "investment", "other",
                ]) && kinds.count >= 5)
            #expect(companies.rows.contains { $0[1].contains(",") })  // "Co., Ltd." needs quoting
            #expect(
                companies.rows.allSatisfy {
                    $0[7].isEmpty || $0[7].range(of: #"^\d+\.\d\d$"#, options: .regularExpression) != nil
                })

            let professionals = try records(folder.appendingPathComponent("professionals.csv"))
            #expect(
                professionals.header == [
                    "full_name", "latin_name", "title", "email", "phone", "specialties",
                    "company_uscc", "employed_from", "employed_to",
                ])
            #expect(professionals.rows.count == 1200)
            #expect(Set(professionals.rows.map { $0[3] }).count == 1200)
            #expect(Set(professionals.rows.map { $0[6] }) == Set(usccs))

            let members = try records(folder.appendingPathComponent("members.csv"))
            #expect(members.header == ["company_uscc", "tier", "joined_on", "left_on"])
            #expect(Set(members.rows.map { $0[0] }).isSubset(of: Set(usccs)))
            #expect(members.rows.contains { $0[1] == "initiating" && $0[2] == "2017-05-20" })

            let events = try records(folder.appendingPathComponent("events.csv"))
            #expect(events.header == ["name", "kind", "starts_at", "ends_at", "venue", "district", "capacity"])
            #expect(events.rows.count == 8)

            let attendance = try records(folder.appendingPathComponent("attendance.csv"))
            #expect(attendance.header == ["event", "professional_email", "company_uscc", "role"])
            let emails = Set(professionals.rows.map { $0[3] })
            #expect(attendance.rows.allSatisfy { emails.contains($0[1]) && ($0[2].isEmpty || usccs.contains($0[2])) })
            #expect(Set(attendance.rows.map { $0[0] }) == Set((1...8).map(String.init)))
            let first = try records(folder.appendingPathComponent("attendance/000001.csv"))
            #expect(first.header == ["professional_email", "company_uscc", "role"])
            #expect(first.rows == attendance.rows.filter { $0[0] == "1" }.map { Array($0.dropFirst()) })

            let policies = try String(contentsOf: folder.appendingPathComponent("policies.txt"), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false) }
            // code|title|rule|amount|cap; four policies with an amount formula, two of them capped.
            #expect(policies.count == 10 && policies.allSatisfy { $0.count == 5 })
            #expect(policies.filter { !$0[3].isEmpty }.count == 4)
            #expect(policies.filter { !$0[4].isEmpty }.count == 2)
        }
    }

    /// works.csv is a valid `filmwg work import` file over companies.csv (every first producer
    /// and co-producer known, no co-producer twice or equal to the first producer), and
    /// awards.csv names its works by line and each award of a work once.
    @Test func theWorksFileImportsAndTheAwardsReferToItsWorks() throws {
        try withTemporaryDirectory { folder in
            try generate(companies: 300, seed: 5, into: folder, perEventFiles: false)
            let works = try records(folder.appendingPathComponent("works.csv"))
            #expect(
                works.header == [
                    "title", "title_zh", "kind", "released_on", "licence_no", "first_producer_uscc",
                    "co_producer_usccs",
                ])
            #expect(works.rows.count == 900)
            #expect(works.rows.contains { !$0[6].isEmpty })
            let awards = try records(folder.appendingPathComponent("awards.csv"))
            #expect(awards.header == ["work", "award_code", "awarded_on", "category", "result"])
            #expect(!awards.rows.isEmpty)
            #expect(awards.rows.allSatisfy { Int($0[0]).map { (1...900).contains($0) } ?? false })
            #expect(Set(awards.rows.map { $0[0] + "|" + $0[1] }).count == awards.rows.count)
            #expect(Set(awards.rows.map { $0[4] }) == ["won", "nominated"])
            try TestDatabase.with { t in
                let db = try t.connect(actor: "bench-test")
                _ = try CompanyImport(db).run(file: folder.appendingPathComponent("companies.csv").path)
                let report = try WorkImport(db).run(file: folder.appendingPathComponent("works.csv").path)
                #expect(report.rowsWritten == 900 && report.rowsInvalid == 0)
            }
        }
    }

    /// The server's own check (filmwg.uscc_problem) accepts every generated USCC.
    @Test func everyGeneratedUSCCHasAValidCheckDigit() throws {
        try withTemporaryDirectory { folder in
            try generate(companies: 3000, seed: 11, into: folder, perEventFiles: false)
            let usccs = try records(folder.appendingPathComponent("companies.csv")).rows.map { $0[0] }
            try TestDatabase.with { t in
                let problems = try t.connectRaw().query(
                    """
                    SELECT code || ': ' || filmwg.uscc_problem(code) FROM unnest(\(usccs)::text[]) AS code
                     WHERE filmwg.uscc_problem(code) IS NOT NULL
                    """
                ).map { try $0.decode(String.self, at: 0) }
                #expect(problems == [])
            }
        }
    }

    /// Loads a generated data set, inserts the policies and runs job-baseline.sql, job-floor.sql
    /// and job-bulk.sql, then checks every determination of each against the rule compiled by
    /// Rules from policies.txt: same criteria values, same outcome, for every company and policy;
    /// none of them writes into filmwg.determinations.
    @Test func theHandWrittenJobBaselineDecidesWhatTheCompiledRulesDecide() throws {
        try withTemporaryDirectory { folder in
            try generate(companies: 600, seed: 5, into: folder, perEventFiles: false)
            try TestDatabase.with { t in
                let dir = folder.path
                try psql(
                    t,
                    """
                    CREATE TEMP TABLE c (uscc text, name text, name_zh text, kind text, district text, registered_in_zone boolean,
                        zone_registered_on date, registered_capital numeric, founded_on date, employees integer);
                    \\copy c FROM '\(dir)/companies.csv' WITH (FORMAT csv, HEADER true)
                    -- with triggers, so each company gets its first dated values (company_versions)
                    INSERT INTO filmwg.companies (uscc, name, name_zh, kind, district, registered_in_zone, zone_registered_on,
                        registered_capital, founded_on, employees) SELECT * FROM c;
                    SET session_replication_role = replica;
                    CREATE TEMP TABLE p (full_name text, latin_name text, title text, email text, phone text, specialties text,
                        company_uscc text, employed_from date, employed_to date);
                    \\copy p FROM '\(dir)/professionals.csv' WITH (FORMAT csv, HEADER true)
                    INSERT INTO filmwg.professionals (full_name, latin_name, title, email, phone) SELECT full_name, latin_name, title, email, phone FROM p;
                    INSERT INTO filmwg.employments (professional_id, company_id, period)
                    SELECT pr.id, co.id, daterange(p.employed_from, p.employed_to) FROM p
                      JOIN filmwg.professionals pr ON pr.email = p.email JOIN filmwg.companies co ON co.uscc = p.company_uscc;
                    CREATE TEMP TABLE m (company_uscc text, tier text, joined_on date, left_on date);
                    \\copy m FROM '\(dir)/members.csv' WITH (FORMAT csv, HEADER true)
                    INSERT INTO filmwg.memberships (company_id, tier, period)
                    SELECT co.id, m.tier, daterange(m.joined_on, m.left_on) FROM m JOIN filmwg.companies co ON co.uscc = m.company_uscc;
                    CREATE TEMP TABLE e (line bigint GENERATED ALWAYS AS IDENTITY, name text, kind text, starts_at timestamptz,
                        ends_at timestamptz, venue text, district text, capacity integer);
                    \\copy e (name, kind, starts_at, ends_at, venue, district, capacity) FROM '\(dir)/events.csv' WITH (FORMAT csv, HEADER true)
                    INSERT INTO filmwg.events (id, name, kind, starts_at, ends_at, venue, district, capacity) OVERRIDING SYSTEM VALUE
                    SELECT line, name, kind, starts_at, ends_at, venue, district, capacity FROM e;
                    CREATE TEMP TABLE a (event bigint, professional_email text, company_uscc text, role text);
                    \\copy a FROM '\(dir)/attendance.csv' WITH (FORMAT csv, HEADER true)
                    INSERT INTO filmwg.attendance (event_id, professional_id, company_id, role)
                    SELECT a.event, pr.id, co.id, a.role FROM a JOIN filmwg.professionals pr ON pr.email = a.professional_email
                      LEFT JOIN filmwg.companies co ON co.uscc = a.company_uscc;
                    SET session_replication_role = origin;
                    \\i '\(dir)/policies-fallback.sql'
                    \\i '\(dir)/job-baseline.sql'
                    \\i '\(dir)/job-floor.sql'
                    \\i '\(dir)/job-bulk.sql'
                    """, variables: ["as_of": "2025-06-30"])

                let db = try t.connect()
                let catalog = FactCatalog(
                    try db.query("SELECT name, type, allowed_values FROM filmwg.fact_catalog ORDER BY ordinal")
                        .map { row in
                            let (name, type, allowed) = try row.decode((String, String, [String]?).self)
                            return Fact(
                                name: name, type: try #require(FactType(rawValue: type)), allowedValues: allowed)
                        })
                let runs = try db.query("SELECT id FROM filmwg.job_runs ORDER BY id").map {
                    try $0.decode(Int64.self, at: 0)
                }
                #expect(runs.count == 2)  // the baseline's, then the bulk technique's
                let run = try #require(runs.first)
                #expect(try db.query("SELECT count(*) FROM filmwg.determinations").one().decode(Int.self, at: 0) == 0)
                let versions = try db.query(
                    "SELECT v.id, p.code, v.rule, v.criteria FROM filmwg.policy_versions v JOIN filmwg.policies p ON p.id = v.policy_id"
                )
                .map { try $0.decode((Int64, String, String, [String]).self) }
                #expect(versions.count == 10)
                var eligibleTotal = 0
                for (table, tableRun) in [
                    ("bench_baseline.determinations", run), ("bench_floor.determinations", Int64(0)),
                    ("bench_bulk.determinations", try #require(runs.last)),
                ] {
                    var eligibleHere = 0
                    for (version, code, rule, criteria) in versions {
                        let compiled = try Rules.compile(rule, catalog: catalog, factsAlias: "f", firstParameter: 4)
                        #expect(compiled.criteria.map(\.source) == criteria, "\(code): criteria as stored")
                        let sql = """
                            WITH expected AS (
                                SELECT f.company_id, ARRAY[\(compiled.criteria.map(\.sql).joined(separator: ", "))]::boolean[] AS c
                                  FROM filmwg.company_facts($1) AS f
                            ), written AS (
                                SELECT company_id, criteria_values, eligible FROM \(table)
                                 WHERE run_id = $2 AND policy_version_id = $3
                            )
                            SELECT count(*) FILTER (WHERE x.c IS DISTINCT FROM w.criteria_values
                                                       OR coalesce(true = ALL (x.c), false) IS DISTINCT FROM w.eligible),
                                   count(w.company_id), count(*) FILTER (WHERE w.eligible)
                              FROM expected x FULL JOIN written w ON w.company_id = x.company_id
                            """
                        let binds =
                            [
                                PostgresBind(CalendarDate(iso: "2025-06-30")!), PostgresBind(tableRun),
                                PostgresBind(version),
                            ]
                            + compiled.binds.map { PostgresBind(text: $0.parameterText, type: .unknown) }
                        let (different, written, eligible) = try db.query(Query(unsafeSQL: sql, binds: binds)).one()
                            .decode((Int, Int, Int).self)
                        #expect(
                            different == 0,
                            "\(table) \(code): \(different) determinations differ from the compiled rule")
                        #expect(written == 600, "\(table) \(code)")
                        eligibleHere += eligible
                    }
                    if tableRun == run {
                        eligibleTotal = eligibleHere
                    } else {
                        #expect(eligibleHere == eligibleTotal, "\(table)")
                    }
                }
                #expect(eligibleTotal > 100 && eligibleTotal < 5000)
                let (determinations, eligible, changes) = try db.query(
                    "SELECT determinations, eligible, changes FROM filmwg.job_runs WHERE id = \(run)"
                )
                .one().decode((Int, Int, Int).self)
                #expect(determinations == 6000)
                #expect(eligible == eligibleTotal)
                #expect(changes == eligibleTotal)  // no earlier run: every eligible company is newly eligible
                let bulk = try db.query(
                    "SELECT determinations, eligible, changes FROM filmwg.job_runs WHERE id = \(try #require(runs.last))"
                )
                .one().decode((Int, Int, Int).self)
                #expect(bulk == (determinations, eligible, changes))
            }
        }
    }
}
