import Foundation

/// Checks of values that come from a fixed list (kinds, roles, statuses), phrased with the
/// list and the nearest value, before the database's CHECK constraint would refuse them.
enum Vocabulary {
    /// - Returns: `value` lower-cased and trimmed when it is one of `allowed`.
    /// - Throws: `RecordError.invalid` "NAME must be one of …, not 'x'; did you mean 'y'?".
    static func check(_ value: String, among allowed: [String], name: String) throws -> String {
        let normal = value.trimmingCharacters(in: .whitespaces).lowercased()
        if allowed.contains(normal) { return normal }
        throw RecordError.invalid(sentence(value, among: allowed, name: name))
    }

    /// As `check(_:among:name:)` for a field the reader's edge names (a flag on the command line).
    static func check(_ value: String, among allowed: [String], field: String) throws -> String {
        let normal = value.trimmingCharacters(in: .whitespaces).lowercased()
        if allowed.contains(normal) { return normal }
        throw RecordError.invalid("\(field: field) \(sentence(value, among: allowed, name: "").dropFirst())")
    }

    static func sentence(_ value: String, among allowed: [String], name: String) -> String {
        let hint = Spelling.nearest(to: value.lowercased(), among: allowed).map { "; did you mean '\($0)'?" } ?? ""
        return "\(name) must be one of \(allowed.joined(separator: ", ")), not '\(value)'\(hint)"
    }

    /// An ILIKE pattern that finds `text` anywhere, with `%`, `_` and `\` taken literally.
    static func containsPattern(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%\(escaped)%"
    }

    /// Nil for nil or blank text, else the text trimmed.
    static func optional(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
