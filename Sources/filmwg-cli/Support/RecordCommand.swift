import FilmWG
import Foundation
import Postgres

extension Command {
    /// What a command that prints records does with positional words.
    enum Positionals {
        /// It takes none: any is refused before `--format` is read (`grant apply`, `grant list`).
        case none
        /// It reads them itself, after `--format`: most name their record by them (`work show 1`).
        case own
    }

    /// A command whose output takes `--format` (added last to `options` unless they place it):
    /// positional words are refused first unless it reads them itself, then `--format`
    /// is read, before anything else, and `print` does the rest. Lists and one-record
    /// commands are built on it, so they check their words in the same order.
    static func printing(
        _ path: [String], abstract: String, usage: String = "", discussion: String = "", example: String,
        options: [Option] = [], positionals: Positionals,
        print: @escaping @Sendable (Arguments, Context, Format) throws -> Void
    ) -> Command {
        Command(
            path: path, abstract: abstract, usage: usage, discussion: discussion, example: example,
            options: Format.adding(to: options)
        ) { arguments, context in
            if positionals == .none { try arguments.noPositionals() }
            try print(arguments, context, try Format.from(arguments))
        }
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
        printing(
            path, abstract: abstract, usage: usage, discussion: discussion, example: example, options: options,
            positionals: positionals
        ) { arguments, context, format in
            context.output.show(try run(arguments, context, format), format: format)
        }
    }

    /// `NOUN show ID`: one record named by its id, as `NOUN list` shows the ids.
    static func show(
        _ noun: String, abstract: String, example: String,
        fetch: @escaping @Sendable (Connection, Int64) throws -> Record
    ) -> Command {
        record([noun, "show"], abstract: abstract, usage: "ID", example: example, positionals: .own) {
            arguments, context, _ in
            let id = try ActivityCLI.id(arguments, of: noun)
            return try fetch(try context.connection(), id)
        }
    }
}
