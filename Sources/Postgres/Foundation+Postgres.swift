public import Foundation

// Decimal, Date, UUID and Data in PostgreSQL's text format.

extension Decimal: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .numeric }
    public static var postgresArrayType: PostgresType { .numericArray }
    /// Plain digits (no exponent, no grouping), exact to the last digit.
    public func postgresText() -> String? { isNaN ? "NaN" : description }
    public static func accepts(_ type: PostgresType) -> Bool { [.numeric, .int2, .int4, .int8].contains(type) }
    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) {
        if let value = Self.parsePlain(text) {
            self = value
            return
        }
        guard text != "NaN", let value = Decimal(string: text, locale: Self.posix) else {
            throw DecodeFailure("'\(text)' is not a finite decimal")
        }
        self = value
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The common case without Foundation's parser (about ten times faster, which matters in a
    /// loop of point reads): `-?digits(.digits)?` with at most 19 digits, the form PostgreSQL
    /// prints numeric in. Nil for anything else (more digits, NaN, Infinity), which
    /// `Decimal(string:)` then parses. The result equals what `Decimal(string:)` gives, in value
    /// and in `description`.
    static func parsePlain(_ text: String) -> Decimal? {
        var significand: UInt64 = 0
        var digits = 0
        var scale = 0
        var negative = false
        var seenPoint = false
        var first = true
        for byte in text.utf8 {
            defer { first = false }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 19 else { return nil }
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                if seenPoint { scale += 1 }
            case UInt8(ascii: "-") where first:
                negative = true
            case UInt8(ascii: ".") where !seenPoint && digits > 0:
                seenPoint = true
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        if significand == 0 { return Decimal.zero }
        return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(significand))
    }
}

extension CalendarDate: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .date }
    public static var postgresArrayType: PostgresType { .dateArray }
    public func postgresText() -> String? { description }
    public static func accepts(_ type: PostgresType) -> Bool { type == .date }
    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) {
        guard let value = CalendarDate(iso: text) else {
            throw DecodeFailure("'\(text)' is not an ISO date (is DateStyle ISO?)")
        }
        self = value
    }
}

extension Date: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .timestamptz }
    public static var postgresArrayType: PostgresType { .timestamptzArray }

    /// UTC with microseconds, PostgreSQL's own precision.
    public func postgresText() -> String? {
        let micros = Int64((timeIntervalSince1970 * 1_000_000).rounded())
        let perDay: Int64 = 86_400_000_000
        var days = micros / perDay
        var rest = micros % perDay
        if rest < 0 {
            rest += perDay
            days -= 1
        }
        let day = CalendarDate(daysSinceEpoch: Int(days))
        let seconds = rest / 1_000_000
        let fraction = rest % 1_000_000
        func pad(_ value: Int64, _ width: Int) -> String {
            let s = String(value)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return
            "\(day) \(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(fraction, 6))+00"
    }

    public static func accepts(_ type: PostgresType) -> Bool { type == .timestamptz || type == .timestamp }

    /// Reads `YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM[:SS]]]`; a timestamp without zone is read as UTC.
    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) {
        if text == "infinity" { self = .distantFuture; return }
        if text == "-infinity" { self = .distantPast; return }
        let bytes = Array(text.utf8)
        func fail() -> DecodeFailure { DecodeFailure("'\(text)' is not an ISO timestamp") }
        guard bytes.count >= 19, let day = CalendarDate(iso: text.prefix(10)),
            let hour = CalendarDate.digits(bytes[11..<13]), let minute = CalendarDate.digits(bytes[14..<16]),
            let second = CalendarDate.digits(bytes[17..<19])
        else { throw fail() }
        var index = 19
        var micros: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale: Int64 = 100_000
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                micros += Int64(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
        }
        var offsetSeconds = 0
        if index < bytes.count {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else { throw fail() }
            let parts = text.utf8.dropFirst(index + 1).split(separator: UInt8(ascii: ":"))
            let multipliers = [3600, 60, 1]
            guard !parts.isEmpty, parts.count <= 3 else { throw fail() }
            for (part, multiplier) in zip(parts, multipliers) {
                guard let value = CalendarDate.digits(ArraySlice(part)) else { throw fail() }
                offsetSeconds += value * multiplier
            }
            offsetSeconds *= sign
        }
        let seconds =
            Int64(day.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        self = Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }
}

extension UUID: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .uuid }
    public static var postgresArrayType: PostgresType { .uuidArray }
    public func postgresText() -> String? { uuidString.lowercased() }
    public static func accepts(_ type: PostgresType) -> Bool { type == .uuid }
    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) {
        guard let value = UUID(uuidString: text) else { throw DecodeFailure("'\(text)' is not a UUID") }
        self = value
    }
}

extension Data: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .bytea }
    private static let hexDigits = Array("0123456789abcdef".utf8)

    public func postgresText() -> String? {
        var out = [UInt8](repeating: 0, count: 2 + count * 2)
        out[0] = UInt8(ascii: "\\")
        out[1] = UInt8(ascii: "x")
        for (index, byte) in enumerated() {
            out[2 + index * 2] = Self.hexDigits[Int(byte >> 4)]
            out[3 + index * 2] = Self.hexDigits[Int(byte & 0xF)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func accepts(_ type: PostgresType) -> Bool { type == .bytea }

    /// Reads the hex form (`\x…`), PostgreSQL's default `bytea_output`.
    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0
        else {
            throw DecodeFailure("bytea is not in hex format (set bytea_output = hex)")
        }
        func nibble(_ c: UInt8) throws(DecodeFailure) -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: throw DecodeFailure("bytea has a non-hex digit")
            }
        }
        var out = Data(capacity: (bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            out.append(try nibble(bytes[index]) << 4 | nibble(bytes[index + 1]))
            index += 2
        }
        self = out
    }
}

/// A `json` or `jsonb` value as its text; decode it with `JSONDecoder` where a type is wanted.
public struct PostgresJSON: Hashable, Sendable, PostgresEncodable, PostgresDecodable {
    public var text: String
    public init(text: String) { self.text = text }
    public init<T: Encodable>(encoding value: T) throws {
        self.text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
    public static var postgresType: PostgresType { .jsonb }
    public func postgresText() -> String? { text }
    public static func accepts(_ type: PostgresType) -> Bool { type == .json || type == .jsonb }
    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) { self.text = text }
}
