import Postgres
import Testing

@Suite struct QueryTests {
    @Test func interpolationBindsValuesAndQuotesIdentifiers() {
        let name = "x'); DROP TABLE companies; --"
        let q: Query = "SELECT * FROM \(identifier: "we\"ird") WHERE name = \(name) AND n > \(3)"
        #expect(q.sql == #"SELECT * FROM "we""ird" WHERE name = $1 AND n > $2"#)
        #expect(q.binds.map(\.text) == [name, "3"])
        #expect(q.binds[1].type == .int8)
    }

    @Test func fragmentsAreRenumbered() {
        let filter: Query = "kind = \("production") AND name <> '$1'"
        let q: Query = "SELECT 1 WHERE id = \(7) AND \(filter)"
        #expect(q.sql == "SELECT 1 WHERE id = $1 AND kind = $2 AND name <> '$1'")
        #expect(q.binds.count == 2)
    }
}
