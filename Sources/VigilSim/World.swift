import VigilCore

/// Where the simulator's commands go: a state in memory for headless runs, or a shared event log for live ones.
/// Either way every command is decided by the core; the simulator has no other way to change anything.
public protocol SimWorld {
    /// The latest state the simulator may read.
    var state: DispatchState { get }
    /// Decides and applies one command, returning its events or the refusal.
    mutating func execute(_ command: Command, by actor: Actor, at now: Instant) throws -> Result<[Event], DispatchError>
}

/// A world held in memory; it keeps every event so a run can be summarised, compared or written out afterwards.
public struct MemoryWorld: SimWorld {
    public private(set) var state: DispatchState
    public private(set) var events: [Event] = []

    public init(state: DispatchState) { self.state = state }

    /// Makes room in the state for a run's expected incidents and contacts.
    public mutating func reserveCapacity(incidents: Int, contacts: Int) {
        state.reserveCapacity(incidents: incidents, contacts: contacts)
    }

    /// Drops the events kept so far (a long run summarised as it goes need not hold them).
    public mutating func forgetEvents() { events.removeAll(keepingCapacity: true) }

    public mutating func execute(_ command: Command, by actor: Actor, at now: Instant) -> Result<[Event], DispatchError> {
        let result = state.decide(command, by: actor, at: now)
        if case .success(let new) = result {
            state.apply(new)
            events += new
        }
        return result
    }
}
