public import Foundation
public import Postgres

/// One run of a batch job (`filmwg.job_runs`): what it evaluated, how it ended, how long it took.
public struct JobRun: Sendable, Equatable {
    public var id: Int64
    public var job: String
    public var asOf: CalendarDate
    /// running, succeeded, failed or abandoned.
    public var status: String
    public var dryRun: Bool
    public var actor: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var durationMs: Int64?
    public var companies: Int?
    public var policyVersions: Int?
    public var determinations: Int?
    public var eligible: Int?
    public var changes: Int?
    public var error: String?

    /// The values of `job_runs_status_check`.
    public static let statuses = ["running", "succeeded", "failed", "abandoned"]

    /// The columns `init(row:)` reads, for a `job_runs` table aliased `r`.
    static let columns = """
        r.id, r.job, r.as_of, r.status, r.dry_run, r.actor, r.started_at, r.finished_at, r.duration_ms,
        r.companies, r.policy_versions, r.determinations, r.eligible, r.changes, r.error
        """
}

extension JobRun {
    /// Reads a row selected with `columns`.
    init(row: Row) throws {
        let (id, job, asOf, status, dryRun, actor, startedAt, finishedAt, durationMs) =
            try row.decode((Int64, String, CalendarDate, String, Bool, String, Date, Date?, Int64?).self)
        self.init(
            id: id, job: job, asOf: asOf, status: status, dryRun: dryRun, actor: actor, startedAt: startedAt,
            finishedAt: finishedAt, durationMs: durationMs,
            companies: try row.decode(Int?.self, column: "companies"),
            policyVersions: try row.decode(Int?.self, column: "policy_versions"),
            determinations: try row.decode(Int?.self, column: "determinations"),
            eligible: try row.decode(Int?.self, column: "eligible"),
            changes: try row.decode(Int?.self, column: "changes"),
            error: try row.decode(String?.self, column: "error"))
    }
}
