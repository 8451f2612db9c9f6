import FilmWG
import Postgres

/// `filmwg professional add | show | list | update | erase | import`.
enum ProfessionalCommands {
    static let all: [Command] = [add, show, list, update, erase, importCSV]

    static let fields: [Option] = Converters.columnOptions([
        ("full_name", "TEXT", "full name as the person writes it, e.g. 席伟航"),
        ("latin_name", "TEXT", "name in Latin letters, e.g. Xi Weihang"),
        ("title", "TEXT", "job title"),
        ("email", "ADDRESS", "e-mail address, unique ignoring case (personal data)"),
        ("phone", "TEXT", "phone number (personal data)"),
        ("specialties", "A;B", "specialties, separated by ';'"),
    ])

    static let employmentFlags: [Option] = [
        .value("company", "C", "employer (USCC or id): records an employment there"),
        .value("employed-from", "DATE", "with --company: first day employed"),
        .value("employed-to", "DATE", "with --company: first day no longer employed"),
    ]

    static let listColumns = [
        "id", "full_name", "latin_name", "title", "email", "phone", "specialties", "erased_at", "row_version",
        "created_at",
    ]

    static let add = Command(
        ["professional", "add"],
        abstract: "Add a professional (and an employment) and print them as 'professional show' does.",
        discussion:
            "--full-name is required. With --company, the person is recorded as employed there over [--employed-from, --employed-to); either may be left out.",
        example:
            "filmwg professional add --full-name 席伟航 --latin-name 'Xi Weihang' --email xi@example.org --specialties 'production;distribution' --company 91110116MA01A2B3C2 --employed-from 2017-05-20",
        options: fields + employmentFlags,
        run: .record(positionals: .none) { arguments, context, format in
            var input = ProfessionalInput()
            try input.apply(Converters.values(arguments, columns: ProfessionalInput.columns)).throwIfAny()
            let db = try context.connection()
            let employment = try employment(arguments, db: db, title: input.title)
            let person = try ProfessionalRepository(db).create(input, employment: employment)
            return Converters.professional(person, format: format, employments: true)
        })

    static let show = Command.show(
        "professional", usage: "PROFESSIONAL",
        abstract: "Show one professional, named by id or e-mail, with their employments.",
        example: "filmwg professional show xi@example.org --format json", name: { try $0.professional() }
    ) { db, ref, format in
        Converters.professional(try ProfessionalRepository(db).find(ref), format: format, employments: true)
    }

    static let list = Command(
        ["professional", "list"],
        abstract: "List professionals by name, with filters.",
        discussion:
            "Erased professionals are left out unless --include-erased. --company lists those employed there on --as-of (default: today in Asia/Shanghai).",
        example: "filmwg professional list --search Xi --company 91110116MA01A2B3C2 --format csv",
        options: [
            .value("search", "TEXT", "part of the full name, Latin name or e-mail address, any case"),
            .value("company", "C", "only people employed at this company (USCC or id) on --as-of"),
            .value("as-of", "DATE", "the day --company looks at (default: today)"),
            .flag("include-erased", "also professionals whose personal data was erased"),
            .limitAll,
        ],
        run: .list(columns: listColumns) { arguments, context, format in
            let asOf = try arguments.date("as-of")
            let limit = try arguments.limit()
            let db = try context.connection()
            var companyID: Int64?
            if let name = arguments.string("company") {
                companyID = try CompanyRepository(db).find(CompanyRef(name)).id
            } else if asOf != nil {
                throw CLIError.usage("--as-of goes with --company")
            }
            let people = try ProfessionalRepository(db).list(
                search: arguments.string("search"), companyID: companyID, asOf: asOf,
                includeErased: arguments.has("include-erased"), limit: limit)
            return people.map { Converters.professional($0, format: format, employments: false) }
        })

