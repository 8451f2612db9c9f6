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

    @Test(arguments: [
        ("x = $1 -- not $1\nAND y = $2", "x = $3 -- not $1\nAND y = $4"),
        ("x = $1 /* $1 /* nested $2 */ still $1 */ AND $2", "x = $3 /* $1 /* nested $2 */ still $1 */ AND $4"),
        ("x = $1 AND y = $$ $1 $$ AND z = $tag$ $2 $tag$", "x = $3 AND y = $$ $1 $$ AND z = $tag$ $2 $tag$"),
        ("x = E'it\\'s $1' AND y = $1", "x = E'it\\'s $1' AND y = $3"),
        ("\"col$1\" = $1 AND 'it''s $2' = $2", "\"col$1\" = $3 AND 'it''s $2' = $4"),
        ("a$1 = $1", "a$1 = $3"),
    ])
    func renumberingSkipsCommentsStringsAndIdentifiers(fragment: String, expected: String) {
        let q: Query = "SELECT \(1), \(2) WHERE \(Query(unsafeSQL: fragment))"
        #expect(q.sql == "SELECT $1, $2 WHERE " + expected)
    }
}
