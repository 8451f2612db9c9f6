public import Foundation
public import Postgres

/// A preferential policy of the Huairou zone (`filmwg.policies`); its rules are in its versions.
public struct Policy: Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var title: String
    public var issuer: String?
    public var benefit: String?
    /// Largest amount in CNY of one grant; nil when uncapped.
    public var cap: Decimal?
    public var rowVersion: Int
    public var createdAt: Date

    /// Every column of a policy (its rules are in its versions).
    public static let columns: [RecordColumn<Policy>] =
        [
            .id("id", \.id, about: "the policy's id"),
            .text("code", \.code, form: "CODE", about: "the policy's code"),
            .text("title", \.title, about: "its title"),
            .text("issuer", \.issuer, about: "who issued it"),
            .text("benefit", \.benefit, about: "what it grants"),
            .amount("cap", \.cap, about: "the largest amount of one grant in CNY"),
        ] + RecordColumn<Policy>.kept(\.rowVersion, \.createdAt, noun: "policy")

    static let source = RecordSource(
        columns: columns, alias: "p", from: "filmwg.policies p",
        empty: Policy(id: 0, code: "", title: "", rowVersion: 0, createdAt: .unread))
}

/// One version of a policy's eligibility rule (`filmwg.policy_versions`), valid over the
/// half-open period [validFrom, validTo).
public struct PolicyVersion: Sendable, Equatable {
    public var id: Int64
    public var policyId: Int64
    /// 1, 2, … within the policy.
    public var version: Int
    public var validFrom: CalendarDate
    /// The first day the version no longer applies; nil while open.
    public var validTo: CalendarDate?
    public var rule: String
    /// Source text of each top-level `and` term, in order; determinations are aligned with it.
    public var criteria: [String]
    /// How much an eligible company receives: a formula of the rules language (DESIGN §12);
    /// nil when the version pays no computed amount.
    public var amount: String?
    /// Largest amount of one determination; nil when uncapped.
    public var amountCap: Decimal?
    /// Policies of one group are not cumulative: the highest amount keeps it.
    public var exclusiveGroup: String?
    public var rowVersion: Int
    public var createdAt: Date

    /// Every column of a version, the period split out of its daterange.
    public static let columns: [RecordColumn<PolicyVersion>] =
        [
            .id("id", \.id, about: "the version's id"),
            .id("policy_id", \.policyId, about: "the policy it is a version of"),
            .integer("version", \.version, about: "1, 2, … within the policy"),
            .date("valid_from", \.validFrom, about: "the first day it applies", expression: "lower(v.valid)"),
            .date("valid_to", \.validTo, about: "the first day it no longer applies", expression: "upper(v.valid)"),
            .text("rule", \.rule, form: "RULE", about: "the eligibility rule"),
            .texts("criteria", \.criteria, form: "TERMS", about: "the rule's top-level and terms"),
            .text("amount", \.amount, form: "FORMULA", about: "the amount an eligible company receives"),
            .amount("amount_cap", \.amountCap, about: "the largest amount of one determination"),
            .text("exclusive_group", \.exclusiveGroup, form: "GROUP", about: "the group it is not cumulative with"),
        ] + RecordColumn<PolicyVersion>.kept(\.rowVersion, \.createdAt, noun: "version")

    static let source = RecordSource(
        columns: columns, alias: "v", from: "filmwg.policy_versions v",
        empty: PolicyVersion(
            id: 0, policyId: 0, version: 0, validFrom: .unread, rule: "", criteria: [], rowVersion: 0,
            createdAt: .unread))

    public func isValid(on day: CalendarDate) -> Bool {
        validFrom <= day && (validTo.map { day < $0 } ?? true)
    }
}

/// What `policy add` asks for: the policy and its first version.
public struct NewPolicy: Sendable, Equatable {
    public var code: String
    public var title: String
    public var issuer: String?
    public var benefit: String?
    public var cap: Decimal?
    public var rule: String
    public var validFrom: CalendarDate
    public var validTo: CalendarDate?
    /// The first version's amount: its formula, cap (default: the policy's cap) and group.
    public var terms: BenefitTerms

    public init(
        code: String, title: String, issuer: String? = nil, benefit: String? = nil, cap: Decimal? = nil,
        rule: String, validFrom: CalendarDate, validTo: CalendarDate? = nil, terms: BenefitTerms = BenefitTerms()
    ) {
        self.terms = terms
        self.code = code
        self.title = title
        self.issuer = issuer
        self.benefit = benefit
        self.cap = cap
        self.rule = rule
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// How much a version pays (DESIGN §12). In `policy revise`, a nil field keeps what the
/// version being ended had, and `clear…` drops it.
public struct BenefitTerms: Sendable, Equatable {
    /// A formula of the rules language, e.g. `rent_paid_last_year * taper(zone_years + 1, 100%, 80%)`.
    public var amount: String?
    public var cap: Decimal?
    public var exclusiveGroup: String?
    /// Names of the fields given empty (`--amount ''`), which a revision drops instead of keeping.
    public var cleared: Set<String>

    public init(amount: String? = nil, cap: Decimal? = nil, exclusiveGroup: String? = nil, cleared: Set<String> = []) {
        self.amount = amount
        self.cap = cap
        self.exclusiveGroup = exclusiveGroup
        self.cleared = cleared
    }
}

/// A policy with all its versions, oldest first, as `policy show` prints it.
public struct PolicyDetails: Sendable, Equatable {
    public var policy: Policy
    public var versions: [PolicyVersion]

    /// The version valid on `day`, if any (versions of one policy never overlap).
    public func version(on day: CalendarDate) -> PolicyVersion? {
        versions.first { $0.isValid(on: day) }
    }
}

/// A rule that checked against the fact catalog: what `policy check` prints.
public struct RuleSummary: Sendable, Equatable {
    public struct Criterion: Sendable, Equatable {
        /// The term as written, on one line.
        public let source: String
        /// The facts it reads, in order of first use.
        public let facts: [String]
    }

    public let criteria: [Criterion]
}
