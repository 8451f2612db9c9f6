import Foundation
import Postgres
import TestSupport
import Testing

@testable import FilmWG

@Suite struct ElectionAndGrantTests {
    @Test(arguments: [
        (
            "7:58:2:1:elected",
            CandidateSpec(
                professional: "7", votesFor: 58, votesAgainst: 2, votesAbstain: 1, elected: true, company: nil)
        ),
        (
            "li@example.cn:::",
            CandidateSpec(
                professional: "li@example.cn", votesFor: nil, votesAgainst: nil, votesAbstain: nil, elected: false,
                company: nil)
        ),
        (
            "7:3:0:0::12",
            CandidateSpec(
                professional: "7", votesFor: 3, votesAgainst: 0, votesAbstain: 0, elected: false, company: "12")
        ),
    ])
    func candidatesAreReadFromTheirCompactForm(text: String, spec: CandidateSpec) throws {
        #expect(try CandidateSpec.parse(text) == spec)
    }

    @Test(arguments: ["7", "7:1:2", ":1:2:3", "7:-1:0:0", "7:a:0:0", "7:1:0:0:maybe", "7:1:0:0:elected:1:2"])
    func malformedCandidatesAreRefused(text: String) {
        #expect(throws: RecordError.self) { try CandidateSpec.parse(text) }
    }

