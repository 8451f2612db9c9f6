import FilmWG
import Foundation
import Postgres

/// `filmwg company add | show | list | update | history | archive | import`.
enum CompanyCommands {
    static let all: [Command] = [add, show, list, update, history, archive, importCSV, duplicates, merge]

    static let fields: [Option] = Converters.options(CompanyInput.fields)

    static let usccOverride = Option.value(
        "uscc-override", "REASON",
        "accept a real USCC that breaks the GB 32100 structure or names no known region (pilot codes); stored with your actor, audited; never excuses a wrong check character"
    )

    /// The override reason given, refused when it holds nothing.
    static func overrideReason(_ arguments: Arguments) throws -> String? {
        guard let reason = arguments.string("uscc-override") else { return nil }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CLIError.usage("--uscc-override needs a reason, e.g. --uscc-override 'pilot code issued in 2014'")
        }
        return reason
    }

    /// The company `add` and `update` print, once stderr has said whether its district
    /// contradicts the USCC's region (a warning, not a refusal).
    static func written(_ company: Company, _ repository: CompanyRepository, _ context: Context) throws -> Record {
        if let conflict = try repository.districtConflict(company) { context.output.message("warning: " + conflict) }
        return Converters.company(company)
    }

    static let add = Command(
        ["company", "add"],
        abstract: "Add a company and print it as 'company show' does.",
        discussion:
            "--name is required. Every field is checked before anything is written: a USCC with a wrong check character, one another company has, or one whose positions 1 to 8 break GB 32100 (authority, entity type, a GB/T 2260 region filmwg knows) is refused (exit 65); a real code of the last kind is accepted with --uscc-override REASON. A district that contradicts the USCC's region is reported on stderr, not refused.",
        example:
            "filmwg company add --uscc 91110116MA01A2B3C2 --name 'Huairou Film Studio' --name-zh 怀柔影视 --kind production --registered-capital 5000000.00",
        options: fields + [usccOverride],
        run: .record(positionals: .none) { arguments, context, _ in
            var input = CompanyInput()
            input.usccOverrideReason = try overrideReason(arguments)
            try input.apply(Converters.values(arguments, columns: CompanyInput.columns)).throwIfAny()
            let repository = CompanyRepository(try context.connection())
            let company = try repository.create(input)
            return try written(company, repository, context)
        })

    static let show = Command(
        ["company", "show"],
        abstract: "Show one company, named by its USCC or id.",
        usage: "COMPANY [--as-of DATE]",
        discussion: """
            Without --as-of, the company as last recorded (its latest values, which are today's unless a \
            change was recorded to take effect later). With --as-of, the values in force on that day \
            (what the eligibility job reads for it), with effective_from and effective_to: the period \
            those values cover (effective_to is the first day they no longer apply; empty while open). \
            'filmwg company history' lists every period.
            """,
        example: "filmwg company show 91110116MA01A2B3C2 --format json",
        options: [.value("as-of", "DATE", "show the values in force on this day")],
        run: .record(positionals: .own) { arguments, context, _ in
            let ref = try arguments.company()
            let repository = CompanyRepository(try context.connection())
            let company = try repository.find(ref)
            guard let day = try arguments.date("as-of") else { return Converters.company(company) }
            let version = try repository.values(of: company, on: day)
            let record = Converters.company(version.applied(to: company))
            return Record(
                record.fields.map { ($0.name, $0.value) } + [
                    ("as_of", .text(day.description)), ("effective_from", Converters.date(version.effectiveFrom)),
                    ("effective_to", Converters.date(version.effectiveTo)),
                ])
        })

    static let historyColumns = [
        "id", "company_id", "effective_from", "effective_to", "name", "name_zh", "kind", "district",
        "registered_in_zone", "zone_registered_on", "registered_capital", "employees", "changed_fields",
    ]

    static let history = Command(
        ["company", "history"],
        abstract: "List the dated versions of a company's values, oldest first.",
        usage: "COMPANY",
        discussion: """
            Each row holds the values in force from effective_from (empty: since ever, the founding day \
            being unknown) up to the day before effective_to (empty: still in force). changed_fields are \
            the fields that version was recorded to change. 'filmwg history company C' shows the audit \
            log of the same changes.
            """,
        example: "filmwg company history 91110116MA01A2B3C2 --format csv",
        run: .list(positionals: .own, columns: historyColumns) { arguments, context, format in
            let ref = try arguments.company()
            let repository = CompanyRepository(try context.connection())
            let company = try repository.find(ref)
            return try repository.history(of: company).map { version in
                Record([
                    ("id", .number(String(version.id))), ("company_id", .number(String(version.companyId))),
                    ("effective_from", Converters.date(version.effectiveFrom)),
                    ("effective_to", Converters.date(version.effectiveTo)), ("name", .text(version.name)),
                    ("name_zh", Converters.text(version.nameZh)), ("kind", .text(version.kind.rawValue)),
                    ("district", Converters.text(version.district)),
                    ("registered_in_zone", .bool(version.registeredInZone)),
                    ("zone_registered_on", Converters.date(version.zoneRegisteredOn)),
                    ("registered_capital", Converters.amount(version.registeredCapital)),
                    ("employees", Converters.number(version.employees)),
                    (
                        "changed_fields",
                        format == .json
                            ? .json("[" + version.changedFields.map(JSONText.string).joined(separator: ", ") + "]")
                            : .text(version.changedFields.joined(separator: ", "))
                    ),
                ])
            }
        })

    static let tableColumns = [
        "id", "uscc", "name", "name_zh", "kind", "district", "registered_in_zone", "registered_capital",
    ]

    static let list = Command(
        ["company", "list"],
        abstract: "List companies by name, with filters.",
        discussion:
            "Archived companies are left out unless --include-archived. --member and --tier look at the memberships on --as-of (default: today in Asia/Shanghai). The table shows the main columns; csv and json show them all.",
        example: "filmwg company list --search 影视 --kind production --member --as-of 2018-01-01",
        options: [
            .value("search", "TEXT", "part of the name or Chinese name, any case"),
            .value("kind", "KIND", CompanyKind.names.joined(separator: "|")),
            .flag("in-zone", "only companies registered in the Huairou zone"),
            .flag("member", "only members of the working group on --as-of"),
            .value(
                "tier", "TIER", "only members of this tier on --as-of (\(MembershipTier.names.joined(separator: "|")))"),
            .value("as-of", "DATE", "the day --member and --tier look at (default: today)"),
            .flag("include-archived", "also archived companies"),
            .flag("uscc-overridden", "only companies whose USCC was accepted with --uscc-override"),
            .limitAll,
        ],
        run: .list(columns: { $0 == .table ? tableColumns : Converters.companyColumns }) { arguments, context, _ in
            let filter = CompanyFilter(
                search: arguments.string("search"), kind: try Converters.kind(arguments),
                inZone: arguments.has("in-zone"),
                member: arguments.has("member"), tier: try Converters.tier(arguments),
                asOf: try arguments.date("as-of"),
                includeArchived: arguments.has("include-archived"), usccOverridden: arguments.has("uscc-overridden"),
                limit: try arguments.limit())
            if filter.asOf != nil, !filter.member, filter.tier == nil {
                throw CLIError.usage("--as-of goes with --member or --tier")
            }
            return try CompanyRepository(try context.connection()).list(filter).map(Converters.company)
        })

    static let update = Command(
        ["company", "update"],
        abstract: "Change fields of a company and print it as 'company show' does.",
        usage: "COMPANY",
        discussion: """
            Only the fields given change; an empty value (--district '') clears an optional field. The change \
            rests on the version just read, or on --expect-version: if someone changed the company since, nothing \
            is written (exit 75). Name, Chinese name, kind, district, registered capital, employees and the zone \
            registration are dated: the new values are in force from --effective-from (default today in \
            Asia/Shanghai), so the answers for earlier days stay as they were. A back-dated change sets each \
            field given from that day up to the next later change recorded for the same field, which stays; \
            a day before the company was founded is refused (exit 65). 'filmwg company history' lists the versions.
            """,
        example: "filmwg company update 91110116MA01A2B3C2 --employees 120 --expect-version 1",
        options: fields + [
            .value("effective-from", "DATE", "first day the new values are in force (default: today in Asia/Shanghai)"),
            usccOverride, .expectVersion,
        ],
        run: .record(positionals: .own) { arguments, context, _ in
            let ref = try arguments.company()
            let values = Converters.values(arguments, columns: CompanyInput.columns)
            let reason = try overrideReason(arguments)
            guard !values.isEmpty || reason != nil else {
                throw CLIError.usage(
                    "nothing to change; give at least one of \(fields.map { "--" + $0.name }.joined(separator: ", "))")
            }
            let repository = CompanyRepository(try context.connection())
            let current = try repository.find(ref)
            var input = current.input
            // An override belongs to the code it excused: a new code needs its own.
            if let reason {
                input.usccOverrideReason = reason
            } else if let given = values["uscc"], given.trimmingCharacters(in: .whitespaces) != (current.uscc ?? "") {
                input.usccOverrideReason = nil
            }
            try input.apply(values).throwIfAny()
            let version = try arguments.int("expect-version") ?? current.rowVersion
            let company = try repository.update(
                id: current.id, to: input, expectVersion: version, effectiveFrom: try arguments.date("effective-from"),
                fields: CompanyVersion.fields.filter(values.has))
            return try written(company, repository, context)
        })

    static let archive = Command(
        ["company", "archive"],
        abstract: "Archive a company: it stays for history but leaves lists, facts and reports.",
        usage: "COMPANY",
        discussion:
            "Asks for confirmation on a terminal; elsewhere needs --yes. Archiving an archived company changes nothing.",
        example: "filmwg company archive 91110116MA01A2B3C2 --yes",
        options: [.flag("yes", "archive without asking"), .expectVersion],
        run: .record(positionals: .own) { arguments, context, _ in
            let ref = try arguments.company()
            let repository = CompanyRepository(try context.connection())
            let current = try repository.find(ref)
            if let archivedAt = current.archivedAt {
                context.output.message(
                    "company \(current.reference) was already archived at \(Instant.format(archivedAt)); nothing changed"
                )
                return Converters.company(current)
            }
            try context.confirm("Archive company \(current.reference) (\(current.name))?", arguments: arguments)
            let version = try arguments.int("expect-version") ?? current.rowVersion
            return Converters.company(try repository.archive(id: current.id, expectVersion: version))
        })

    static let importCSV = Command.importing(
        "company", abstract: "Import companies from a CSV file, all or nothing.",
        discussion: """
            Header: \(CompanyInput.columns.joined(separator: ",")) (only name is required; columns may come in any order).
            RFC 4180, UTF-8 with or without BOM, LF or CRLF. Every row is checked (fields, USCC check digits, a USCC \
            twice in the file or already in the database); if any is invalid, each is listed as FILE:LINE: column: reason \
            and nothing is written (exit 65), unless --skip-invalid.
            """,
        example: "filmwg company import companies.csv --skip-invalid --rejects rejected.csv", rows: "companies"
    ) { try CompanyImport($0).run(file: $1, options: $2, listener: $3) }

    static let duplicates = Command(
        ["company", "duplicates"],
        abstract: "List pairs of companies that are probably one, most similar first.",
        discussion:
            "Names are compared with legal forms (有限公司, 股份有限公司, Co., Ltd., Inc. …), bracketed places ((北京), （北京）), full-/half-width forms, case, spaces and punctuation set aside; 1 means the same name so normalized, less a trigram similarity. Two companies with different USCCs are never a pair. Merge a pair with 'company merge KEEP DUPLICATE'.",
        example: "filmwg company duplicates --min-similarity 0.8",
        options: [.value("min-similarity", "X", "least similarity listed, from 0 to 1 (default 0.7)")],
        run: .list(columns: [
            "id", "uscc", "name", "name_zh", "duplicate_id", "duplicate_uscc", "duplicate_name",
            "duplicate_name_zh", "similarity",
        ]) { arguments, context, format in
            var minimum = 0.7
            if let text = arguments.string("min-similarity") {
                guard let value = Double(text), (0...1).contains(value) else {
                    throw CLIError.usage("--min-similarity must be a number from 0 to 1, such as 0.8, not '\(text)'")
                }
                minimum = value
            }
            let pairs = try CompanyMerge(try context.connection()).duplicates(minSimilarity: minimum)
            return pairs.map { pair in
                Record([
                    ("id", .number(String(pair.first.id))), ("uscc", Converters.text(pair.first.uscc)),
                    ("name", .text(pair.first.name)),
                    ("name_zh", Converters.text(pair.first.nameZh)), ("duplicate_id", .number(String(pair.second.id))),
                    ("duplicate_uscc", Converters.text(pair.second.uscc)), ("duplicate_name", .text(pair.second.name)),
                    ("duplicate_name_zh", Converters.text(pair.second.nameZh)),
                    ("similarity", .number(String(format: "%.2f", pair.similarity))),
                ])
            }
        })

    static let merge = Command(
        ["company", "merge"],
        abstract: "Merge a duplicate into the company kept: move its records, archive it.",
        usage: "KEEP DUPLICATE",
        discussion:
            "Moves every record that names DUPLICATE (memberships, employments, attendance, role assignments, grants and every other table that refers to companies) onto KEEP, gives KEEP the duplicate's USCC when it has none, and archives DUPLICATE with merged_into_id; one transaction, every change audited. The job's determinations stay with the duplicate as the history of what was decided; the next run decides for KEEP. A conflict (overlapping memberships, a record both have, two different USCCs) is refused with a sentence and nothing changes (exit 65). Asks on a terminal; elsewhere needs --yes.",
        example: "filmwg company merge 91110116MA01A2B3C2 4 --yes",
        options: [.flag("yes", "merge without asking")],
        run: .record(positionals: .own) { arguments, context, _ in
            let names = arguments.positionals
            guard names.count == 2 else {
                throw CLIError.usage(
                    "company merge needs two companies, KEEP then DUPLICATE (USCC or id); see 'filmwg company merge --help'"
                )
            }
            let keep = CompanyRef(names[0]), duplicate = CompanyRef(names[1])
            try context.confirm("Merge \(duplicate) into \(keep) and archive it?", arguments: arguments)
            let report = try CompanyMerge(try context.connection()).merge(keep: keep, duplicate: duplicate)
            let moved = report.moved.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")
            context.output.message(
                "merged company \(report.duplicate.id) (\(report.duplicate.name)) into company \(report.kept.id): moved \(moved.isEmpty ? "no records" : moved); company \(report.duplicate.id) is archived"
            )
            return Converters.company(report.kept)
        })
}
