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
}
