// Bool, integers, Double and String in PostgreSQL's text format.

extension Bool: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .bool }
    public static var postgresArrayType: PostgresType { .boolArray }
    public func postgresText() -> String? { self ? "t" : "f" }
    public static func accepts(_ type: PostgresType) -> Bool { type == .bool }
    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw DecodeFailure("'\(text)' is not a boolean")
        }
    }
}

/// Shared by the fixed-width integers: all accept the narrower integer columns.
public protocol PostgresInteger: FixedWidthInteger, PostgresEncodable, PostgresDecodable {}

extension PostgresInteger {
    public func postgresText() -> String? { String(self) }
    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) {
        guard let value = Self(text) else { throw DecodeFailure("'\(text)' does not fit in \(Self.self)") }
        self = value
    }
}

extension Int64: PostgresInteger {
    public static var postgresType: PostgresType { .int8 }
    public static var postgresArrayType: PostgresType { .int8Array }
    public static func accepts(_ type: PostgresType) -> Bool { [.int2, .int4, .int8, .oidType].contains(type) }
}

extension Int: PostgresInteger {
    public static var postgresType: PostgresType { .int8 }
    public static var postgresArrayType: PostgresType { .int8Array }
    public static func accepts(_ type: PostgresType) -> Bool { [.int2, .int4, .int8, .oidType].contains(type) }
}

extension Int32: PostgresInteger {
    public static var postgresType: PostgresType { .int4 }
    public static var postgresArrayType: PostgresType { .int4Array }
    public static func accepts(_ type: PostgresType) -> Bool { [.int2, .int4].contains(type) }
}

extension Int16: PostgresInteger {
    public static var postgresType: PostgresType { .int2 }
    public static var postgresArrayType: PostgresType { .int2Array }
    public static func accepts(_ type: PostgresType) -> Bool { type == .int2 }
}

extension Double: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .float8 }
    public static var postgresArrayType: PostgresType { .float8Array }
    public func postgresText() -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return String(self)  // shortest representation that round-trips
    }
    public static func accepts(_ type: PostgresType) -> Bool {
        [.float4, .float8, .numeric, .int2, .int4, .int8].contains(type)
    }
    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) {
        switch text {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default:
            guard let value = Double(text) else { throw DecodeFailure("'\(text)' is not a number") }
            self = value
        }
    }
}

extension String: PostgresEncodable, PostgresDecodable {
    /// Unknown, so the server infers text, varchar, an enum or a domain from the statement.
    public static var postgresType: PostgresType { .unknown }
    public static var postgresArrayType: PostgresType { .textArray }
    public func postgresText() -> String? { self }
    public static func accepts(_ type: PostgresType) -> Bool {
        type.isTextual || type == .json || type == .jsonb
    }
    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) { self = text }
}
