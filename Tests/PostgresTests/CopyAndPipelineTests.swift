import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct CopyAndPipelineTests {
    @Test func copyEncodesTabsNewlinesBackslashesAndNull() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute("CREATE TABLE c (id int, body text, note text)")
            let tricky = ["a\tb", "line1\nline2\r\nline3", "back\\slash \\N", "\\.", "华谊兄弟", ""]
            var copy = try db.copyIn("COPY c (id, body, note) FROM STDIN")
            for (i, text) in tricky.enumerated() { try copy.append([String(i), text, i % 2 == 0 ? nil : "n"]) }
            #expect(try copy.finish() == tricky.count)
            let rows = try db.query("SELECT body, note FROM c ORDER BY id")
            #expect(try rows.map { try $0.decode(String.self, at: 0) } == tricky)
            #expect(try rows.map { try $0.decode(String?.self, at: 1) } == [nil, "n", nil, "n", nil, "n"])
        }
    }

    @Test func copyFailureWritesNothingAndAnUnfinishedCopyIsAborted() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute("CREATE TABLE c (id int PRIMARY KEY)")
            var copy = try db.copyIn("COPY c FROM STDIN")
            try copy.append(["1"])
            try copy.append(["1"])
            do {
                _ = try copy.finish()
                Issue.record("a duplicate key in COPY must fail")
            } catch {
                #expect((error as? PostgresError)?.isUniqueViolation == true)
            }
            do {
                var dropped = try db.copyIn("COPY c FROM STDIN")
                try dropped.append(["7"])
            }
            #expect(try db.query("SELECT count(*) FROM c").one().decode(Int.self, at: 0) == 0)
            #expect(db.transactionStatus == .idle)
            #expect(try db.query("SELECT 1").count == 1)
        }
    }

    @Test func pipelineReturnsResultsInOrder() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute("CREATE TABLE p (id int PRIMARY KEY, name text)")
            let inserts = (1...1000).map { i -> Query in "INSERT INTO p VALUES (\(i), \("名\(i)")) RETURNING id" }
            let results = try db.transaction { tx in try tx.pipeline(inserts, segmentSize: 100) }
            #expect(results.count == 1000)
            #expect(try results.map { try $0.one().decode(Int.self, at: 0) } == Array(1...1000))
            let reads = try db.pipeline((1...10).map { "SELECT name FROM p WHERE id = \($0)" })
            #expect(try reads[9].one().decode(String.self, at: 0) == "名10")
        }
    }

    @Test func aFailingStatementInAPipelineStopsItsTransaction() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute("CREATE TABLE p (id int PRIMARY KEY)")
            let batch: [Query] = ["INSERT INTO p VALUES (1)", "INSERT INTO p VALUES (1)", "INSERT INTO p VALUES (2)"]
            let error = #expect(throws: PostgresError.self) { try db.transaction { tx in try tx.pipeline(batch) } }
            #expect(error?.isUniqueViolation == true)
            #expect(try db.query("SELECT count(*) FROM p").one().decode(Int.self, at: 0) == 0)
            #expect(try db.pipeline(["SELECT 1"]).count == 1)
        }
    }

    /// 20,000 queries must not grow the process: every PGresult is cleared once. RSS is the
    /// whole test process's, and other suites run meanwhile, so each result is made large
    /// (10 kB): a leak would grow it by 200 MB, far above what the other tests move (~15 MB).
    @Test func manyQueriesKeepMemoryFlat() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            func rssKiB() -> Int {
                let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
                let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
                return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
            }
            for i in 0..<2_000 { _ = try db.query("SELECT \(i)::int, repeat('x', 10000)") }
            let before = rssKiB()
            for i in 0..<20_000 { _ = try db.query("SELECT \(i)::int, repeat('x', 10000)") }
            let after = rssKiB()
            // A leaked result of ~10 kB per query would be 200 MB here.
            #expect(after - before < 64_000, "RSS grew from \(before) KiB to \(after) KiB")
        }
    }
}
