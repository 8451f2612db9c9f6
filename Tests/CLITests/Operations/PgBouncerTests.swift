import Foundation
import Postgres
import TestSupport
import Testing

/// Every everyday command, and the job, through a real PgBouncer in transaction pooling mode.
@Suite(.serialized) struct PgBouncerTests {
    @Test func everydayCommandsAndTheJobWorkBehindPgBouncerInTransactionMode() throws {
        try TestDatabase.with { db in
            try PgBouncer.with { bouncer in
                let pooled = ["DATABASE_URL": bouncer.conninfo(db.name)]
                func run(_ arguments: [String]) throws -> CommandResult {
                    let result = try FilmWGBinary.run(arguments, environment: pooled)
                    #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result)")
                    #expect(!result.stderr.contains("42P05") && !result.stderr.contains("26000"), "\(result)")
                    return result
                }
                // Several processes, each reusing server connections the others used.
                for n in 1...3 {
                    _ = try run([
                        "company", "add", "--uscc", USCCFixture.make(n), "--name", "Pooled \(n)",
                        "--kind", "production", "--registered-in-zone", "true", "--founded-on", "2015-01-01",
                        "--employees", "\(40 * n)",
                    ])
                }
                _ = try run(["company", "show", USCCFixture.make(1)])
                let list = try run(["company", "list", "--format", "csv"])
                #expect(list.stdout.split(separator: "\n").count == 4)
                _ = try run(["company", "update", USCCFixture.make(1), "--employees", "90"])
                _ = try run(["member", "join", USCCFixture.make(1), "--tier", "member", "--from", "2017-05-20"])
                _ = try run(["member", "list"])
                _ = try run([
                    "policy", "add", "--code", "big", "--title", "Big", "--rule", "employees >= 50",
                    "--valid-from", "2017-05-20",
                ])
                _ = try run(["policy", "list"])
                _ = try run(["eligibility", "run", "--as-of", "2024-06-01"])
                let eligible = try run(["eligibility", "list", "--policy", "big", "--eligible", "--format", "csv"])
                // Companies 2 (80) and 3 (120); company 1's update to 90 is in force from today,
                // so on 2024-06-01 it still had 40 employees.
                #expect(eligible.stdout.split(separator: "\n").count == 3, "\(eligible)")
                _ = try run(["eligibility", "explain", "--company", USCCFixture.make(1), "--policy", "big"])
                _ = try run(["report", "list"])
                _ = try run(["report", "member_roster", "--format", "csv"])
                _ = try run(["jobs", "list"])
                _ = try run(["db", "status"])
                _ = try run(["db", "migrate"])
                // The actor behind the pooler is the one each client named, not a neighbour's.
                let audit = try run(["audit", "--table", "companies", "--format", "csv"])
                #expect(
                    audit.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.contains("cli-test") }, "\(audit)")
                let other = try FilmWGBinary.run(
                    ["--actor", "someone-else", "company", "update", USCCFixture.make(2), "--employees", "41"],
                    environment: pooled)
                #expect(other.status == 0, "\(other)")
                let actors = try db.connectRaw().query(
                    "SELECT actor FROM filmwg.audit_log WHERE table_name = 'companies' AND action = 'update' ORDER BY id"
                ).map { try $0.decode(String.self, at: 0) }
                #expect(actors == ["cli-test", "someone-else"])
            }
        }
    }

    @Test func anotherClientsSessionSetOfReportingAsOfDoesNotReachAFilmwgReport() throws {
        try TestDatabase.with { db in
            try db.connectRaw().executeScript(
                unsafeSQL: """
                    INSERT INTO filmwg.companies (uscc, name, kind) VALUES ('91110116MA00YQ001M', 'Yanqi', 'production');
                    INSERT INTO filmwg.memberships (company_id, tier, period)
                    SELECT id, 'member', daterange('2017-05-20', '2018-01-01') FROM filmwg.companies;
                    """)
            try PgBouncer.with(poolSize: 1) { bouncer in
                // A careless client: a session-level SET through the pooler stays on the one
                // server connection every client then gets.
                let careless = try Connection.connect(bouncer.conninfo(db.name))
                try careless.execute("SET reporting.as_of = '2017-06-01'")
                #expect(
                    try careless.query("SELECT reporting.as_of()::text").one().decode(String.self, at: 0)
                        == "2017-06-01")
                careless.close()
                let report = try FilmWGBinary.run(
                    ["report", "member_roster", "--format", "csv"],
                    environment: ["DATABASE_URL": bouncer.conninfo(db.name)])
                #expect(report.status == 0, "\(report)")
                // Today the 2017 membership is over: the roster is empty, not 2017's.
                #expect(report.stdout.split(separator: "\n").count == 1, "\(report)")
                let past = try FilmWGBinary.run(
                    ["report", "member_roster", "--as-of", "2017-06-01", "--format", "csv"],
                    environment: ["DATABASE_URL": bouncer.conninfo(db.name)])
                #expect(past.stdout.split(separator: "\n").count == 2, "\(past)")
            }
        }
    }

    @Test func theDriverSendsUnnamedStatementsOnlyBehindAPooler() throws {
        try TestDatabase.with { db in
            let direct = try db.connect()
            #expect(try direct.detectPooler() == false)
            #expect(direct.usesUnnamedStatements == false)
            try PgBouncer.with { bouncer in
                let pooled = try Connection.connect(bouncer.conninfo(db.name))
                #expect(try pooled.detectPooler() == true)
            }
        }
    }
}
