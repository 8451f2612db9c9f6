import FilmWG
import Foundation
import Postgres

/// Helpers the activity commands (events, attendance, positions and roles, elections, grants,
/// audit, jobs, seeds) share: ids and instants given as arguments, and JSON cells.
enum ActivityCLI {
    /// Every command of those nouns, for `CLI.commands`.
    static let all: [Command] =
        EventCommands.all + AttendanceCommands.all + PositionCommands.all
        + ElectionCommands.all + GrantCommands.all + AuditCommands.all + JobCommands.all + SeedCommands.all
        + CompletionCommands.all

    /// A positional id (`event show 7`); `noun` names the list that shows the ids.
    static func id(_ arguments: Arguments, of noun: String) throws -> Int64 {
        let text = try arguments.subject("\(noun) by its id")
        guard let id = Int64(text), id > 0 else {
            throw CLIError.usage("the \(noun) id must be a whole number, not '\(text)'; see 'filmwg \(noun) list'")
        }
        return id
    }

    /// `--NAME N` as a record id.
    static func id(option name: String, _ arguments: Arguments) throws -> Int64? {
        guard let text = arguments.string(name) else { return nil }
        guard let id = Int64(text), id > 0 else {
            throw CLIError.usage("--\(name) must be a record id (a whole number), not '\(text)'")
        }
        return id
    }

    /// `--NAME` as an instant with an offset.
    static func instant(_ name: String, _ arguments: Arguments) throws -> Date? {
        guard let text = arguments.string(name) else { return nil }
        guard let date = Instant.parse(text) else {
            throw CLIError.usage(
                "--\(name) must be an ISO 8601 instant with its offset, such as 2017-05-20T09:30:00+08:00, not '\(text)'"
            )
        }
        return date
    }

    /// A JSON cell: the text as-is when it is JSON already, else null.
    static func json(_ value: String?) -> Cell { value.map { .json($0) } ?? .null }
}
