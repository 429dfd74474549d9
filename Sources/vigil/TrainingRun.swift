import Foundation
import VigilCore
import VigilSim
import VigilStore

/// A simulated shift begun on a training log, as `vigil sim --db` and `vigil train` both start one: the log is made if
/// missing and refused if live, the shift starts no earlier than the log's latest event, and the shift clock is set
/// to the starting speed so every console shows it.
struct TrainingRun {
    let store: EventStore
    let session: LogSession
    var world: LogWorld
    var sim: Simulation
    var pacer: ShiftPacer
    let scenario: Scenario

    /// `refusal` finishes the sentence given when `db` is a live log.
    static func begin(
        db: String, scenario: Scenario, forceText: String, seed: UInt64?, speed: ShiftSpeed, refusal: String
    )
        throws -> TrainingRun
    {
        var scenario = scenario
        if !FileManager.default.fileExists(atPath: db) {
            Heads.claim(
                try EventStore.create(
                    path: db, forceText: forceText, createdAt: scenario.start, training: true, durability: .fast))
        }
        let store = try EventStore.open(path: db)
        guard try store.header().training else {
            throw Failure(description: "\(db) is a live log; \(refusal)")
        }
        let session = try LogSession(store: store, trusted: Heads.trusted(store))
        // A log that has already moved on starts the scenario at its own latest time, so time never runs backwards.
        if let last = session.state.lastEventAt, last > scenario.start { scenario.start = last }
        var world = LogWorld(session: session)
        var sim = Simulation(scenario: scenario, seed: seed ?? scenario.seed)
        try sim.begin(&world)
        let initial = speed.rawValue
        if session.state.shiftClock.speed != initial {
            _ = try world.execute(
                .setShiftSpeed(initial), by: Actor(SimOperators.clock.id, console: "sim"), at: sim.now)
        }
        let pacer = ShiftPacer(
            start: scenario.start, end: scenario.end, initial: ShiftClock(speed: initial),
            logged: session.state.shiftClock)
        return TrainingRun(store: store, session: session, world: world, sim: sim, pacer: pacer, scenario: scenario)
    }
}
