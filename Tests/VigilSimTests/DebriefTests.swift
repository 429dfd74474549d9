import Testing
import VigilCore
import VigilForce
@testable import VigilSim

@Suite("the debrief scores a shift from its events")
struct DebriefTests {
    let t0 = Instant(ukDate: CivilDate(year: 2026, month: 11, day: 25), hour: 14, minute: 0)
    let place = GeoPoint(lat: 52.4862, lon: -1.8904)  // Birmingham city centre

    /// A dispatcher who sends a unit other than the recommended one is shown the minutes lost and the rules broken.
    @Test func aWorseChoiceIsScoredAgainstTheRecommendation() throws {
        let force = try DemoForce.load()
        let start = force.initialState(at: t0)
        var world = MemoryWorld(state: start)
        func run(_ c: Command, _ who: OperatorID, at t: Instant) throws -> [Event] {
            try world.execute(c, by: Actor(who, console: "test"), at: t).get()
        }
        _ = try run(.signOn, "H200", at: t0)
        _ = try run(.signOn, "D100", at: t0)
        _ = try run(.takeDesk("birmingham", for: nil), "D100", at: t0)
        _ = try run(
            .receiveContact(
                .emergency,
                ContactDetails(callerName: "A Caller", location: place, address: "1 New Street", account: "Fight")),
            "H200", at: t0)
        _ = try run(.answerContact(nil), "H200", at: t0 + .seconds(5))
        let raised = try run(
            .raiseIncident(
                from: ContactID(1), grade: .emergency, category: Category(.crime, "assault"), location: nil,
                address: nil),
            "H200", at: t0 + .seconds(60))
        guard case .incidentRaised(let raisedIncident)? = raised.last?.change else {
            Issue.record("not raised"); return
        }
        let ref = raisedIncident.incident
        let offered = world.state.recommend(for: ref, limit: 50).candidates
        let best = try #require(offered.first)
        // The dispatcher passes over the best unit: first for the armed unit kept for firearms work, then for a response
        // unit from the next area, several minutes further away.
        let armed = try #require(offered.first { $0.type == .armed })
        let worse = try #require(
            offered.first { $0.type == .response && $0.eta > best.eta + .minutes(5) && $0.penalties.isEmpty })
        _ = try run(.assign(ref, [armed.callsign, worse.callsign]), "D100", at: t0 + .seconds(90))

        var debrief = Debrief(from: start, at: t0)
        for e in world.events { debrief.add(e) }
        #expect(debrief.assignments.count == 2)
        let first = try #require(debrief.assignments.first), review = try #require(debrief.assignments.last)
        #expect(first.chosen == armed.callsign && !first.topChoice)
        #expect(first.rulesBroken == ["armed unit kept for firearms work"])
        #expect(review.operatorID == "D100")
        #expect(review.chosen == worse.callsign && review.recommended == best.callsign)
        #expect(!review.topChoice)
        #expect(abs(review.etaLostMinutes - (worse.eta - best.eta).minutes) < 1e-9)
        #expect(review.etaLostMinutes >= 5)
        #expect(review.rulesBroken.isEmpty)

