import Foundation
import TestSupport
import Testing

@Suite struct ElectionCommandTests {
    @Test func anElectionIsRecordedAndShownInEveryFormat() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try ActivityFixtures.event(connection, name: "Launch", kind: "ceremony", startsAt: "2017-05-20 10:00+08")
            try ActivityFixtures.professional(connection, name: "Xi Weihang", email: "xi@example.cn")
            try ActivityFixtures.professional(connection, name: "Rival", email: "rival@example.cn")
            let record = try FilmWGBinary.run(
                [
                    "election", "record", "--position", "head", "--held-on", "2017-05-20", "--event", "1",
                    "--candidate", "xi@example.cn:58:2:1:elected", "--candidate", "2:::", "--notes", "by ballot",
                    "--format", "json",
                ], database: db)
            #expect(record.status == 0, "\(record)")
            #expect(
                record.stdout.hasPrefix(
                    #"{"id": 1, "position": "head", "held_on": "2017-05-20", "event_id": 1, "candidates": [{"election_id": 1, "professional_id": 1, "professional_name": "Xi Weihang", "company_id": null, "votes_for": 58, "votes_against": 2, "votes_abstain": 1, "elected": true}, {"election_id": 1, "professional_id": 2, "professional_name": "Rival", "company_id": null, "votes_for": null, "votes_against": null, "votes_abstain": null, "elected": false}], "elected": "Xi Weihang (1)", "notes": "by ballot", "row_version": 1,"#
                ))
            let csv = try FilmWGBinary.run(["election", "show", "1", "--format", "csv"], database: db)
            #expect(
                csv.stdout == """
                    election_id,professional_id,professional_name,company_id,votes_for,votes_against,votes_abstain,elected
                    1,1,Xi Weihang,,58,2,1,true
                    1,2,Rival,,,,,false

                    """)
            let table = try FilmWGBinary.run(["election", "show", "1"], database: db)
            #expect(table.status == 0)
            #expect(table.stdout.contains("elected      Xi Weihang (1)\n"))
            #expect(table.stdout.contains("professional_name"))
            let list = try FilmWGBinary.run(
                ["election", "list", "--position", "head", "--format", "csv"], database: db)
            #expect(
                list.stdout
                    == "id,position,held_on,event_id,candidates,elected,notes\n1,head,2017-05-20,1,2,Xi Weihang (1),by ballot\n"
            )
        }
    }

    @Test func badCandidatesAndVotesExitWithTheirCodes() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try ActivityFixtures.professional(connection, name: "Xi Weihang", email: "xi@example.cn")
            try ActivityFixtures.professional(connection, name: "Rival", email: "rival@example.cn")
            let malformed = try FilmWGBinary.run(
                [
                    "election", "record", "--position", "head", "--held-on", "2017-05-20", "--candidate",
                    "xi@example.cn:58",
                ], database: db)
            #expect(malformed.status == 64)
            #expect(
                malformed.stderr
                    == "filmwg: candidate 'xi@example.cn:58' is not understood; write a candidate as P:FOR:AGAINST:ABSTAIN[:elected[:COMPANY]], e.g. 7:58:2:1:elected\n"
            )
            let none = try FilmWGBinary.run(
                ["election", "record", "--position", "head", "--held-on", "2017-05-20"], database: db)
            #expect(none.status == 64)
            let twoHeads = try FilmWGBinary.run(
                [
                    "election", "record", "--position", "head", "--held-on", "2017-05-20",
                    "--candidate", "1:1:0:0:elected", "--candidate", "2:1:0:0:elected",
                ], database: db)
            #expect(twoHeads.status == 65)
            #expect(twoHeads.stderr == "filmwg: 2 candidates are marked elected, but position head has 1 seat\n")
            let unknown = try FilmWGBinary.run(
                ["election", "record", "--position", "head", "--held-on", "2017-05-20", "--candidate", "9:1:0:0"],
                database: db)
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "filmwg: no professional has id 9; see 'filmwg professional list'\n")
            let missing = try FilmWGBinary.run(["election", "show", "3"], database: db)
            #expect(missing.status == 1)
            #expect(missing.stderr == "filmwg: no election with id 3; see 'filmwg election list'\n")
        }
    }
}
