import FilmWG
import Foundation
import Postgres

extension Command {
    /// What a command that prints records does with positional words.
    enum Positionals: Sendable {
        /// It takes none: any is refused before `--format` is read (`grant apply`, `grant list`).
        case none
        /// It reads them itself, after `--format`: most name their record by them (`work show 1`).
        case own
    }

    /// `NOUN show ID`: one record named by its id, as `NOUN list` shows the ids.
    static func show(
        _ noun: String, abstract: String, example: String,
        fetch: @escaping @Sendable (Connection, Int64) throws -> Record
    ) -> Command {
        show(noun, usage: "ID", abstract: abstract, example: example, name: { try ActivityCLI.id($0, of: noun) }) {
            db, id, _ in try fetch(db, id)
        }
    }

    /// `NOUN show NAME`: one record named by its positional word, which `name` reads (as
    /// `usage` says) before the database is opened; `fetch` finds it and makes what is printed.
    static func show<Name>(
        _ noun: String, usage: String, abstract: String, example: String,
        name: @escaping @Sendable (Arguments) throws -> Name,
        fetch: @escaping @Sendable (Connection, Name, Format) throws -> Record
    ) -> Command {
        Command(
            [noun, "show"], abstract: abstract, usage: usage, example: example,
            run: .record(positionals: .own) { arguments, context, format in
                let named = try name(arguments)
                return try fetch(try context.connection(), named, format)
            })
    }
}

extension Command.Run {
    /// A command whose output takes `--format`: positional words are refused first unless it
    /// reads them itself, then `--format` is read, before anything else, and `print` does the
    /// rest. Lists and one-record commands are built on it, so they check their words in the
    /// same order.
    static func printing(
        positionals: Command.Positionals,
        _ print: @escaping @Sendable (Arguments, Context, Format) throws -> Void
    ) -> Self {
        Self(takesFormat: true) { arguments, context in
            if positionals == .none { try arguments.noPositionals() }
            try print(arguments, context, try Format.from(arguments))
        }
    }

    /// A command that prints one record (`grant apply`, `work show`, `company update` …): the
    /// record `run` returns, as a two-column table, a one-row CSV or a JSON object; the command
    /// states only its flags and how they become a repository call.
    static func record(
        positionals: Command.Positionals,
        _ run: @escaping @Sendable (Arguments, Context, Format) throws -> Record
    ) -> Self {
        printing(positionals: positionals) { arguments, context, format in
            context.output.show(try run(arguments, context, format), format: format)
        }
    }
}
