import Testing
@testable import VigilCore

@Suite("finished work leaves memory a day or two after it closes")
struct ArchiveTests {
    let here = GeoPoint(lat: 52.552, lon: -1.902)

    @Test func closedIncidentsAndTheirContactsAreArchivedAfterADay() {
        var s = Fixture.world()
        let done = raise(&s, at: here)
        let open = raise(&s, at: here)
        accept(&s, .receiveContact(.nonEmergency, ContactDetails(address: "advice only")))
        let advised = ContactID(s.nextContact - 1)
        accept(&s, .resolveContact(advised, advice: "Advised to call back"))
        accept(&s, .receiveContact(.emergency, ContactDetails(address: "still ringing")))
        let ringing = ContactID(s.nextContact - 1)
        accept(&s, .closeIncident(done, Category(.admin), outcome: "No trace"), at: Fixture.t0 + .hours(1))

        // Within the day everything is still at hand, even past the next daily archive at 04:00.
        accept(&s, .addNarrative(done, "Late note"), at: Fixture.t0 + .hours(20))
        #expect(s.incidents[done] != nil)
        #expect(s.archiveDay > 0)

        // The first event after the following 04:00 archives it, and the contact that raised it.
        let later = Fixture.t0 + .hours(44)
        accept(&s, .addNarrative(open, "Still here"), at: later)
        #expect(s.incidents[done] == nil)
        #expect(s.isArchived(done))
        #expect(s.incidents[open]?.isOpen == true, "open work never leaves")
        #expect(s.contacts[ContactID(1)] == nil, "the contact behind the archived incident goes with it")
        #expect(s.contacts[ContactID(2)] != nil, "the contact behind the open incident stays")
        #expect(s.contacts[advised] == nil, "resolved contacts go after a day")
        #expect(s.contacts[ringing] != nil && s.waitingContacts == [ringing], "the queue keeps its waiting calls")
        #expect(s.openIncidents == [open])
        #expect(refuse(s, .addNarrative(done, "too late"), at: later) == .incidentArchived(done))
        #expect(refuse(s, .resolveContact(advised, advice: "x"), at: later) == .contactArchived(advised))
        #expect(
            refuse(s, .addNarrative(Fixture.ref(9), "never was"), at: later)
                == .unknownIncident(Fixture.ref(9).description))
        #expect(s.invariantViolations() == [])

        // The day's count survives its incidents, so an archived number is never issued again.
        #expect(s.dayCounters[Fixture.ref(1).day] == 2)
    }
}
