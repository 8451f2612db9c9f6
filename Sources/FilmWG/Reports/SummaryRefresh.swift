public import Postgres

/// What one summary of an aggregate report holds after `ReportRepository.refreshSummaries()`.
public struct SummaryRefresh: Sendable, Equatable {
    /// The report the summary answers, e.g. `companies_by_kind`.
    public let report: String
    /// The day its figures are as of: today in Asia/Shanghai when it was refreshed.
    public let asOf: CalendarDate
    public let rows: Int
    /// How long computing it took on the server, in milliseconds.
    public let milliseconds: Double
}

extension ReportRepository {
    /// Recomputes the summaries the aggregate reports answer from (`filmwg.refresh_summaries()`),
    /// all in one transaction: readers see the old figures until it commits.
    ///
    /// Run nightly right after the eligibility job, on its own, so the job's time stays the job's.
    /// - Throws: `PostgresError` (42501 when the role may not refresh, 55P03 never: it waits for
    ///   a refresh already running).
    public func refreshSummaries() throws -> [SummaryRefresh] {
        try db.transaction { tx in
            try tx.query(
                """
                SELECT summary, as_of, rows, extract(epoch FROM took)::float8 * 1000
                  FROM filmwg.refresh_summaries()
                """
            ).map { row in
                let (report, asOf, rows, milliseconds) = try row.decode((String, CalendarDate, Int, Double).self)
                return SummaryRefresh(report: report, asOf: asOf, rows: rows, milliseconds: milliseconds)
            }
        }
    }
}
