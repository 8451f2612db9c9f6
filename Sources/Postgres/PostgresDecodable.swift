/// A Swift value that can be read from a result column in text format.
public protocol PostgresDecodable {
    /// Whether a column of `type` can be read as this Swift type; a mismatch is reported with
    /// both type names instead of a confusing parse failure.
    static func accepts(_ type: PostgresType) -> Bool
    /// Parses the server's text form. - Throws: a reason, without the column (the row adds it).
    init(postgresText text: String, type: PostgresType) throws(DecodeFailure)
    /// What SQL NULL becomes; non-optional types refuse it.
    static func fromNull() throws(DecodeFailure) -> Self
}

extension PostgresDecodable {
    public static func fromNull() throws(DecodeFailure) -> Self { throw DecodeFailure("is NULL") }
}

/// Why one value could not be decoded; `Row` turns it into a `DecodingError` naming the column.
public struct DecodeFailure: Error, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// A column that could not be read as the requested Swift type.
public struct DecodingError: Error, Sendable, CustomStringConvertible {
    public let column: String
    public let index: Int
    public let postgresType: PostgresType
    public let swiftType: String
    public let reason: String
    public let file: String
    public let line: Int

    public var description: String {
        "cannot decode column '\(column)' (#\(index), \(postgresType)) as \(swiftType): \(reason) [\(file):\(line)]"
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func accepts(_ type: PostgresType) -> Bool { Wrapped.accepts(type) }
    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) {
        self = .some(try Wrapped(postgresText: text, type: type))
    }
    public static func fromNull() throws(DecodeFailure) -> Self { .none }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    public static func accepts(_ type: PostgresType) -> Bool {
        guard let element = PostgresType.elementOfArray[type] else { return false }
        return Element.accepts(element)
    }

    public init(postgresText text: String, type: PostgresType) throws(DecodeFailure) {
        let elementType = PostgresType.elementOfArray[type] ?? .text
        let items = try ArrayLiteral.parse(text)
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for item in items {
            if let item {
                result.append(try Element(postgresText: item, type: elementType))
            } else {
                result.append(try Element.fromNull())
            }
        }
        self = result
    }
}

/// Parser for one-dimensional array literals in PostgreSQL's text output (`{a,"b c",NULL}`).
enum ArrayLiteral {
    static func parse(_ text: String) throws(DecodeFailure) -> [String?] {
        var scalars = Substring(text).unicodeScalars[...]
        guard scalars.first == "{", scalars.last == "}" else {
            throw DecodeFailure("'\(text.prefix(40))' is not an array literal")
        }
        scalars = scalars.dropFirst().dropLast()
        if scalars.isEmpty { return [] }
        var items: [String?] = []
        var index = scalars.startIndex
        while true {
            var item = String.UnicodeScalarView()
            var quoted = false
            if index < scalars.endIndex, scalars[index] == "\"" {
                quoted = true
                index = scalars.index(after: index)
                while index < scalars.endIndex, scalars[index] != "\"" {
                    if scalars[index] == "\\" { index = scalars.index(after: index) }
                    guard index < scalars.endIndex else { break }
                    item.append(scalars[index])
                    index = scalars.index(after: index)
                }
                guard index < scalars.endIndex else { throw DecodeFailure("unterminated quoted array element") }
                index = scalars.index(after: index)
            } else {
                while index < scalars.endIndex, scalars[index] != "," {
                    if scalars[index] == "{" { throw DecodeFailure("multi-dimensional arrays are not supported") }
                    item.append(scalars[index])
                    index = scalars.index(after: index)
                }
            }
            let value = String(item)
            items.append(!quoted && value == "NULL" ? nil : value)
            if index >= scalars.endIndex { break }
            guard scalars[index] == "," else { throw DecodeFailure("malformed array literal") }
            index = scalars.index(after: index)
        }
        return items
    }
}
