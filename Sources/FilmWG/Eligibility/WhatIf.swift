public import Foundation
public import Postgres
import Rules

/// What a draft rule would decide, computed and thrown away (`filmwg policy try`, DESIGN §11).
public struct WhatIfResult: Sendable, Equatable {
    /// How many companies were true, false and null for one criterion of the draft.
    public struct CriterionCount: Sendable, Equatable {
        public let criterion: String
        public let trueCount: Int
        public let falseCount: Int
        public let nullCount: Int
    }

    /// A company whose answer under the draft differs from the policy's (or, without a policy,
    /// one the draft finds eligible).
    public struct Difference: Sendable, Equatable {
        public let company: CompanyIdentity
        public let draft: Bool
        /// nil without a policy to compare with.
        public let current: Bool?
        /// The draft amount of the company when it is eligible under the draft and a formula
        /// was given; nil otherwise or when unknown.
        public let amount: Decimal?
    }

    public let asOf: CalendarDate
    /// The policy compared with and the number of its version in force on `asOf`.
    public let policy: String?
    public let version: Int?
    public let evaluated: Int
    public let eligible: Int
    /// With a policy: eligible under both, under the draft only, under the current rule only.
    public let stillEligible: Int?
    public let newlyEligible: Int?
    public let noLongerEligible: Int?
    public let criteria: [CriterionCount]
    /// With an amount formula (`--amount`): the sum of the amounts of the eligible companies
    /// (those whose amount is known), and how many eligible companies have none (a fact it
    /// needs is unknown or a divisor is 0). nil without a formula.
    public let amountTotal: Decimal?
    public let amountUnknown: Int?
    /// Filled when asked for (`list`).
    public let differences: [Difference]
}

