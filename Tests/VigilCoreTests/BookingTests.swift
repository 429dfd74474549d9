import Testing
@testable import VigilCore

@Suite("grade 3 by appointment")
struct BookingTests {
    @Test func aBookedIncidentWaitsForItsTimeAndItsClockRunsToIt() throws {
        var s = Fixture.world()
        let ref = raise(&s, at: GeoPoint(lat: 52.55, lon: -1.90), grade: .scheduled)
        let urgent = raise(&s, at: GeoPoint(lat: 52.56, lon: -1.90), grade: .emergency)
        let at = Fixture.t0 + .hours(3)
        #expect(s.unresourcedCount == 2)
        let booked = accept(&s, .book(ref, at: at), by: "H1")
        #expect(booked.map(\.change) == [.incidentBooked(IncidentBooked(incident: ref, time: at))])
        let i = try #require(s.incidents[ref])
        #expect(i.bookedFor == at)
        #expect(i.narrative.last?.text == "Booked for 2026-11-25 17:00")
        // Not waiting until its time; the clock counts to the appointment (with 30 minutes' grace), not to 48 hours.
        #expect(!i.isWaiting(at: Fixture.t0 + .hours(1)) && i.isWaiting(at: at))
        #expect(i.clock(at: Fixture.t0 + .hours(1)).remaining == .minutes(150))
        #expect(i.clock(at: at + .minutes(31)).breached)
        #expect(s.unresourcedCount == 1, "only the grade 1 waits now")
        // Refusals, each one sentence.
        #expect(
            refuse(s, .book(urgent, at: at), by: "H1")?.message.contains("only grade 3 incidents are booked") == true)
        #expect(
            refuse(s, .book(ref, at: Fixture.t0 - .minutes(1)), by: "H1")?.message
                == "2026-11-25 13:59 has passed; book \(ref) for a time to come.")
        #expect(
            refuse(s, .book(ref, at: Fixture.t0 + .hours(24 * 15)), by: "H1")
                == .bookingTooFar(ref, Fixture.t0 + .hours(24 * 15)))
        accept(&s, .closeIncident(ref, Category(.crime, "burglary"), outcome: "dealt with"), by: "D1")
        #expect(refuse(s, .book(ref, at: at), by: "H1") == .incidentClosed(ref))
        #expect(
            refuse(s, .book(urgent, at: at), by: "I1")
                == .notPermitted(.inspector, .book, askInstead: "a call handler or dispatcher"))
        // It survives a snapshot, and the language carries it both ways.
        let copy = try DispatchState(snapshot: try s.snapshotBytes())
        #expect(copy.incidents[ref]?.bookedFor == at && copy == s)
        let parser = CommandParser(state: s, now: Fixture.t0)
        let command = Command.book(urgent, at: at)
        #expect(try parser.parse(#require(command.commandLine)).get() == command)
        #expect(try parser.parse("book \(urgent.short) 2026-11-25T17:00").get() == command)
        #expect(throws: CommandLineError.self) { try parser.parse("book \(urgent.short) tomorrow").get() }
    }
}
