import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct EventTests {
    @Test(arguments: [
        ("2017-05-20T09:30:00+08:00", "2017-05-20T09:30:00+08:00"),
        ("2017-05-20 01:30Z", "2017-05-20T09:30:00+08:00"),
        ("2017-05-19T20:00:00-05:00", "2017-05-20T09:00:00+08:00"),
        ("2017-05-20T09:30:15.5+0800", "2017-05-20T09:30:15+08:00"),
        ("2017-05-19T16:00:00+00", "2017-05-20T00:00:00+08:00"),
    ])
    func instantsAreReadWithTheirOffsetAndShownInShanghai(input: String, shown: String) throws {
        let date = try #require(Instant.parse(input))
        #expect(Instant.format(date) == shown)
    }

    @Test(arguments: [
        "2017-05-20T09:30:00", "2017-05-20", "2017-05-20T25:00+08:00", "2017-02-30T09:00+08:00", "yesterday",
        "2017-05-20T09:30+8",
    ])
    func instantsWithoutAnOffsetOrMalformedAreRefused(input: String) {
        #expect(Instant.parse(input) == nil)
    }

    @Test func anEventIsAddedShownAndListedByItsShanghaiDay() throws {
        try TestDatabase.with { db in
            let events = EventRepository(try db.connect())
            // 23:30 on 2017-05-19 UTC is 07:30 on 2017-05-20 in Shanghai.
            let early = try events.add(
                NewEvent(
                    name: "Launch", kind: "Ceremony", startsAt: Instant.parse("2017-05-19T23:30:00Z")!,
                    venue: " Huairou ",
                    district: "怀柔区", capacity: 300))
            #expect(
                early.kind == "ceremony" && early.venue == "Huairou" && early.capacity == 300 && early.rowVersion == 1)
            #expect(try events.show(early.id) == early)
            let forum = try events.add(
                NewEvent(
                    name: "互联网电影论坛", kind: "forum", startsAt: Instant.parse("2017-06-01T14:00:00+08:00")!,
                    endsAt: Instant.parse("2017-06-01T17:00:00+08:00")!, notes: "VR and film"))
            let may20 = CalendarDate(iso: "2017-05-20")!
            #expect(try events.list(from: may20, to: may20).map(\.id) == [early.id])
            #expect(try events.list(to: CalendarDate(iso: "2017-05-19")).isEmpty)
            #expect(try events.list(from: CalendarDate(iso: "2017-05-21")).map(\.id) == [forum.id])
            #expect(try events.list(kind: "forum").map(\.id) == [forum.id])
            #expect(try events.list(search: "论坛").map(\.id) == [forum.id])
            #expect(try events.list(search: "vr AND").map(\.id) == [forum.id])
            #expect(try events.list(search: "%").isEmpty)
            #expect(try events.list(limit: 1).map(\.id) == [early.id])
        }
    }

    @Test func eventsThatBreakTheRulesAreRefusedWithSentences() throws {
        try TestDatabase.with { db in
            let events = EventRepository(try db.connect())
            let start = Instant.parse("2017-06-01T14:00:00+08:00")!
            #expect(
                throws: RecordError.invalid(
                    "kind must be one of ceremony, forum, meeting, workshop, screening, festival, award_ceremony, training, premiere, press_conference, exhibition, other, not 'fourm'; did you mean 'forum'?"
                )
            ) {
                try events.add(NewEvent(name: "X", kind: "fourm", startsAt: start))
            }
            #expect(throws: RecordError.invalid("the event name must not be blank")) {
                try events.add(NewEvent(name: "  ", startsAt: start))
            }
            #expect(throws: RecordError.invalid("capacity must be at least 1, not 0")) {
                try events.add(NewEvent(name: "X", startsAt: start, capacity: 0))
            }
            #expect(
                throws: RecordError.invalid(
                    "the event would end (2017-06-01T13:00:00+08:00) before it starts (2017-06-01T14:00:00+08:00)")
            ) {
                try events.add(NewEvent(name: "X", startsAt: start, endsAt: start.addingTimeInterval(-3600)))
            }
            #expect(throws: RecordError.notFound("no event with id 42; see 'filmwg event list'")) {
                try events.show(42)
            }
        }
    }
}
