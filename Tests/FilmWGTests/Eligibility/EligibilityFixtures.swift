import FilmWG
import Foundation
import Postgres
import TestSupport

/// Records for eligibility tests, inserted with plain SQL (the companies, members and events
/// commands are built elsewhere), plus the small waits that concurrency tests need.
enum EligibilityFixture {
    /// A valid USCC (GB 32100-2015) from its first 17 characters.
    static func uscc(_ body: String) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        var weight = 1
        var total = 0
        for character in body {
            total += alphabet.firstIndex(of: character)! * weight
            weight = weight * 3 % 31
        }
        return body + String(alphabet[(31 - total % 31) % 31])
    }

    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @discardableResult
    static func company(
        _ db: Connection, name: String, uscc: String? = nil, kind: String = "production", inZone: Bool = true,
        capital: String? = "10000000.00", founded: String? = "2015-06-18", employees: Int? = 20
    ) throws -> Int64 {
        try db.query(
            """
            INSERT INTO filmwg.companies (uscc, name, kind, registered_in_zone, registered_capital, founded_on, employees)
            VALUES (\(uscc), \(name), \(kind), \(inZone), \(capital)::numeric, \(founded)::date, \(employees))
            RETURNING id
            """
        ).one().decode(Int64.self, at: 0)
    }

    static func membership(_ db: Connection, company: Int64, tier: String, from: String, to: String? = nil) throws {
        try db.execute(
            """
            INSERT INTO filmwg.memberships (company_id, tier, period)
            VALUES (\(company), \(tier), daterange(\(from)::date, \(to)::date, '[)'))
            """)
    }

    /// An event starting at `startsAt` (ISO 8601 with offset) attended by a new professional
    /// on behalf of `company`.
    @discardableResult
    static func attended(_ db: Connection, company: Int64, startsAt: String, name: String? = nil) throws -> Int64 {
        let event = try db.query(
            """
            INSERT INTO filmwg.events (name, kind, starts_at) VALUES (\(name ?? "Event at \(startsAt)"), 'forum', \(startsAt)::timestamptz)
            RETURNING id
            """
        ).one().decode(Int64.self, at: 0)
        let person = try db.query(
            """
            INSERT INTO filmwg.professionals (full_name) VALUES (\("Guest of event \(event)")) RETURNING id
            """
        ).one().decode(Int64.self, at: 0)
        try db.execute(
            """
            INSERT INTO filmwg.attendance (event_id, professional_id, company_id) VALUES (\(event), \(person), \(company))
            """)
        return event
    }

    @discardableResult
    static func policy(_ db: Connection, code: String, rule: String, from: String = "2017-05-20", to: String? = nil)
        throws -> PolicyDetails
    {
        try PolicyRepository(db).add(
            NewPolicy(code: code, title: "Policy \(code)", rule: rule, validFrom: day(from), validTo: to.map(day)))
    }

    static func job(_ test: TestDatabase, _ db: Connection) -> EligibilityJob {
        EligibilityJob(db, sideConnection: { try test.connect(actor: "side") })
    }

    static func count(_ db: Connection, _ query: Query) throws -> Int {
        try db.query(query).one().decode(Int.self, at: 0)
    }

    /// Polls until `condition` holds; gives up (returns false) after about 30 seconds, so a
    /// broken test fails instead of hanging. Not a timing assertion.
    static func waitUntil(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<600 {
            if try condition() { return true }
            usleep(50_000)
        }
        return false
    }

    /// The backend of `pid` is waiting for a heavyweight lock.
    static func isWaitingForALock(_ observer: Connection, pid: Int32) throws -> Bool {
        try observer.query(
            """
            SELECT 1 FROM pg_catalog.pg_stat_activity WHERE pid = \(pid) AND wait_event_type = 'Lock'
            """
        ).optional() != nil
    }
}

/// Hands a value from a background thread to the test.
final class EligibilityTestBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    func set(_ value: T) { lock.withLock { stored = value } }
    var value: T? { lock.withLock { stored } }
}
