import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct SeedTests {
    @Test func seedingTwiceEqualsSeedingOnce() throws {
        try TestDatabase.with { db in
            let connection = try db.connect(actor: "seeder")
            // The seed needs no more than the admins' role.
            try connection.execute("SET ROLE filmwg_admin")
            let counter = try db.connectRaw()
            let before = try ActivityFixtures.rowCounts(counter)
            let first = try SeedRunner(connection).run("launch-2017")
            #expect(first.rowsWritten == 7)
            let once = try ActivityFixtures.rowCounts(counter)
            let second = try SeedRunner(connection).run("launch-2017")
            #expect(second.rowsWritten == 0)
            let twice = try ActivityFixtures.rowCounts(counter)
            #expect(once == twice)
            // 7 rows, and the first dated values of the 2 companies (company_versions)
            #expect(once["filmwg.audit_log"] == before["filmwg.audit_log"]! + 9)
            #expect(once["filmwg.companies"] == 2)
            #expect(once["filmwg.events"] == 1)
            #expect(once["filmwg.professionals"] == 2)
            #expect(once["filmwg.attendance"] == 1)
            #expect(once["filmwg.role_assignments"] == 1)
        }
    }

    @Test func twoSeedsAtOnceWriteTheRecordsOnce() throws {
        try TestDatabase.with { db in
            let outcomes = Locked<[Int]>([])
            DispatchQueue.concurrentPerform(iterations: 3) { _ in
                do {
                    let connection = try db.connect(actor: "seeder")
                    defer { connection.close() }
                    let outcome = try SeedRunner(connection).run("launch-2017")
                    outcomes.update { $0.append(outcome.rowsWritten) }
                } catch {
                    outcomes.update { $0.append(-1) }
                }
            }
            #expect(outcomes.value.sorted() == [0, 0, 7])
            let counts = try ActivityFixtures.rowCounts(db.connect())
            #expect(counts["filmwg.professionals"] == 2)
        }
    }

    @Test func theSeedStatesTheArticlesFactsUnderTheCallersActor() throws {
        try TestDatabase.with { db in
            let connection = try db.connect(actor: "alice")
            _ = try SeedRunner(connection).run("launch-2017")
            let head = try RoleAssignmentRepository(connection).list(
                asOf: CalendarDate(iso: "2017-05-20"))
            #expect(head.map(\.position) == ["head"])
            #expect(head.first?.professionalName == "Xi Weihang")
            #expect(head.first?.termTo == nil)
            #expect(head.first?.companyId == nil)
            let attendance = try AttendanceRepository(connection).list()
            #expect(attendance.map(\.professionalName) == ["Shi Xiansheng"])
            #expect(attendance.first?.role == "speaker")
            #expect(attendance.first?.companyName == "Internet Society of China")
            #expect(attendance.first?.eventDay == CalendarDate(iso: "2017-05-20"))
            // Nothing the article does not state: no USCC, no Chinese name of ISC, no vote.
            let unstated = try connection.query(
                """
                SELECT (SELECT count(*) FROM filmwg.companies WHERE uscc IS NOT NULL OR name_zh IS NOT NULL)::integer,
                       (SELECT count(*) FROM filmwg.elections)::integer,
                       (SELECT count(*) FROM filmwg.memberships)::integer,
                       (SELECT count(*) FROM filmwg.events WHERE ends_at IS NOT NULL OR capacity IS NOT NULL)::integer
                """
            ).one().decode((Int, Int, Int, Int).self)
            #expect(unstated == (0, 0, 0, 0))
            let actors = try connection.query(
                "SELECT DISTINCT actor FROM filmwg.audit_log WHERE actor NOT LIKE 'migration:%'"
            ).map { try $0.decode(String.self, at: 0) }
            #expect(actors == ["alice (seed launch-2017)"])
        }
    }

    @Test func seedingAgainDoesNotBringBackAnErasedProfessional() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            _ = try SeedRunner(connection).run("launch-2017")
            try connection.execute(
                """
                SELECT filmwg.erase_professional(id) FROM filmwg.professionals
                 WHERE full_name IN ('Shi Xiansheng', 'Xi Weihang')
                """)
            let before = try ActivityFixtures.rowCounts(connection)
            #expect(try SeedRunner(connection).run("launch-2017").rowsWritten == 0)
            #expect(try ActivityFixtures.rowCounts(connection) == before)
            let names = try connection.query(
                "SELECT count(*)::integer FROM filmwg.professionals WHERE full_name IS NOT NULL"
            )
            .one().decode(Int.self, at: 0)
            #expect(names == 0)
        }
    }

    @Test func aHeadAlreadyRecordedIsLeftAloneAndTheSeedStillSucceeds() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let other = try ActivityFixtures.professional(connection, name: "席伟航")
            _ = try RoleAssignmentRepository(connection).assign(
                positionId: try References.positionID("head", db: connection), professionalId: other, companyId: nil,
                from: CalendarDate(iso: "2017-05-20")!)
            #expect(try SeedRunner(connection).run("launch-2017").rowsWritten == 6)
            let heads = try RoleAssignmentRepository(connection).list()
            #expect(heads.map(\.professionalId) == [other])
        }
    }

    @Test func anUnknownSeedIsNotFoundAndNamesTheNearest() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            #expect(throws: RecordError.notFound("there is no seed named 'launch-2018'; did you mean 'launch-2017'?")) {
                try SeedRunner(connection).run("launch-2018")
            }
        }
    }

    @Test func theSeedListDescribesEachSeed() {
        let seeds = SeedRunner.available
        #expect(seeds.map(\.name) == ["launch-2017"])
        #expect(seeds.first?.description.hasPrefix("the records that the ISC article of 2017-05-23") == true)
        #expect(seeds.first?.description.hasSuffix("states, and nothing more.") == true)
    }
}
