/// A sentence of the records that may name fields of a record or of a command's input.
///
/// The domain says *which* field (`\(field: "valid_to")`, by its snake_case column name) and
/// why; only the edge decides how a field is spelled to the reader: the command line renders it
/// as the flag the user typed (`--valid-to`), `description` as the column name (`valid_to`).
/// So no domain sentence names a CLI flag, and a flag renamed is one edit in the CLI.
public struct Phrase: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public enum Part: Sendable, Hashable {
        case text(String)
        /// A field by its snake_case name, as in the CSV headers and the SQL columns.
        case field(String)
    }

    public private(set) var parts: [Part]

    public init(_ text: String) { parts = [.text(text)] }
    public init(stringLiteral value: String) { self.init(value) }
    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { append(literal) }

        public mutating func appendInterpolation(_ value: some Any) { append("\(value)") }

        /// Another phrase, its fields kept.
        public mutating func appendInterpolation(_ phrase: Phrase) {
            for part in phrase.parts {
                if case .text(let text) = part { append(text) } else { parts.append(part) }
            }
        }

        /// A field, rendered by the reader's edge.
        public mutating func appendInterpolation(field name: String) { parts.append(.field(name)) }

        mutating func append(_ text: String) {
            guard !text.isEmpty else { return }
            if case .text(let last) = parts.last {
                parts[parts.count - 1] = .text(last + text)
            } else {
                parts.append(.text(text))
            }
        }
    }

    /// The sentence with each field spelled by `field`.
    public func rendered(field: (String) -> String) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .field(let name): field(name)
            }
        }.joined()
    }

    /// The fields the sentence names, in order.
    public var fields: [String] {
        parts.compactMap { if case .field(let name) = $0 { name } else { nil } }
    }

    /// The sentence with fields as their column names (`valid_to`).
    public var description: String { rendered { $0 } }

    public static func + (lhs: Phrase, rhs: Phrase) -> Phrase { "\(lhs)\(rhs)" }
}
