import Testing
@testable import VigilCore

@Suite("a call in hand is never lost: it goes back to its queue by a command and an event")
struct ReturnContactTests {
    /// Two 999 calls; H1 answers the first.
    static func world() -> (DispatchState, ContactID, ContactID) {
        var s = Fixture.world()
        let here = GeoPoint(lat: 52.55, lon: -1.9)
        accept(
            &s, .receiveContact(.emergency, ContactDetails(callerName: "A", location: here, address: "1 Road")),
            by: "H1")
        accept(
            &s, .receiveContact(.emergency, ContactDetails(callerName: "B", location: here, address: "2 Road")),
            by: "H1",
            at: Fixture.t0 + .minutes(1))
        accept(&s, .answerContact(nil), by: "H1", at: Fixture.t0 + .minutes(2))
        return (s, ContactID(1), ContactID(2))
    }

    @Test func givenBackItWaitsInItsOldPlace() throws {
        var (s, first, second) = Self.world()
        #expect(s.waitingContacts == [second] && s.contactsInHand == [first])
        let events = accept(&s, .returnContact(first, reason: "wrong caller"), by: "H1", at: Fixture.t0 + .minutes(3))
        #expect(events.map(\.change) == [.contactReturned(ContactReturned(contact: first, reason: "wrong caller"))])
        #expect(s.waitingContacts == [first, second], "the older call is first again")
        #expect(s.contacts[first]?.state == .waiting && s.contacts[first]?.handler == nil && s.contactsInHand.isEmpty)
        #expect(refuse(s, .returnContact(first, reason: ""), by: "H1") == .contactNotInHand(first))
        // The next answer takes it again, in queue order.
        let again = accept(&s, .answerContact(nil), by: "H1", at: Fixture.t0 + .minutes(4))
        #expect(again.map(\.change) == [.contactAnswered(ContactAnswered(contact: first))])
        let parser = CommandParser(state: s, now: Fixture.t0)
        let command = Command.returnContact(first, reason: "wrong caller")
        #expect(try parser.parse(#require(command.commandLine)).get() == command)
        #expect(try parser.parse("return c1").get() == .returnContact(first, reason: ""))
    }

    @Test func anotherHandlersCallIsTheirsButASupervisorMayGiveItBack() throws {
        var (s, first, _) = Self.world()
        accept(&s, .registerOperator(Operator(id: "H2", name: "Second", role: .callHandler)))
        accept(&s, .signOn, by: "H2")
        #expect(
            refuse(s, .returnContact(first, reason: ""), by: "H2")?.message
                == "C1 is in H1's hand: only they, or a supervisor, trainer or duty inspector, may act on it.")
        accept(&s, .returnContact(first, reason: "H1 taken ill"), by: "S1")
        #expect(s.contacts[first]?.state == .waiting)
    }

    @Test func signingOffOrBeingDisabledGivesTheCallsBack() throws {
        var (s, first, _) = Self.world()
        let off = accept(&s, .signOff, by: "H1", at: Fixture.t0 + .minutes(5))
        #expect(
            off.map(\.change) == [
                .contactReturned(ContactReturned(contact: first, reason: "signed off")),
                .operatorSignedOff(OperatorSignedOff()),
            ])
        #expect(s.contacts[first]?.state == .waiting)
        var (t, again, _) = Self.world()
        accept(&t, .disableOperator("H1"), by: "S1")
        #expect(t.contacts[again]?.state == .waiting && t.contactsInHand.isEmpty)
    }

    @Test func callerDetailsAreCorrectedByAnEventAndTheFirstRecordStays() throws {
        var (s, first, _) = Self.world()
        let events = accept(&s, .correctContact(first, callerName: nil, callerNumber: "07700 900999"), by: "H1")
        #expect(
            events.map(\.change) == [
                .contactCorrected(ContactCorrected(contact: first, callerName: nil, callerNumber: "07700 900999"))
            ])
        #expect(
            s.contacts[first]?.details.callerNumber == "07700 900999" && s.contacts[first]?.details.callerName == "A")
        #expect(
            refuse(s, .correctContact(first, callerName: "A", callerNumber: nil), by: "H1") == .nothingToCorrect(first))
        #expect(
            refuse(s, .correctContact(first, callerName: "\u{1B}[2J", callerNumber: nil), by: "H1")
                == .badText("caller's name", limit: 80))
        let parser = CommandParser(state: s, now: Fixture.t0)
        let command = Command.correctContact(first, callerName: "Jo Lee", callerNumber: "0121 496 0000")
        #expect(try parser.parse(#require(command.commandLine)).get() == command)
    }

    @Test func aSilentHandlersCallsAreFoundButNotAScriptsOrTheSimulators() {
        let (s, first, _) = Self.world()
        let watch = DeskWatch()
        let t = 1_000_000.0
        let beat = Heartbeat(console: "tty1", operatorID: "H1", wall: t)
        #expect(watch.silentCalls(s, beats: [beat], wallNow: t + 29).isEmpty, "29 s is not yet silence")
        #expect(
            watch.silentCalls(s, beats: [beat], wallNow: t + 31)
                == [SilentCall(contact: first, handler: "H1", reason: "console silent: no heartbeat from H1 for 31 s")])
        // Whoever never beat here (a script, vigil do, the simulated handlers) keeps their calls.
        #expect(watch.silentCalls(s, beats: [], wallNow: t + 600).isEmpty)
        // A beat from the future is no beat.
        #expect(
            watch.silentCalls(s, beats: [Heartbeat(console: "tty1", operatorID: "H1", wall: t + 10_000)], wallNow: t)
                .isEmpty)
    }
}
