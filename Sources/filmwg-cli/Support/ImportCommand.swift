import FilmWG
import Foundation
import Postgres

/// What every import command does the same way: its flags, its checks before the file is
/// read, how it reports progress and invalid rows, and the line it prints at the end.
enum Importing {
    /// The flags every import takes.
    static let options: [Option] = [
        .flag(
            "skip-invalid",
            "write the valid rows and leave the invalid ones out (default: nothing is written if any row is invalid)"),
        .value(
            "rejects", "FILE", "with --skip-invalid: write the invalid rows, unchanged, plus a reason column, to FILE"),
        .flag("dry-run", "check every row, also against the database, and write nothing"),
    ]

    /// Runs an import: checks the file is there (exit 66), streams every invalid row to stderr
    /// as `FILE:LINE: column: reason`, shows progress on a terminal, and prints what was done.
    static func run(
        _ arguments: Arguments, _ context: Context, noun: String,
        _ body: (Connection, String, ImportOptions, ImportListener) throws -> ImportReport
    ) throws {
        let path = try arguments.subject("CSV file")
        let options = ImportOptions(
            skipInvalid: arguments.has("skip-invalid"), rejectsPath: arguments.string("rejects"),
            dryRun: arguments.has("dry-run"))
        if options.rejectsPath != nil, !options.skipInvalid {
            throw CLIError.usage(
                "--rejects goes with --skip-invalid; without it an invalid row means nothing is written")
        }
        try CSVReader.requireReadableFile(path)
        let output = context.output
        let listener = ImportListener(
            progress: { progress in
                switch progress {
                case .reading(let rows): output.progress("\(path): read \(rows) rows…")
                case .checking(let rows): output.progress("\(path): checking \(rows) rows against the database…")
                case .writing(let rows): output.progress("\(path): writing \(rows) \(noun)…")
                }
            },
            problem: { problem in
                output.endProgress()
                output.message(problem.description)
            },
            note: { note in
                output.endProgress()
                output.message("note: " + note)
            })
        let report = try body(try context.connection(), path, options, listener)
        output.endProgress()
        let rows = report.rowsRead == 1 ? "1 row" : "\(report.rowsRead) rows"
        if report.dryRun {
            let valid = report.rowsRead - report.rowsInvalid
            output.write(
                "dry run: \(valid) of \(rows) of \(path) would be imported into \(noun); nothing was written\n")
            return
        }
        var line = "imported \(report.rowsWritten) \(noun) from \(path) (\(rows) read"
        if report.rowsInvalid > 0 {
            line += ", \(report.rowsInvalid) invalid left out"
            if let rejects = report.rejectsPath { line += " and written to \(rejects)" }
        }
        output.write(line + ")\n")
    }
}

extension Command {
    /// `NOUN import FILE.csv`: an import that takes only the flags every import takes; `rows`
    /// names what it writes in the messages ("companies"), `run` is the importer.
    static func importing(
        _ noun: String, abstract: String, discussion: String, example: String, rows: String,
        run: @escaping @Sendable (Connection, String, ImportOptions, ImportListener) throws -> ImportReport
    ) -> Command {
        Command(
            [noun, "import"], abstract: abstract, usage: "FILE.csv", discussion: discussion, example: example,
            options: Importing.options,
            run: .plain { arguments, context in
                try Importing.run(arguments, context, noun: rows, run)
            })
    }
}
