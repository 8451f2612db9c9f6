public import Postgres
import Foundation

/// Reads the runs of the batch jobs (`filmwg.job_runs`) for `filmwg jobs list`.
public struct JobRunRepository {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    /// Runs, newest first.
    /// - Throws: `RecordError.invalid` for an unknown status.
    public func list(job: String? = nil, status: String? = nil, limit: Int? = nil) throws -> [JobRun] {
        let status = try status.map { try Vocabulary.check($0, among: JobRun.statuses, name: "status") }
        if let limit, limit < 0 { throw RecordError.invalid("the limit must not be negative") }
        return try db.query("""
            SELECT id, job, as_of, status, dry_run, actor, started_at, finished_at, duration_ms,
                   companies, policy_versions, determinations, eligible, changes, error
              FROM filmwg.job_runs
             WHERE (\(job)::text IS NULL OR job = \(job))
               AND (\(status)::text IS NULL OR status = \(status))
             ORDER BY id DESC
             LIMIT \(limit)
            """).map { row in
            let (id, job, asOf, status, dryRun, actor, startedAt, finishedAt, durationMs) =
                try row.decode((Int64, String, CalendarDate, String, Bool, String, Date, Date?, Int64?).self)
            return JobRun(
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
}
