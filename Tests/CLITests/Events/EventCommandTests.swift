import Foundation
import TestSupport
import Testing

@Suite struct EventCommandTests {
    @Test func addPrintsTheStoredEventAndListAndShowFindIt() throws {
        try TestDatabase.with { db in
            let add = try FilmWGBinary.run(
                [
                    "event", "add", "--name", "互联网电影论坛", "--kind", "forum", "--starts-at", "2018-05-20T06:00:00Z",
                    "--ends-at", "2018-05-20T17:00:00+08:00", "--venue", "Huairou Film Town", "--district", "怀柔区",
                    "--capacity", "200", "--format", "json",
                ], database: db)
            #expect(add.status == 0, "\(add)")
            #expect(add.stderr.isEmpty)
            #expect(
                add.stdout.hasPrefix(
                    #"{"id": 1, "name": "互联网电影论坛", "kind": "forum", "starts_at": "2018-05-20T14:00:00+08:00", "ends_at": "2018-05-20T17:00:00+08:00", "venue": "Huairou Film Town", "district": "怀柔区", "capacity": 200, "attendees": 0, "notes": null, "row_version": 1, "created_at": "#
                ))
            let list = try FilmWGBinary.run(
                ["event", "list", "--from", "2018-05-20", "--to", "2018-05-20", "--format", "csv"], database: db)
            #expect(list.status == 0)
            #expect(
                list.stdout == """
                    id,name,kind,starts_at,ends_at,venue,district,capacity,attendees
                    1,互联网电影论坛,forum,2018-05-20T14:00:00+08:00,2018-05-20T17:00:00+08:00,Huairou Film Town,怀柔区,200,0

                    """)
            let none = try FilmWGBinary.run(["event", "list", "--kind", "ceremony", "--format", "json"], database: db)
            #expect(none.status == 0 && none.stdout == "[]\n")
            let show = try FilmWGBinary.run(["event", "show", "1"], database: db)
            #expect(show.status == 0)
            #expect(show.stdout.contains("name         互联网电影论坛\n"))
            let table = try FilmWGBinary.run(["event", "list", "--search", "film town", "--limit", "1"], database: db)
            #expect(table.status == 0 && table.stdout.contains("Huairou Film Town"))
        }
    }

    @Test func mistakesExitWithTheirCodesAndOneSentence() throws {
        try TestDatabase.with { db in
            let noOffset = try FilmWGBinary.run(
                ["event", "add", "--name", "X", "--starts-at", "2018-05-20T14:00:00"], database: db)
            #expect(noOffset.status == 64)
            #expect(
                noOffset.stderr
                    == "filmwg: --starts-at must be an ISO 8601 instant with its offset, such as 2017-05-20T09:30:00+08:00, not '2018-05-20T14:00:00'\n"
            )
            let kind = try FilmWGBinary.run(
                ["event", "add", "--name", "X", "--kind", "forun", "--starts-at", "2018-05-20T14:00:00+08:00"],
                database: db)
            #expect(kind.status == 65)
            #expect(
                kind.stderr
                    == "filmwg: kind must be one of ceremony, forum, meeting, workshop, screening, festival, award_ceremony, training, premiere, press_conference, exhibition, other, not 'forun'; did you mean 'forum'?\n"
            )
            let missing = try FilmWGBinary.run(["event", "show", "9"], database: db)
            #expect(missing.status == 1)
            #expect(missing.stderr == "filmwg: no event with id 9; see 'filmwg event list'\n")
            let notAnId = try FilmWGBinary.run(["event", "show", "first"], database: db)
            #expect(notAnId.status == 64)
            let backwards = try FilmWGBinary.run(
                ["event", "list", "--from", "2018-02-01", "--to", "2018-01-01"], database: db)
            #expect(backwards.status == 64 && backwards.stdout.isEmpty)
            let required = try FilmWGBinary.run(
                ["event", "add", "--starts-at", "2018-05-20T14:00:00+08:00"], database: db)
            #expect(required.status == 64 && required.stderr.contains("missing --name"))
        }
    }

    @Test(arguments: [
        ["event", "add"], ["event", "show"], ["event", "list"], ["attendance", "record"], ["attendance", "list"],
        ["attendance", "import"], ["position", "list"], ["position", "show"], ["position", "add"],
        ["position", "update"],
        ["role", "assign"], ["role", "end"], ["role", "list"], ["role", "show"], ["election", "record"],
        ["election", "show"], ["election", "list"], ["grant", "apply"], ["grant", "approve"], ["grant", "reject"],
        ["grant", "pay"], ["grant", "list"],
        ["grant", "show"], ["policy", "budget"], ["figure", "import"], ["figure", "list"], ["audit"],
        ["history", "company"], ["history", "event"], ["jobs", "list"], ["seed", "list"], ["seed", "launch-2017"],
        ["completion", "bash"], ["completion", "zsh"],
    ])
    func everyCommandHasHelpWithAnExample(path: [String]) throws {
        let result = try FilmWGBinary.run(path + ["--help"])
        #expect(result.status == 0)
        let abstract = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
        #expect(abstract.count > 10 && abstract.hasSuffix("."), "the first line is the abstract, a sentence")
        #expect(result.stdout.contains("Usage: filmwg \(path.joined(separator: " "))"))
        #expect(result.stdout.contains("Example:\n  filmwg "))
        #expect(result.stderr.isEmpty)
    }
}
