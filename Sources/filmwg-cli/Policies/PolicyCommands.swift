import FilmWG
import Foundation
import Postgres

/// `filmwg policy add | revise | show | list | check | try | facts`.
enum PolicyCommands {
    static let all: [Command] = [add, revise, show, list, check, tryRule, facts]

    static let amountOptions: [Option] = [
        .value(
            "amount", "EXPR",
            "how much an eligible company receives, a formula over the facts, e.g. \"rent_paid_last_year * taper(zone_years + 1, 100%, 80%, 60%)\" ('' drops it on revise)"
        ),
        .value(
            "exclusive-group", "NAME",
            "not cumulative with the other policies of this group: the highest amount keeps it"),
    ]

    /// What `--amount`, `--cap` and `--exclusive-group` ask for; an empty value drops a term on revise.
    static func terms(_ arguments: Arguments) throws -> BenefitTerms {
        var terms = BenefitTerms()
        for name in ["amount", "cap", "exclusive-group"] where arguments.string(name) == "" {
            terms.cleared.insert(name)
        }
        if !terms.cleared.contains("amount") { terms.amount = arguments.string("amount") }
        if !terms.cleared.contains("cap") { terms.cap = try arguments.decimal("cap") }
        if !terms.cleared.contains("exclusive-group") { terms.exclusiveGroup = arguments.string("exclusive-group") }
        return terms
    }

    static let ruleOptions: [Option] = [
        .value("rule", "RULE", "the eligibility rule (DESIGN §6), e.g. \"registered_in_zone and employees >= 10\""),
        .value("rule-file", "FILE", "read the rule from FILE instead (- for standard input)"),
    ]

    static let add = Command(
        ["policy", "add"],
        abstract: "Add a preferential policy with its first eligibility rule.",
        usage: "--code CODE --title TITLE --rule RULE|--rule-file FILE --valid-from DATE",
        discussion: """
            The rule is checked against the fact catalog ('filmwg policy facts') first: a rule that \
            does not check is never saved (exit 65, with line:column and a suggestion). Each top-level \
            'and' term is a criterion that 'filmwg eligibility explain' reports on. Periods are half-open: \
            --valid-to is the first day the version no longer applies.
            """,
        example: """
            filmwg policy add --code film-fund --title "Huairou film industry fund" --rule-file film-fund.rule --valid-from 2017-05-20 --cap 5000000.00
            """,
        options: [
            .value("code", "CODE", "stable code: letters, digits, - and _, kept as typed, unique regardless of case"),
            .value("title", "TITLE", "the policy's title"),
        ] + ruleOptions + [
            .value("valid-from", "DATE", "first day the rule applies"),
            .validTo,
            .value("issuer", "TEXT", "who issues the policy"),
            .value("benefit", "TEXT", "what it grants, in words"),
            .value(
                "cap", "AMOUNT", "largest amount in CNY of one grant and of one determination's amount, e.g. 5000000.00"
            ),
        ] + amountOptions,
        run: .printing(positionals: .none) { arguments, context, format in
            let new = NewPolicy(
                code: try arguments.required("code"), title: try arguments.required("title"),
                issuer: arguments.string("issuer"), benefit: arguments.string("benefit"),
                cap: try arguments.decimal("cap"),
                rule: try rule(arguments, context: context),
                validFrom: try requiredDate(arguments, "valid-from"), validTo: try arguments.date("valid-to"),
                terms: try terms(arguments))
            let details = try PolicyRepository(try context.connection()).add(new)
            print(details, format: format, output: context.output)
        })

