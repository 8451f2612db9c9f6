import Foundation
import Postgres
import TestSupport
import Testing

/// Issue 12's smaller points, through the built binary against a real database: terminal
/// safety, help flags, completion of values, duplicates and merge, capacity, policy codes as
/// typed, days that do not exist, the erased and owner messages, the reporting time zone.
@Suite struct DoorCommandTests {
    @Test func controlCharactersInATableAreShownNotEmitted() throws {
        try TestDatabase.with { db in
            let name = "Evil\u{1B}[31mRed\u{1B}]0;owned\u{07}\r\nCo\u{202E}"
            #expect(try RecordCLI.run(["company", "add", "--name", name], db).status == 0)
            let table = try RecordCLI.run(["company", "list"], db)
            #expect(table.status == 0)
            #expect(
                !table.stdout.unicodeScalars.contains {
                    $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D || $0.value == 0x202E
                })
            #expect(table.stdout.contains("Evil␛[31mRed␛]0;owned␇␍↵Co<U+202E>"), "\(table)")
            let audit = try RecordCLI.run(["audit", "--table", "companies"], db)
            #expect(!audit.stdout.unicodeScalars.contains { $0.value == 0x1B }, "\(audit)")
            // Data formats keep the exact text.
            let json = try RecordCLI.run(["company", "list", "--format", "json"], db)
            #expect(try RecordCLI.array(json.stdout).first?["name"] as? String == name)
        }
    }

    @Test func dashHVersionAndHelpNounVerb() throws {
        let short = try FilmWGBinary.run(["company", "add", "-h"])
        #expect(short.status == 0)
        #expect(short.stdout.contains("Usage: filmwg company add"), "\(short)")
        let help = try FilmWGBinary.run(["help", "company", "add"])
        #expect(help.status == 0)
        #expect(help.stdout == short.stdout)
        let noun = try FilmWGBinary.run(["help", "event"])
        #expect(noun.status == 0)
        #expect(noun.stdout.contains("Examples:\n  filmwg event add "), "\(noun)")
        #expect(!noun.stdout.contains("company list --search"), "a noun's help shows its own examples")
        let version = try FilmWGBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("filmwg 0."), "\(version)")
        #expect(version.stdout.contains("(migrations up to 00"), "\(version)")
        let unknown = try FilmWGBinary.run(["help", "compnay"])
        #expect(unknown.status == 64, "\(unknown)")
    }

    @Test func bashCompletesTheValuesOfEachNounsFlags() throws {
        let result = try CompletionCommandTests.shell(
            "/bin/bash", "bash",
            """
            source COMPLETION
            t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=(); _filmwg; echo "${COMPREPLY[*]}"; }
            t filmwg company add --kind ""
            t filmwg event add --kind scr
            t filmwg member join 1 --tier ""
            t filmwg attendance record --role ""
            t filmwg grant list --status ""
            """)
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count >= 5, "\(result)")
        guard lines.count >= 5 else { return }
        #expect(lines[0] == "internet_platform production distribution post_production technology investment other")
        #expect(lines[1] == "screening")
        #expect(lines[2] == "initiating member observer")
        #expect(lines[3] == "attendee speaker host guest")
        #expect(lines[4] == "applied approved rejected paid")
    }

    @Test func duplicatesAreListedAndAMergeMovesEveryRecordAndArchivesTheDuplicate() throws {
        try TestDatabase.with { db in
            let code = USCCFixture.make(1)
            #expect(
                try RecordCLI.run(
                    [
                        "company", "add", "--uscc", code, "--name", "Yanqi Lake Pictures Co., Ltd.", "--name-zh",
                        "雁栖湖影业有限公司",
                    ], db
                ).status == 0)
            #expect(try RecordCLI.run(["company", "add", "--name", "雁栖湖影业（北京）股份有限公司"], db).status == 0)
            #expect(try RecordCLI.run(["company", "add", "--name", "Other Films"], db).status == 0)
            let pairs = try RecordCLI.array(
                try RecordCLI.run(["company", "duplicates", "--format", "json"], db).stdout)
            #expect(pairs.count == 1)
            #expect(pairs.first?["id"] as? Int == 1)
            #expect(pairs.first?["duplicate_id"] as? Int == 2)
            #expect(pairs.first?["similarity"] as? Double == 1)
            #expect(
                try RecordCLI.run(["member", "join", "2", "--tier", "member", "--from", "2017-05-20"], db).status == 0)
            let merged = try RecordCLI.run(
                ["--actor", "lead", "company", "merge", code, "2", "--yes", "--format", "json"], db)
            #expect(merged.status == 0, "\(merged)")
            #expect(merged.stderr.contains("moved 1 memberships"), "\(merged)")
            #expect(try RecordCLI.sql(db, "SELECT company_id FROM filmwg.memberships") == "1")
            #expect(
                try RecordCLI.sql(
                    db, "SELECT merged_into_id, archived_at IS NOT NULL FROM filmwg.companies WHERE id = 2") == "1|t")
            #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.audit_log WHERE actor = 'lead'") == "2")
            // A conflict is refused with a sentence and nothing changes.
            #expect(
                try RecordCLI.run(["member", "join", "3", "--tier", "member", "--from", "2018-01-01"], db).status == 0)
            let conflict = try RecordCLI.run(["company", "merge", "1", "3", "--yes"], db)
            #expect(conflict.status == 65, "\(conflict)")
            #expect(conflict.stderr.contains("its records in memberships conflict"), "\(conflict)")
            #expect(try RecordCLI.sql(db, "SELECT archived_at IS NULL FROM filmwg.companies WHERE id = 3") == "t")
            let twoCodes = try RecordCLI.run(
                ["company", "add", "--uscc", USCCFixture.make(2), "--name", "Yanqi Lake Pictures"], db)
            #expect(twoCodes.status == 0)
            let refused = try RecordCLI.run(["company", "merge", "1", "4", "--yes"], db)
            #expect(refused.status == 65)
            #expect(refused.stderr.contains("two registered companies, not duplicates"), "\(refused)")
        }
    }

    @Test(arguments: [
        ("雁栖湖影业有限公司", "雁栖湖影业股份有限公司"), ("雁栖湖影业（北京）有限公司", "雁栖湖影业(北京)有限责任公司"),
        ("Ｙａｎｑｉ　Ｐｉｃｔｕｒｅｓ", "yanqi pictures"), ("Yanqi Pictures Co., Ltd.", "YANQI PICTURES INC."),
        ("Yanqi Pictures Company Limited", "Yanqi-Pictures Corp"), ("北京雁栖湖影业集团有限公司", "北京雁栖湖影业"),
    ])
    func namesThatDifferOnlyInFormAreOneKey(a: String, b: String) throws {
        try TestDatabase.with { db in
            let keys = try RecordCLI.sql(
                db,
                "SELECT filmwg.company_name_key('\(a)') = filmwg.company_name_key('\(b)'), filmwg.company_name_key('\(a)')"
            )
            #expect(keys.hasPrefix("t|"), "\(a) / \(b): \(keys)")
        }
    }

    @Test func namesThatDifferAreNotOneKey() throws {
        try TestDatabase.with { db in
            let latin = try RecordCLI.sql(
                db, "SELECT filmwg.company_name_key('Disco Films') = filmwg.company_name_key('Dis Films')")
            let chinese = try RecordCLI.sql(
                db, "SELECT filmwg.company_name_key('雁栖湖影业') = filmwg.company_name_key('怀柔影业')")
            #expect(latin == "f")
            #expect(chinese == "f")
        }
    }

    @Test func capacityIsEnforcedUnlessOverCapacityIsGiven() throws {
        try TestDatabase.with { db in
            #expect(
                try RecordCLI.run(
                    [
                        "event", "add", "--name", "Screening", "--kind", "screening", "--starts-at",
                        "2018-05-20T19:00:00+08:00", "--capacity", "1",
                    ], db
                ).status == 0)
            for email in ["a@example.cn", "b@example.cn"] {
                #expect(
                    try RecordCLI.run(["professional", "add", "--full-name", email, "--email", email], db).status == 0)
            }
            #expect(
                try RecordCLI.run(["attendance", "record", "--event", "1", "--professional", "a@example.cn"], db).status
                    == 0)
            let full = try RecordCLI.run(
                ["attendance", "record", "--event", "1", "--professional", "b@example.cn"], db)
            #expect(full.status == 65, "\(full)")
            #expect(full.stderr.contains("has 1 seats and would have 2 attendees: the event is full"), "\(full)")
            let over = try RecordCLI.run(
                [
                    "--actor", "lead", "attendance", "record", "--event", "1", "--professional", "b@example.cn",
                    "--over-capacity",
                ], db)
            #expect(over.status == 0, "\(over)")
            #expect(
                try RecordCLI.sql(
                    db,
                    "SELECT actor, new_values->>'over_capacity' FROM filmwg.audit_log WHERE table_name = 'attendance' ORDER BY id DESC LIMIT 1"
                ) == "lead|true")
        }
    }

    @Test func policyCodesAreKeptAsTypedAndUniqueRegardlessOfCase() throws {
        try TestDatabase.with { db in
            let add = try RecordCLI.run(
                [
                    "policy", "add", "--code", "HR-2018-02", "--title", "Rent", "--rule", "registered_in_zone",
                    "--valid-from", "2018-01-01", "--format", "json",
                ], db)
            #expect(add.status == 0, "\(add)")
            #expect(try RecordCLI.run(["policy", "show", "hr-2018-02"], db).status == 0)
            let again = try RecordCLI.run(
                [
                    "policy", "add", "--code", "hr-2018-02", "--title", "Rent", "--rule", "registered_in_zone",
                    "--valid-from", "2018-01-01",
                ], db)
            #expect(again.status == 65, "\(again)")
            #expect(try RecordCLI.sql(db, "SELECT code FROM filmwg.policies") == "HR-2018-02")
        }
    }

    @Test func aDayThatDoesNotExistIsNamedAsSuch() throws {
        try TestDatabase.with { db in
            let result = try RecordCLI.run(["member", "list", "--as-of", "2023-02-30"], db)
            #expect(result.status == 64)
            #expect(
                result.stderr.contains("2023-02-30 is not a day of the calendar: February 2023 has 28 days"),
                "\(result)")
            let shape = try RecordCLI.run(["member", "list", "--as-of", "30/02/2023"], db)
            #expect(shape.stderr.contains("YYYY-MM-DD"), "\(shape)")
        }
    }

    @Test func updatingAnErasedProfessionalSaysItWasErased() throws {
        try TestDatabase.with { db in
            #expect(
                try RecordCLI.run(["professional", "add", "--full-name", "李娜", "--email", "li@example.cn"], db).status
                    == 0)
            #expect(try RecordCLI.run(["professional", "erase", "1", "--yes"], db).status == 0)
            let result = try RecordCLI.run(["professional", "update", "1", "--title", "Producer"], db)
            #expect(result.status == 65)
            #expect(result.stderr.contains("professional 1 was erased"), "\(result)")
            #expect(!result.stderr.contains("full_name"))
        }
    }

    @Test func migratingAsANonOwnerNamesTheOwnerRole() throws {
        try TestDatabase.with { db in
            let role = "door_admin_\(UInt32.random(in: 0...UInt32.max))"
            _ = try RecordCLI.sql(db, "CREATE ROLE \(role) LOGIN IN ROLE filmwg_admin")
            defer { _ = try? RecordCLI.sql(db, "DROP ROLE IF EXISTS \(role)") }
            // A pending reporting view makes migrate try to write.
            _ = try RecordCLI.sql(db, "DELETE FROM public.filmwg_schema_migrations WHERE kind = 'reporting'")
            let result = try FilmWGBinary.run(
                ["db", "migrate"], environment: ["DATABASE_URL": db.conninfo + " user=\(role)"])
            #expect(result.status == 77, "\(result)")
            #expect(result.stderr.contains("db migrate needs the role that owns filmwg's schema"), "\(result)")
            #expect(!result.stderr.contains("ask for the filmwg_admin role"))
        }
    }

    @Test func reportingSessionsReadInstantsInShanghaiTime() throws {
        try TestDatabase.with { db in
            let settings = try RecordCLI.sql(
                db,
                """
                SELECT setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole WHERE r.rolname = 'filmwg_reporting'
                """)
            #expect(settings.lowercased().contains("timezone=asia/shanghai"), "\(settings)")
        }
    }

    @Test func aNULByteInARuleFileIsRefusedNamingWhereAndNothingIsSaved() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with { db in
                let file = folder.appendingPathComponent("fund.rule")
                try Data("registered_in_zone\nand em\u{0}ployees >= 20\n".utf8).write(to: file)
                let result = try RecordCLI.run(
                    [
                        "policy", "add", "--code", "fund", "--title", "Fund", "--rule-file", file.path, "--valid-from",
                        "2018-01-01",
                    ], db)
                #expect(result.status == 65, "\(result)")
                #expect(
                    result.stderr.contains("rule file \(file.path) holds a NUL byte (\\0) at line 2, column 7"),
                    "\(result)")
                #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.policies") == "0")
            }
        }
    }

    @Test func theDriverRefusesToBindANULByteRatherThanCutTheValue() throws {
        try TestDatabase.with { db in
            let connection = try db.connectRaw()
            defer { connection.close() }
            let value = "cut\u{0}here"
            #expect(throws: (any Error).self) { try connection.query("SELECT \(value)::text") }
        }
    }
}
