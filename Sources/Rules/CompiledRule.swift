/// A rule as SQL the eligibility job can run set-based, with its values kept apart as binds.
public struct CompiledRule: Sendable, Equatable {
    /// In rule order.
    public let criteria: [CompiledCriterion]
    /// The value for each placeholder: `binds[0]` is `$firstParameter`, and so on across all
    /// criteria in order.
    public let binds: [RuleValue]
}

public struct CompiledCriterion: Sendable, Equatable {
    /// As in `CheckedCriterion.source`.
    public let source: String
    /// A boolean SQL expression over the facts relation. It is null when SQL's three-valued logic
    /// says so; the caller records that value and counts only `true` as met.
    public let sql: String
}

/// An amount formula as SQL the eligibility job runs set-based, values kept apart as binds.
public struct CompiledAmount: Sendable, Equatable {
    /// The amount: the formula rounded half-up to 0.01, below 0 is 0; null when a fact it needs
    /// is null or a divisor is 0, never an SQL error from data.
    public let value: String
    /// The formula before the floor and the rounding, for the explanation.
    public let raw: String
    /// Text naming why `value` is null: the first fact it needs that is null (`rent_paid_last_year
    /// is unknown`), else the division by zero. Meaningful only where `value` is null.
    public let reason: String
    /// Each `taper` in the formula, in reading order, with the SQL of its index.
    public let tapers: [CompiledTaper]
    /// `binds[0]` is `$firstParameter`; `value`, `raw`, `reason` and the tapers' `index` share them.
    public let binds: [RuleValue]
    /// The quoted columns of the facts relation that `value`, `raw` and `reason` read (each
    /// fact once, in order of first use), so a caller can carry only those to where the
    /// amount is computed.
    public let columns: [String]
}

/// One `taper(INDEX, …)` of a formula, so `eligibility explain` can say which step applied.
public struct CompiledTaper: Sendable, Equatable {
    /// The index as written (`zone_years + 1`).
    public let source: String
    /// How many steps it has.
    public let steps: Int
    /// SQL of the index (numeric), sharing the formula's binds.
    public let index: String

    public init(source: String, steps: Int, index: String) {
        self.source = source
        self.steps = steps
        self.index = index
    }
}
