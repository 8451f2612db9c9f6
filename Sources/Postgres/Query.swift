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

    /// Shifts `$n` placeholders by `offset`, skipping quoted strings, identifiers and comments.
    static func renumber(_ sql: String, offset: Int) -> String {
        guard offset > 0, sql.contains("$") else { return sql }
        var out = ""
        var scalars = sql.unicodeScalars[...]
        var quote: Unicode.Scalar?
        while let c = scalars.first {
            scalars = scalars.dropFirst()
            if let q = quote {
                out.unicodeScalars.append(c)
                if c == q { quote = nil }
                continue
            }
            if c == "'" || c == "\"" {
                quote = c
                out.unicodeScalars.append(c)
            } else if c == "$", let first = scalars.first, ("0"..."9").contains(first) {
                let digits = scalars.prefix { ("0"..."9").contains($0) }
                scalars = scalars.dropFirst(digits.count)
                out += "$\(Int(String(String.UnicodeScalarView(digits)))! + offset)"
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
