import FilmWG
import Foundation
import Postgres

extension Command {
    /// What a command that prints records does with positional words.
    enum Positionals {
        /// It takes none: any is refused before `--format` is read (`grant apply`, `grant list`).
        case none
        /// It names its record by them, read by the command after `--format` (`work show 1`).
        case subject
    }

    /// A command that prints one record (`grant apply`, `work show`, `company update` …).
    ///
    /// Every such command takes `--format` (added last to `options` unless they place it) and prints the record
    /// `run` returns as a two-column table, a one-row CSV or a JSON object; the command states
    /// only its flags and how they become a repository call.
    static func record(
        _ path: [String], abstract: String, usage: String = "", discussion: String = "", example: String,
        options: [Option] = [], positionals: Positionals,
        run: @escaping @Sendable (Arguments, Context, Format) throws -> Record
    ) -> Command {
        Command(
            path: path, abstract: abstract, usage: usage, discussion: discussion, example: example,
            options: Format.adding(to: options)
        ) { arguments, context in
            if positionals == .none { try arguments.noPositionals() }
            let format = try Format.from(arguments)
            context.output.show(try run(arguments, context, format), format: format)
        }
    }

    /// `NOUN show ID`: one record named by its id, as `NOUN list` shows the ids.
    static func show(
        _ noun: String, abstract: String, example: String,
        fetch: @escaping @Sendable (Connection, Int64) throws -> Record
    ) -> Command {
        record([noun, "show"], abstract: abstract, usage: "ID", example: example, positionals: .subject) {
            arguments, context, _ in
            let id = try ActivityCLI.id(arguments, of: noun)
            return try fetch(try context.connection(), id)
        }
    }
}
