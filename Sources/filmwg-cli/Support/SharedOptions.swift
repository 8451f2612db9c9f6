/// Options several commands state in the very same words, declared once so their help cannot
/// drift apart (lists' own `--limit` and `--expect-version` are in ListOptions.swift).
extension Option {
    /// `--professional P` as the attendance and role lists filter on it.
    static let onlyProfessional = Option.professional("only this professional (id or e-mail)")

    /// `--company C` as the grant and figure lists filter on it.
    static let onlyCompany = Option.company("only this company (USCC or id)")

    /// `--limit N` as the eligibility and report lists describe it.
    static let limitRows = Option.value("limit", "N", "print at most N rows")

    /// `--on DATE` of a grant decision (approve, reject).
    static let decisionDay = Option.value("on", "DATE", "day of the decision (default: today, Asia/Shanghai)")

    /// `--title-zh TITLE` of a position (add, update).
    static let titleZh = Option.value("title-zh", "TITLE", "Chinese title")

    /// `--valid-to DATE` of a policy version (add, revise).
    static let validTo = Option.value("valid-to", "DATE", "first day it no longer applies (default: open)")

    /// `--rule-file FILE` of the commands that check or try a rule.
    static let ruleFile = Option.value("rule-file", "FILE", "read the rule from FILE (- for standard input)")

    /// `--as-of DATE` of the commands that evaluate rules on a day (eligibility run, policy try).
    static let evaluationDay = Option.value(
        "as-of", "DATE", "the day to evaluate (default: today in Asia/Shanghai)")

    /// `--as-of DATE` of the commands that read eligibility results.
    static let runDay = Option.value(
        "as-of", "DATE", "read the latest run of this day (default: the current run)")

    /// `--policy P` of the commands that read eligibility results.
    static let policyCode = Option.value("policy", "P", "the policy's code")
}
