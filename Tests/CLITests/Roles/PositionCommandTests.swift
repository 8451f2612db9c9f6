import Foundation
import TestSupport
import Testing

@Suite struct PositionCommandTests {
    @Test func positionsAreListedAddedAndUpdatedWithOptimisticLocking() throws {
        try TestDatabase.with { db in
            let list = try FilmWGBinary.run(["position", "list", "--format", "csv"], database: db)
            #expect(list.status == 0)
            #expect(
                list.stdout == """
                    id,code,title,title_zh,seats,holders
                    2,deputy_head,Deputy Head,副组长,5,0
                    4,deputy_secretary_general,Deputy Secretary-General,副秘书长,3,0
                    1,head,Head,组长,1,0
                    3,secretary_general,Secretary-General,秘书长,1,0

                    """)
            let add = try FilmWGBinary.run(
                [
                    "position", "add", "honorary_head", "--title", "Honorary Head", "--title-zh", "名誉组长", "--seats",
                    "2", "--format", "json",
                ],
                database: db)
            #expect(add.status == 0, "\(add)")
            #expect(
                add.stdout.hasPrefix(
                    #"{"id": 5, "code": "honorary_head", "title": "Honorary Head", "title_zh": "名誉组长", "seats": 2, "holders": 0, "row_version": 1,"#
                ))
            let again = try FilmWGBinary.run(
                ["position", "add", "honorary_head", "--title", "X", "--seats", "1"], database: db)
            #expect(again.status == 65)
            #expect(
                again.stderr
                    == "filmwg: there is already a position with code 'honorary_head'; see 'filmwg position list'\n")
            let update = try FilmWGBinary.run(
                ["position", "update", "honorary_head", "--seats", "3", "--expect-version", "1", "--format", "json"],
                database: db)
            #expect(update.status == 0)
            #expect(update.stdout.contains(#""seats": 3, "holders": 0, "row_version": 2"#))
            let stale = try FilmWGBinary.run(
                ["position", "update", "honorary_head", "--seats", "4", "--expect-version", "1"], database: db)
            #expect(stale.status == 75)
            #expect(stale.stdout.isEmpty)
            #expect(
                stale.stderr
                    == "filmwg: stale row_version: expected 1, current 2; someone changed the record since you read it, show it again and retry\n"
            )
            let nothing = try FilmWGBinary.run(["position", "update", "honorary_head"], database: db)
            #expect(nothing.status == 64)
            let typo = try FilmWGBinary.run(["position", "show", "haed"], database: db)
            #expect(typo.status == 1)
            #expect(typo.stderr == "filmwg: no position with code 'haed'; did you mean 'head'?\n")
        }
    }

    @Test func aSecondHeadIsRefusedAndATermEndsOnlyWithConfirmation() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try ActivityFixtures.professional(connection, name: "Xi Weihang", email: "xi@example.cn")
            try ActivityFixtures.professional(connection, name: "Next Head", email: "next@example.cn")
            try ActivityFixtures.company(connection, name: "Studio", uscc: ActivityFixtures.uscc(7))
            let assign = try FilmWGBinary.run(
                [
                    "role", "assign", "--position", "head", "--professional", "xi@example.cn", "--company",
                    ActivityFixtures.uscc(7),
                    "--from", "2017-05-20", "--format", "json",
                ], database: db)
            #expect(assign.status == 0, "\(assign)")
            #expect(
                assign.stdout.hasPrefix(
                    #"{"id": 1, "position": "head", "professional_id": 1, "professional_name": "Xi Weihang", "company_id": 1, "company_name": "Studio", "term_from": "2017-05-20", "term_to": null, "row_version": 1,"#
                ))
            let second = try FilmWGBinary.run(
                ["role", "assign", "--position", "head", "--professional", "next@example.cn", "--from", "2019-01-01"],
                database: db)
            #expect(second.status == 65)
            #expect(
                second.stderr
                    == "filmwg: position head has 1 seat, already held from 2017-05-20 by professional 1; end the current term first, or choose a later start.\n"
            )
            let noSeats = try FilmWGBinary.run(["position", "update", "head", "--seats", "0"], database: db)
            #expect(noSeats.status == 65)
            #expect(noSeats.stderr == "filmwg: a position has at least 1 seat, not 0\n")
            let backwards = try FilmWGBinary.run(
                [
                    "role", "assign", "--position", "head", "--professional", "2", "--from", "2019-01-01", "--to",
                    "2018-01-01",
                ], database: db)
            #expect(backwards.status == 65)
            #expect(
                backwards.stderr.hasPrefix("filmwg: the term would end on 2018-01-01 before it starts on 2019-01-01"))

            let unconfirmed = try FilmWGBinary.run(["role", "end", "1", "--on", "2020-05-20"], database: db)
            #expect(unconfirmed.status == 64)
            #expect(
                unconfirmed.stderr
                    == "filmwg: End role assignment 1: head held by Xi Weihang (professional 1) from 2017-05-20, last day 2020-05-19? Pass --yes to confirm when not on a terminal.\n"
            )
            #expect(
                try FilmWGBinary.run(["role", "show", "1", "--format", "json"], database: db).stdout.contains(
                    #""term_to": null"#))
            let end = try FilmWGBinary.run(
                ["role", "end", "1", "--on", "2020-05-20", "--yes", "--format", "json"], database: db)
            #expect(end.status == 0, "\(end)")
            #expect(end.stdout.contains(#""term_from": "2017-05-20", "term_to": "2020-05-20", "row_version": 2"#))
            let ended = try FilmWGBinary.run(["role", "end", "1", "--on", "2021-01-01", "--yes"], database: db)
            #expect(ended.status == 65)
            #expect(
                ended.stderr
                    == "filmwg: role assignment 1 already ended: head was held up to 2020-05-19; nothing was changed\n")
            let next = try FilmWGBinary.run(
                ["role", "assign", "--position", "head", "--professional", "next@example.cn", "--from", "2020-05-20"],
                database: db)
            #expect(next.status == 0)
            let asOf = try FilmWGBinary.run(["role", "list", "--as-of", "2020-05-19", "--format", "csv"], database: db)
            #expect(
                asOf.stdout == """
                    id,position,professional_id,professional_name,company_id,company_name,term_from,term_to
                    1,head,1,Xi Weihang,1,Studio,2017-05-20,2020-05-20

                    """)
            let all = try FilmWGBinary.run(["role", "list", "--position", "head", "--format", "json"], database: db)
            #expect(all.stdout.components(separatedBy: "\"position\": \"head\"").count == 3)
            let current = try FilmWGBinary.run(["role", "list", "--current", "--format", "csv"], database: db)
            #expect(current.stdout.hasSuffix(",head,2,Next Head,,,2020-05-20,\n"))
            let missing = try FilmWGBinary.run(["role", "end", "9", "--on", "2021-01-01", "--yes"], database: db)
            #expect(missing.status == 1)
            #expect(missing.stderr == "filmwg: no role assignment with id 9; see 'filmwg role list'\n")
        }
    }

    @Test func aStaleVersionWhenEndingATermExits75() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try ActivityFixtures.professional(connection, name: "Deputy", email: "d@example.cn")
            #expect(
                try FilmWGBinary.run(
                    [
                        "role", "assign", "--position", "deputy_head", "--professional", "d@example.cn", "--from",
                        "2017-05-20",
                    ], database: db
                ).status == 0)
            try connection.execute("UPDATE filmwg.role_assignments SET company_id = NULL")
            let stale = try FilmWGBinary.run(
                ["role", "end", "1", "--on", "2020-01-01", "--yes", "--expect-version", "1"], database: db)
            #expect(stale.status == 75)
            #expect(stale.stderr.hasPrefix("filmwg: stale row_version: expected 1, current 2"))
        }
    }

    /// Two `filmwg role assign` processes for the single seat of head, started together:
    /// exactly one succeeds, the other exits 65 naming the holder.
    @Test func twoProcessesAssigningTheHeadAtOnceExactlyOneSucceeds() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try ActivityFixtures.professional(connection, name: "A", email: "a@example.cn")
            try ActivityFixtures.professional(connection, name: "B", email: "b@example.cn")
            let results = UnsafeResults()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                results.set(
                    i,
                    try? FilmWGBinary.run(
                        [
                            "role", "assign", "--position", "head", "--professional",
                            i == 0 ? "a@example.cn" : "b@example.cn", "--from", "2017-05-20",
                        ],
                        database: db))
            }
            let statuses = results.all.map { $0?.status ?? -1 }.sorted()
            #expect(statuses == [0, 65], "\(results.all)")
            let refused = results.all.compactMap { $0 }.first { $0.status == 65 }
            #expect(
                refused?.stderr.hasPrefix(
                    "filmwg: position head has 1 seat, already held from 2017-05-20 by professional ") == true)
            let holders = try connection.query("SELECT count(*)::integer FROM filmwg.role_assignments").one().decode(
                Int.self, at: 0)
            #expect(holders == 1)
        }
    }
}
