import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct RoleAssignmentTests {
    static let may20 = CalendarDate(iso: "2017-05-20")!

    @Test func aSecondHeadAtTheSameTimeIsRefusedWithTheDatabasesSentence() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let head = try References.positionID("head", db: connection)
            let xi = try ActivityFixtures.professional(connection, name: "Xi Weihang")
            let other = try ActivityFixtures.professional(connection, name: "Someone Else")
            let roles = RoleAssignmentRepository(connection)
            let first = try roles.assign(positionId: head, professionalId: xi, companyId: nil, from: Self.may20)
            #expect(first.termFrom == Self.may20 && first.termTo == nil && first.position == "head")
            #expect(
                throws: RecordError.invalid(
                    "position head has 1 seat, already held from 2017-05-20 by professional \(xi); end the current term first, or choose a later start."
                )
            ) {
                try roles.assign(
                    positionId: head, professionalId: other, companyId: nil, from: CalendarDate(iso: "2019-01-01")!)
            }
            // After the first term ends, the next head may start that day.
            _ = try roles.end(first.id, on: CalendarDate(iso: "2020-05-20")!)
            let second = try roles.assign(
                positionId: head, professionalId: other, companyId: nil, from: CalendarDate(iso: "2020-05-20")!)
            #expect(try roles.list(asOf: CalendarDate(iso: "2020-05-19")).map(\.id) == [first.id])
            #expect(
                try roles.list(asOf: CalendarDate(iso: "2020-05-20")).map(\.id) == [second.id])
        }
    }

    @Test func twoConnectionsAssigningAHeadAtTheSameMomentExactlyOneSucceeds() throws {
        try TestDatabase.with { db in
            let setup = try db.connect()
            let head = try References.positionID("head", db: setup)
            let candidates = try (0..<2).map { try ActivityFixtures.professional(setup, name: "Candidate \($0)") }
            let outcomes = Locked<[Int: Result<Int64, RecordError>]>([:])
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do {
                    let connection = try db.connect()
                    defer { connection.close() }
                    let role = try RoleAssignmentRepository(connection).assign(
                        positionId: head, professionalId: candidates[i], companyId: nil, from: Self.may20)
                    outcomes.update { $0[i] = .success(role.id) }
                } catch let error as RecordError {
                    outcomes.update { $0[i] = .failure(error) }
                } catch {
                    Issue.record("unexpected \(error)")
                }
            }
            let results = outcomes.value.values
            #expect(results.filter { if case .success = $0 { true } else { false } }.count == 1)
            let refusals = results.compactMap { if case .failure(let e) = $0 { e } else { nil } }
            #expect(refusals.count == 1)
            #expect(
                refusals.first?.sentence.hasPrefix("position head has 1 seat, already held from 2017-05-20") == true)
            #expect(try RoleAssignmentRepository(setup).list().count == 1)
        }
    }

    /// The same race made deterministic: the second assignment waits on the first's lock of the
    /// position row, and is refused once the first commits.
    @Test func anAssignmentWaitingForAnotherIsRefusedWhenTheOtherCommits() throws {
        try TestDatabase.with { db in
            let first = try db.connect()
            let head = try References.positionID("head", db: first)
            let a = try ActivityFixtures.professional(first, name: "A")
            let b = try ActivityFixtures.professional(first, name: "B")
            try first.execute("BEGIN")
            _ = try RoleAssignmentRepository(first).assign(
                positionId: head, professionalId: a, companyId: nil, from: Self.may20)
            let outcome = Locked<(any Error)?>(nil)
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                do {
                    let second = try db.connect()
                    defer { second.close() }
                    _ = try RoleAssignmentRepository(second).assign(
                        positionId: head, professionalId: b, companyId: nil, from: CalendarDate(iso: "2018-01-01")!)
                } catch {
                    outcome.update { $0 = error }
                }
                done.signal()
            }
            // Wait until the second session is blocked on a lock (not a timed wait: it polls).
            let observer = try db.connect()
            while try observer.query(
                """
                SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """
            ).isEmpty {
                usleep(10_000)
            }
            try first.execute("COMMIT")
            done.wait()
            let error = try #require(outcome.value as? RecordError)
            #expect(error.category == .invalid)
            #expect(
                error.sentence.hasPrefix("position head has 1 seat, already held from 2017-05-20 by professional \(a)"))
        }
    }

    @Test func deputyHeadsFillFiveSeatsAndTheSixthIsRefused() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let deputy = try References.positionID("deputy_head", db: connection)
            let roles = RoleAssignmentRepository(connection)
            var ids: [Int64] = []
            for i in 0..<5 {
                let p = try ActivityFixtures.professional(connection, name: "Deputy \(i)")
                ids.append(p)
                _ = try roles.assign(positionId: deputy, professionalId: p, companyId: nil, from: Self.may20)
            }
            let sixth = try ActivityFixtures.professional(connection, name: "Deputy 5")
            #expect(
                throws: RecordError.invalid(
                    "position deputy_head has 5 seats, all held on 2017-05-21 by professionals \(ids.map(String.init).joined(separator: ", ")); end a current term first, choose a later start, or add seats."
                )
            ) {
                try roles.assign(
                    positionId: deputy, professionalId: sixth, companyId: nil, from: CalendarDate(iso: "2017-05-21")!)
            }
        }
    }

    @Test func oneProfessionalCannotHoldOnePositionTwiceAtOnce() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let deputy = try References.positionID("deputy_head", db: connection)
            let p = try ActivityFixtures.professional(connection, name: "Twice")
            let roles = RoleAssignmentRepository(connection)
            _ = try roles.assign(positionId: deputy, professionalId: p, companyId: nil, from: Self.may20)
            #expect(
                throws: RecordError.invalid(
                    "professional \(p) already holds this position over part of that term; end that term first or choose other days"
                )
            ) {
                try roles.assign(
                    positionId: deputy, professionalId: p, companyId: nil, from: CalendarDate(iso: "2018-01-01")!)
            }
        }
    }

    @Test func aTermMustEndAfterItStartsAndEndsOnlyOnce() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let head = try References.positionID("head", db: connection)
            let p = try ActivityFixtures.professional(connection, name: "P")
            let roles = RoleAssignmentRepository(connection)
            #expect(throws: RecordError.self) {
                try roles.assign(positionId: head, professionalId: p, companyId: nil, from: Self.may20, to: Self.may20)
            }
            let role = try roles.assign(positionId: head, professionalId: p, companyId: nil, from: Self.may20)
            #expect(
                throws: RecordError.invalid(
                    "role assignment \(role.id) starts on 2017-05-20; \(field: "on") must be a later day (the first day it is no longer held)"
                )
            ) { try roles.end(role.id, on: Self.may20) }
            let ended = try roles.end(role.id, on: CalendarDate(iso: "2019-05-20")!)
            #expect(ended.termTo == CalendarDate(iso: "2019-05-20"))
            #expect(ended.rowVersion == role.rowVersion + 1)
            #expect(
                throws: RecordError.invalid(
                    "role assignment \(role.id) already ended: head was held up to 2019-05-19; nothing was changed")
            ) { try roles.end(role.id, on: CalendarDate(iso: "2020-01-01")!) }
        }
    }

    @Test func endingWithAStaleVersionIsAConflictAndChangesNothing() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let head = try References.positionID("head", db: connection)
            let p = try ActivityFixtures.professional(connection, name: "P")
            let roles = RoleAssignmentRepository(connection)
            let role = try roles.assign(positionId: head, professionalId: p, companyId: nil, from: Self.may20)
            try connection.execute("UPDATE filmwg.role_assignments SET company_id = NULL WHERE id = \(role.id)")
            let error = try #require(throws: RecordError.self) {
                try roles.end(role.id, on: CalendarDate(iso: "2019-05-20")!, expectVersion: role.rowVersion)
            }
            #expect(error.category == .conflict)
            #expect(error.sentence.hasPrefix("stale row_version: expected 1, current 2"))
            #expect(try roles.show(role.id).termTo == nil)
        }
    }

    @Test func seatsAreNotLoweredBelowTheCurrentHoldersAndStaleUpdatesConflict() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let positions = PositionRepository(connection)
            let deputy = try positions.show("deputy_head")
            #expect(deputy.seats == 5 && deputy.holders == 0 && deputy.titleZh == "副组长")
            let roles = RoleAssignmentRepository(connection)
            for i in 0..<2 {
                let p = try ActivityFixtures.professional(connection, name: "D\(i)")
                _ = try roles.assign(positionId: deputy.id, professionalId: p, companyId: nil, from: Self.may20)
            }
            #expect(try positions.show("deputy_head").holders == 2)
            let error = try #require(throws: RecordError.self) { try positions.update("deputy_head", seats: 1) }
            #expect(error.category == .invalid)
            #expect(error.sentence.hasPrefix("position deputy_head cannot have 1 seat, it is held on "))
            let updated = try positions.update("deputy_head", seats: 6)
            #expect(updated.seats == 6 && updated.rowVersion == deputy.rowVersion + 1)
            let stale = try #require(throws: RecordError.self) {
                try positions.update("deputy_head", seats: 7, expectVersion: deputy.rowVersion)
            }
            #expect(stale.category == .conflict)
            #expect(try positions.show("deputy_head").seats == 6)
        }
    }

    @Test func positionsAreAddedOnceWithValidCodes() throws {
        try TestDatabase.with { db in
            let positions = PositionRepository(try db.connect())
            let added = try positions.add(code: "honorary_head", title: "Honorary Head", titleZh: "名誉组长", seats: 2)
            #expect(added.code == "honorary_head" && added.seats == 2 && added.rowVersion == 1)
            #expect(
                throws: RecordError.invalid(
                    "there is already a position with code 'honorary_head'; see 'filmwg position list'")
            ) {
                try positions.add(code: "honorary_head", title: "Again", seats: 1)
            }
            #expect(
                throws: RecordError.invalid(
                    "a position code is lower-case letters, digits and _, starting with a letter (e.g. deputy_head)")
            ) {
                try positions.add(code: "Bad Code", title: "Bad", seats: 1)
            }
            #expect(throws: RecordError.notFound("no position with code 'haed'; did you mean 'head'?")) {
                try positions.show("haed")
            }
            #expect(
                try positions.list().map(\.code) == [
                    "deputy_head", "deputy_secretary_general", "head", "honorary_head", "secretary_general",
                ])
        }
    }
}
