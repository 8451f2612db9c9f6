import Foundation

/// `filmwg-bench generate --companies N --seed S --out DIR`: writes the synthetic data set.
///
/// Files (CSV headers of DESIGN §5 where the file is an import file):
/// - companies.csv: N companies;
/// - professionals.csv: 3 per company, each with an employment (company_uscc, employed_from);
/// - members.csv: memberships of about 45 % of the companies, the first ones initiating;
/// - events.csv: N/50 events from the launch (2017-05-20) to the as-of day (2025-06-30);
/// - attendance/NNNNNN.csv: who attended event NNNNNN (its line number in events.csv, from 1),
///   for `filmwg attendance import --event ID`; attendance.csv: all of them in one file with
///   an `event` column first (that line number), for bulk loading;
/// - works.csv: 3N works, header of `filmwg work import`; awards.csv: their awards, with a
///   `work` column first (the work's line number in works.csv, from 1), for bulk loading;
/// - policies.txt: ten policies, `code|title|rule`; policies-fallback.sql: the same inserted
///   directly; job-baseline.sql: the eligibility job written by hand in SQL, one INSERT … SELECT
///   per policy; job-floor.sql: its floor, one CREATE UNLOGGED TABLE … AS SELECT of every
///   criterion value; job-bulk.sql: the job's bulk technique by hand.
///
/// Same seed and N → the same bytes. Memory stays flat: every record is computed from its index.
enum Generate {
    static func run(companies: Int, seed: UInt64, out: String, perEventFiles: Bool) throws {
        let world = World(companies: companies, seed: seed)
        let fm = FileManager.default
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (out as NSString).appendingPathComponent(name) }

        let companiesFile = try CSVWriter(
            path: path("companies.csv"),
            header: [
                "uscc", "name", "name_zh", "kind", "district", "registered_in_zone", "zone_registered_on",
                "registered_capital", "founded_on", "employees",
            ])
        let professionalsFile = try CSVWriter(
            path: path("professionals.csv"),
            header: [
                "full_name", "latin_name", "title", "email", "phone", "specialties", "company_uscc",
                "employed_from", "employed_to",
            ])
        let membersFile = try CSVWriter(
            path: path("members.csv"), header: ["company_uscc", "tier", "joined_on", "left_on"])
        for index in 0..<world.companies {
            let company = world.company(index)
            companiesFile.write(company.fields)
            for person in 0..<3 {
                professionalsFile.write(world.professional(index * 3 + person, employer: company).fields)
            }
            for membership in world.memberships(index, company: company) { membersFile.write(membership) }
        }
        try companiesFile.close()
        try professionalsFile.close()
        try membersFile.close()

        let eventsFile = try CSVWriter(
            path: path("events.csv"),
            header: [
                "name", "kind", "starts_at", "ends_at", "venue", "district", "capacity",
            ])
        let attendanceFile = try CSVWriter(
            path: path("attendance.csv"),
            header: [
                "event", "professional_email", "company_uscc", "role",
            ])
        let perEventFolder = path("attendance")
        if perEventFiles { try fm.createDirectory(atPath: perEventFolder, withIntermediateDirectories: true) }
        var numbering: [Int: Int] = [:]
        for index in 0..<world.events {
            let event = world.event(index, numbering: &numbering)
            eventsFile.write(event.fields)
            let number = String(index + 1)
            let single =
                perEventFiles
                ? try CSVWriter(
                    path: (perEventFolder as NSString).appendingPathComponent("\(digits(index + 1, 6)).csv"),
                    header: ["professional_email", "company_uscc", "role"])
                : nil
            world.attendance(index, capacity: event.capacity) { row in
                attendanceFile.write([number] + row)
                single?.write(row)
            }
            try single?.close()
        }
        try eventsFile.close()
        try attendanceFile.close()

        let worksFile = try CSVWriter(path: path("works.csv"), header: World.Work.header)
        let awardsFile = try CSVWriter(
            path: path("awards.csv"), header: ["work", "award_code", "awarded_on", "category", "result"])
        for index in 0..<world.works {
            let work = world.work(index)
            worksFile.write(work.fields)
            world.awards(index, releasedOn: work.releasedOn) { awardsFile.write($0) }
        }
        try worksFile.close()
        try awardsFile.close()

        try writeText(Policies.text, to: path("policies.txt"))
        try writeText(Policies.fallbackSQL, to: path("policies-fallback.sql"))
        try writeText(Policies.baselineJobSQL, to: path("job-baseline.sql"))
        try writeText(Policies.floorJobSQL, to: path("job-floor.sql"))
        try writeText(Policies.bulkJobSQL, to: path("job-bulk.sql"))

        let summary = [
            "companies \(companiesFile.rows)", "professionals \(professionalsFile.rows)",
            "memberships \(membersFile.rows)", "events \(eventsFile.rows)",
            "attendance \(attendanceFile.rows)", "works \(worksFile.rows)", "awards \(awardsFile.rows)",
            "policies \(Policies.all.count)",
        ]
        FileHandle.standardError.write(Data("filmwg-bench: wrote \(summary.joined(separator: ", ")) to \(out)\n".utf8))
    }
}
