/// A sentence of the records that may name fields of a record or of a command's input.
///
/// The domain says *which* field (`\(field: "valid_to")`, by its snake_case column name) and
/// why; only the edge decides how a field is spelled to the reader: the command line renders it
/// as the flag the user typed (`--valid-to`), `description` as the column name (`valid_to`).
/// So no domain sentence names a CLI flag, and a flag renamed is one edit in the CLI. Likewise a
/// sentence that sends the reader to look something up names the command by its words
/// (`\(command: "company list")`) and the edge spells it (`'filmwg company list'`).
public struct Phrase: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public enum Part: Sendable, Hashable {
        case text(String)
        /// A field by its snake_case name, as in the CSV headers and the SQL columns.
        case field(String)
        /// A command by its words (`company list`, `member leave C \(field: "on") DATE`),
        /// spelled by the reader's edge.
        case command(Phrase)
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

        /// A command to run or look in, by its words, rendered by the reader's edge.
        public mutating func appendInterpolation(command words: Phrase) { parts.append(.command(words)) }

        mutating func append(_ text: String) {
            guard !text.isEmpty else { return }
            if case .text(let last) = parts.last {
                parts[parts.count - 1] = .text(last + text)
            } else {
                parts.append(.text(text))
            }
        }
    }

    /// The sentence with each field spelled by `field` and each command by `command`.
    public func rendered(field: (String) -> String, command: (String) -> String = Phrase.quoted) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .field(let name): field(name)
            case .command(let words): command(words.rendered(field: field, command: command))
            }
        }.joined()
    }

    /// How a command is spelled where no edge says otherwise: quoted, as typed at a shell.
    public static func quoted(command words: String) -> String { commandOpening + words + commandClosing }
    static let commandOpening = "'filmwg ", commandClosing = "'"

    /// The parts with commands in their default spelling, merged into the text around them:
    /// what two phrases are compared by, so a sentence reads the same whichever way its command
    /// was written.
    private var compared: [Part] {
        var out: [Part] = []
        func add(_ part: Part) {
            switch part {
            case .text(let text):
                if case .text(let last) = out.last { out[out.count - 1] = .text(last + text) } else { out.append(part) }
            case .field: out.append(part)
            case .command(let words):
                // The default spelling around the command's own parts, its fields kept.
                add(.text(Self.commandOpening))
                words.compared.forEach(add)
                add(.text(Self.commandClosing))
            }
        }
        parts.forEach(add)
        return out
    }

    public static func == (lhs: Phrase, rhs: Phrase) -> Bool { lhs.compared == rhs.compared }
    public func hash(into hasher: inout Hasher) { hasher.combine(compared) }

    /// The fields the sentence names, in order.
    public var fields: [String] {
        parts.flatMap { part -> [String] in
            switch part {
            case .text: []
            case .field(let name): [name]
            case .command(let words): words.fields
            }
        }
    }

    /// The sentence with fields as their column names (`valid_to`).
    public var description: String { rendered(field: { $0 }) }

    public static func + (lhs: Phrase, rhs: Phrase) -> Phrase { "\(lhs)\(rhs)" }
}
