import Foundation
public import Postgres
import Rules

/// Policies and their versioned eligibility rules.
///
/// A rule is checked against the fact catalog (`filmwg.fact_catalog`) before anything is
/// written, so a rule that does not check is never saved and the nightly job never meets one.
public typealias PolicyRepository = Repository<Policy>

extension PolicyRepository {
    static var refusals: [String: Phrase] {
        [
            "policies_code_key":
                "a policy with this code already exists; use \(command: "policy revise CODE") for a new rule",
            "policies_code_check": "a policy code may hold only letters, digits, - and _",
            "policies_code_lower_key":
                "a policy with that code in another case already exists; codes are unique regardless of case",
            "policies_title_check": "the title must not be blank",
            "policies_cap_check": "the cap must be 0 or more",
            "policy_versions_no_overlap":
                "the new version's period overlaps another version of the policy; versions of one policy never overlap",
            "policy_versions_valid_check": "\(field: "valid_to") must be after \(field: "valid_from")",
            "policy_versions_rule_check": "the rule must not be blank",
            "policy_versions_amount_cap_check": "the cap must be 0 or more",
            "policy_versions_exclusive_group_check":
                "an exclusive group may hold only lower-case letters, digits, - and _",
        ]
    }

    // MARK: Rules

    /// Parses and type-checks `rule` against the fact catalog.
    ///
    /// - Throws: `RecordError.invalid("the rule does not check: LINE:COLUMN: message; did you
    ///   mean '…'?")` when it does not check.
    public func check(rule: String) throws -> RuleSummary {
        let checked = try checked(rule)
        return RuleSummary(
            criteria: checked.criteria.map {
                RuleSummary.Criterion(source: $0.source, facts: $0.facts.map(\.name))
            })
    }

    /// Parses and type-checks an amount formula against the fact catalog: what `policy add |
    /// revise --amount` saves.
    ///
    /// - Throws: `RecordError.invalid("the amount does not check: LINE:COLUMN: message …")`.
    public func check(amount: String) throws -> [String] {
        try checkedAmount(amount).facts.map(\.name)
    }

    func checkedAmount(_ amount: String) throws -> CheckedAmount {
        try checking("amount") { catalog throws(RuleError) in try Rules.checkAmount(amount, catalog: catalog) }
    }

    func checked(_ rule: String) throws -> CheckedRule {
        try checking("rule") { catalog throws(RuleError) in try Rules.check(rule, catalog: catalog) }
    }

    /// Runs a check of the rules language against the fact catalog; its refusal becomes
    /// "the rule does not check: LINE:COLUMN: message".
    private func checking<T>(_ what: String, _ check: (FactCatalog) throws(RuleError) -> T) throws -> T {
        let catalog = try FactCatalogRepository(db).load()
        do {
            return try check(catalog)
        } catch {
            throw RecordError.invalid("the \(what) does not check: \(error.description)")
        }
    }

    /// The terms a new version gets: those given, else (for a revision) those of `previous`,
    /// each checked.
    func resolvedTerms(_ terms: BenefitTerms, previous: PolicyVersion?) throws -> BenefitTerms {
        func pick<T>(_ given: T?, _ name: String, _ old: T?) -> T? {
            terms.cleared.contains(name) ? nil : given ?? old
        }
        var amount = pick(terms.amount?.trimmingCharacters(in: .whitespacesAndNewlines), "amount", previous?.amount)
        if let text = amount, text.isEmpty { amount = nil }
        if let amount { _ = try checkedAmount(amount) }
        let cap = pick(terms.cap, "cap", previous?.amountCap)
        if let cap, cap < 0 { throw RecordError.invalid("the cap must be 0 or more, not \(Amount.format(cap))") }
        if let cap, !Amount.isCents(cap) {
            throw RecordError.invalid("the cap \(cap) has more than 2 decimals")
        }
        let group = pick(
            terms.exclusiveGroup?.trimmingCharacters(in: .whitespaces), "exclusive-group", previous?.exclusiveGroup)
        if let group, group.range(of: "^[a-z0-9_-]+$", options: .regularExpression) == nil {
            throw RecordError.invalid("exclusive group '\(group)' may hold only lower-case letters, digits, - and _")
        }
        return BenefitTerms(amount: amount, cap: cap, exclusiveGroup: group)
    }

    // MARK: Writing

    /// Adds a policy and its first version, in one transaction.
    ///
    /// - Throws: `RecordError.invalid` for a bad code, title, cap, period or a rule that does not
    ///   check (nothing is written then); for a code already taken.
    public func add(_ new: NewPolicy) throws -> PolicyDetails {
        let code = new.code.trimmingCharacters(in: .whitespaces)
        let title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard code.range(of: "^[A-Za-z0-9_-]+$", options: .regularExpression) != nil else {
            throw RecordError.invalid("policy code '\(code)' may hold only letters, digits, - and _")
        }
        guard !title.isEmpty else { throw RecordError.invalid("the title must not be blank") }
        if let cap = new.cap, cap < 0 {
            throw RecordError.invalid("the cap must be 0 or more, not \(Amount.format(cap))")
        }
        try Self.checkPeriod(from: new.validFrom, to: new.validTo)
        let rule = new.rule.trimmingCharacters(in: .whitespacesAndNewlines)
        let checked = try checked(rule)
        var given = new.terms
        if given.cap == nil, !given.cleared.contains("cap") { given.cap = new.cap }
        let terms = try resolvedTerms(given, previous: nil)
        return try DatabaseErrors.translating(Self.refusals) {
            try db.transaction { tx in
                if try tx.query("SELECT 1 FROM filmwg.policies WHERE lower(code) = lower(\(code))").optional() != nil {
                    throw RecordError.invalid(
                        "a policy with code '\(code)' already exists; use \(command: "policy revise \(code)") for a new rule"
                    )
                }
                let id = try tx.query(
                    """
                    INSERT INTO filmwg.policies (code, title, issuer, benefit, cap)
                    VALUES (\(code), \(title), \(Self.blankToNil(new.issuer)), \(Self.blankToNil(new.benefit)), \(new.cap))
                    RETURNING id
                    """
                ).one().decode(Int64.self, at: 0)
                try Self.insertVersion(
                    tx, policyId: id, rule: rule, checked: checked, terms: terms, from: new.validFrom, to: new.validTo)
                return try PolicyRepository(tx).details(id: id)
            }
        }
    }

