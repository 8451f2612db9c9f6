import FilmWG
import Foundation

/// The options many lists and updates share, declared once so their help reads the same
/// wherever they stand and their parsing cannot drift apart.
extension Option {
    /// `--limit N` as the activity lists (events, grants, roles, audit …) describe it.
    static let limit = Option.value("limit", "N", "print at most N rows (default: every matching row)")

    /// `--limit N` as the record lists (companies, members, professionals, works) describe it.
    static let limitAll = Option.value("limit", "N", "at most N rows (default: all)")

    /// `--expect-version N` of the record updates that read the row first (company, work,
    /// professional).
    static let expectVersion = Option.value(
        "expect-version", "N",
        "the row_version your change rests on (default: the version just read); a stale one changes nothing (exit 75)")
}

extension Arguments {
    /// `--limit N`, a whole number of 0 or more; nil when not given (every row).
    func limit() throws -> Int? {
        guard let value = try int("limit") else { return nil }
        guard value >= 0 else { throw CLIError.usage("--limit must be 0 or more, not \(value)") }
        return value
    }
}
