import VigilCore
import VigilSim
import VigilStore
import VigilTUI

/// The console's link to the event log: a session on it, the remembered heads, sign-on rules and the access log.
final class LogLink: ConsoleLink {
    let session: LogSession
    var watch = DeskWatch()

    init(session: LogSession) { self.session = session }

    var state: DispatchState { session.state }
    var lastSeq: Int64 { session.lastSeq }

    func actingTime(wallNow: Instant) -> Instant { session.actingTime(wallNow: wallNow) }

    func execute(_ command: Command, by actor: Actor, at now: Instant) throws -> Result<[Event], DispatchError> {
        try session.execute(command, by: actor, at: now).map { $0.map(\.event) }
    }

    /// A store error here (a server out of reach) is trouble to show, not the end of the console: the next tick
    /// tries again, and the session reads from where it stopped, so nothing is missed.
    func takeOthers() throws -> [Event] {
        do {
            let before = session.rejected.count
            let events = try session.refresh().map(\.event)
            readFailure = nil
            // An event not signed by the operator it names is never applied, and the room hears of it until the
            // console closes: someone with the log's file is writing to it.
            if session.rejected.count > before, let last = session.rejected.last {
                refused = "NOT APPLIED: \(last); tell a supervisor (vigil log verify)"
            }
            return events
        } catch {
            readFailure = error.message
            return []
        }
    }

    var readFailure: String?
    /// The last event passed over as not its operator's, said in the header.
    var refused: String?

    var trouble: String? { readFailure ?? refused ?? session.trouble }

    var standbyWarning: String?

    func events(after seq: Int64, limit: Int) throws -> [(seq: Int64, event: Event)] {
        try session.store.read(after: seq, limit: limit).map { ($0.seq, $0.event) }
    }

    func unlock(_ pin: String, by actor: Actor, at now: Instant) throws -> Bool {
        try SignOn.check(
            pin, actor.operatorID, session: session, console: actor.console, now: now, where: "at the locked console")
    }

    func recordShown(_ contact: ContactID, by actor: Actor, at now: Instant) throws {
        try session.store.recordAccess(
            AccessEntry(
                at: now, operatorID: actor.operatorID, console: actor.console,
                record: contact.description, what: "caller details"))
    }

    func remember() { Heads.remember(session.store) }

    func heartbeat(_ actor: Actor, wallNow: Double) throws -> [SilentDesk] {
        standbyWarning = session.store.standbyWarning()
        try session.store.beat(Heartbeat(console: actor.console, operatorID: actor.operatorID, wall: wallNow))
        guard !session.state.deskHolders.isEmpty else { return [] }
        return watch.silent(session.state, beats: session.store.heartbeats(), wallNow: wallNow)
    }

    func silentCalls(wallNow: Double) -> [SilentCall] {
        guard !session.state.contactsInHand.isEmpty else { return [] }
        return watch.silentCalls(session.state, beats: session.store.heartbeats(), wallNow: wallNow)
    }
}

/// A simulated shift played into the log from inside the console: the demo's feed, or a trainer's shift.
struct SimFeed: ConsoleFeed {
    var sim: Simulation
    var pacer: ShiftPacer
    var world: LogWorld
    /// Set for a training shift run at this console.
    let tracker: TrainingTracker?

    var now: Instant { sim.now }

    mutating func observe(_ events: [Event], in state: DispatchState) {
        if !events.isEmpty { sim.observe(state, events: events) }
    }

    mutating func advance(realSeconds: Double, clock: ShiftClock) throws {
        pacer.follow(clock)
        let target = pacer.advance(realSeconds: realSeconds, simulatedNow: sim.now)
        try sim.run(until: target, world: &world)
        try sim.endIfOver(&world)
    }

    mutating func takeBack(_ desks: [SilentDesk], calls: [SilentCall]) throws -> [Event] {
        try sim.takeBack(desks, calls: calls, &world)
    }

    func training(wantDebrief: Bool) -> TrainingInfo? {
        try? tracker?.info(sim: sim, wantDebrief: wantDebrief || sim.now >= sim.scenario.end)
    }
}
