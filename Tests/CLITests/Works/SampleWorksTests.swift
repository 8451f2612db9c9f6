import Foundation
import TestSupport
import Testing

/// scripts/sample: the fictional works and awards load (twice: idempotent) and the sample award
/// clause is a policy the job can decide on.
@Suite struct SampleWorksTests {
    /// Tests/CLITests/Works/ThisFile.swift → the package root.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theSampleWorksLoadTwiceAsOnceAndTheAwardClauseDecides() throws {
        try TestDatabase.with { db in
            let sample = try String(
                contentsOf: Self.root.appendingPathComponent("scripts/sample/sample.sql"), encoding: .utf8)
            for _ in 1...2 {
                let connection = try db.connectRaw()
                try connection.execute("BEGIN")
                try connection.executeScript(unsafeSQL: sample)
                try connection.execute("COMMIT")
                connection.close()
            }
            #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.works WHERE title LIKE '%(sample)'") == "5")
            #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.awards") == "5")
            #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.works WHERE title NOT LIKE '%(sample)'") == "0")
            let added = try RecordCLI.run(
                [
                    "policy", "add", "--code", "award-clause", "--title", "Award clause (sample)", "--valid-from",
                    "2018-01-01",
                    "--rule-file", Self.root.appendingPathComponent("scripts/sample/policies/award-clause.rule").path,
                ], db)
            #expect(added.status == 0, "\(added)")
            let run = try RecordCLI.run(["eligibility", "run"], db)
            #expect(run.status == 0, "\(run)")
            let eligible = try RecordCLI.array(
                try RecordCLI.run(
                    ["eligibility", "list", "--policy", "award-clause", "--eligible", "--format", "json"], db
                ).stdout)
            // Yanqi Lake's huabiao (60 days ago) and the Young Filmmakers' tiantan (10 days ago);
            // Cloudscreen's feitian was only a nomination, and Cloudscreen is not in the zone.
            #expect(
                eligible.compactMap { $0["uscc"] as? String }.sorted() == ["91110116MA00YQ001M", "92110116MA03QN0070"])
        }
    }
}