        // Twenty minutes on, nobody is at scene: an urban grade 1 has breached, and the debrief says so.
        let end = t0 + .minutes(20)
        #expect(debrief.breaches(by: end).map(\.ref) == [ref])
        #expect(debrief.breaches(by: t0 + .minutes(10)).isEmpty, "not yet past 15 minutes")
        let text = DebriefText(debrief, title: "test", end: end).markdown()
        #expect(text.contains("| D100 | 2 | 0.0% |"))
        #expect(text.contains("| \(ref) | 1 | crime/assault |"))
        #expect(text.contains("not attended"))
        // By operator: H200 answered after five seconds' ringing; D100 sent the first unit half a minute after raising,
        // and the breach is on D100's desk.
        #expect(text.contains("| H200 | 1 | 5 | – | – | – | – |"), "\(text)")
        #expect(text.contains("| D100 | 0 | – | – | 0.5 (1) | – | 1/1 |"), "\(text)")
        let csv = DebriefText(debrief, title: "test", end: end).csvFiles()
        #expect(csv.map(\.name) == ["response.csv", "breaches.csv", "answers.csv", "incidents.csv", "assignments.csv"])
        #expect(csv[4].text.split(separator: "\n").count == 3)
        #expect(csv[4].text.contains(",D100,\(ref),1,\(worse.callsign),"))
    }

    /// The simulated dispatcher follows the recommendation, so the debrief of its shift finds every choice the top one;
    /// and the debrief's figures are the headless summary's, as both fold the same events.
    @Test func theAutoDispatcherAlwaysTakesTheTopChoice() throws {
        let scenario = try ScenarioLoader.load("weekday")
        let force = try DemoForce.load()
        let (summary, world) = try HeadlessRun.run(scenario, force: force, seed: 3, hours: 4)
        var debrief = Debrief(from: force.initialState(at: scenario.start), at: scenario.start)
        for e in world.events { debrief.add(e) }
        let sim = debrief.byOperator.first { $0.operatorID == SimOperators.dispatcher.id }
        let crews = debrief.byOperator.first { $0.operatorID == SimOperators.crews.id }
        // Every incident got its first unit from the auto-dispatcher, or from the crew that came across it (some
        // incidents get a second unit, so incidents are counted, not assignments).
        let simIDs: Set<OperatorID> = [SimOperators.dispatcher.id, SimOperators.crews.id]
        let firsts = Set(debrief.assignments.filter { simIDs.contains($0.operatorID) }.map(\.incident))
        #expect(firsts.count == summary.dispatched)
        #expect((crews?.assignments ?? 0) > 0)
        // The top choice, but for the odd unit diverted from a grade 3 to a grade 1 it passed on the way.
        #expect(Double(sim?.top ?? 0) >= 0.98 * Double(sim?.assignments ?? 1))
        #expect(debrief.stats.incidents == summary.incidents)
        #expect(debrief.state == world.state, "the debrief folds every event, so it ends where the run did")
    }

    /// The debrief lists the injects fired, with the scenario's labels, who fired them and which were repeats.
    @Test func theDebriefListsTheInjectsFired() throws {
        let force = try DemoForce.load()
        var world = MemoryWorld(state: force.initialState(at: t0))
        let trainer = Actor("T400", console: "trainer")
        var debrief = Debrief(from: world.state, at: t0)
        for (c, t) in [
            (Command.signOn, t0), (.fireInject(2), t0 + .minutes(5)), (.fireInject(2, again: true), t0 + .minutes(9)),
        ] {
            for e in try world.execute(c, by: trainer, at: t).get() { debrief.add(e) }
        }
        let lines = DebriefText(debrief, title: "test", injectLabels: ["Surge", "M6 pile-up"]).markdown()
            .split(separator: "\n").map(String.init)
        #expect(lines.contains("## Injects fired (2)"))
        #expect(lines.contains("| 2026-11-25 14:05 | 2 M6 pile-up | T400 |  |"), "\(lines)")
        #expect(lines.contains("| 2026-11-25 14:09 | 2 M6 pile-up | T400 | again |"), "\(lines)")
    }

    /// A trainee's grading is scored against the grade each simulated call really warranted.
    @Test func gradingIsScoredAgainstTheCallsTrueGrade() throws {
        let force = try DemoForce.load()
        var world = MemoryWorld(state: force.initialState(at: t0))
        var debrief = Debrief(from: world.state, at: t0)
        func run(_ c: Command, _ who: OperatorID, at t: Instant) throws {
            for e in try world.execute(c, by: Actor(who, console: "test"), at: t).get() { debrief.add(e) }
        }
        try run(.signOn, "H200", at: t0)
        for (n, warranted) in [Grade.emergency, .priority].enumerated() {
            let details = ContactDetails(location: place, address: "\(n + 1) New Street", account: "Fight")
            try run(.receiveContact(.emergency, details, trueGrade: warranted), "H200", at: t0)
        }
        try run(.answerContact(nil), "H200", at: t0 + .seconds(5))
        try run(
            .raiseIncident(
                from: ContactID(1), grade: .priority, category: Category(.crime, "assault"), location: nil, address: nil
            ), "H200", at: t0 + .seconds(60))
        try run(.answerContact(nil), "H200", at: t0 + .seconds(70))
        try run(
            .raiseIncident(
                from: ContactID(2), grade: .priority, category: Category(.crime, "assault"), location: nil, address: nil
            ), "H200", at: t0 + .seconds(90))
        #expect(
            debrief.grading["H200"]?.raised == 2 && debrief.grading["H200"]?.right == 1, "a grade 1 raised as grade 2")
        let text = DebriefText(debrief, title: "test").markdown()
        #expect(text.contains("| H200 | 2 | 38 | 1/2 |"), "\(text)")
    }
}
