import Foundation
import Postgres

/// One thing wrong with one field of a record.
///
/// Imports print it as `FILE:LINE: column: reason`; single-record commands print `sentence`.
public struct FieldProblem: Sendable, Equatable, CustomStringConvertible {
    public let column: String
    public let reason: String
    /// The sentence for a command that writes one record (`uscc 9111…: has 11 characters, …`).
    public let sentence: String

    public init(_ column: String, _ reason: String, sentence: String? = nil) {
        self.column = column
        self.reason = reason
        self.sentence = sentence ?? "\(column): \(reason)"
    }

    public var description: String { "\(column): \(reason)" }
}

extension [FieldProblem] {
    /// Throws the first problem as a `RecordError.invalid`, naming how many more there are.
    public func throwIfAny() throws {
        guard let first else { return }
        let more =
            count > 1 ? " (and \(count - 1) more: \(dropFirst().map(\.description).joined(separator: "; ")))" : ""
        throw RecordError.invalid(first.sentence + more)
    }
}

/// The text of a record's fields by column name, as given on a command line or in a CSV row.
///
/// A column that is absent keeps what the record had; a column given empty clears an optional
/// field (or restores a default). Values are trimmed of surrounding white space.
public struct FieldValues: Sendable, Equatable {
    /// By column name; empty while `columns` and `texts` hold the values.
    private var values: [String: String]
    /// A CSV record's values by position (`columns[i]` names `texts[i]`, nil columns are read
    /// past, a later column of the same name wins): one array per row instead of a dictionary,
    /// whose hashing was a fifth of an import's parse. The columns are the header's, shared.
    private var columns: [String?] = []
    private var texts: [String] = []

    public init(_ values: [String: String] = [:]) {
        self.values = values.mapValues(Self.trimmed)
    }

    public subscript(column: String) -> String? {
        get {
            if texts.isEmpty { return values[column] }
            // Lengths first: most names differ in length, and a length is stored, not counted.
            let length = column.utf8.count
            var index = texts.count
            while index > 0 {
                index -= 1
                if let name = columns[index], name.utf8.count == length, name == column { return texts[index] }
            }
            return nil
        }
        set {
            if !texts.isEmpty {
                values = byName
                columns = []
                texts = []
            }
            values[column] = newValue.map(Self.trimmed)
        }
    }

    public func has(_ column: String) -> Bool { self[column] != nil }

    /// Held by position, there is a named column (the initializer keeps positions only then).
    public var isEmpty: Bool { texts.isEmpty && values.isEmpty }

    /// The values by column name, whichever way they are held.
    private var byName: [String: String] {
        if texts.isEmpty { return values }
        var named: [String: String] = [:]
        for (column, text) in zip(columns, texts) {
            if let column { named[column] = text }
        }
        return named
    }

    public static func == (lhs: FieldValues, rhs: FieldValues) -> Bool { lhs.byName == rhs.byName }

    /// The fields of one CSV record by column: `columns[i]` names `fields[i]`, nil columns are
    /// read past. Trimmed once here; looked up by position, without a dictionary per row.
    init(columns: [String?], fields: [String]) {
        values = [:]
        let count = min(columns.count, fields.count)
        guard columns[..<count].contains(where: { $0 != nil }) else { return }
        self.columns = columns
        texts.reserveCapacity(count)
        for index in 0..<count {
            texts.append(columns[index] == nil ? "" : Self.trimmed(fields[index]))
        }
    }

