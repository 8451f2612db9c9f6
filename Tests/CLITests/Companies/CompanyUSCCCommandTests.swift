import Foundation
import TestSupport
import Testing

/// `company add | update | list` and the USCC's structure, region and override (DESIGN §14).
@Suite struct CompanyUSCCCommandTests {
    @Test func aStructureFailureNamesThePositionAndExits65() throws {
        try TestDatabase.with { db in
            let code = USCCFixture.withCheck("B1110116MA01A2B3C")
            let result = try RecordCLI.run(["company", "add", "--uscc", code, "--name", "Pilot"], db)
            #expect(result.status == 65, "\(result)")
            #expect(
                result.stderr.contains(
                    "position 1 is 'B', which is no registration authority of GB 32100 (1 to 9, A, N or Y)"),
                "\(result)")
            #expect(try RecordCLI.sql(db, "SELECT count(*) FROM filmwg.companies") == "0")
        }
    }

    @Test func anOverrideIsStoredWithActorAndReasonAuditedAndListed() throws {
        try TestDatabase.with { db in
            let code = USCCFixture.withCheck("91119999MA01A2B3C")
            let refused = try RecordCLI.run(["company", "add", "--uscc", code, "--name", "Pilot"], db)
            #expect(refused.status == 65)
            #expect(
                refused.stderr.contains("positions 3 to 8 are '119999', which is no GB/T 2260 administrative division"),
                "\(refused)")
            let added = try RecordCLI.run(
                [
                    "--actor", "lead", "company", "add", "--uscc", code, "--name", "Pilot", "--uscc-override",
                    "pilot code of 2014",
                    "--format", "json",
                ], db)
            #expect(added.status == 0, "\(added)")
            let json = try RecordCLI.object(added.stdout)
            #expect(json["uscc_override_reason"] as? String == "pilot code of 2014")
            #expect(json["uscc_override_by"] as? String == "lead")
            #expect(json["region_code"] as? String == "119999")
            #expect(json["region_name"] is NSNull)
            #expect(
                try RecordCLI.sql(
                    db,
                    """
                    SELECT new_values->>'uscc_override_reason' FROM filmwg.audit_log WHERE table_name = 'companies'
                    """) == "pilot code of 2014")
            let other = USCCFixture.make(7)
            #expect(try RecordCLI.run(["company", "add", "--uscc", other, "--name", "Plain"], db).status == 0)
            let listed = try RecordCLI.run(["company", "list", "--uscc-overridden", "--format", "json"], db)
            #expect(try RecordCLI.array(listed.stdout).map { $0["uscc"] as? String } == [code])
            // A wrong check character is never overridden.
            let wrong = USCCFixture.wrongCheck(USCCFixture.make(8))
            let never = try RecordCLI.run(
                ["company", "add", "--uscc", wrong, "--name", "W", "--uscc-override", "trust me"], db)
            #expect(never.status == 65)
            #expect(never.stderr.contains("check digit is"), "\(never)")
            // A new code drops the old override: it excused the old one only.
            let moved = try RecordCLI.run(
                ["company", "update", code, "--uscc", USCCFixture.make(9), "--format", "json"], db)
            #expect(moved.status == 0, "\(moved)")
            #expect(try RecordCLI.object(moved.stdout)["uscc_override_reason"] is NSNull)
            let blank = try RecordCLI.run(["company", "update", other, "--uscc-override", " "], db)
            #expect(blank.status == 64, "\(blank)")
        }
    }

    @Test func aDistrictThatContradictsTheRegionIsAWarningNotARefusal() throws {
        try TestDatabase.with { db in
            let huairou = USCCFixture.make(1)
            let result = try RecordCLI.run(
                ["company", "add", "--uscc", huairou, "--name", "A", "--district", "朝阳区"], db)
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.contains("warning: company \(huairou): district 朝阳区"), "\(result)")
            #expect(result.stderr.contains("110116 (北京市怀柔区)"), "\(result)")
            let agreeing = try RecordCLI.run(
                ["company", "add", "--uscc", USCCFixture.make(2), "--name", "B", "--district", "怀柔区"], db)
            #expect(agreeing.status == 0)
            #expect(agreeing.stderr.isEmpty, "\(agreeing)")
            let unknown = try RecordCLI.run(
                ["company", "add", "--uscc", USCCFixture.make(3), "--name", "C", "--district", "Huairou"], db)
            #expect(unknown.stderr.isEmpty, "\(unknown)")
            let city = try RecordCLI.run(
                [
                    "company", "add", "--uscc", USCCFixture.make(4, prefix: "91110000"), "--name", "D", "--district",
                    "海淀区",
                ], db)
            #expect(city.stderr.isEmpty, "\(city)")
        }
    }

    @Test func aNameWhereAUSCCGoesIsAnsweredWithTheMatchingCompanies() throws {
        try TestDatabase.with { db in
            let code = USCCFixture.make(1)
            #expect(
                try RecordCLI.run(
                    ["company", "add", "--uscc", code, "--name", "Yanqi Lake Pictures", "--name-zh", "雁栖湖影业有限公司"], db
                ).status == 0)
            let result = try RecordCLI.run(["company", "show", "雁栖湖影业"], db)
            #expect(result.status == 65, "\(result)")
            #expect(
                result.stderr.contains("companies with that name: \(code) (Yanqi Lake Pictures, 雁栖湖影业有限公司)"),
                "\(result)")
        }
    }
}