/// Evaluates a draft rule over every company as of a day, in one read-only statement over the
/// same `filmwg.company_facts(D)` the job reads, and writes nothing at all: the work runs in a
/// `READ ONLY` transaction that is rolled back, so not even a `job_runs` row is kept.
public struct WhatIf {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    /// - Parameters:
    ///   - asOf: the day (default: today in Asia/Shanghai).
    ///   - policy: a policy code to compare with its version in force on the day.
    ///   - list: also return the companies whose answer differs.
    ///   - amount: a draft amount formula (DESIGN §12), computed for the companies the draft
    ///     finds eligible as the job would (rounded half-up to 0.01, at least 0; no cap).
    /// - Throws: `RecordError.invalid("the rule does not check: LINE:COLUMN: …")` exactly as
    ///   `policy check`; `RecordError.notFound` for an unknown policy or one without a version
    ///   in force on the day; `RecordError.invalid("the amount does not check: …")` as
    ///   `policy check --amount`.
    public func run(
        rule: String, asOf: CalendarDate? = nil, policy code: String? = nil, list: Bool = false, amount: String? = nil
    ) throws
        -> WhatIfResult
    {
        let source = rule.trimmingCharacters(in: .whitespacesAndNewlines)
        guard db.transactionStatus == .idle else {
            throw RecordError.invalid("policy try needs a connection outside any transaction")
        }
        try db.execute("BEGIN READ ONLY")
        defer { if !db.isClosed, db.transactionStatus != .idle { _ = try? db.execute("ROLLBACK") } }
        let catalog = try FactCatalogRepository(db).load()
        let day = try asOf ?? PolicyRepository(db).today()
        let draft: CompiledRule
        do {
            draft = try Rules.compile(source, catalog: catalog, factsAlias: "f", firstParameter: 2)
        } catch {
            throw RecordError.invalid("the rule does not check: \(error.description)")
        }
        var binds = [PostgresBind(day)] + draft.binds.map { PostgresBind(text: $0.parameterText, type: .unknown) }
        var formula: CompiledAmount?
        if let amount {
            do {
                formula = try Rules.checkAmount(amount, catalog: catalog).compiled(
                    factsAlias: "f", firstParameter: binds.count + 1)
            } catch {
                throw RecordError.invalid("the amount does not check: \(error.description)")
            }
            binds += (formula?.binds ?? []).map { PostgresBind(text: $0.parameterText, type: .unknown) }
        }
        var current: (code: String, version: Int, rule: CompiledRule)?
        if let code {
            let policy = try PolicyRepository(db).find(code: code)
            guard
                let row = try db.query(
                    """
                    SELECT v.version, v.rule, v.criteria FROM filmwg.policy_versions v
                     WHERE v.policy_id = \(policy.id) AND v.valid @> \(day)
                    """
                ).optional()
            else {
                throw RecordError.notFound(
                    "policy \(policy.code) has no version in force on \(day) to compare with; see \(command: "policy show \(policy.code)")"
                )
            }
            let (version, text, criteria) = try row.decode((Int, String, [String]).self)
            let compiled = try EligibilityJob.compile(
                .init(id: 0, policy: policy.code, version: version, rule: text, criteria: criteria), catalog: catalog,
                firstParameter: binds.count + 1)
            binds += compiled.binds.map { PostgresBind(text: $0.parameterText, type: .unknown) }
            current = (policy.code, version, compiled)
        }
        func array(_ rule: CompiledRule) -> String {
            "ARRAY[" + rule.criteria.map(\.sql).joined(separator: ", ") + "]::boolean[]"
        }
        // Only the compiler's SQL (fact columns and placeholders) and array positions are text
        // here; every value of either rule is bound.
        let evaluated = """
            SELECT f.company_id, f.name, \(array(draft)) AS c,
                   \(current.map { array($0.rule) } ?? "NULL::boolean[]") AS k,
                   \(formula.map { "(\($0.value))::numeric" } ?? "NULL::numeric") AS a,
                   -- the reason shares the formula's binds: named here so each has its type
                   \(formula.map { "(\($0.reason))::text" } ?? "NULL::text") AS r
              FROM filmwg.company_facts($1) AS f
             OFFSET 0
            """
        var counts = [
            "count(*)", "count(*) FILTER (WHERE coalesce(true = ALL (x.c), false))",
            "count(*) FILTER (WHERE coalesce(true = ALL (x.c), false) AND coalesce(true = ALL (x.k), false))",
            "count(*) FILTER (WHERE coalesce(true = ALL (x.c), false) AND NOT coalesce(true = ALL (x.k), false))",
            "count(*) FILTER (WHERE NOT coalesce(true = ALL (x.c), false) AND coalesce(true = ALL (x.k), false))",
            "count(*) FILTER (WHERE coalesce(true = ALL (x.c), false) AND x.a IS NULL)",
        ]
        for index in draft.criteria.indices {
            let i = index + 1
            counts += [
                "count(*) FILTER (WHERE x.c[\(i)])", "count(*) FILTER (WHERE NOT x.c[\(i)])",
                "count(*) FILTER (WHERE x.c[\(i)] IS NULL)",
            ]
        }
        let row = try db.query(
            Query(
                unsafeSQL: "SELECT " + counts.map { "(\($0))::integer" }.joined(separator: ", ")
                    + ", coalesce(sum(x.a) FILTER (WHERE coalesce(true = ALL (x.c), false)), 0) AS amount_total"
                    + " FROM (\(evaluated)) AS x", binds: binds)
        ).one()
        func int(_ column: Int) throws -> Int { try row.decode(Int.self, at: column) }
        let criteria = try draft.criteria.enumerated().map { index, criterion in
            WhatIfResult.CriterionCount(
                criterion: criterion.source, trueCount: try int(6 + 3 * index), falseCount: try int(7 + 3 * index),
                nullCount: try int(8 + 3 * index))
        }
        var differences: [WhatIfResult.Difference] = []
        if list {
            let filter =
                current == nil
                ? "coalesce(true = ALL (x.c), false)"
                : "coalesce(true = ALL (x.c), false) <> coalesce(true = ALL (x.k), false)"
            let rows = try db.query(
                Query(
                    unsafeSQL: """
                        SELECT x.company_id, c.uscc, x.name, cv.name_zh,
                               coalesce(true = ALL (x.c), false), coalesce(true = ALL (x.k), false),
                               CASE WHEN coalesce(true = ALL (x.c), false) THEN x.a END
                          FROM (\(evaluated)) AS x
                          JOIN filmwg.companies c ON c.id = x.company_id
                          LEFT JOIN filmwg.company_versions cv ON cv.company_id = x.company_id AND cv.valid @> $1
                         WHERE \(filter)
                         ORDER BY x.company_id
                        """, binds: binds))
            differences = try rows.map { row in
                let (id, uscc, name, nameZh, draft, now, amount) =
                    try row.decode((Int64, String?, String, String?, Bool, Bool, Decimal?).self)
                return WhatIfResult.Difference(
                    company: CompanyIdentity(id: id, uscc: uscc, name: name, nameZh: nameZh), draft: draft,
                    current: current == nil ? nil : now, amount: amount)
            }
        }
        let total = try row.decode(Decimal.self, column: "amount_total")
        try db.execute("ROLLBACK")
        let compared = current != nil
        return WhatIfResult(
            asOf: day, policy: current?.code, version: current?.version, evaluated: try int(0), eligible: try int(1),
            stillEligible: compared ? try int(2) : nil, newlyEligible: compared ? try int(3) : nil,
            noLongerEligible: compared ? try int(4) : nil, criteria: criteria,
            amountTotal: formula == nil ? nil : total, amountUnknown: formula == nil ? nil : try int(5),
            differences: differences)
    }
}
