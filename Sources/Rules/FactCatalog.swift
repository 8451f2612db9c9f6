/// The SQL type of a fact, which decides what a rule may compare it with.
///
/// Raw values are the names stored in the catalog table, so a caller can build a `Fact` from
/// a row with `FactType(rawValue:)`.
public enum FactType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case boolean, integer, numeric, text, date

    public var description: String { rawValue }

    /// The PostgreSQL type a bound value of this kind is cast to; `integer` facts are `bigint`
    /// so no count can overflow a comparison.
    var sqlType: String {
        switch self {
        case .boolean: "boolean"
        case .integer: "bigint"
        case .numeric: "numeric"
        case .text: "text"
        case .date: "date"
        }
    }

    var isNumber: Bool { self == .integer || self == .numeric }
}

/// One company fact a rule may name.
public struct Fact: Sendable, Hashable {
    /// The column name in the facts relation; rules name it case-insensitively.
    public let name: String
    public let type: FactType
    /// Shown by `filmwg policy facts`; the checker ignores it.
    public let description: String
    /// For text facts with a closed set of values, so a misspelt value is caught when the rule is
    /// checked instead of silently never matching.
    public let allowedValues: [String]?

    public init(name: String, type: FactType, description: String = "", allowedValues: [String]? = nil) {
        self.name = name
        self.type = type
        self.description = description
        self.allowedValues = allowedValues
    }
}

/// The facts a rule may use, handed in as data because the real list lives in a database table
/// that this pure module never reads.
public struct FactCatalog: Sendable, Hashable {
    /// In the order given, which is also the order suggestions prefer on a tie.
    public let facts: [Fact]
    private let byName: [String: Int]

    /// Names are matched case-insensitively; if two facts share a name the first one wins, so a
    /// catalog is always usable.
    public init(_ facts: [Fact]) {
        var kept: [Fact] = []
        var byName: [String: Int] = [:]
        for fact in facts {
            let key = fact.name.lowercased()
            guard byName[key] == nil else { continue }
            byName[key] = kept.count
            kept.append(fact)
        }
        self.facts = kept
        self.byName = byName
    }

    public subscript(name: String) -> Fact? {
        byName[name.lowercased()].map { facts[$0] }
    }
}
