import Foundation
import Postgres
import TestSupport
import Testing

/// Every example of every `--help` is a command that works: run in this order, as a new user
/// pasting them would, against a scratch database, each exits 0. A new command must be placed
/// in `order` (the test fails until it is), so its example is run too.
@Suite struct HelpExamplesTests {
    /// Execution order: each example may rest on what earlier ones wrote.
    static let order: [String] = [
        "db migrate", "db status", "db verify", "seed list",
        "company add", "company show", "company list", "company update", "company history", "company import",
        "company duplicates",
        "figure import", "figure list",
        "member join", "member leave", "member list", "member import",
        "professional add", "professional show", "professional list", "professional update", "professional import",
        "event add", "event show", "event list", "event import",
        "attendance record", "attendance list", "attendance import",
        "position list", "position show", "position add", "position update",
        "role assign", "role end", "role list", "role show",
        "election record", "election show", "election list",
        "policy check", "policy facts", "policy add", "policy revise", "policy show", "policy list", "policy try",
        "policy budget",
        "eligibility run", "eligibility explain", "eligibility list", "eligibility changes", "jobs list",
        "eligibility prune",
        "grant apply", "grant approve", "grant reject", "grant pay", "grant list", "grant show",
        "work add", "work show", "work list", "work update", "work import", "award record", "award list",
        "report list", "report refresh", "report", "audit",
        "history company", "history member", "history professional", "history employment", "history event",
        "history attendance", "history position", "history role", "history election", "history policy", "history grant",
        "history work", "history award",
        "company merge", "company archive", "professional erase", "seed launch-2017", "db backup", "db restore",
        "completion bash", "completion zsh",
    ]

    /// What a command's example needs that no earlier example leaves behind, run just before it:
    /// `grant reject` rejects a second application, as the first one goes on to be approved and paid.
    static let preparation: [String: [String]] = [
        "grant reject": [
            "filmwg grant apply --company 91110116MA00ABCD1E --policy film-fund --year 2025 --amount 20000.00 --applied-on 2025-05-11"
        ]
    ]

    static let fixtures: [String: String] = [
        "companies.csv": """
        uscc,name,name_zh,kind,district,registered_in_zone,zone_registered_on,registered_capital,founded_on,employees
        91110116MA00ABCD1E,Yanqi Lake Pictures,雁栖湖影业有限公司,production,怀柔区,true,2017-05-01,8000000.00,2012-03-01,45
        91110116MA00000010,Huairou Post Studio,怀柔后期制作有限公司,post_production,怀柔区,true,2016-01-10,6000000.00,2014-06-01,30
        ,Huairou Film Studios,,production,,false,,,,

        """,
        "memberships.csv": "company_uscc,tier,joined_on,left_on\n91110116MA00ABCD1E,initiating,2017-05-20,\n",
        "people.csv": """
        full_name,latin_name,title,email,phone,specialties,company_uscc,employed_from,employed_to
        李娜,Li Na,Producer,li.na@example.cn,,production,91110116MA00ABCD1E,2016-01-01,
        王伟,Wang Wei,Director,wang.wei@example.cn,,directing,91110116MA00ABCD1E,2015-01-01,
        张敏,Zhang Min,Editor,zhang.min@example.cn,,post_production,91110116MA00000010,2016-01-01,
        刘洋,Liu Yang,,liu.yang@example.cn,,,,,

        """,
        "events-2018.csv":
            "name,kind,starts_at,ends_at,venue,district,capacity\n互联网电影论坛 2018,forum,2018-05-20T09:30:00+08:00,,Huairou Film Town,怀柔区,300\n",
        "attendance-2017-05-20.csv":
            "professional_email,company_uscc,role\nwang.wei@example.cn,91110116MA00ABCD1E,attendee\n",
        "works.csv": """
        title,title_zh,kind,released_on,licence_no,first_producer_uscc,co_producer_usccs
        Yanqi Lake Nights,雁栖湖之夜,online_film,2024-11-02,,91110116MA00000010,91110116MA00ABCD1E
        Film Town,,documentary,2025-03-15,电审故字〔2025〕第002号,91110116MA00ABCD1E,

        """,
        "figures-2024.csv": """
        company_uscc,year,rent_paid,rented_area_m2,fiscal_contribution,revenue,investment,renovation_cost,renovated_area_m2
        91110116MA00ABCD1E,2024,600000.00,1200.00,480000.00,12000000.00,,,

        """,
        "film-fund.rule":
            "registered_in_zone\nand registered_capital >= 5000000\nand member_tier in ('initiating', 'member')\n",
    ]

