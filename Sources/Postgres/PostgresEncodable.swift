/// A Swift value that can be sent as a statement parameter, in PostgreSQL's text format.
///
/// Text format keeps the wire encoding identical to what psql sends, and lets the server
/// parse and range-check every value with its own rules.
public protocol PostgresEncodable: Sendable {
    /// The parameter type declared to the server; `.unknown` lets the server infer it.
    static var postgresType: PostgresType { get }
    /// The type of an array of this value, or `.unknown`.
    static var postgresArrayType: PostgresType { get }
    /// The text form, or nil for SQL NULL.
    func postgresText() -> String?
}

extension PostgresEncodable {
    public static var postgresArrayType: PostgresType { .unknown }
}

/// One bound parameter: its text (nil = NULL) and declared type.
public struct PostgresBind: Sendable, Equatable {
    public var text: String?
    public var type: PostgresType

    public init(text: String?, type: PostgresType) {
        self.text = text
        self.type = type
    }

    public init(_ value: some PostgresEncodable) {
        self.init(text: value.postgresText(), type: Swift.type(of: value).postgresType)
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresType { Wrapped.postgresType }
    public static var postgresArrayType: PostgresType { Wrapped.postgresArrayType }
    public func postgresText() -> String? { self.flatMap { $0.postgresText() } }
}

extension Array: PostgresEncodable where Element: PostgresEncodable {
    public static var postgresType: PostgresType { Element.postgresArrayType }
    public func postgresText() -> String? {
        var out = "{"
        for (index, element) in enumerated() {
            if index > 0 { out += "," }
            guard let text = element.postgresText() else {
                out += "NULL"
                continue
            }
            out += "\""
            for character in text.unicodeScalars {
                if character == "\"" || character == "\\" { out += "\\" }
                out.unicodeScalars.append(character)
            }
            out += "\""
        }
        return out + "}"
    }
}