    /// `text` without leading and trailing white space (Unicode White_Space: also newlines and
    /// the ideographic space U+3000). Allocation-free when there is nothing to trim, which is
    /// nearly always: an import calls it for every field, so the ends are looked at byte-wise and
    /// only a non-ASCII end is decoded.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let head = utf8.first, let tail = utf8.last else { return text }
        // An ASCII last byte is a whole character; a non-ASCII one ends a multi-byte scalar.
        let headPlain = head < 0x80 && !isWhite(Unicode.Scalar(head))
        let tailPlain = tail < 0x80 && !isWhite(Unicode.Scalar(tail))
        if headPlain, tailPlain { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isWhite(first) || isWhite(last) else { return text }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isWhite(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isWhite(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// Unicode's White_Space property, whose 25 code points are fixed: a switch instead of the
    /// property lookup per call.
    static func isWhite(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Empty or white space only.
    static func isBlank(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(isWhite) }
}

/// Reads typed values out of `FieldValues`, collecting a `FieldProblem` for each bad one.
///
/// Every method returns `.keep` when the column is absent, `.set(nil)` when it is given empty,
/// `.set(value)` when it parses, and `.keep` plus a problem when it does not.
struct FieldReader {
    enum Change<T> {
        case keep
        case set(T?)

        func apply(to value: inout T?) {
            if case .set(let new) = self { value = new }
        }

        func apply(to value: inout T, default fallback: T) {
            if case .set(let new) = self { value = new ?? fallback }
        }
    }

    let values: FieldValues
    private(set) var problems: [FieldProblem] = []

    init(_ values: FieldValues) { self.values = values }

    mutating func problem(_ column: String, _ reason: String, sentence: String? = nil) {
        problems.append(FieldProblem(column, reason, sentence: sentence))
    }

    private func raw(_ column: String) -> Change<String> {
        guard let text = values[column] else { return .keep }
        return .set(text.isEmpty ? nil : text)
    }

    func text(_ column: String) -> Change<String> { raw(column) }

    mutating func date(_ column: String) -> Change<CalendarDate> {
        guard case .set(let text?) = raw(column) else { return raw(column).map { _ in nil } }
        guard let date = CalendarDate(iso: text) else {
            let reason = Days.problem(text) ?? "'\(Self.shown(text))' is not a date; write it as YYYY-MM-DD"
            problem(
                column, reason.hasPrefix("'") ? "'\(Self.shown(text))' is not a date; write it as YYYY-MM-DD" : reason)
            return .keep
        }
        return .set(date)
    }

    mutating func bool(_ column: String) -> Change<Bool> {
        guard case .set(let text?) = raw(column) else { return raw(column).map { _ in nil } }
        switch text {
        case "true": return .set(true)
        case "false": return .set(false)
        default:
            problem(column, "'\(Self.shown(text))' is not a boolean; write true or false")
            return .keep
        }
    }

    /// A plain decimal amount of money in CNY: ≥ 0, at most 2 decimals, at most 18 digits before
    /// the point (the column is numeric(20,2)).
    mutating func amount(_ column: String) -> Change<Decimal> {
        guard case .set(let text?) = raw(column) else { return raw(column).map { _ in nil } }
        guard let scanned = Amount.scan(text) else {
            problem(column, "'\(Self.shown(text))' is not a plain decimal amount such as 5000000.00")
            return .keep
        }
        if scanned.value < 0 {
            problem(column, "must be 0 or more, not \(text)")
            return .keep
        }
        if scanned.fractionDigits > 2 {
            problem(column, "\(text) has more than 2 decimals")
            return .keep
        }
        if scanned.integerDigits > 18 {
            problem(column, "\(text) is too large; at most 18 digits before the point")
            return .keep
        }
        return .set(scanned.value)
    }

    /// A whole number from 0 to 2147483647 (the column is integer).
    mutating func count(_ column: String) -> Change<Int> {
        guard case .set(let text?) = raw(column) else { return raw(column).map { _ in nil } }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }), let value = Int(text) else {
            problem(column, "'\(Self.shown(text))' is not a whole number")
            return .keep
        }
        guard value >= 0 else {
            problem(column, "must be 0 or more, not \(text)")
            return .keep
        }
        guard value <= Int(Int32.max) else {
            problem(column, "\(text) is too large; at most \(Int32.max)")
            return .keep
        }
        return .set(value)
    }

    /// One of a fixed set of words, with a spelling suggestion when it is not.
    mutating func choice(_ column: String, among allowed: [String], noun: String) -> Change<String> {
        guard case .set(let text?) = raw(column) else { return raw(column).map { _ in nil } }
        guard allowed.contains(text) else {
            let near = Spelling.nearest(to: text.lowercased(), among: allowed).map { "; did you mean '\($0)'?" } ?? ""
            problem(
                column, "'\(Self.shown(text))' is not \(noun); use one of \(allowed.joined(separator: ", "))\(near)")
            return .keep
        }
        return .set(text)
    }

    /// A USCC; an invalid one is reported with the phrase of `filmwg.uscc_problem`.
    mutating func uscc(_ column: String) -> Change<String> {
        guard case .set(let text?) = raw(column) else { return raw(column).map { _ in nil } }
        if let reason = USCC.problem(text) {
            problem(
                column, reason,
                sentence: column == "uscc" ? USCC.sentence(code: text, problem: reason) : "\(column) \(text): \(reason)"
            )
            return .keep
        }
        return .set(text)
    }

    /// Values quoted in reasons stay on one line and short.
    static func shown(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        return flat.count > 60 ? String(flat.prefix(57)) + "…" : flat
    }
}

extension FieldReader.Change {
    func map<U>(_ transform: (T?) -> U?) -> FieldReader.Change<U> {
        switch self {
        case .keep: .keep
        case .set(let value): .set(transform(value))
        }
    }
}