    static let update = Command(
        ["professional", "update"],
        abstract: "Change fields of a professional and print them as 'professional show' does.",
        usage: "PROFESSIONAL",
        discussion:
            "Only the fields given change; an empty value (--phone '') clears an optional field. With --company, the open employment at that company gets the given --employed-from/--employed-to (e.g. --employed-to to end it); if there is none, a new employment is recorded. The change rests on the version just read, or on --expect-version: if someone changed the record since, nothing is written (exit 75).",
        example:
            "filmwg professional update xi@example.org --title 'Head, Internet Film Working Group' --expect-version 1",
        options: fields + employmentFlags + [.expectVersion],
        run: .record(positionals: .own) { arguments, context, format in
            let ref = try arguments.professional()
            let values = Converters.values(arguments, columns: ProfessionalInput.columns)
            guard !values.isEmpty || arguments.string("company") != nil else {
                let names = (fields + employmentFlags).map { "--" + $0.name }.joined(separator: ", ")
                throw CLIError.usage("nothing to change; give at least one of \(names)")
            }
            let db = try context.connection()
            let repository = ProfessionalRepository(db)
            let current = try repository.find(ref)
            // An erased person's data is gone: say so, not that a field of it is missing.
            if current.erasedAt != nil {
                throw RecordError.invalid(
                    "professional \(current.id) was erased; its personal data cannot be recorded again, add a new professional instead"
                )
            }
            var input = current.input
            try input.apply(values).throwIfAny()
            let employment = try employment(arguments, db: db, title: input.title)
            let version = try arguments.int("expect-version") ?? current.rowVersion
            let person = try repository.update(
                id: current.id, to: input, expectVersion: version, employment: employment)
            return Converters.professional(person, format: format, employments: true)
        })

    static let erase = Command(
        ["professional", "erase"],
        abstract: "Erase a professional's personal data on request, keeping anonymous history.",
        usage: "PROFESSIONAL",
        discussion:
            "Removes full name, Latin name, e-mail and phone, also from the audit log; attendance, employments and roles stay, so counts stay right. Cannot be undone. Asks for confirmation on a terminal; elsewhere needs --yes.",
        example: "filmwg professional erase 5 --yes",
        options: [.flag("yes", "erase without asking")],
        run: .record(positionals: .own) { arguments, context, format in
            let ref = try arguments.professional()
            let repository = ProfessionalRepository(try context.connection())
            let current = try repository.find(ref)
            let who = current.fullName.map { " (\($0))" } ?? ""
            try context.confirm(
                "Erase the personal data of professional \(current.id)\(who)? This cannot be undone.",
                arguments: arguments)
            let person = try repository.erase(id: current.id)
            return Converters.professional(person, format: format, employments: true)
        })

    static let importCSV = Command.importing(
        "professional", abstract: "Import professionals (and their employments) from a CSV file, all or nothing.",
        discussion: """
            Header: full_name,latin_name,title,email,phone,specialties,company_uscc,employed_from,employed_to \
            (only full_name is required; specialties ';'-separated; the last three make an employment). An e-mail \
            twice in the file or already recorded, or a company_uscc no company has, makes a row invalid. Invalid rows \
            are listed as FILE:LINE: column: reason and nothing is written (exit 65), unless --skip-invalid.
            """,
        example: "filmwg professional import people.csv --skip-invalid --rejects rejected.csv", rows: "professionals"
    ) { try ProfessionalImport($0).run(file: $1, options: $2, listener: $3) }

    /// The employment the flags describe, if any.
    static func employment(_ arguments: Arguments, db: Connection, title: String?) throws -> EmploymentInput? {
        let from = try arguments.date("employed-from")
        let to = try arguments.date("employed-to")
        guard let name = arguments.string("company") else {
            if from != nil || to != nil { throw CLIError.usage("--employed-from and --employed-to go with --company") }
            return nil
        }
        let company = try CompanyRepository(db).find(CompanyRef(name))
        return EmploymentInput(companyID: company.id, employedFrom: from, employedTo: to, title: title)
    }
}
