import FilmWG
import Foundation
import Postgres

/// One command of the CLI, declared once as one value: where it sits (`company add`), what its
/// help says, what it accepts, and how it runs (`Run`: plain, or printing records with
/// `--format`). Every command is this one declaration, so no builder repeats its fields.
struct Command: Sendable {
    let path: [String]
    let abstract: String
    let usage: String
    let discussion: String
    let example: String
    /// What it accepts: those declared, and `--format` when its run prints records.
    let options: [Option]
    let run: @Sendable (Arguments, Context) throws -> Void

    init(
        _ path: [String], abstract: String, usage: String = "", discussion: String = "", example: String,
        options: [Option] = [], run: Run
    ) {
        self.path = path
        self.abstract = abstract
        self.usage = usage
        self.discussion = discussion
        self.example = example
        self.options = run.takesFormat ? Format.adding(to: options) : options
        self.run = run.body
    }

    /// How a command runs once its line is parsed (the builders are in RecordCommand.swift
    /// and ListCommand.swift).
    struct Run: Sendable {
        /// Whether its output takes `--format`, added last to the options unless they place it.
        let takesFormat: Bool
        let body: @Sendable (Arguments, Context) throws -> Void

        /// A command that reads its own words and writes what it likes (`db migrate`).
        static func plain(_ body: @escaping @Sendable (Arguments, Context) throws -> Void) -> Run {
            Run(takesFormat: false, body: body)
        }
    }

    var name: String { path.joined(separator: " ") }

    var help: String {
        var text = "\(abstract)\n\nUsage: filmwg \(name)\(usage.isEmpty ? "" : " " + usage)"
        if !options.isEmpty { text += " [options]" }
        text += "\n"
        if !discussion.isEmpty { text += "\n\(discussion)\n" }
        let all = options + GlobalOptions.all
        text += "\nOptions:\n" + Self.describe(all)
        text += "\nExample:\n  \(example)\n"
        return text
    }

    static func describe(_ options: [Option]) -> String {
        let lefts = options.map { "--\($0.name)" + ($0.value.map { " \($0)" } ?? "") }
        let width = (lefts.map(\.count).max() ?? 0) + 2
        return zip(lefts, options).map { left, option in
            "  " + left.padding(toLength: width, withPad: " ", startingAt: 0) + option.help
        }.joined(separator: "\n") + "\n"
    }
}

/// Everything a command needs from its surroundings, so commands never read globals.
final class Context {
    let settings: ConnectionSettings
    let output: Output
    let environment: [String: String]
    private var openConnection: Connection?

    init(settings: ConnectionSettings, output: Output, environment: [String: String]) {
        self.settings = settings
        self.output = output
        self.environment = environment
    }

    /// The session, opened on first use so `--help` and usage errors need no database.
    func connection() throws -> Connection {
        if let openConnection { return openConnection }
        let connection = try Session.open(settings)
        openConnection = connection
        Interrupts.watch(connection)
        return connection
    }

    /// Destructive commands ask on a terminal; elsewhere they need `--yes`.
    func confirm(_ question: String, arguments: Arguments) throws {
        if arguments.has("yes") { return }
        guard output.stdinIsTerminal else {
            throw CLIError.usage("\(question) Pass --yes to confirm when not on a terminal.")
        }
        output.message("\(question) [y/N] ", newline: false)
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw CLIError(message: "nothing was changed", code: .failure) }
    }

    func close() { openConnection?.close() }
}
