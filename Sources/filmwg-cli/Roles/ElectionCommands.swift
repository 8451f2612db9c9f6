import FilmWG
import Foundation

/// `filmwg election record | show | list`.
enum ElectionCommands {
    static let all: [Command] = [record, show, list]

    static let columns = ["id", "position", "held_on", "event_id", "candidates", "elected", "notes"]

    static func candidateRecord(_ election: Election, _ candidate: ElectionCandidate) -> Record {
        Record([
            ("election_id", .number(String(election.id))),
            ("professional_id", .number(String(candidate.professionalId))),
            ("professional_name", Converters.text(candidate.professionalName)),
            ("company_id", Converters.number(candidate.companyId)),
            ("votes_for", Converters.number(candidate.votesFor)),
            ("votes_against", Converters.number(candidate.votesAgainst)),
            ("votes_abstain", Converters.number(candidate.votesAbstain)), ("elected", .bool(candidate.elected)),
        ])
    }

    static let candidateColumns = [
        "election_id", "professional_id", "professional_name", "company_id", "votes_for", "votes_against",
        "votes_abstain", "elected",
    ]

    /// The election with its candidates: a JSON array in JSON, a count elsewhere.
    static func record(_ election: Election, format: Format) -> Record {
        let candidates: Cell =
            format == .json
            ? .json(
                "[" + election.candidates.map { JSONText.object(candidateRecord(election, $0)) }.joined(separator: ", ")
                    + "]")
            : .number(String(election.candidates.count))
        let elected = election.candidates.filter(\.elected)
            .map { candidate in
                candidate.professionalName.map { "\($0) (\(candidate.professionalId))" }
                    ?? String(candidate.professionalId)
            }
        return Record([
            ("id", .number(String(election.id))), ("position", .text(election.position)),
            ("held_on", .text(election.heldOn.description)), ("event_id", Converters.number(election.eventId)),
            ("candidates", candidates), ("elected", .text(elected.joined(separator: ", "))),
            ("notes", Converters.text(election.notes)), ("row_version", .number(String(election.rowVersion))),
            ("created_at", Converters.instant(election.createdAt)),
        ])
    }

    static let candidateHelp = """
        Each --candidate is P:FOR:AGAINST:ABSTAIN[:elected[:COMPANY]]: P is the professional's id or e-mail; \
        FOR, AGAINST and ABSTAIN are vote counts, each left empty when not published (7:::elected); the fifth \
        part is 'elected' for a winner; the sixth, optional, is the company the candidate stood for (USCC or id).
        """

    static let record = Command(
        ["election", "record"],
        abstract: "Record a vote that filled a position, with its candidates and votes.",
        discussion: candidateHelp + " Recording a vote does not assign the position: use 'filmwg role assign'.",
        example:
            "filmwg election record --position head --held-on 2018-05-20 --event 1 --candidate 2:58:2:1:elected --candidate 5:3:50:8",
        options: [
            .position("the position voted on (required)"),
            .value("held-on", "DATE", "day of the vote (required)"),
            .event("the event at which it was held"),
            .value("notes", "TEXT", "free notes, e.g. the procedure"),
            Option(
                name: "candidate", value: "SPEC", help: "a candidate and their votes (repeat for each; at least one)",
                repeatable: true),
        ],
        run: .printing(positionals: .none) { arguments, context, format in
            let positionCode = try arguments.required("position")
            let heldOn = try arguments.required("held-on", arguments.date)
            let specs = arguments.values["candidate"] ?? []
            guard !specs.isEmpty else {
                throw CLIError.usage("give at least one --candidate P:FOR:AGAINST:ABSTAIN[:elected]")
            }
            let parsed: [CandidateSpec]
            do { parsed = try specs.map(CandidateSpec.parse) } catch let error as RecordError {
                throw CLIError.usage(error.sentence)
            }
            let db = try context.connection()
            let candidates = try parsed.map { spec in
                ElectionCandidate(
                    professionalId: try References.professionalID(spec.professional, db: db),
                    companyId: try spec.company.map { try References.companyID($0, db: db) }, votesFor: spec.votesFor,
                    votesAgainst: spec.votesAgainst, votesAbstain: spec.votesAbstain, elected: spec.elected)
            }
            let election = try ElectionRepository(db).record(
                positionId: try References.positionID(positionCode, db: db), heldOn: heldOn,
                eventId: try arguments.eventID(db: db),
                notes: arguments.string("notes"), candidates: candidates)
            printElection(election, format: format, context: context)
        })

    static func printElection(_ election: Election, format: Format, context: Context) {
        switch format {
        case .json:
            context.output.show(record(election, format: .json), format: .json)
        case .csv:
            // One row per candidate, so a spreadsheet gets the votes.
            context.output.list(
                election.candidates.map { candidateRecord(election, $0) }, columns: candidateColumns, format: .csv)
        case .table:
            context.output.show(record(election, format: .table), format: .table)
            context.output.write("\n")
            context.output.list(
                election.candidates.map { candidateRecord(election, $0) }, columns: candidateColumns, format: .table)
        }
    }

    static let show = Command(
        ["election", "show"],
        abstract: "Print an election and its candidates' votes.",
        usage: "ID",
        discussion:
            "--format json prints one object whose candidates key is an array; csv prints one row per candidate.",
        example: "filmwg election show 1 --format json",
        run: .printing(positionals: .own) { arguments, context, format in
            let id = try ActivityCLI.id(arguments, of: "election")
            printElection(try ElectionRepository(try context.connection()).show(id), format: format, context: context)
        })

    static let list = Command(
        ["election", "list"],
        abstract: "List elections by day, with who was elected.",
        example: "filmwg election list --position head",
        options: [.position("only this position"), .limit],
        run: .list(columns: columns) { arguments, context, format in
            let limit = try arguments.limit()
            let db = try context.connection()
            let elections = try ElectionRepository(db).list(
                positionId: try arguments.positionID(db: db), limit: limit)
            return elections.map { record($0, format: format) }
        })
}
