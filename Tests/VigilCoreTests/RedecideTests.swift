import Testing
@testable import VigilCore

/// Readers of a signed log apply an event only when `decide` would make it, by its operator, with the state just
/// before it. Real work must always pass; a hand-made event (signed by its operator, but no command's) never does.
private let here = GeoPoint(lat: 52.55, lon: -1.9)

/// Decides and applies `command`, holding each event it makes to `whyNotDecided` first, one by one, as a reader
/// folds them.
@discardableResult
private func act(
    _ s: inout DispatchState, _ command: Command, by op: OperatorID, at minute: Int = 0,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [Event] {
    switch s.decide(command, by: Fixture.actor(op), at: Fixture.t0 + .minutes(Int64(minute))) {
    case .failure(let e):
        Issue.record("refused \(command): \(e.message)", sourceLocation: sourceLocation)
        return []
    case .success(let events):
        for e in events {
            if let why = s.whyNotDecided(e) {
                Issue.record(
                    "a reader refuses \(e.change.typeName) of \(command): \(why)", sourceLocation: sourceLocation)
            }
            s.apply(e)
        }
        return events
    }
}

/// Calls from `count` callers, received by H1 from `first` on.
private func calls(_ s: inout DispatchState, _ count: Int, from first: Int = 1) {
    for k in first..<(first + count) {
        act(
            &s,
            .receiveContact(
                .emergency, ContactDetails(callerName: "Caller \(k)", location: here, address: "\(k) Road")),
            by: "H1")
    }
}

private func raised(_ events: [Event]) -> IncidentRef? {
    events.lazy.compactMap { e -> IncidentRef? in
        if case .incidentRaised(let r) = e.change { r.incident } else { nil }
    }.first
}

@Suite("an event is applied only when decide would make it")
struct RedecideTests {
    /// A shift of the room's own work, every command a person gives and the events each makes on the side: a reader
    /// refuses none of it.
    @Test func everyCommandsEventsPassAsMade() throws {
        var s = Fixture.world()
        let crime = Category(.crime)
        act(&s, .registerOperator(Operator(id: "H2", name: "Second", role: .callHandler)), by: "S1")
        act(&s, .registerOperator(Operator(id: "D2", name: "Second", role: .dispatcher)), by: "S1")
        act(&s, .signOn, by: "H2")
        act(&s, .signOn, by: "D2")
        calls(&s, 9)
        let first = try #require(
            raised(
                act(
                    &s,
                    .raiseIncident(from: ContactID(1), grade: .emergency, category: crime, location: nil, address: nil),
                    by: "H1", at: 1)))
        act(&s, .answerContact(ContactID(2)), by: "H1", at: 2)
        act(&s, .linkContact(ContactID(2), to: first), by: "H1", at: 2)
        act(&s, .resolveContact(ContactID(3), advice: "Advised to call back"), by: "H1", at: 3)
        act(&s, .answerContact(ContactID(4)), by: "H1", at: 3)
        act(&s, .correctContact(ContactID(4), callerName: "Jo Bloggs", callerNumber: "07700 900123"), by: "H1", at: 3)
        act(&s, .returnContact(ContactID(4), reason: "wrong queue"), by: "H1", at: 4)
        act(&s, .takeDesk("north", for: nil), by: "D1", at: 4)
        act(&s, .assign(first, ["N11"]), by: "D1", at: 5)
        act(&s, .setStatus("N11", .enRoute, position: nil), by: "D1", at: 6)
        act(&s, .setStatus("N11", .atScene, position: nil), by: "D1", at: 9)
        act(&s, .setStatus("N11", .available, position: nil), by: "D1", at: 20)
        act(&s, .assign(first, ["N12"]), by: "D1", at: 21)
        act(&s, .recordThrive(first, Thrive(threat: .high, text: "weapon seen")), by: "H1", at: 21)
        act(&s, .addNarrative(first, "Caller rang back"), by: "D1", at: 22)
        act(&s, .closeIncident(first, crime, outcome: "Arrest made"), by: "D1", at: 40)
        let second = try #require(
            raised(
                act(
                    &s,
                    .raiseIncident(
                        from: ContactID(5), grade: .scheduled, category: crime,
                        location: GeoPoint(lat: 52.46, lon: -1.9),
                        address: "Elsewhere", accuracy: .street),
                    by: "H1", at: 41)))
        act(&s, .book(second, at: Fixture.t0 + .minutes(600)), by: "H1", at: 42)
        act(&s, .grade(second, .priority, reason: "caller distressed"), by: "D1", at: 43)
        act(&s, .assign(second, ["S11"]), by: "D1", at: 43)
        act(&s, .grade(second, .resolution, reason: "resolved by phone"), by: "D1", at: 44)
        let third = try #require(
            raised(
                act(
                    &s,
                    .raiseIncident(from: ContactID(6), grade: .priority, category: crime, location: nil, address: nil),
                    by: "H1", at: 45)))
        act(&s, .mergeIncident(third, into: second), by: "D1", at: 46)
        act(
            &s, .addFlag(.firearms, address: "3 Road", location: here, note: "air rifle", expires: nil), by: "S1",
            at: 47)
        act(&s, .expireFlag(2), by: "S1", at: 48)
        act(&s, .moveUnit("S71", to: "north"), by: "I1", at: 49)
        act(&s, .declareMajorIncident(name: "Flood", incidents: [second]), by: "I1", at: 50)
        act(&s, .noteMajorIncident(1, "Gold group at 16:00"), by: "I1", at: 51)
        act(&s, .takeDesk("north", for: "D2"), by: "T1", at: 52)
        act(
            &s, .leaveDesk("north", reason: "console silent: no heartbeat from D2 for 31 s", silent: true), by: "I1",
            at: 53)
        act(&s, .takeDesk("south-desk", for: nil), by: "D2", at: 54)
        act(&s, .pauseShift, by: "T1", at: 55)
        act(&s, .resumeShift, by: "T1", at: 56)
        act(&s, .setShiftSpeed(10), by: "T1", at: 56)
        act(&s, .fireInject(1), by: "T1", at: 57)
        act(&s, .fireInject(1, again: true), by: "T1", at: 57)
        act(&s, .setSimHandlers(2), by: "T1", at: 58)
        act(&s, .answerContact(ContactID(7)), by: "H2", at: 59)
        act(&s, .answerContact(ContactID(8)), by: "H1", at: 59)
        act(&s, .disableOperator("H2"), by: "S1", at: 60)
        act(&s, .signOff, by: "D2", at: 61)
        act(&s, .signOff, by: "H1", at: 62)
        for k in 1...5 { act(&s, .recordRefusedSignOn(reason: .wrongPIN), by: "H1", at: 62 + k) }
        act(&s, .unlockOperator("H1"), by: "S1", at: 68)
        act(&s, .signOn, by: "H1", at: 69)
        act(&s, .answerContact(nil), by: "H1", at: 70)
        act(&s, .endShift(scenario: "weekday"), by: "T1", at: 71)
        #expect(s.operators["H2"]?.disabled == true && s.deskHolders.isEmpty)
    }

    /// H1 has C1 in hand; incident 0001 was raised from C2 and closed; C3 was resolved.
    static func room() throws -> (DispatchState, closed: IncidentRef) {
        var s = Fixture.world()
        act(&s, .registerOperator(Operator(id: "H2", name: "Second", role: .callHandler)), by: "S1")
        act(&s, .signOn, by: "H2")
        calls(&s, 3)
        let closed = try #require(
            raised(
                act(
                    &s,
                    .raiseIncident(
                        from: ContactID(2), grade: .priority, category: Category(.crime), location: nil, address: nil),
                    by: "H1", at: 1)))
        act(&s, .closeIncident(closed, Category(.crime), outcome: "no trace"), by: "D1", at: 2)
        act(&s, .resolveContact(ContactID(3), advice: "words of advice"), by: "H1", at: 2)
        act(&s, .answerContact(ContactID(1)), by: "H1", at: 3)
        act(&s, .takeDesk("north", for: nil), by: "D1", at: 3)
        return (s, closed)
    }

    /// Found by the fifth attacker: signed events no command makes, appended by hand, were applied. Each is refused.
    @Test func aHandMadeEventNoCommandMakesIsRefused() throws {
        let (s, closed) = try Self.room()
        let at = Fixture.t0 + .minutes(5)
        func why(_ change: Change, by op: OperatorID) -> String? {
            s.whyNotDecided(Event(at: at, by: Fixture.actor(op), change))
        }
        let raisedAgain = IncidentRaised(
            incident: IncidentRef(force: "WM", day: Fixture.today, number: 2), contact: ContactID(2), grade: .emergency,
            category: Category(.crime), location: here, address: "2 Road", area: "north", beat: nil, rural: false,
            flags: [])
        #expect(why(.incidentRaised(raisedAgain), by: "H1")?.hasPrefix("no command makes it now") == true)
        #expect(why(.contactLinked(ContactLinked(contact: ContactID(1), incident: closed)), by: "H1") != nil)
        #expect(why(.contactResolved(ContactResolved(contact: ContactID(3), advice: "over it")), by: "H1") != nil)
        // A colleague's call and desk are not a call handler's or a dispatcher's to give back or leave.
        #expect(why(.contactReturned(ContactReturned(contact: ContactID(1), reason: "")), by: "H2") != nil)
        #expect(why(.contactResolved(ContactResolved(contact: ContactID(1), advice: "mine now")), by: "H2") != nil)
        let left = DeskLeft(desk: "north", operator: "D1", cause: .consoleSilent, reason: "console silent")
        #expect(why(.deskLeft(left), by: "H2") != nil)
        #expect(why(.deskLeft(left), by: "I1") == nil, "a duty inspector releases a silent console's desk")
        #expect(why(.contactReturned(ContactReturned(contact: ContactID(1), reason: "ill")), by: "S1") == nil)
        #expect(
            why(.unitStatusChanged(UnitStatusChanged(unit: "N12", status: .atScene, position: nil)), by: "D1") != nil)
        #expect(why(.unitUnassigned(UnitUnassigned(unit: "N12", incident: closed, reason: "")), by: "D1") != nil)
        #expect(why(.operatorSignedOn(OperatorSignedOn()), by: "H1") != nil, "H1 is on at c1 already")
    }

    /// Found by the fifth attacker: a call handler could raise, link, resolve or correct a colleague's call in hand
    /// (only giving it back was refused). Now each is, unless someone who runs the room does it.
    @Test func aColleaguesCallInHandIsTheirs() throws {
        let (s, closed) = try Self.room()
        _ = closed
        let raise = Command.raiseIncident(
            from: ContactID(1), grade: .emergency, category: Category(.crime), location: nil, address: nil)
        let others: [Command] = [
            raise, .resolveContact(ContactID(1), advice: "advice"),
            .correctContact(ContactID(1), callerName: "Someone Else", callerNumber: nil),
        ]
        for command in others {
            #expect(refuse(s, command, by: "H2") == .contactIsAnothers(ContactID(1), "H1"), "\(command)")
        }
        var t = s
        let open = try #require(
            raised(
                act(
                    &t,
                    .raiseIncident(
                        from: ContactID(1), grade: .priority, category: Category(.crime), location: nil, address: nil),
                    by: "S1", at: 6)))
        _ = open
        #expect(t.contacts[ContactID(1)]?.state == .raised(open))
        // Linking is refused too, into an open incident.
        var u = s
        act(&u, .receiveContact(.emergency, ContactDetails(location: here)), by: "H2", at: 6)
        let mine = try #require(
            raised(
                act(
                    &u,
                    .raiseIncident(
                        from: ContactID(4), grade: .priority, category: Category(.crime), location: nil, address: nil),
                    by: "H2", at: 7)))
        #expect(refuse(u, .linkContact(ContactID(1), to: mine), by: "H2") == .contactIsAnothers(ContactID(1), "H1"))
    }
}