    /// A new version of `code`'s rule from `validFrom` on; the open version (if any) now ends the
    /// day before. One transaction: the policy row is locked so two revisions serialise.
    ///
    /// - Throws: `RecordError.notFound` for an unknown code; `RecordError.invalid` when the rule
    ///   does not check, when the new version would not start after the open one, or overlaps
    ///   another version.
    public func revise(
        code: String, rule: String, validFrom: CalendarDate, validTo: CalendarDate? = nil,
        terms: BenefitTerms = BenefitTerms()
    ) throws -> PolicyDetails {
        try Self.checkPeriod(from: validFrom, to: validTo)
        let rule = rule.trimmingCharacters(in: .whitespacesAndNewlines)
        let checked = try checked(rule)
        return try DatabaseErrors.translating(Self.refusals) {
            try db.transaction { tx in
                let repository = PolicyRepository(tx)
                guard
                    let id = try tx.query(
                        "SELECT id FROM filmwg.policies WHERE lower(code) = lower(\(code)) FOR NO KEY UPDATE"
                    ).optional()?
                    .decode(Int64.self, at: 0)
                else { throw try repository.unknown(code) }
                let versions = try repository.versions(policyId: id)
                if let open = versions.last(where: { $0.validTo == nil }) {
                    guard open.validFrom < validFrom else {
                        throw RecordError.invalid(
                            "version \(open.version) of policy \(code) starts on \(open.validFrom); a new version must start after that day"
                        )
                    }
                    try tx.execute(
                        """
                        UPDATE filmwg.policy_versions SET valid = daterange(lower(valid), \(validFrom), '[)')
                         WHERE id = \(open.id)
                        """)
                }
                let previous = versions.last(where: { $0.validTo == nil }) ?? versions.last
                let resolved = try repository.resolvedTerms(terms, previous: previous)
                try Self.insertVersion(
                    tx, policyId: id, rule: rule, checked: checked, terms: resolved, from: validFrom, to: validTo)
                return try repository.details(id: id)
            }
        }
    }

    static func insertVersion(
        _ db: Connection, policyId: Int64, rule: String, checked: CheckedRule, terms: BenefitTerms,
        from: CalendarDate, to: CalendarDate?
    ) throws {
        let criteria = checked.criteria.map(\.source)
        try db.execute(
            """
            INSERT INTO filmwg.policy_versions (policy_id, valid, rule, criteria, amount, amount_cap, exclusive_group)
            VALUES (\(policyId), daterange(\(from), \(to), '[)'), \(rule), \(criteria), \(terms.amount), \(terms.cap),
                    \(terms.exclusiveGroup))
            """)
    }

    static func checkPeriod(from: CalendarDate, to: CalendarDate?) throws {
        if let to, to <= from {
            throw RecordError.invalid(
                "\(field: "valid_to") (\(to)) must be after \(field: "valid_from") (\(from)); periods are half-open, valid-to is the first day the version no longer applies"
            )
        }
    }

    static func blankToNil(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    // MARK: Reading

    /// - Throws: `RecordError.notFound` naming the nearest code.
    public func find(code: String) throws -> Policy {
        guard let policy = try Policy.source.optional("WHERE lower(p.code) = lower(\(code))", on: db) else {
            throw try unknown(code)
        }
        return policy
    }

    /// The policy and its versions, oldest first.
    public func details(code: String) throws -> PolicyDetails {
        let policy = try find(code: code)
        return PolicyDetails(policy: policy, versions: try versions(policyId: policy.id))
    }

    func details(id: Int64) throws -> PolicyDetails {
        let policy = try Policy.source.find(id: id, noun: "policy", listedBy: "policy list", on: db)
        return PolicyDetails(policy: policy, versions: try versions(policyId: id))
    }

    public func versions(policyId: Int64) throws -> [PolicyVersion] {
        try PolicyVersion.source.all("WHERE v.policy_id = \(policyId) ORDER BY v.version", on: db)
    }

    /// Every policy with its versions, by code.
    public func list() throws -> [PolicyDetails] {
        let policies = try Policy.source.all("ORDER BY p.code", on: db)
        let versions = try PolicyVersion.source.all("ORDER BY v.policy_id, v.version", on: db)
        let byPolicy = Dictionary(grouping: versions, by: \.policyId)
        return policies.map { PolicyDetails(policy: $0, versions: byPolicy[$0.id] ?? []) }
    }

    /// Today in the group's calendar (Asia/Shanghai), by the database's clock.
    public func today() throws -> CalendarDate {
        try db.query("SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date").one().decode(CalendarDate.self, at: 0)
    }

    func unknown(_ code: String) throws -> RecordError {
        let codes = try db.query("SELECT code FROM filmwg.policies ORDER BY code").map {
            try $0.decode(String.self, at: 0)
        }
        let hint: Phrase =
            Spelling.nearest(to: code, among: codes).map { "; did you mean '\($0)'?" }
            ?? "; see \(command: "policy list")"
        return RecordError.notFound("no policy has code '\(code)'\(hint)")
    }
}