    static let revise = Command(
        ["policy", "revise"],
        abstract: "Give a policy a new rule from a day on; the open version ends the day before.",
        usage: "CODE --rule RULE|--rule-file FILE --valid-from DATE",
        discussion: """
            Adds version N+1 valid from --valid-from and ends the open version on the day before, in \
            one transaction. Versions the job has used keep their rule; determinations already made stay. The new \
            version keeps the open version's --amount, --cap and --exclusive-group unless given ('' drops one).
            """,
        example:
            "filmwg policy revise film-fund --rule \"registered_in_zone and employees >= 20\" --valid-from 2025-01-01",
        options: ruleOptions + [
            .value("valid-from", "DATE", "first day the new rule applies"),
            .validTo,
            .value("cap", "AMOUNT", "largest amount in CNY of one determination ('' drops it)"),
        ] + amountOptions + [
            Format.option
        ],
        run: .plain { arguments, context in
            let code = try arguments.policyCode()
            let format = try Format.from(arguments)
            let details = try PolicyRepository(try context.connection()).revise(
                code: code, rule: try rule(arguments, context: context),
                validFrom: try requiredDate(arguments, "valid-from"), validTo: try arguments.date("valid-to"),
                terms: try terms(arguments))
            print(details, format: format, output: context.output)
        })

    static let show = Command(
        ["policy", "show"],
        abstract: "Show a policy and every version of its rule, criterion by criterion.",
        usage: "CODE",
        example: "filmwg policy show film-fund --format json",
        options: [Format.option],
        run: .plain { arguments, context in
            let code = try arguments.policyCode()
            let format = try Format.from(arguments)
            print(
                try PolicyRepository(try context.connection()).details(code: code), format: format,
                output: context.output)
        })

    static let list = Command(
        ["policy", "list"],
        abstract: "List the policies with the version valid today (Asia/Shanghai).",
        example: "filmwg policy list --format csv",
        options: [.value("limit", "N", "print at most N policies")],
        run: .printing(positionals: .none) { arguments, context, format in
            let repository = PolicyRepository(try context.connection())
            let today = try repository.today()
            var policies = try repository.list()
            if let limit = try arguments.int("limit") { policies = Array(policies.prefix(max(0, limit))) }
            let records = policies.map { details in
                let current = details.version(on: today)
                return Record(
                    policyFields(details.policy) + [
                        ("versions", .number(String(details.versions.count))),
                        ("current_version", current.map { .number(String($0.version)) } ?? .null),
                        ("valid_from", current.map { .text($0.validFrom.description) } ?? .null),
                        ("valid_to", current?.validTo.map { .text($0.description) } ?? .null),
                        ("criteria", current.map { criteriaCell($0.criteria, format: format) } ?? .null),
                    ])
            }
            let columns = [
                "id", "code", "title", "issuer", "benefit", "cap", "versions", "current_version", "valid_from",
                "valid_to",
                "criteria",
            ]
            context.output.list(records.map { select($0, columns) }, columns: columns, format: format)
        })

    static let check = Command(
        ["policy", "check"],
        abstract: "Parse and type-check a rule against the fact catalog and print its criteria.",
        usage: "RULE",
        discussion: """
            Nothing is written. A rule that does not check exits 65 with LINE:COLUMN, what is wrong \
            and, for a misspelt name, the nearest fact or value. Quote the rule for the shell. With --amount, \
            checks an amount formula (DESIGN §12) the same way and prints the facts it reads.
            """,
        example:
            "filmwg policy check \"registered_in_zone and years_in_operation >= 2 and member_tier in ('initiating', 'member')\"",
        options: [
            .ruleFile,
            .value(
                "amount", "EXPR",
                "check an amount formula instead, e.g. \"min(300 * renovated_area_m2_last_year, 30% * renovation_cost_last_year)\""
            ),
        ],
        run: .printing(positionals: .own) { arguments, context, format in
            if let amount = arguments.string("amount") {
                try arguments.noPositionals()
                let facts = try PolicyRepository(try context.connection()).check(amount: amount)
                let record = Record([
                    ("amount", .text(amount)),
                    ("facts", format == .json ? .json(jsonArray(facts)) : .text(facts.joined(separator: ", "))),
                ])
                context.output.list([record], columns: ["amount", "facts"], format: format)
                return
            }
            let source: String
            if let file = arguments.string("rule-file") {
                try arguments.noPositionals()
                source = try refusingNUL(try read(file), in: "rule file \(file)")
            } else {
                guard !arguments.positionals.isEmpty else {
                    throw CLIError.usage("name the rule to check, or give --rule-file FILE")
                }
                source = arguments.positionals.joined(separator: " ")
            }
            let summary = try PolicyRepository(try context.connection()).check(rule: source)
            let records = summary.criteria.enumerated().map { index, criterion in
                Record([
                    ("number", .number(String(index + 1))), ("criterion", .text(criterion.source)),
                    (
                        "facts",
                        format == .json
                            ? .json(jsonArray(criterion.facts)) : .text(criterion.facts.joined(separator: ", "))
                    ),
                ])
            }
            context.output.list(records, columns: ["number", "criterion", "facts"], format: format)
            if context.output.stderrIsTerminal {
                context.output.message("The rule checks: \(records.count) criteri\(records.count == 1 ? "on" : "a").")
            }
        })

