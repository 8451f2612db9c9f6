import Foundation
public import Postgres

/// Reads the runs of the batch jobs (`filmwg.job_runs`) for `filmwg jobs list`.
public struct JobRunRepository {
    let db: Connection
    public init(_ db: Connection) { self.db = db }

    /// Runs, newest first.
    /// - Throws: `RecordError.invalid` for an unknown status.
    public func list(job: String? = nil, status: String? = nil, limit: Int? = nil) throws -> [JobRun] {
        let status = try status.map { try Vocabulary.check($0, among: JobRun.statuses, name: "status") }
        if let limit, limit < 0 { throw RecordError.invalid("the limit must not be negative") }
        return try db.query(
            """
            SELECT \(unsafeRaw: JobRun.columns)
              FROM filmwg.job_runs r
             WHERE (\(job)::text IS NULL OR r.job = \(job))
               AND (\(status)::text IS NULL OR r.status = \(status))
             ORDER BY r.id DESC
             LIMIT \(limit)
            """
        ).map { try JobRun(row: $0) }
    }
}
