import FilmWG
import Postgres

/// `filmwg member join | leave | list | import`.
enum MemberCommands {
    static let all: [Command] = [join, leave, list, importCSV]

    static let columns = ["id", "company_id", "uscc", "name", "name_zh", "tier", "joined_on", "left_on", "row_version"]

    /// A membership as the member commands print it: the domain's columns but created_at.
    static func record(_ membership: Membership) -> Record {
        Converters.record(membership, Membership.columns, shown: columns)
    }

    static let join = Command(
        ["member", "join"],
        abstract: "Make a company a member of the working group from a day on.",
        usage: "COMPANY",
        discussion:
            "The membership is open until 'filmwg member leave'. A company has at most one membership on any day: a period that overlaps another is refused, naming it (exit 65). A change of tier is a leave and a join.",
        example: "filmwg member join 91110116MA01A2B3C2 --tier initiating --from 2017-05-20",
        options: [
            .value("tier", "TIER", MembershipTier.names.joined(separator: "|")),
            .value("from", "DATE", "first day as a member (YYYY-MM-DD)"),
        ],
        run: .record(positionals: .own) { arguments, context, _ in
            let ref = try arguments.company()
            let tierText = try arguments.required("tier")
            guard let tier = MembershipTier(rawValue: tierText) else {
                let near =
                    Spelling.nearest(to: tierText, among: MembershipTier.names).map { "; did you mean '\($0)'?" } ?? ""
                throw CLIError.data(
                    "tier '\(tierText)' is not a tier; use one of \(MembershipTier.names.joined(separator: ", "))\(near)"
                )
            }
            let from = try arguments.required("from", arguments.date)
            let db = try context.connection()
            let company = try CompanyRepository(db).find(ref)
            let membership = try MembershipRepository(db).join(company, tier: tier, from: from)
            return record(membership)
        })

    static let leave = Command(
        ["member", "leave"],
        abstract: "End a company's open membership: --on is its first day no longer a member.",
        usage: "COMPANY",
        discussion:
            "Periods are half-open: joined 2017-05-20 and left on 2020-01-01 means a member up to and including 2019-12-31.",
        example: "filmwg member leave 91110116MA01A2B3C2 --on 2020-01-01",
        options: [.value("on", "DATE", "first day no longer a member (YYYY-MM-DD)")],
        run: .record(positionals: .own) { arguments, context, _ in
            let ref = try arguments.company()
            let day = try arguments.required("on", arguments.date)
            let db = try context.connection()
            let company = try CompanyRepository(db).find(ref)
            let membership = try MembershipRepository(db).leave(company, on: day)
            return record(membership)
        })

    static let list = Command(
        ["member", "list"],
        abstract: "List the members on a day (default today), or one company's memberships.",
        discussion:
            "Without --company: the memberships that contain --as-of (default: today in Asia/Shanghai), by company name. With --company: every membership of that company, oldest first.",
        example: "filmwg member list --as-of 2017-05-20 --tier initiating --format csv",
        options: [
            .value("as-of", "DATE", "the day to look at (default: today)"),
            .value("tier", "TIER", "only this tier (\(MembershipTier.names.joined(separator: "|")))"),
            .value("company", "C", "the memberships of one company (USCC or id), all periods"),
            .limitAll,
        ],
        run: .list(columns: columns) { arguments, context, _ in
            let asOf = try arguments.date("as-of")
            let tier = try Converters.tier(arguments)
            let limit = try arguments.limit()
            let db = try context.connection()
            let memberships: [Membership]
            if let name = arguments.string("company") {
                guard asOf == nil, tier == nil else {
                    throw CLIError.usage("--company lists every period; leave out --as-of and --tier")
                }
                let company = try CompanyRepository(db).find(CompanyRef(name))
                memberships = Array(
                    try MembershipRepository(db).history(companyID: company.id).prefix(limit ?? Int.max))
            } else {
                memberships = try MembershipRepository(db).members(asOf: asOf, tier: tier, limit: limit)
            }
            return memberships.map(record)
        })

    static let importCSV = Command.importing(
        "member", abstract: "Import memberships from a CSV file, all or nothing.",
        discussion: """
            Header: company_uscc,tier,joined_on,left_on (left_on may be left out or empty: still a member). Each row is \
            a half-open period [joined_on, left_on). The company must exist and not be archived, and periods of one \
            company must not overlap, in the file or with those recorded. Invalid rows are listed as FILE:LINE: column: \
            reason and nothing is written (exit 65), unless --skip-invalid.
            """,
        example: "filmwg member import memberships.csv --dry-run", rows: "memberships"
    ) { try MembershipImport($0).run(file: $1, options: $2, listener: $3) }
}
