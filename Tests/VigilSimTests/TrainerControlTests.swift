import Testing
import VigilCore
import VigilForce
@testable import VigilSim

@Suite("trainer controls reach the simulator through the log")
struct TrainerControlTests {
    /// A simulation of `scenario` begun on the demo force, in memory.
    static func begin(_ scenario: Scenario) throws -> (MemoryWorld, Simulation) {
        var world = MemoryWorld(state: try DemoForce.load().initialState(at: scenario.start))
        var sim = Simulation(scenario: scenario)
        try sim.begin(&world)
        return (world, sim)
    }

    /// The trainer fires the pile-up an hour early: the simulator raises it then, and not again at its scripted time.
    @Test func aFiredInjectHappensNowAndOnlyOnce() throws {
        let scenario = try ScenarioLoader.load("major-incident")
        var (world, sim) = try Self.begin(scenario)
        let early = scenario.injects[0].at - .hours(1)
        try sim.run(until: early, world: &world)
        let trainer = Actor("T400", console: "trainer")
        _ = try world.execute(.signOn, by: trainer, at: early).get()
        let fired = try world.execute(.fireInject(1), by: trainer, at: early).get()
        sim.observe(world.state, events: fired)
        try sim.run(until: scenario.injects[0].at + .minutes(30), world: &world)
        #expect(sim.fired.filter { $0.inject == 0 }.map(\.at) == [early])
        let pileUps = world.events.filter { e in
            if case .incidentRaised(let p) = e.change { p.address.hasPrefix("M6") } else { false }
        }
        #expect(pileUps.count == 1)
        #expect(
            pileUps.first.map { $0.at < scenario.injects[0].at } == true,
            "raised after the trainer fired it, before its scripted time")
        // An inject number the scenario does not have is recorded but changes nothing.
        let none = try world.execute(.fireInject(99), by: trainer, at: sim.now).get()
        let before = sim.fired.count
        sim.observe(world.state, events: none)
        try sim.run(until: sim.now + .minutes(5), world: &world)
        #expect(sim.fired.count == before)
    }

    /// An inject fires once: again only on purpose, and the log says it was a repeat. One fired at its scripted time
    /// is in the log too (by the simulator's clock operator), so the trainer cannot fire it twice by accident.
    @Test func anInjectFiresOnceAndAgainOnlyOnPurpose() throws {
        let scenario = try ScenarioLoader.load("major-incident")
        var (world, sim) = try Self.begin(scenario)
        try sim.run(until: scenario.injects[0].at + .minutes(1), world: &world)
        let recorded = world.events.filter { if case .injectFired = $0.change { true } else { false } }
        #expect(recorded.map(\.operatorID) == [SimOperators.clock.id], "the scripted inject is recorded")
        #expect(world.state.firedInjects == [1])
        let trainer = Actor("T400", console: "trainer")
        _ = try world.execute(.signOn, by: trainer, at: sim.now).get()
        guard case .failure(let twice) = world.execute(.fireInject(1), by: trainer, at: sim.now) else {
            Issue.record("fired twice without asking"); return
        }
        #expect(twice == .injectAlreadyFired(1))
        #expect(twice.message.contains("`inject 1 again`"))
        let again = try world.execute(.fireInject(1, again: true), by: trainer, at: sim.now).get()
        #expect(again.map(\.change) == [.injectFired(InjectFired(inject: 1, repeated: true))])
        #expect(again.first?.change.summary == "InjectFired 1 (again)")
        sim.observe(world.state, events: again)
        try sim.run(until: sim.now + .minutes(30), world: &world)
        #expect(sim.fired.filter { $0.inject == 0 }.count == 2, "fired again, as the trainer chose")
    }

    /// At the scenario's end a live run records once that the shift is over; nothing more happens after it.
    @Test func theEndOfAShiftIsRecordedOnce() throws {
        var scenario = try ScenarioLoader.load("weekday")
        scenario.hours = 1
        var (world, sim) = try Self.begin(scenario)
        try sim.run(until: scenario.end - .minutes(1), world: &world)
        try sim.endIfOver(&world)
        #expect(!world.state.shiftEnded, "not before the end")
        try sim.run(until: scenario.end, world: &world)
        try sim.endIfOver(&world)
        try sim.endIfOver(&world)
        let ended = world.events.filter { if case .shiftEnded = $0.change { true } else { false } }
        #expect(ended.map(\.change) == [.shiftEnded(ShiftEnded(scenario: scenario.name))])
        #expect(ended.first?.at == scenario.end && ended.first?.operatorID == SimOperators.clock.id)
        #expect(world.state.shiftEnded)
    }

    /// Once a person signs on as a call handler the simulated handlers leave the calls to them, unless the trainer
    /// sets how many should still answer (`handlers N`).
    @Test func simulatedHandlersGiveWayToPeopleTakingCalls() throws {
        let scenario = try ScenarioLoader.load("weekday")
        var (world, sim) = try Self.begin(scenario)
        func answeredBySimulator(after n: Int) -> Int {
            world.events.dropFirst(n).filter { e in
                if case .contactAnswered = e.change { e.operatorID == SimOperators.handlers.id } else { false }
            }.count
        }
        try sim.run(until: scenario.start + .minutes(30), world: &world)
        #expect(answeredBySimulator(after: 0) > 0, "alone, the simulator answers")
        let trainee = Actor("H200", console: "trainee")
        _ = try world.execute(.signOn, by: trainee, at: sim.now).get()
        var mark = world.events.count
        try sim.run(until: sim.now + .minutes(30), world: &world)
        #expect(answeredBySimulator(after: mark) == 0, "with a person taking calls, the calls are theirs")
        #expect(world.state.hasWaitingContacts)
        let trainer = Actor("T400", console: "trainer")
        _ = try world.execute(.signOn, by: trainer, at: sim.now).get()
        let set = try world.execute(.setSimHandlers(2), by: trainer, at: sim.now).get()
        sim.observe(world.state, events: set)
        mark = world.events.count
        try sim.run(until: sim.now + .minutes(30), world: &world)
        #expect(answeredBySimulator(after: mark) > 0, "two simulated handlers answer beside the trainee")
        guard case .failure(let e) = world.execute(.setSimHandlers(100_000), by: trainer, at: sim.now) else {
            Issue.record("an absurd count was taken"); return
        }
        #expect(e == .badHandlerCount(100_000))
    }

    @Test func thePacerFollowsTheTrainersClock() {
        let start = Instant(ukDate: CivilDate(year: 2026, month: 11, day: 25), hour: 7, minute: 0)
        var p = ShiftPacer(start: start, end: start + .hours(24), initial: ShiftClock(speed: 10), logged: ShiftClock())
        #expect(p.advance(realSeconds: 6, simulatedNow: start) == start + .minutes(1), "×10: six seconds are a minute")
        p.follow(ShiftClock(paused: true, speed: 10))
        #expect(
            p.advance(realSeconds: 60, simulatedNow: start + .minutes(1)) == start + .minutes(1),
            "paused: time stands still")
        p.follow(ShiftClock(paused: false, speed: 60))
        #expect(p.advance(realSeconds: 2, simulatedNow: start + .minutes(1)) == start + .minutes(3))
        p.follow(ShiftClock(paused: false, speed: 0))
        #expect(
            p.advance(realSeconds: 0.2, simulatedNow: start + .minutes(3)) == start + .minutes(4),
            "max: a minute a step")
        #expect(p.advance(realSeconds: 1, simulatedNow: start + .hours(24)) == start + .hours(24), "never past the end")
        // The log's clock, unchanged, does not undo the command line's speed.
        var q = ShiftPacer(start: start, end: start + .hours(1), initial: ShiftClock(speed: 60), logged: ShiftClock())
        q.follow(ShiftClock())
        #expect(q.clock.speed == 60)
    }
}