    @Test func anElectionIsRecordedWithItsCandidatesAndShown() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let event = try ActivityFixtures.event(
                connection, name: "Launch", kind: "ceremony", startsAt: "2017-05-20 09:00+08")
            let xi = try ActivityFixtures.professional(connection, name: "Xi Weihang")
            let rival = try ActivityFixtures.professional(connection, name: "Rival")
            let company = try ActivityFixtures.company(connection, name: "Studio")
            let head = try References.positionID("head", db: connection)
            let elections = ElectionRepository(connection)
            let election = try elections.record(
                positionId: head, heldOn: CalendarDate(iso: "2017-05-20")!, eventId: event, notes: "show of hands",
                candidates: [
                    ElectionCandidate(professionalId: rival, votesFor: 10, votesAgainst: 50, votesAbstain: 2),
                    ElectionCandidate(
                        professionalId: xi, companyId: company, votesFor: 58, votesAgainst: 2, votesAbstain: 2,
                        elected: true),
                ])
            #expect(election.position == "head" && election.eventId == event && election.notes == "show of hands")
            #expect(election.candidates.map(\.professionalId) == [xi, rival])
            #expect(election.candidates.first?.professionalName == "Xi Weihang")
            #expect(election.candidates.first?.companyId == company)
            #expect(try elections.show(election.id) == election)
            #expect(try elections.list(positionId: head).map(\.id) == [election.id])
            #expect(
                throws: RecordError.invalid(
                    "event \(event) took place on 2017-05-20, not on 2017-05-21; check \(field: "held_on") or \(field: "event")"
                )
            ) {
                try elections.record(
                    positionId: head, heldOn: CalendarDate(iso: "2017-05-21")!, eventId: event,
                    candidates: [ElectionCandidate(professionalId: xi)])
            }
            #expect(throws: RecordError.invalid("2 candidates are marked elected, but position head has 1 seat")) {
                try elections.record(
                    positionId: head, heldOn: CalendarDate(iso: "2017-05-20")!, eventId: nil,
                    candidates: [
                        ElectionCandidate(professionalId: xi, elected: true),
                        ElectionCandidate(professionalId: rival, elected: true),
                    ])
            }
            #expect(throws: RecordError.invalid("professional \(xi) is listed twice as a candidate")) {
                try elections.record(
                    positionId: head, heldOn: CalendarDate(iso: "2017-05-20")!, eventId: nil,
                    candidates: [
                        ElectionCandidate(professionalId: xi), ElectionCandidate(professionalId: xi),
                    ])
            }
            #expect(try elections.list().count == 1)
        }
    }

    @Test func aGrantAboveThePolicysCapIsRefusedWithTheDatabasesSentence() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try ActivityFixtures.company(connection, name: "Studio", uscc: ActivityFixtures.uscc(5))
            let policy = try ActivityFixtures.policy(connection, code: "film-fund", cap: 500_000)
            try ActivityFixtures.run(connection, asOf: "2018-01-01", determinations: [(policy, company, true)])
            let grants = GrantRepository(connection)
            #expect(throws: RecordError.invalid("grant amount 600000.00 exceeds the cap 500000.00 of policy film-fund"))
            {
                try grants.apply(
                    policyId: policy, companyId: company, year: 2018, amount: Decimal(string: "600000.00")!)
            }
            let grant = try grants.apply(
                policyId: policy, companyId: company, year: 2018, amount: Decimal(string: "500000.00")!,
                appliedOn: CalendarDate(iso: "2018-03-01"))
            #expect(grant.amount == 500_000 && grant.status == "applied" && grant.policy == "film-fund")
            #expect(grant.appliedOn == CalendarDate(iso: "2018-03-01") && grant.runId != nil)
            #expect(
                throws: RecordError.invalid(
                    "a grant cannot be decided or paid before the day it was applied for; check \(field: "on")")
            ) {
                try grants.approve(grant.id, on: CalendarDate(iso: "2018-02-01"))
            }
            let approved = try grants.approve(grant.id, on: CalendarDate(iso: "2018-04-15"))
            #expect(approved.status == "approved" && approved.decidedOn == CalendarDate(iso: "2018-04-15"))
            #expect(
                throws: RecordError.invalid(
                    "status must be one of applied, approved, rejected, paid, not 'payed'; did you mean 'paid'?")
            ) {
                try grants.list(status: "payed")
            }
            let today = try grants.apply(policyId: policy, companyId: company, year: 2018, amount: 1)
            #expect(today.appliedOn == Instant.groupDay(Date()) && today.status == "applied")
            #expect(try grants.list(status: "approved").map(\.id) == [grant.id])
            #expect(try grants.list(companyId: company).map(\.id) == [grant.id, today.id])
        }
    }

    @Test func aGrantRestsOnTheDeterminationOfARun() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let company = try ActivityFixtures.company(connection, name: "Studio")
            let stranger = try ActivityFixtures.company(connection, name: "Stranger")
            let policy = try ActivityFixtures.policy(connection, code: "rent-subsidy")
            let run = try ActivityFixtures.run(
                connection, asOf: "2018-01-01", determinations: [(policy, company, true), (policy, stranger, false)])
            let grants = GrantRepository(connection)
            let grant = try grants.apply(policyId: policy, companyId: company, year: 2018, amount: 1000)
            #expect(grant.runId == run && grant.policyVersionId != nil && grant.year == 2018)
            #expect(
                throws: RecordError.invalid(
                    "company \(stranger) has no eligible determination for policy rent-subsidy in 2018, so it cannot apply; see 'filmwg eligibility explain \(field: "company") \(stranger) \(field: "policy") rent-subsidy'"
                )
            ) {
                try grants.apply(policyId: policy, companyId: stranger, year: 2018, amount: 1000)
            }
            #expect(
                throws: RecordError.invalid(
                    "company \(company) has no eligible determination for policy rent-subsidy in 2019, so it cannot apply; see 'filmwg eligibility explain \(field: "company") \(company) \(field: "policy") rent-subsidy'"
                )
            ) {
                try grants.apply(policyId: policy, companyId: company, year: 2019, amount: 1000)
            }
            let runs = try JobRunRepository(connection).list()
            #expect(runs.map(\.id) == [run])
            #expect(runs.first?.status == "succeeded" && runs.first?.finishedAt != nil && runs.first?.durationMs != nil)
            #expect(runs.first?.determinations == 2 && runs.first?.asOf == CalendarDate(iso: "2018-01-01"))
            #expect(try JobRunRepository(connection).list(status: "failed").isEmpty)
        }
    }
}
