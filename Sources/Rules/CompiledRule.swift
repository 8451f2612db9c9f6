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
