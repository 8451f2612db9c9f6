import FilmWG
import Foundation
import Postgres

enum CLI {
    static let commands: [Command] =
        DBCommands.all
        + CompanyCommands.all
        + MemberCommands.all
        + ProfessionalCommands.all
        + WorkCommands.all
        + PolicyCommands.all
        + EligibilityCommands.all
        + ReportCommands.all
        + FigureCommands.all
        + ActivityCLI.all

    static func main(_ words: [String], environment: [String: String]) -> ExitCode {
        let output = Output()
        do {
            try run(words, environment: environment, output: output)
            output.flush()
            if let failure = output.writeFailure {
                // The command's database work is done (committed, or read-only); only its
                // output is lost. Say which, so cron does not report a failed run.
                let what =
                    output.committed.map { "\($0); its \(output.outputName) could not be written" }
                    ?? "the command finished (any change it made is committed) but its output could not be written"
                output.message("filmwg: \(what): \(failure)")
                return .ioError
            }
            return .success
        } catch {
            let failure = translate(error)
            output.endProgress()
            if let signal = Interrupts.signal {
                output.message("filmwg: interrupted by \(Interrupts.name(signal)); \(failure.message)")
                return Interrupts.exitCode(signal)
            }
            output.message("filmwg: \(failure.message)")
            for line in failure.details { output.message(line) }
            return failure.code
        }
    }

    /// The release, printed by `filmwg --version` with the newest migration the binary carries.
    static let version = "0.14.0"

    static func run(_ given: [String], environment: [String: String], output: Output) throws {
        // -h is --help; `filmwg help NOUN [VERB]` is `filmwg NOUN [VERB] --help`.
        var words = given.map { $0 == "-h" ? "--help" : $0 }
        if words == ["--version"] || words == ["-V"] || words == ["version"] {
            let schema = EmbeddedFiles.migrations.last.map { " (migrations up to \($0.name))" } ?? ""
            output.write("filmwg \(version)\(schema)\n")
            return
        }
        if words.first == "help", words.count > 1 {
            words = Array(words.dropFirst()) + ["--help"]
            let path = words.filter { !$0.hasPrefix("-") }
            if !commands.contains(where: { $0.path.starts(with: path) }) {
                throw unknownCommand(leadingWords(path), in: path)
            }
        }
        // The command is the longest run of leading non-option words that names one.
        let leading = leadingWords(words)
        var match: Command?
        var consumed = 0
        for length in stride(from: leading.count, through: 1, by: -1) {
            let path = Array(leading.prefix(length))
            if let command = commands.first(where: { $0.path == path }) {
                match = command
                consumed = length
                break
            }
        }
        let rest = removing(leading.prefix(consumed), from: words)
        guard let command = match else {
            if words.isEmpty || words.contains("--help") || words == ["help"] {
                output.write(overview(under: leading.filter { $0 != "help" }))
                return
            }
            throw unknownCommand(leading, in: words)
        }
        if rest.contains("--help") {
            output.write(command.help)
            return
        }
        let arguments = try Arguments.parse(rest, options: command.options + GlobalOptions.all)
        let settings = ConnectionSettings.resolve(
            database: arguments.string("database"), actor: arguments.string("actor"), environment: environment)
        let context = Context(settings: settings, output: output, environment: environment)
        defer { context.close() }
        try command.run(arguments, context)
    }

    /// Leading words that are not options or option values (`--actor x company add`).
    static func leadingWords(_ words: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        let valued = Set(GlobalOptions.all.filter { $0.value != nil }.map { "--" + $0.name })
        while index < words.count {
            let word = words[index]
            if valued.contains(word) {
                index += 2
                continue
            }
            if word.hasPrefix("--") {
                index += 1
                continue
            }
            guard commands.contains(where: { $0.path.starts(with: result + [word]) }) else { break }
            result.append(word)
            index += 1
        }
        return result
    }

    static func removing(_ path: ArraySlice<String>, from words: [String]) -> [String] {
        var remaining = Array(path)
        return words.filter { word in
            if let first = remaining.first, word == first {
                remaining.removeFirst()
                return false
            }
            return true
        }
    }

    static func unknownCommand(_ known: [String], in words: [String]) -> CLIError {
        let children = Array(
            Set(
                commands.filter { $0.path.starts(with: known) && $0.path.count > known.count }
                    .map { $0.path[known.count] })
        ).sorted()
        let prefix = (["filmwg"] + known).joined(separator: " ")
        let next = removing(known[...], from: words).first { !$0.hasPrefix("-") }
        guard let next else {
            return CLIError.usage(
                "'\(prefix)' needs one of: \(children.joined(separator: ", ")); see '\(prefix) --help'")
        }
        let hint =
            Spelling.nearest(to: next, among: children).map { "; did you mean '\($0)'?" } ?? "; see '\(prefix) --help'"
        return CLIError.usage("'\(next)' is not a command of '\(prefix)'\(hint)")
    }

    static func overview(under path: [String]) -> String {
        let listed = commands.filter { $0.path.starts(with: path) }
        let width = (listed.map(\.name.count).max() ?? 0) + 2
        var text =
            path.isEmpty
            ? "filmwg — the records of the Internet Film Working Group of the Internet Society of China.\n\nUsage: filmwg NOUN VERB [options]   (every command takes --help)\n\nCommands:\n"
            : "Usage: filmwg \(path.joined(separator: " ")) VERB [options]\n\nCommands:\n"
        for command in listed {
            text += "  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + command.abstract + "\n"
        }
        text += "\nGlobal options:\n" + Command.describe(GlobalOptions.all)
        if path.isEmpty {
            text += "\nExample:\n  filmwg --actor admin company list --search 华\n"
            text +=
                "\nfilmwg help NOUN [VERB] (or -h after any command) shows a command's help; filmwg --version the release.\n"
        } else {
            // The noun's own examples, one per verb.
            text += "\nExamples:\n" + listed.compactMap { $0.example.isEmpty ? nil : "  " + $0.example + "\n" }.joined()
        }
        return text
    }
}
