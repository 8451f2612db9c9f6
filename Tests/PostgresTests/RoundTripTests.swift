import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct RoundTripTests {
    func roundTrip<T: PostgresEncodable & PostgresDecodable & Equatable>(
        _ value: T, as sqlType: String, on db: Connection
    ) throws -> T {
        let row = try db.query(Query(unsafeSQL: "SELECT $1::\(sqlType) AS v", binds: [PostgresBind(value)])).one()
        return try row.decode(T.self, column: "v")
    }

    @Test func scalarsSurviveTheTripUnchanged() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            #expect(try roundTrip(true, as: "boolean", on: db) == true)
            #expect(try roundTrip(false, as: "boolean", on: db) == false)
            #expect(try roundTrip(Int.max, as: "bigint", on: db) == Int.max)
            #expect(try roundTrip(Int64.min, as: "bigint", on: db) == Int64.min)
            #expect(try roundTrip(Int32.max, as: "integer", on: db) == Int32.max)
            #expect(try roundTrip(Int16(-7), as: "smallint", on: db) == -7)
            #expect(try roundTrip(Double(0.1) + 0.2, as: "double precision", on: db) == Double(0.1) + 0.2)
            #expect(try roundTrip(Double(-1.5e300), as: "double precision", on: db) == -1.5e300)
            #expect(try roundTrip("互联网电影工作组 — Internet Film 🎬", as: "text", on: db) == "互联网电影工作组 — Internet Film 🎬")
            #expect(try roundTrip("", as: "text", on: db) == "")
            #expect(try roundTrip("tab\tnew\nline\\back'quote\"", as: "text", on: db) == "tab\tnew\nline\\back'quote\"")
        }
    }

    @Test(arguments: ["99999999999999.99", "0.01", "-12345678901234567890.123456789", "0", "5000000.00", "1e-20"])
    func numericIsExactToTheLastDigit(_ literal: String) throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            let value = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX"))!
            #expect(try roundTrip(value, as: "numeric", on: db) == value)
            // The server sees the exact digits, not a binary approximation.
            let same = try db.query("SELECT \(value)::numeric = \(literal)::numeric").one().decode(Bool.self, at: 0)
            #expect(same)
        }
    }

    @Test func numericEdgeComparesEqualOnTheServer() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            let edge = Decimal(string: "99999999999999.99")!
            let same = try db.query("SELECT \(edge)::numeric(16,2) = 99999999999999.99::numeric(16,2)").one().decode(
                Bool.self, at: 0)
            #expect(same)
            let back = try db.query("SELECT 99999999999999.99::numeric(16,2)").one().decode(Decimal.self, at: 0)
            #expect(back == edge)
            #expect(back.description == "99999999999999.99")
        }
    }

    @Test func datesAreDaysWithoutZoneShift() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute("SET timezone = 'Pacific/Kiritimati'")
            let day = CalendarDate(year: 2017, month: 5, day: 20)!
            #expect(try roundTrip(day, as: "date", on: db) == day)
            #expect(try roundTrip(CalendarDate(year: 2024, month: 2, day: 29)!, as: "date", on: db).day == 29)
            #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
            #expect(CalendarDate(iso: "2017-05-20")?.adding(days: 12).description == "2017-06-01")
        }
    }

    @Test(arguments: ["UTC", "Asia/Shanghai", "America/St_Johns", "Asia/Kathmandu"])
    func instantsAreTheSameInstantInAnySessionZone(_ zone: String) throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            try db.execute(Query(unsafeSQL: "SET timezone = '\(zone)'"))
            // 2017-05-20 09:30:00.123456 in Beijing
            let instant = Date(timeIntervalSince1970: 1_495_243_800.123456)
            let back = try roundTrip(instant, as: "timestamptz", on: db)
            #expect(abs(back.timeIntervalSince1970 - instant.timeIntervalSince1970) < 0.000001)
            let beijing = try db.query(
                "SELECT to_char(\(instant) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS.US')"
            )
            .one().decode(String.self, at: 0)
            #expect(beijing == "2017-05-20 09:30:00.123456")
            let fromServer = try db.query("SELECT '2017-05-20 09:30:00+08'::timestamptz").one().decode(Date.self, at: 0)
            #expect(fromServer.timeIntervalSince1970 == 1_495_243_800)
        }
    }

    @Test func uuidByteaArraysAndJSONRoundTrip() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            let id = UUID()
            #expect(try roundTrip(id, as: "uuid", on: db) == id)
            let bytes = Data((0...255).map { UInt8($0) })
            #expect(try roundTrip(bytes, as: "bytea", on: db) == bytes)
            #expect(try roundTrip(Data(), as: "bytea", on: db) == Data())
            let words = ["导演", "a,b", "quote\"d", "back\\slash", "", "NULL", "{brace}", " spaced "]
            #expect(try roundTrip(words, as: "text[]", on: db) == words)
            let withNull: [String?] = ["x", nil, "y"]
            #expect(try roundTrip(withNull, as: "text[]", on: db) == withNull)
            #expect(try roundTrip([Int64](), as: "bigint[]", on: db) == [])
            let flags: [Bool?] = [true, nil, false]
            #expect(try roundTrip(flags, as: "boolean[]", on: db) == flags)
            let json = PostgresJSON(text: #"{"name": "奚伟航", "n": 1}"#)
            let back = try db.query("SELECT \(json)::jsonb ->> 'name'").one().decode(String.self, at: 0)
            #expect(back == "奚伟航")
            let doc = try db.query("SELECT jsonb_build_object('k', 2)").one().decode(PostgresJSON.self, at: 0)
            #expect(doc.text == #"{"k": 2}"#)
        }
    }

    @Test func nullsBecomeOptionalsAndRefuseNonOptionals() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            let none: String? = nil
            let row = try db.query("SELECT \(none)::text AS name, NULL::int AS n, NULL::date AS d").one()
            #expect(try row.decode(String?.self, column: "name") == nil)
            #expect(try row.decode(Int?.self, column: "n") == nil)
            #expect(try row.decode(CalendarDate?.self, column: "d") == nil)
            #expect(throws: DecodingError.self) { try row.decode(Int.self, column: "n") }
            let some: Int? = 5
            #expect(try db.query("SELECT \(some)::int").one().decode(Int?.self, at: 0) == 5)
        }
    }

    /// The parameters of one statement travel as C strings packed into one buffer: nulls, empty
    /// strings, multi-byte text and a value far larger than a stack allocation each arrive
    /// whole and in their place, through a prepared statement reused in a loop (the last
    /// statement's name remembered) and interleaved with another one.
    @Test func manyParametersOfEverySizeArriveInTheirPlaces() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            let long = String(repeating: "互联网电影", count: 40_000)  // 600,000 bytes of UTF-8
            let cases: [[String?]] = [
                ["a", nil, "", "导演 🎬", long],
                [nil, nil, nil, nil, nil],
                ["", "", "", "", ""],
                [long, "x", nil, long, "y"],
            ]
            for (index, values) in cases.enumerated() {
                let (a, b, c, d, e) = (values[0], values[1], values[2], values[3], values[4])
                let row = try db.query(
                    "SELECT \(a)::text, \(b)::text, \(c)::text, \(d)::text, \(e)::text, length(\(e)::text)"
                ).one()
                let got = try row.decode((String?, String?, String?, String?, String?, Int?).self)
                #expect([got.0, got.1, got.2, got.3, got.4] == values, "case \(index)")
                #expect(got.5 == e.map(\.count))
                // Another statement between two runs of the first: each keeps its own name.
                let n = index + 1
                #expect(try db.query("SELECT \(n)::int + 1").one().decode(Int.self, at: 0) == n + 1)
            }
        }
    }

    @Test func aTypeMismatchNamesTheColumnAndBothTypes() throws {
        try TestDatabase.with(migrated: false) { t in
            let db = try t.connectRaw()
            let row = try db.query("SELECT 'x'::text AS title, 3::int AS seats").one()
            let error = #expect(throws: DecodingError.self) { try row.decode(Int.self, column: "title") }
            #expect(error?.column == "title")
            #expect(error?.description.contains("text") == true)
            #expect(error?.description.contains("Int") == true)
            let missing = #expect(throws: DecodingError.self) { try row.decode(Int.self, column: "nope") }
            #expect(missing?.description.contains("title, seats") == true)
            let (title, seats) = try row.decode((String, Int).self)
            #expect(title == "x" && seats == 3)
        }
    }
}
