import Foundation
import TestSupport
import Testing

@Suite struct AuditCommandTests {
    @Test func auditShowsWhoChangedWhatNewestFirst() throws {
        try TestDatabase.with { db in
            #expect(
                try FilmWGBinary.run(
                    ["--actor", "alice", "position", "add", "advisor", "--title", "Advisor", "--seats", "1"],
                    database: db
                ).status == 0)
            #expect(
                try FilmWGBinary.run(["position", "update", "advisor", "--seats", "2", "--actor", "bob"], database: db)
                    .status == 0)
            let json = try FilmWGBinary.run(
                ["audit", "--table", "positions", "--since", "2017-01-01", "--limit", "2", "--format", "json"],
                database: db)
            #expect(json.status == 0, "\(json)")
            #expect(json.stdout.hasPrefix("[{\"id\": "))
            #expect(
                json.stdout.contains(
                    #""actor": "bob", "table_name": "positions", "row_id": "5", "action": "update", "changes": "seats: 1 → 2", "old_values": {"#
                ))
            #expect(
                json.stdout.contains(
                    #""actor": "alice", "table_name": "positions", "row_id": "5", "action": "insert", "changes": null, "old_values": null, "new_values": {"#
                ))
            let table = try FilmWGBinary.run(["audit", "--actor", "bob"], database: db)
            #expect(table.status == 0)
            #expect(table.stdout.hasPrefix("id  at"))
            #expect(table.stdout.contains("  bob    positions   5       update  seats: 1 → 2\n"))
            #expect(!table.stdout.contains("old_values"))
            let csv = try FilmWGBinary.run(["audit", "--actor", "nobody", "--format", "csv"], database: db)
            #expect(csv.stdout == "id,at,actor,table_name,row_id,action,changes,old_values,new_values\n")
            let badTable = try FilmWGBinary.run(["audit", "--table", "positons"], database: db)
            #expect(badTable.status == 65)
            #expect(badTable.stderr.hasSuffix("not 'positons'; did you mean 'positions'?\n"))
            let badDay = try FilmWGBinary.run(["audit", "--since", "yesterday"], database: db)
            #expect(badDay.status == 64)
            #expect(badDay.stderr == "filmwg: --since must be a date as YYYY-MM-DD, not 'yesterday'\n")
        }
    }

    @Test func historyFollowsOneRecordNamedAsUsersNameIt() throws {
        try TestDatabase.with { db in
            let connection = try db.connect(actor: "setup")
            let uscc = ActivityFixtures.uscc(21)
            try ActivityFixtures.company(connection, name: "Studio", uscc: uscc)
            try connection.execute("UPDATE filmwg.companies SET name = 'Studio Ltd' WHERE id = 1")
            try ActivityFixtures.professional(connection, name: "李娜", email: "li@example.cn")
            let company = try FilmWGBinary.run(["history", "company", uscc, "--format", "csv"], database: db)
            #expect(company.status == 0, "\(company)")
            let lines = company.stdout.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines[1].contains(",setup,companies,1,insert,,"))
            #expect(lines[2].contains(#",setup,companies,1,update,"name: ""Studio"" → ""Studio Ltd""","#))
            let byId = try FilmWGBinary.run(["history", "company", "1", "--format", "csv"], database: db)
            #expect(byId.stdout == company.stdout)
            let professional = try FilmWGBinary.run(
                ["history", "professional", "li@example.cn", "--format", "json"], database: db)
            #expect(professional.status == 0)
            #expect(professional.stdout.contains(#""full_name": "李娜""#))
            let nothing = try FilmWGBinary.run(["history", "event", "4"], database: db)
            #expect(nothing.status == 1)
            #expect(nothing.stderr == "filmwg: the audit log has no change of event 4\n")
            let unknown = try FilmWGBinary.run(["history", "company", ActivityFixtures.uscc(22)], database: db)
            #expect(unknown.status == 1)
            #expect(
                unknown.stderr
                    == "filmwg: no company has USCC \(ActivityFixtures.uscc(22)); see 'filmwg company list'\n")
            let noun = try FilmWGBinary.run(["history", "compnay", "1"], database: db)
            #expect(noun.status == 64)
            #expect(noun.stderr.contains("did you mean 'company'?"))
        }
    }
}