    /// `filmwg --help` lists every command; each command's help ends with its example.
    static func commands() throws -> [String] {
        let overview = try FilmWGBinary.run(["--help"])
        let lines = overview.stdout.split(separator: "\n")
        guard let start = lines.firstIndex(of: "Commands:"), let end = lines.firstIndex(of: "Global options:") else {
            return []
        }
        return lines[(start + 1)..<end].compactMap { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard !words.isEmpty else { return nil }
            // A command name is one or two words before the two-space gap of its abstract.
            let name = line.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ").first ?? ""
            return name.trimmingCharacters(in: .whitespaces)
        }
    }

    static func example(of command: String) throws -> String? {
        let help = try FilmWGBinary.run(command.split(separator: " ").map(String.init) + ["--help"])
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard let at = lines.firstIndex(where: { $0.hasPrefix("Example") }), at + 1 < lines.count else { return nil }
        return lines[at + 1].trimmingCharacters(in: .whitespaces)
    }

    @Test func everyCommandIsInTheOrderAndHasAnExample() throws {
        let listed = try Self.commands()
        #expect(listed.count > 50)
        for command in listed {
            #expect(Self.order.contains(command), "'\(command)' is not in HelpExamplesTests.order")
            #expect(try Self.example(of: command)?.hasPrefix("filmwg ") == true, "'\(command)' has no example")
        }
    }

    @Test func everyExampleRunsInOrderAgainstAScratchDatabase() throws {
        try withTemporaryDirectory { folder in
            try TestDatabase.with(migrated: false) { db in
                // The db restore example restores into an empty database of its own, as its help
                // says to make one first (createdb).
                let admin = try Connection.connect("dbname=postgres")
                let dropRestored = Query(unsafeSQL: "DROP DATABASE IF EXISTS filmwg_restored WITH (FORCE)")
                try admin.execute(dropRestored)
                try admin.execute(Query(unsafeSQL: "CREATE DATABASE filmwg_restored TEMPLATE template0"))
                defer {
                    _ = try? admin.execute(dropRestored)
                    admin.close()
                }
                for (name, text) in Self.fixtures {
                    try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
                }
                let bin = folder.appendingPathComponent("bin")
                try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(
                    at: bin.appendingPathComponent("filmwg"), withDestinationURL: FilmWGBinary.url)
                try FileManager.default.createDirectory(
                    at: folder.appendingPathComponent(".local/share/bash-completion/completions"),
                    withIntermediateDirectories: true)
                try FileManager.default.createDirectory(
                    at: folder.appendingPathComponent(".zfunc"), withIntermediateDirectories: true)
                let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
                for command in Self.order {
                    guard let example = try Self.example(of: command) else {
                        Issue.record("'\(command)' has no example")
                        continue
                    }
                    for step in Self.preparation[command] ?? [] {
                        let result = try FilmWGBinary.run(
                            ["-c", step], database: db, environment: ["PATH": path, "HOME": folder.path],
                            executable: URL(fileURLWithPath: "/bin/bash"), directory: folder)
                        #expect(result.status == 0, "preparation of '\(command)': \(step)\n\(result)")
                    }
                    let result = try FilmWGBinary.run(
                        ["-c", example], database: db, environment: ["PATH": path, "HOME": folder.path],
                        executable: URL(fileURLWithPath: "/bin/bash"), directory: folder)
                    #expect(result.status == 0, "example of '\(command)': \(example)\n\(result)")
                }
            }
        }
    }
}
