import FilmWG
import Foundation

extension Command.Run {
    /// A command that prints many records with the same columns (`grant list`, `audit` …).
    ///
    /// Built on `printing`: positional words refused (unless it reads them itself:
    /// `company history C`), then `--format`, before anything else. It prints the rows as a
    /// table, CSV or JSON with the columns `columns` gives for the format, each row cut to
    /// those columns in that order (a list shows fewer than `show`). The command states only
    /// what is its own: its filters (its options), how they become a repository call (`rows`),
    /// its columns.
    static func list(
        positionals: Command.Positionals = .none, columns: @escaping @Sendable (Format) -> [String],
        _ rows: @escaping @Sendable (Arguments, Context, Format) throws -> [Record]
    ) -> Self {
        printing(positionals: positionals) { arguments, context, format in
            let shown = columns(format)
            let records = try rows(arguments, context, format)
            context.output.list(records.map { $0.projected(to: shown) }, columns: shown, format: format)
        }
    }

    /// A list whose columns are the same in every format.
    static func list(
        positionals: Command.Positionals = .none, columns: [String],
        _ rows: @escaping @Sendable (Arguments, Context, Format) throws -> [Record]
    ) -> Self {
        list(positionals: positionals, columns: { _ in columns }, rows)
    }
}

extension Record {
    /// The fields named by `columns`, in that order; a name the record lacks is null. A record
    /// that has those fields already is kept as it is.
    func projected(to columns: [String]) -> Record {
        if fields.count == columns.count, zip(fields, columns).allSatisfy({ $0.name == $1 }) { return self }
        return Record(columns.map { name in (name, fields.first { $0.name == name }?.value ?? .null) })
    }
}
