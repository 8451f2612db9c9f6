import FilmWG
import Foundation

/// `filmwg seed list` and one `filmwg seed NAME` per seed file the binary carries.
enum SeedCommands {
    static let all: [Command] = [list] + SeedRunner.available.map(run)

    static let list = Command(
        ["seed", "list"],
        abstract: "List the seeds this filmwg carries.",
        example: "filmwg seed list",
        options: [.limit],
        run: .list(columns: ["name", "description"]) { arguments, context, _ in
            let limit = try arguments.limit() ?? Int.max
            return SeedRunner.available.prefix(limit).map {
                Record([("name", .text($0.name)), ("description", .text($0.description))])
            }
        })

    static func run(_ seed: SeedRunner.Seed) -> Command {
        Command(
            ["seed", seed.name],
            abstract: "Seed \(seed.description.isEmpty ? seed.name : seed.description)",
            discussion: "Runs in one transaction and is idempotent: a second run writes nothing.",
            example: "filmwg --actor admin seed \(seed.name)",
            run: .plain { arguments, context in
                try arguments.noPositionals()
                let outcome = try SeedRunner(try context.connection()).run(seed.name)
                context.output.message(
                    outcome.rowsWritten == 0
                        ? "Seed \(seed.name): the records were already there; nothing was written."
                        : "Seed \(seed.name): wrote \(outcome.rowsWritten) row\(outcome.rowsWritten == 1 ? "" : "s").")
            })
    }
}