    static let tryRule = Command(
        ["policy", "try"],
        abstract: "What-if: evaluate a draft rule over every company as of a day, writing nothing.",
        usage: "RULE [--as-of DATE] [--policy CODE] [--amount EXPR] [--list]",
        discussion: """
            Evaluates the rule as the nightly job would, over the facts in force on --as-of (default today in \
            Asia/Shanghai), inside a read-only transaction that is rolled back: nothing is written, not even a \
            job_runs row. Prints how many companies were evaluated and eligible and, per criterion, how many \
            were true, false and null. With --policy, compares with that policy's version in force on the day: \
            how many stay eligible, become eligible and stop being eligible. --list prints instead the companies \
            whose answer differs from the policy's (without --policy: the companies the draft finds eligible). \
            --amount EXPR also computes a draft amount formula (DESIGN §12) for every company the draft finds \
            eligible, as the job would (no cap): amount_total is their sum, amount_unknown how many have no amount \
            (a fact it needs is unknown); --list then shows each one's amount. \
            A rule or formula that does not check exits 65 with LINE:COLUMN, as 'filmwg policy check' does.
            """,
        example:
            "filmwg policy try \"registered_in_zone and employees >= 20\" --policy film-fund --as-of 2025-06-01 --amount \"rent_paid_last_year * 80%\" --format json",
        options: [
            .ruleFile,
            .evaluationDay,
            .policy("compare with this policy's version in force on the day"),
            .value("amount", "EXPR", "a draft amount formula to total over the eligible companies"),
            .flag("list", "print the companies whose answer differs"),
        ],
        run: .printing(positionals: .own) { arguments, context, format in
            let source: String
            if let file = arguments.string("rule-file") {
                try arguments.noPositionals()
                source = try read(file)
            } else {
                guard !arguments.positionals.isEmpty else {
                    throw CLIError.usage("name the rule to try, or give --rule-file FILE")
                }
                source = arguments.positionals.joined(separator: " ")
            }
            let result = try WhatIf(try context.connection()).run(
                rule: source, asOf: try arguments.date("as-of"), policy: arguments.string("policy"),
                list: arguments.has("list"), amount: arguments.string("amount"))
            if arguments.has("list") {
                let records = result.differences.map { difference in
                    Record(
                        [
                            ("company_id", .number(String(difference.company.id))),
                            ("uscc", difference.company.uscc.map { .text($0) } ?? .null),
                            ("name", .text(difference.company.name)),
                            ("name_zh", difference.company.nameZh.map { .text($0) } ?? .null),
                            ("draft", .bool(difference.draft)),
                            ("current", difference.current.map { .bool($0) } ?? .null),
                            (
                                "change",
                                difference.current == nil
                                    ? .null : .text(difference.draft ? "newly_eligible" : "no_longer_eligible")
                            ),
                        ]
                            + (result.amountTotal == nil
                                ? [] : [("amount", difference.amount.map { .number(Amount.format($0)) } ?? .null)]))
                }
                context.output.list(
                    records,
                    columns: ["company_id", "uscc", "name", "name_zh", "draft", "current", "change"]
                        + (result.amountTotal == nil ? [] : ["amount"]),
                    format: format)
                return
            }
            func count(_ value: Int?) -> Cell { value.map { .number(String($0)) } ?? .null }
            let head: [(String, Cell)] = [
                ("as_of", .text(result.asOf.description)), ("policy", result.policy.map { .text($0) } ?? .null),
                ("version", count(result.version)), ("evaluated", count(result.evaluated)),
                ("eligible", count(result.eligible)), ("still_eligible", count(result.stillEligible)),
                ("newly_eligible", count(result.newlyEligible)), ("no_longer_eligible", count(result.noLongerEligible)),
                ("amount_total", result.amountTotal.map { .number(Amount.format($0)) } ?? .null),
                ("amount_unknown", count(result.amountUnknown)),
            ]
            let criteria = result.criteria.map { item in
                Record([
                    ("criterion", .text(item.criterion)), ("true", count(item.trueCount)),
                    ("false", count(item.falseCount)), ("null", count(item.nullCount)),
                ])
            }
            switch format {
            case .json:
                let array = "[" + criteria.map(JSONText.object).joined(separator: ", ") + "]"
                context.output.show(Record(head + [("criteria", .json(array))]), format: .json)
            case .csv:
                context.output.list(criteria, columns: ["criterion", "true", "false", "null"], format: .csv)
            case .table:
                context.output.show(
                    Record(head.filter { $0.1 != .null || (result.policy != nil && !$0.0.hasPrefix("amount")) }),
                    format: .table)
                context.output.write("\n")
                context.output.list(criteria, columns: ["criterion", "true", "false", "null"], format: .table)
                context.output.message("Nothing was written.")
            }
        })

