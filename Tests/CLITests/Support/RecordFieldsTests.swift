import Foundation
import TestSupport
import Testing

/// The CLI prints attendance, role assignments, grants, memberships and professionals from the
/// domain's column tables, cut to the fields each command has always printed and in their order.
/// These pin those fields, in every format, so a column the domain adds or moves changes no
/// command's output unnoticed.
@Suite struct RecordFieldsTests {
    /// The header of the one-row CSV a command prints.
    static func csvHeader(_ arguments: [String], _ db: TestDatabase) throws -> String {
        let csv = try FilmWGBinary.run(arguments + ["--format", "csv"], database: db)
        #expect(csv.status == 0, "\(csv)")
        return String(csv.stdout.prefix { $0 != "\n" })
    }

    /// The keys of the JSON object a command prints, in order, up to a nested array's.
    static func jsonKeys(_ arguments: [String], _ db: TestDatabase) throws -> String {
        let json = try FilmWGBinary.run(arguments + ["--format", "json"], database: db)
        #expect(json.status == 0, "\(json)")
        let keys = json.stdout.matches(of: #/"([a-z_]+)": /#).map { String($0.1) }
        let top = keys.prefix { $0 != "employments" } + (keys.contains("employments") ? ["employments"] : [])
        return top.joined(separator: ",")
    }

    @Test func oneRecordCommandsPrintTheirFieldsInTheirOrder() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let uscc = ActivityFixtures.uscc(21)
            let company = try ActivityFixtures.company(connection, name: "Studio", uscc: uscc)
            try ActivityFixtures.professional(connection, name: "Xi Weihang", email: "xi@example.cn")
            let policy = try ActivityFixtures.policy(connection, code: "film-fund", cap: 500_000)
            try ActivityFixtures.run(connection, asOf: "2018-01-01", determinations: [(policy, company, true)])
            let expected: [([String], String)] = [
                (
                    [
                        "role", "assign", "--position", "head", "--professional", "xi@example.cn", "--from",
                        "2017-05-20",
                    ],
                    "id,position,professional_id,professional_name,company_id,company_name,term_from,term_to,"
                        + "row_version,created_at"
                ),
                (
                    ["role", "show", "1"],
                    "id,position,professional_id,professional_name,company_id,company_name,term_from,term_to,"
                        + "row_version,created_at"
                ),
                (
                    [
                        "grant", "apply", "--policy", "film-fund", "--company", uscc, "--year", "2018", "--amount",
                        "1000.00",
                    ],
                    "id,policy,company_id,company_name,year,amount,entitlement,status,applied_on,decided_on,paid_on,"
                        + "run_id,policy_version_id,reason,notes,row_version,created_at"
                ),
                (
                    ["grant", "show", "1"],
                    "id,policy,company_id,company_name,year,amount,entitlement,status,applied_on,decided_on,paid_on,"
                        + "run_id,policy_version_id,reason,notes,row_version,created_at"
                ),
                (
                    ["member", "join", uscc, "--tier", "member", "--from", "2017-05-20"],
                    "id,company_id,uscc,name,name_zh,tier,joined_on,left_on,row_version"
                ),
                (
                    ["professional", "show", "xi@example.cn"],
                    "id,full_name,latin_name,title,email,phone,specialties,erased_at,row_version,created_at,"
                        + "employments"
                ),
            ]
            for (arguments, header) in expected {
                // A write runs once (a second would be refused); what it wrote is shown again after.
                #expect(try Self.csvHeader(arguments, db) == header, "\(arguments.joined(separator: " "))")
                if arguments[1] == "show" {
                    #expect(try Self.jsonKeys(arguments, db) == header, "\(arguments.joined(separator: " ")) json")
                }
            }
            let membership = try FilmWGBinary.run(
                ["member", "list", "--company", uscc, "--format", "json"], database: db)
            #expect(
                membership.stdout.matches(of: #/"([a-z_]+)": /#).map { String($0.1) }.joined(separator: ",")
                    == "id,company_id,uscc,name,name_zh,tier,joined_on,left_on,row_version")
        }
    }
}
