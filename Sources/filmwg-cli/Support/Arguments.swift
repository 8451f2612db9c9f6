import FilmWG
import Foundation
import Postgres

/// One option a command accepts. Help text and parsing both come from these declarations, so
/// they cannot disagree.
struct Option: Sendable {
    let name: String
    /// Nil for a flag that takes no value.
    let value: String?
    let help: String
    var repeatable = false

    static func flag(_ name: String, _ help: String) -> Option { Option(name: name, value: nil, help: help) }
    static func value(_ name: String, _ value: String, _ help: String) -> Option {
        Option(name: name, value: value, help: help)
    }
}

/// Options every command understands, wherever they stand on the line.
enum GlobalOptions {
    static let all: [Option] = [
        .value(
            "database", "CONNINFO", "connection URI or key=value string (default: DATABASE_URL, then PG* variables)"),
        .value("actor", "NAME", "who makes the change, for the audit log (default: FILMWG_ACTOR, then the OS user)"),
        .flag("help", "show help for the command"),
    ]
}

/// The parsed command line of one command: option values by name, flags, positionals.
struct Arguments {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    /// Parses `--name value`, `--name=value`, flags and positionals against `options`.
    /// - Throws: a usage error naming the unknown option and the nearest known one.
    static func parse(_ words: [String], options: [Option]) throws -> Arguments {
        var parsed = Arguments()
        let byName = Dictionary(options.map { ($0.name, $0) }) { first, _ in first }
        var index = 0
        var onlyPositionals = false
        while index < words.count {
            let word = words[index]
            index += 1
            if onlyPositionals || !word.hasPrefix("--") || word == "-" {
                if word.hasPrefix("-"), word.count > 1, !onlyPositionals, Double(word) == nil {
                    throw CLIError.usage(
                        "unknown option '\(word)'; options start with '--'\(suggestion(for: word, among: options))")
                }
                parsed.positionals.append(word)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }
            var name = String(word.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = byName[name] else {
                throw CLIError.usage("unknown option '--\(name)'\(suggestion(for: name, among: options))")
            }
            if option.value == nil {
                if inline != nil { throw CLIError.usage("option '--\(name)' takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard index < words.count else {
                    throw CLIError.usage("option '--\(name)' needs a value (\(option.value!))")
                }
                value = words[index]
                index += 1
            }
            if parsed.values[name] != nil, !option.repeatable {
                throw CLIError.usage("option '--\(name)' is given twice")
            }
            parsed.values[name, default: []].append(value)
        }
        return parsed
    }

    static func suggestion(for word: String, among options: [Option]) -> String {
        let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        guard let nearest = Spelling.nearest(to: bare, among: options.map(\.name)) else { return "; see --help" }
        return "; did you mean '--\(nearest)'?"
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func string(_ name: String) -> String? { values[name]?.last }

    func required(_ name: String) throws -> String {
        guard let value = string(name), !value.isEmpty else {
            throw CLIError.usage("missing --\(name); it is required here")
        }
        return value
    }

    func int(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text) else { throw CLIError.usage("--\(name) must be a whole number, not '\(text)'") }
        return value
    }

    func date(_ name: String) throws -> CalendarDate? {
        guard let text = string(name) else { return nil }
        guard let value = CalendarDate(iso: text) else {
            if let reason = Days.problem(text), !reason.hasPrefix("'") { throw CLIError.usage("--\(name): \(reason)") }
            throw CLIError.usage("--\(name) must be a date as YYYY-MM-DD, not '\(text)'")
        }
        return value
    }

    func decimal(_ name: String) throws -> Decimal? {
        guard let text = string(name) else { return nil }
        guard let value = Amount.parse(text) else {
            throw CLIError.usage("--\(name) must be a plain decimal amount such as 5000000.00, not '\(text)'")
        }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw CLIError.usage("--\(name) must be true or false, not '\(text)'")
        }
    }

    /// The one positional argument a command names its subject by.
    func subject(_ what: String) throws -> String {
        guard let first = positionals.first else { throw CLIError.usage("name the \(what)") }
        guard positionals.count == 1 else {
            throw CLIError.usage("unexpected argument '\(positionals[1])'; name one \(what)")
        }
        return first
    }

    func noPositionals() throws {
        if let extra = positionals.first { throw CLIError.usage("unexpected argument '\(extra)'") }
    }
}
