import Testing
import VigilCore
import VigilForce
@testable import VigilSim

@Suite("the simulator leaves a person's desk to them")
struct DeskSimTests {
    @Test func heldDeskWaitsForItsDispatcherAndReturnsToTheSimulator() throws {
        var scenario = try ScenarioLoader.load("weekday")
        scenario.start = Instant(ukDate: CivilDate(year: 2026, month: 11, day: 27), hour: 16, minute: 0)
        let force = try DemoForce.load()
        var world = MemoryWorld(state: force.initialState(at: scenario.start))
        var sim = Simulation(scenario: scenario, seed: 5)
        try sim.begin(&world)
        let d100 = Actor("D100", console: "desk-test")
        for c: Command in [.signOn, .takeDesk("birmingham", for: nil)] {
            let events = try world.execute(c, by: d100, at: sim.now).get()
            sim.observe(world.state, events: events)
        }
        try sim.run(until: scenario.start + .hours(1), world: &world)
        func isBirmingham(_ ref: IncidentRef) -> Bool { world.state.incidents[ref]?.area == "birmingham" }
        let simAssigned = world.events.compactMap { e -> IncidentRef? in
            guard e.operatorID == SimOperators.dispatcher.id, case .unitAssigned(let p) = e.change else { return nil }
            return p.incident
        }
        #expect(simAssigned.count > 20, "the rest of the force is worked")
        #expect(!simAssigned.contains(where: isBirmingham), "nothing on D100's desk is assigned for them")
        let waiting = Self.waiting(world.state).filter(isBirmingham)
        #expect(waiting.count >= 5, "Birmingham's incidents wait for the human: \(waiting.count)")

        // The trainer hands the desk back to the simulator, which then works its queue.
        let back = try world.execute(
            .leaveDesk("birmingham", reason: ""), by: Actor(SimOperators.clock.id, console: "sim"), at: sim.now
        ).get()
        sim.observe(world.state, events: back)
        let before = world.events.count
        try sim.run(until: sim.now + .minutes(10), world: &world)
        let after = world.events.dropFirst(before).filter { e in
            guard e.operatorID == SimOperators.dispatcher.id, case .unitAssigned(let p) = e.change else { return false }
            return isBirmingham(p.incident)
        }
        #expect(after.count >= waiting.count / 2, "\(after.count) of \(waiting.count) assigned once handed back")
    }

    @Test func aSilentTraineesCallGoesBackToTheQueueAsTheSimulatorsClock() throws {
        let scenario = try ScenarioLoader.load("weekday")
        var world = MemoryWorld(state: try DemoForce.load().initialState(at: scenario.start))
        var sim = Simulation(scenario: scenario, seed: 5)
        try sim.begin(&world)
        let h200 = Actor("H200", console: "trainee")
        let details = ContactDetails(location: GeoPoint(lat: 52.48, lon: -1.9), address: "1 Road")
        for c: Command in [.signOn, .receiveContact(.emergency, details), .answerContact(nil)] {
            sim.observe(world.state, events: try world.execute(c, by: h200, at: sim.now).get())
        }
        let held = try #require(world.state.contactsInHand.first { world.state.contacts[$0]?.handler == "H200" })
        let events = try sim.takeBack(
            [],
            calls: [
                SilentCall(contact: held, handler: "H200", reason: "console silent: no heartbeat from H200 for 31 s")
            ],
            &world)
        #expect(events.map(\.operatorID) == [SimOperators.clock.id])
        #expect(world.state.contacts[held]?.state == .waiting)
    }

    /// Open, unresourced incidents of grades 1 to 3.
    static func waiting(_ s: DispatchState) -> [IncidentRef] {
        s.openIncidents.filter { s.incidents[$0].map { $0.units.isEmpty && $0.grade != .resolution } ?? false }
    }
}

@Suite("the simulator books grade 3 and keeps the appointments")
struct AppointmentSimTests {
    @Test func bookedJobsAreAttendedAtTheirTime() throws {
        let scenario = try ScenarioLoader.load("weekday")
        let (_, world) = try HeadlessRun.run(scenario, force: try DemoForce.load(), seed: 11, hours: 12)
        var booked: [IncidentRef: Instant] = [:]
        var firstAtScene: [IncidentRef: Instant] = [:]
        var unitOn: [Callsign: IncidentRef] = [:]
        for e in world.events {
            switch e.change {
            case .incidentBooked(let p): booked[p.incident] = p.time
            case .unitAssigned(let p): unitOn[p.unit] = p.incident
            case .unitStatusChanged(let p) where p.status == .atScene:
                if let ref = unitOn[p.unit], firstAtScene[ref] == nil { firstAtScene[ref] = e.at }
            default: break
            }
        }
        let due = booked.filter { $0.value + IncidentBooked.grace < scenario.start + .hours(12) }
        #expect(due.count > 20, "the scenario books a share of grade 3: \(due.count)")
        let kept = due.filter { ref, time in firstAtScene[ref].map { $0 <= time + IncidentBooked.grace } ?? false }
        // A stretched area keeps its last units for grade 1, so some appointments are missed, as in life; most are kept.
        #expect(Double(kept.count) / Double(due.count) > 0.6, "\(kept.count) of \(due.count) kept")
        // Nobody goes early: a unit is sent about twenty minutes before.
        #expect(due.allSatisfy { ref, time in firstAtScene[ref].map { $0 >= time - .minutes(20) } ?? true })
    }
}

@Suite("the roster is by area")
struct RosterTests {
    static func scenario(_ areas: String) throws -> Scenario {
        let text = try ScenarioLoader.builtInText("weekday").replacingOccurrences(
            of: "response = 150\nneighbourhood = 60\n", with: "response = 150\nneighbourhood = 60\nareas = \(areas)\n")
        return try ScenarioLoader.parse(text, file: "roster.toml")
    }

    @Test func eachAreaWorksItsOwnUnitsAndAShiftMayStaffOneDifferently() throws {
        let force = try DemoForce.load()
        func onShift(_ scenario: Scenario) throws -> [AreaID: Int] {
            var world = MemoryWorld(state: force.initialState(at: scenario.start))
            var sim = Simulation(scenario: scenario, seed: 1)
            try sim.begin(&world)
            var count: [AreaID: Int] = [:]
            for cs in sim.rota.shiftUnits[0] where world.state.units[cs]?.type == .response {
                count[world.state.units[cs]!.homeArea, default: 0] += 1
            }
            return count
        }
        let plain = try onShift(try ScenarioLoader.load("weekday"))
        // Every area has its share of the 150: none is left empty while another has its whole strength on.
        #expect(plain.values.reduce(0, +) == 150)
        #expect(force.force.areas.allSatisfy { (plain[$0.id] ?? 0) >= 8 }, "\(plain)")
        let walsall = try onShift(try Self.scenario("{ walsall = { response = 30 } }"))
        #expect(walsall["walsall"] == 30 && walsall.values.reduce(0, +) == 150, "\(walsall)")
        #expect((walsall["birmingham"] ?? 0) < (plain["birmingham"] ?? 0), "the others share what is left")
        // An area the force lacks is one sentence when the shift begins; a number above the shift's at load.
        var world = MemoryWorld(state: force.initialState(at: Instant(year: 2026, month: 11, day: 25, hour: 7)))
        var sim = Simulation(scenario: try Self.scenario("{ atlantis = { response = 3 } }"), seed: 1)
        #expect(throws: SimulationError.self) { try sim.begin(&world) }
        #expect(throws: TOMLFileError.self) { try Self.scenario("{ walsall = { response = 151 } }") }
    }
}
