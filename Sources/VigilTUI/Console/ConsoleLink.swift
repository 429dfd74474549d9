import VigilCore

/// What the console loop acts through: the shared log as this console sees it. The executable implements it over
/// the event log; the loop knows nothing of how events are stored.
public protocol ConsoleLink: AnyObject {
    /// The state folded from the log, as far as this console has read.
    var state: DispatchState { get }
    /// The last event folded in.
    var lastSeq: Int64 { get }
    /// The time this console acts and shows: the wall clock on a live log, the shift's clock on a training log.
    func actingTime(wallNow: Instant) -> Instant
    /// Decides `command` against the latest state and appends its events; returns this console's events.
    func execute(_ command: Command, by actor: Actor, at now: Instant) throws -> Result<[Event], DispatchError>
    /// Folds in what other writers appended and returns their events since the last call, each once.
    func takeOthers() throws -> [Event]
    /// Why the log is out of reach just now (a server connection lost, being made again), or nil.
    var trouble: String? { get }
    /// A standing warning about the log's safety ("NO STANDBY"), looked up with each heartbeat, or nil.
    var standbyWarning: String? { get }
    /// The log's events after `seq`, at most `limit`, with their seqs: the audit view reads these.
    func events(after seq: Int64, limit: Int) throws -> [(seq: Int64, event: Event)]
    /// Whether `pin` is the operator's PIN, checked as every sign-on is: a wrong one is recorded; throws, ending the
    /// console, when it locks the operator out.
    func unlock(_ pin: String, by actor: Actor, at now: Instant) throws -> Bool
    /// Records in the access log that a call's caller details came on screen.
    func recordShown(_ contact: ContactID, by actor: Actor, at now: Instant) throws
    /// Remembers where the log ends, so a rolled-back copy is noticed next time (called about once a minute).
    func remember()
    /// Writes this console's heartbeat beside the log and returns the desks whose holders' consoles have fallen
    /// silent (called every `DeskWatch.beatEvery` seconds); throws when the heartbeat cannot be written.
    func heartbeat(_ actor: Actor, wallNow: Double) throws -> [SilentDesk]
    /// Calls in hand whose handler's consoles have fallen silent (read beside the log), to give back to the queue.
    func silentCalls(wallNow: Double) -> [SilentCall]
}

/// A simulated shift run inside the console (the demo, or a trainer's console): the loop moves it on each tick and
/// tells it, in one place, what other writers and this console did.
public protocol ConsoleFeed {
    /// The simulated shift's clock, which the console shows instead of the wall clock.
    var now: Instant { get }
    /// Learns of events the simulator did not write itself.
    mutating func observe(_ events: [Event], in state: DispatchState)
    /// Moves the shift on by `realSeconds` of wall time at the shift clock's pace.
    mutating func advance(realSeconds: Double, clock: ShiftClock) throws
    /// The trainer's panel (and the debrief when wanted or the shift is over); nil when no training shift runs here.
    func training(wantDebrief: Bool) -> TrainingInfo?
    /// Releases desks whose consoles fell silent, so the simulator works them again; returns the events, which the
    /// feed has already observed.
    mutating func takeBack(_ desks: [SilentDesk], calls: [SilentCall]) throws -> [Event]
}
