import Foundation
import Postgres
import TestSupport
import Testing

/// The driver's shortcuts for hot loops (see scripts/bench): numeric decoded without Foundation's
/// parser, results read before waiting on the socket, column names read only when asked for.
/// Each must give exactly what the slow path gave.
@Suite struct FastPathTests {
    /// numeric text as the server prints it, decoded by the driver, equals Foundation's parse of
    /// the same text, in value and in description, on both sides of the 19-digit fast path.
    @Test func numericFromTheServerDecodesAsFoundationParsesIt() throws {
        var literals = [
            "0", "0.00", "-0.00", "1", "-1", "5000000.00", "1000.50", "0.001", "-0.10", "100",
            "9999999999999999999", "-9999999999999999999", "99999999999999999999", "1000000000000000000.0",
            "123456789.1234567890", "12345678901234567890.123456789", "0.0000000000000000001",
            "99999999999999.99", "NaN",
        ]
        var state: UInt64 = 42
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<500 {
            let whole = String(next() % 10_000_000_000_000)
            let fraction = String(next() % 1_000_000)
            let sign = next() % 3 == 0 ? "-" : ""
            literals.append("\(sign)\(whole).\(fraction)")
            literals.append("\(sign)\(whole)")
        }
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            let rows = try db.query("SELECT v::numeric::text, v::numeric FROM unnest(\(literals)::text[]) AS v")
            #expect(rows.count == literals.count)
            for row in rows {
                let text = try row.decode(String.self, at: 0)
                if text == "NaN" {
                    #expect(throws: DecodingError.self) { try row.decode(Decimal.self, at: 1) }
                    continue
                }
                let decoded = try row.decode(Decimal.self, at: 1)
                let foundation = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
                #expect(decoded == foundation, "\(text)")
                #expect(decoded.description == foundation.description, "\(text)")
            }
        }
    }

    /// One statement, one result, as PQexec gives it: rows, command tags, errors with their
    /// fields, and the connection usable afterwards; a many-statement script still ends with its
    /// last result.
    @Test func roundTripsReturnTheStatementsResultOrItsError() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute("CREATE TABLE r (id int PRIMARY KEY, name text)")
            #expect(try db.execute("INSERT INTO r VALUES (1, 'a'), (2, 'b'), (3, \("c"))") == 3)
            #expect(try db.execute("UPDATE r SET name = name || \("!") WHERE id >= \(2)") == 2)
            do {
                try db.execute("INSERT INTO r VALUES (\(1), 'again')")
                Issue.record("a duplicate key must fail")
            } catch let error as PostgresError {
                #expect(error.isUniqueViolation)
                #expect(error.constraint == "r_pkey")
            }
            let rows = try db.query("SELECT id, name FROM r WHERE id > \(0) ORDER BY id")
            #expect(
                try rows.map { try $0.decode((Int, String).self) }.map { "\($0.0)\($0.1)" } == ["1a", "2b!", "3c!"])
            #expect(rows.columnNames == ["id", "name"])
            #expect(try rows[0].decode(String.self, column: "name") == "a")
            try db.executeScript(unsafeSQL: "INSERT INTO r VALUES (4, 'd'); DELETE FROM r WHERE id = 4")
            #expect(try db.query("SELECT count(*) FROM r").one().decode(Int.self, at: 0) == 3)
            #expect(db.transactionStatus == .idle)
        }
    }

    /// Many statements one after the other leave nothing unread behind (a result left over would
    /// be returned for the next statement).
    @Test func aLongLoopOfPointReadsReturnsEachStatementsOwnRow() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute("CREATE TABLE items (id bigint PRIMARY KEY, amount numeric(20,2) NOT NULL)")
            try db.execute("INSERT INTO items SELECT g, g * 1000.50 FROM generate_series(1, 2000) AS g")
            for id in stride(from: Int64(1), through: 2000, by: 7) {
                let (key, amount) = try db.query("SELECT id, amount FROM items WHERE id = \(id)").one()
                    .decode((Int64, Decimal).self)
                #expect(key == id)
                #expect(amount == Decimal(id) * Decimal(string: "1000.50")!)
            }
        }
    }
}