    static let facts = Command(
        ["policy", "facts"],
        abstract: "List every fact a rule may name: name, type and meaning.",
        discussion:
            "Facts are evaluated as of the run's day D (see DESIGN §6); text facts with fixed values list them.",
        example: "filmwg policy facts --format json",
        run: .list(columns: ["name", "type", "description", "allowed_values"]) { arguments, context, format in
            let catalog = try FactCatalogRepository(try context.connection()).load()
            return catalog.facts.map { fact in
                let allowed: Cell
                if let values = fact.allowedValues {
                    allowed = format == .json ? .json(jsonArray(values)) : .text(values.joined(separator: ", "))
                } else {
                    allowed = .null
                }
                return Record([
                    ("name", .text(fact.name)), ("type", .text(fact.type.rawValue)),
                    ("description", .text(fact.description)), ("allowed_values", allowed),
                ])
            }
        })

    // MARK: Helpers

    static func rule(_ arguments: Arguments, context: Context) throws -> String {
        switch (arguments.string("rule"), arguments.string("rule-file")) {
        case (let rule?, nil): return try refusingNUL(rule, in: "--rule")
        case (nil, let file?):
            return try refusingNUL(
                try read(file), in: file == "-" ? "the rule read from standard input" : "rule file \(file)")
        case (.some, .some): throw CLIError.usage("give --rule or --rule-file, not both")
        case (nil, nil):
            throw CLIError.usage(
                "missing --rule RULE (or --rule-file FILE); see 'filmwg policy facts' for what a rule may name")
        }
    }

