import VigilCore

/// Where the simulator's commands go: a state in memory for headless runs, or a shared event log for live ones.
/// Either way every command is decided by the core; the simulator has no other way to change anything.
public protocol SimWorld {
    /// The latest state the simulator may read.
    var state: DispatchState { get }
    /// Decides and applies one command, returning its events or the refusal.
    mutating func execute(_ command: Command, by actor: Actor, at now: Instant) throws -> Result<[Event], DispatchError>
}

/// A world held in memory. It keeps every event so a run can be compared or written out afterwards, or, for a run
/// summarised as it goes, folds each event into the shift's figures and keeps none.
public struct MemoryWorld: SimWorld {
    public private(set) var state: DispatchState
    public private(set) var events: [Event] = []
    /// The figures so far, when the world was made to count.
    public private(set) var stats: ShiftStats?
    let keepsEvents: Bool

    public init(state: DispatchState) {
        self.state = state
        keepsEvents = true
    }

    /// A world that folds every event into `stats` as it is applied; it keeps the events only if `keepingEvents`.
    public init(state: DispatchState, counting stats: ShiftStats, keepingEvents: Bool) {
        self.state = state
        self.stats = stats
        keepsEvents = keepingEvents
    }

    /// Makes room in the state for a run's expected incidents and contacts.
    public mutating func reserveCapacity(incidents: Int, contacts: Int) {
        state.reserveCapacity(incidents: incidents, contacts: contacts)
    }

    /// Drops the events kept so far (a long run written out as it goes need not hold them).
    public mutating func forgetEvents() { events.removeAll(keepingCapacity: true) }

    public mutating func execute(_ command: Command, by actor: Actor, at now: Instant) -> Result<[Event], DispatchError>
    {
        let result = state.decide(command, by: actor, at: now)
        if case .success(let new) = result {
            state.apply(new)
            if stats != nil { for e in new { stats!.add(e) } }
            if keepsEvents { events += new }
        }
        return result
    }
}
