import Foundation
import TestSupport
import Testing

@Suite struct MemberCommandTests {
    static let a = USCCFixture.make(1)
    static let b = USCCFixture.make(2)

    static func companies(_ db: TestDatabase) throws {
        #expect(
            try RecordCLI.run(
                ["company", "add", "--uscc", a, "--name", "Huairou Film Studio", "--name-zh", "怀柔影视"], db
            ).status == 0)
        #expect(
            try RecordCLI.run(["company", "add", "--uscc", b, "--name", "iQIYI", "--name-zh", "爱奇艺"], db).status == 0)
    }

    @Test func joinPrintsTheMembershipAndLeaveEndsItHalfOpen() throws {
        try TestDatabase.with { db in
            try Self.companies(db)
            let joined = try RecordCLI.run(
                ["member", "join", Self.a, "--tier", "initiating", "--from", "2017-05-20", "--format", "json"], db)
            #expect(joined.status == 0, "\(joined)")
            #expect(joined.stderr.isEmpty)
            #expect(
                joined.stdout
                    == "{\"id\": 1, \"company_id\": 1, \"uscc\": \"\(Self.a)\", \"name\": \"Huairou Film Studio\", \"name_zh\": \"怀柔影视\", \"tier\": \"initiating\", \"joined_on\": \"2017-05-20\", \"left_on\": null, \"row_version\": 1}\n"
            )
            let left = try RecordCLI.run(["member", "leave", "1", "--on", "2020-01-01", "--format", "csv"], db)
            #expect(left.status == 0, "\(left)")
            #expect(
                left.stdout
                    == "id,company_id,uscc,name,name_zh,tier,joined_on,left_on,row_version\n1,1,\(Self.a),Huairou Film Studio,怀柔影视,initiating,2017-05-20,2020-01-01,2\n"
            )
            let lastDay = try RecordCLI.array(
                try RecordCLI.run(["member", "list", "--as-of", "2019-12-31", "--format", "json"], db).stdout)
            #expect(lastDay.map { $0["uscc"] as? String } == [Self.a])
            #expect(
                try RecordCLI.run(["member", "list", "--as-of", "2020-01-01", "--format", "json"], db).stdout == "[]\n")
            #expect(
                try RecordCLI.sql(
                    db, "SELECT actor, action FROM filmwg.audit_log WHERE table_name = 'memberships' ORDER BY id")
                    == "cli-test|insert\ncli-test|update")
        }
    }

    @Test func anOverlappingJoinExits65NamingTheExistingPeriod() throws {
        try TestDatabase.with { db in
            try Self.companies(db)
            #expect(
                try RecordCLI.run(["member", "join", Self.a, "--tier", "initiating", "--from", "2017-05-20"], db).status
                    == 0)
            let overlap = try RecordCLI.run(["member", "join", Self.a, "--tier", "member", "--from", "2018-01-01"], db)
            #expect(overlap.status == 65)
            #expect(overlap.stdout.isEmpty)
            #expect(
                overlap.stderr
                    == "filmwg: company \(Self.a) already has an initiating membership from 2017-05-20, still open, which overlaps the new one from 2018-01-01; end it first with 'filmwg member leave \(Self.a) --on DATE'\n"
            )
            #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.memberships") == "1")
        }
    }

    @Test func mistakesGiveTheRightExitCodes() throws {
        try TestDatabase.with { db in
            try Self.companies(db)
            let badTier = try RecordCLI.run(["member", "join", Self.a, "--tier", "gold", "--from", "2017-05-20"], db)
            #expect(badTier.status == 65)
            #expect(badTier.stderr == "filmwg: tier 'gold' is not a tier; use one of initiating, member, observer\n")
            let badDate = try RecordCLI.run(["member", "join", Self.a, "--tier", "member", "--from", "20.5.2017"], db)
            #expect(badDate.status == 64)
            #expect(badDate.stderr == "filmwg: --from must be a date as YYYY-MM-DD, not '20.5.2017'\n")
            #expect(try RecordCLI.run(["member", "join", Self.a, "--tier", "member"], db).status == 64)
            #expect(try RecordCLI.run(["member", "leave", Self.a], db).status == 64)
            let notMember = try RecordCLI.run(["member", "leave", Self.a, "--on", "2020-01-01"], db)
            #expect(notMember.status == 1)
            #expect(
                notMember.stderr == "filmwg: company \(Self.a) has no open membership; it has never been a member\n")
            let unknown = try RecordCLI.run(
                ["member", "join", USCCFixture.make(3), "--tier", "member", "--from", "2017-05-20"], db)
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "filmwg: no company has USCC \(USCCFixture.make(3)); see 'filmwg company list'\n")
            #expect(
                try RecordCLI.run(["member", "join", Self.a, "--tier", "member", "--from", "2017-05-20"], db).status
                    == 0)
            let tooEarly = try RecordCLI.run(["member", "leave", Self.a, "--on", "2017-05-20"], db)
            #expect(tooEarly.status == 65)
            #expect(
                tooEarly.stderr
                    == "filmwg: company \(Self.a) joined on 2017-05-20, so it can leave on 2017-05-21 at the earliest, not 2017-05-20\n"
            )
        }
    }

    @Test func listShowsMembersOnADayOrOneCompanysHistory() throws {
        try TestDatabase.with { db in
            try Self.companies(db)
            #expect(
                try RecordCLI.run(["member", "join", Self.a, "--tier", "initiating", "--from", "2017-05-20"], db).status
                    == 0)
            #expect(try RecordCLI.run(["member", "leave", Self.a, "--on", "2019-01-01"], db).status == 0)
            #expect(
                try RecordCLI.run(["member", "join", Self.a, "--tier", "member", "--from", "2019-01-01"], db).status
                    == 0)
            #expect(
                try RecordCLI.run(["member", "join", Self.b, "--tier", "observer", "--from", "2018-06-01"], db).status
                    == 0)
            let table = try RecordCLI.run(["member", "list", "--as-of", "2018-06-01"], db)
            #expect(table.status == 0)
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.count == 4)
            #expect(lines[2].contains("Huairou Film Studio") && lines[2].contains("initiating"))
            #expect(lines[3].contains("iQIYI") && lines[3].contains("observer"))
            let tiers = try RecordCLI.array(
                try RecordCLI.run(["member", "list", "--as-of", "2019-06-01", "--format", "json"], db).stdout
            )
            .map { $0["tier"] as? String }
            #expect(tiers == ["member", "observer"])
            let observers = try RecordCLI.array(
                try RecordCLI.run(
                    ["member", "list", "--as-of", "2019-06-01", "--tier", "observer", "--format", "json"], db
                ).stdout)
            #expect(observers.count == 1)
            let today = try RecordCLI.array(try RecordCLI.run(["member", "list", "--format", "json"], db).stdout)
            #expect(today.count == 2)
            let history = try RecordCLI.run(["member", "list", "--company", Self.a, "--format", "csv"], db)
            #expect(
                history.stdout == """
                    id,company_id,uscc,name,name_zh,tier,joined_on,left_on,row_version
                    1,1,\(Self.a),Huairou Film Studio,怀柔影视,initiating,2017-05-20,2019-01-01,2
                    2,1,\(Self.a),Huairou Film Studio,怀柔影视,member,2019-01-01,,1

                    """)
            #expect(
                try RecordCLI.array(
                    try RecordCLI.run(["member", "list", "--limit", "1", "--format", "json"], db).stdout
                ).count == 1)
            #expect(
                try RecordCLI.run(["member", "list", "--company", Self.a, "--as-of", "2019-01-01"], db).status == 64)
        }
    }

    @Test func importWritesAllOrNothingAndNamesEveryBadLine() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                try Self.companies(db)
                let bad = folder.appendingPathComponent("members.csv")
                try """
                company_uscc,tier,joined_on,left_on\r
                \(Self.a),initiating,2017-05-20,2020-01-01\r
                \(Self.a),member,2019-01-01,\r
                \(Self.b),observer,2018-01-01,2018-01-01\r

                """.write(to: bad, atomically: true, encoding: .utf8)
                let failed = try RecordCLI.run(["member", "import", bad.path], db)
                #expect(failed.status == 65)
                #expect(
                    failed.stderr == """
                        \(bad.path):3: joined_on: the period overlaps the one on line 2 for the same company
                        \(bad.path):4: left_on: 2018-01-01 must be after joined_on 2018-01-01 (the last day as a member is the day before)
                        filmwg: 2 rows of 3 in \(bad.path) are invalid (listed above); nothing was imported. Fix them, or pass --skip-invalid --rejects FILE to import the valid rows

                        """)
                #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.memberships") == "0")
                let rejects = folder.appendingPathComponent("rejects.csv")
                let skipped = try RecordCLI.run(
                    ["member", "import", bad.path, "--skip-invalid", "--rejects", rejects.path], db)
                #expect(skipped.status == 0, "\(skipped)")
                #expect(
                    skipped.stdout
                        == "imported 1 memberships from \(bad.path) (3 rows read, 2 invalid left out and written to \(rejects.path))\n"
                )
                #expect(
                    try String(contentsOf: rejects, encoding: .utf8) == """
                        company_uscc,tier,joined_on,left_on,reason\r
                        \(Self.a),member,2019-01-01,,joined_on: the period overlaps the one on line 2 for the same company\r
                        \(Self.b),observer,2018-01-01,2018-01-01,left_on: 2018-01-01 must be after joined_on 2018-01-01 (the last day as a member is the day before)\r

                        """)
                #expect(
                    try RecordCLI.sql(db, "SELECT tier, lower(period), upper(period) FROM filmwg.memberships")
                        == "initiating|2017-05-20|2020-01-01")
                let dry = try RecordCLI.run(["member", "import", bad.path, "--dry-run", "--skip-invalid"], db)
                #expect(dry.status == 0)
                #expect(dry.stdout.hasPrefix("dry run: 0 of 3 rows"))
                #expect(
                    try RecordCLI.run(["member", "import", folder.appendingPathComponent("none.csv").path], db).status
                        == 66)
            }
        }
    }

    @Test func everyMemberCommandHasHelpWithAnExample() throws {
        for verb in ["join", "leave", "list", "import"] {
            let result = try RecordCLI.run(["member", verb, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example:\n  filmwg member \(verb)"))
        }
    }
}