    /// A NUL byte would end the rule's text where it stands while its criteria were already
    /// read past it; no rule holds one, so say where it is.
    static func refusingNUL(_ text: String, in place: String) throws -> String {
        guard text.utf8.contains(0) else { return text }
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if scalar == "\u{0}" { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        throw CLIError(
            message:
                "\(place) holds a NUL byte (\\0) at line \(line), column \(column); a rule is plain text, remove it",
            code: .dataError)
    }

    static func read(_ file: String) throws -> String {
        if file == "-" {
            switch StandardStreams.readAll(STDIN_FILENO) {
            case .success(let bytes): return String(decoding: bytes, as: UTF8.self)
            case .failure(let failure):
                throw CLIError(
                    message: "the rule could not be read from standard input: \(failure.reason)", code: .ioError)
            }
        }
        guard FileManager.default.fileExists(atPath: file) else {
            throw CLIError(message: "rule file \(file) does not exist", code: .noInput)
        }
        let descriptor = open(file, O_RDONLY)
        guard descriptor >= 0 else {
            throw CLIError(
                message: "rule file \(file) cannot be opened: \(String(cString: strerror(errno)))", code: .noInput)
        }
        defer { close(descriptor) }
        let data: [UInt8]
        switch StandardStreams.readAll(descriptor) {
        case .success(let bytes): data = bytes
        case .failure(let failure):
            throw CLIError(message: "rule file \(file) could not be read: \(failure.reason)", code: .ioError)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CLIError(message: "rule file \(file) cannot be read as UTF-8 text", code: .noInput)
        }
        return text
    }

    static func requiredDate(_ arguments: Arguments, _ name: String) throws -> CalendarDate {
        try arguments.required(name, form: "DATE", arguments.date)
    }

    static func policyFields(_ policy: Policy) -> [(String, Cell)] {
        [
            ("id", .number(String(policy.id))), ("code", .text(policy.code)), ("title", .text(policy.title)),
            ("issuer", policy.issuer.map { .text($0) } ?? .null),
            ("benefit", policy.benefit.map { .text($0) } ?? .null),
            ("cap", policy.cap.map { .number(Amount.format($0)) } ?? .null),
            ("row_version", .number(String(policy.rowVersion))),
            ("created_at", .text(policy.createdAt.formatted(.iso8601))),
        ]
    }

    static func versionFields(_ version: PolicyVersion) -> [(String, Cell)] {
        [
            ("version", .number(String(version.version))), ("valid_from", .text(version.validFrom.description)),
            ("valid_to", version.validTo.map { .text($0.description) } ?? .null), ("rule", .text(version.rule)),
            ("amount", version.amount.map { .text($0) } ?? .null),
            ("amount_cap", version.amountCap.map { .number(Amount.format($0)) } ?? .null),
            ("exclusive_group", version.exclusiveGroup.map { .text($0) } ?? .null),
        ]
    }

    /// As `show` prints it; `add` and `revise` print the same.
    static func print(_ details: PolicyDetails, format: Format, output: Output) {
        switch format {
        case .json:
            let versions = details.versions.map { version in
                JSONText.object(
                    Record(
                        [("id", .number(String(version.id)))] + versionFields(version) + [
                            ("criteria", .json(jsonArray(version.criteria)))
                        ]))
            }
            output.show(
                Record(
                    policyFields(details.policy) + [("versions", .json("[" + versions.joined(separator: ", ") + "]"))]),
                format: .json)
        case .csv:
            let records = details.versions.map { version in
                Record(
                    policyFields(details.policy).filter {
                        ["code", "title", "issuer", "benefit", "cap"].contains($0.0)
                    }
                        + versionFields(version) + [("criteria", .text(version.criteria.joined(separator: "\n")))])
            }
            let columns = [
                "code", "title", "issuer", "benefit", "cap", "version", "valid_from", "valid_to", "rule", "criteria",
                "amount", "amount_cap", "exclusive_group",
            ]
            output.list(records, columns: columns, format: .csv)
        case .table:
            output.show(
                Record(policyFields(details.policy) + [("versions", .number(String(details.versions.count)))]),
                format: .table)
            for version in details.versions {
                let until = version.validTo.map { "up to \($0.adding(days: -1)) (valid_to \($0))" } ?? "open"
                var text = "\nversion \(version.version): from \(version.validFrom), \(until)\n"
                for (index, criterion) in version.criteria.enumerated() {
                    text += "  \(index + 1). \(criterion)\n"
                }
                if let amount = version.amount { text += "  amount: \(amount)\n" }
                if let cap = version.amountCap { text += "  cap: \(Amount.format(cap))\n" }
                if let group = version.exclusiveGroup { text += "  exclusive group: \(group)\n" }
                output.write(text)
            }
        }
    }

    /// A JSON array in JSON, the criteria joined by `and` elsewhere (one line, comments gone).
    static func criteriaCell(_ criteria: [String], format: Format) -> Cell {
        format == .json ? .json(jsonArray(criteria)) : .text(criteria.joined(separator: " and "))
    }

    static func jsonArray(_ texts: [String]) -> String {
        "[" + texts.map(JSONText.string).joined(separator: ", ") + "]"
    }

    static func select(_ record: Record, _ columns: [String]) -> Record {
        Record(columns.map { name in (name, record.fields.first { $0.name == name }?.value ?? .null) })
    }
}
