/// A statement and its parameters, built so that values are always bound, never pasted.
///
/// Interpolating a value (`"SELECT * FROM t WHERE id = \(id)"`) appends `$n` to the SQL and the
/// value to `binds`. Identifiers need `\(identifier:)`, which quotes them; SQL text needs
/// `\(unsafeRaw:)` or `Query(unsafeSQL:binds:)`, whose names say the caller vouches for it.
public struct Query: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var sql: String
    public private(set) var binds: [PostgresBind]

    public init(stringLiteral value: String) {
        self.sql = value
        self.binds = []
    }

    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.binds = stringInterpolation.binds
    }

    /// SQL produced by trusted code (a compiler, an embedded file) with its own `$n` placeholders.
    public init(unsafeSQL sql: String, binds: [PostgresBind] = []) {
        self.sql = sql
        self.binds = binds
    }

    /// The SQL only: bound values never appear in descriptions or logs.
    public var description: String { sql }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [PostgresBind] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) { sql += literal }

        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T) {
            binds.append(PostgresBind(value))
            sql += "$\(binds.count)"
        }

        /// An optional value: nil binds SQL NULL of the wrapped type.
        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T?) {
            binds.append(PostgresBind(text: value.flatMap { $0.postgresText() }, type: T.postgresType))
            sql += "$\(binds.count)"
        }

        /// An identifier (table, column), double-quoted with embedded quotes doubled.
        public mutating func appendInterpolation(identifier: String) {
            sql += Query.quoteIdentifier(identifier)
        }

        /// SQL text the caller vouches for; never user input.
        public mutating func appendInterpolation(unsafeRaw text: String) { sql += text }

        /// Another query, its placeholders renumbered to follow this one's.
        public mutating func appendInterpolation(_ fragment: Query) {
            sql += Query.renumber(fragment.sql, offset: binds.count)
            binds += fragment.binds
        }
    }

    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func + (lhs: Query, rhs: Query) -> Query {
        Query(unsafeSQL: lhs.sql + renumber(rhs.sql, offset: lhs.binds.count), binds: lhs.binds + rhs.binds)
    }

    /// Shifts `$n` placeholders by `offset`, leaving alone what only looks like one: inside
    /// string literals (`'…'`, `E'…'` with its backslash escapes, `$tag$…$tag$`), quoted
    /// identifiers and comments (`-- …` to the end of the line, nested `/* … */`).
    static func renumber(_ sql: String, offset: Int) -> String {
        guard offset > 0, sql.contains("$") else { return sql }
        let text = Array(sql.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        func isIdentifierCharacter(_ c: Unicode.Scalar) -> Bool {
            c == "_" || c.properties.isAlphabetic || isDigit(c)
        }
        /// Copies `text[i...]` up to and including `end`, or to the end of the text.
        func copy(through end: [Unicode.Scalar], escapes: Bool = false) {
            while i < text.count {
                if escapes, text[i] == "\\", i + 1 < text.count {
                    out.append(text[i])
                    out.append(text[i + 1])
                    i += 2
                    continue
                }
                if text[i...].starts(with: end) {
                    out.append(contentsOf: end)
                    i += end.count
                    return
                }
                out.append(text[i])
                i += 1
            }
        }
        while i < text.count {
            let c = text[i]
            let next: Unicode.Scalar? = i + 1 < text.count ? text[i + 1] : nil
            if c == "'" || c == "\"" {
                let escapes =
                    c == "'" && i > 0 && (text[i - 1] == "E" || text[i - 1] == "e")
                    && (i < 2 || !isIdentifierCharacter(text[i - 2]))
                out.append(c)
                i += 1
                copy(through: [c], escapes: escapes)
            } else if c == "-", next == "-" {
                copy(through: ["\n"])
            } else if c == "/", next == "*" {
                var depth = 0
                while i < text.count {
                    if text[i] == "/", i + 1 < text.count, text[i + 1] == "*" {
                        depth += 1
                        out.append(contentsOf: ["/", "*"])
                        i += 2
                    } else if text[i] == "*", i + 1 < text.count, text[i + 1] == "/" {
                        depth -= 1
                        out.append(contentsOf: ["*", "/"])
                        i += 2
                        if depth == 0 { break }
                    } else {
                        out.append(text[i])
                        i += 1
                    }
                }
            } else if c == "$", let next, isDigit(next), i == 0 || !isIdentifierCharacter(text[i - 1]) {
                var j = i + 1
                while j < text.count, isDigit(text[j]) { j += 1 }
                let digits = String(String.UnicodeScalarView(text[(i + 1)..<j]))
                if let number = Int(digits) {
                    out.append(contentsOf: "$\(number + offset)".unicodeScalars)
                } else {
                    out.append(contentsOf: text[i..<j])
                }
                i = j
            } else if c == "$", i == 0 || !isIdentifierCharacter(text[i - 1]),
                let close = text[(i + 1)...].firstIndex(where: { !isIdentifierCharacter($0) }),
                text[close] == "$", !(i + 1 < close && isDigit(text[i + 1]))
            {
                // A dollar quote `$$` or `$tag$`: copy to the same tag.
                let tag = Array(text[i...close])
                out.append(contentsOf: tag)
                i = close + 1
                copy(through: tag)
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }
}
