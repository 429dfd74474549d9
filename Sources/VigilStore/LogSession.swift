import VigilCore

/// One console's live view of a log: its folded state and how far it has read. Commands are decided against the
/// latest state inside the write transaction, so two consoles never both act on a stale picture.
public final class LogSession {
    public let store: EventStore
    public private(set) var state: DispatchState
    public private(set) var lastSeq: Int64

    /// Opens a session at the log's current end.
    public init(store: EventStore) throws(StoreError) {
        self.store = store
        (state, lastSeq) = try store.replay()
    }

    /// Applies events others have appended since the last look; returns them.
    @discardableResult
    public func refresh() throws(StoreError) -> [StoredEvent] {
        let newer = try store.read(after: lastSeq, limit: Int.max)
        absorb(newer)
        return newer
    }

    /// Decides `command` against the latest state and appends its events; they are durable when this returns.
    public func execute(_ command: Command, by actor: Actor, at now: Instant) throws(StoreError) -> Result<[StoredEvent], DispatchError> {
        do {
            var outcome: Result<[Event], DispatchError> = .success([])
            let (newer, stored, _) = try store.transact(after: lastSeq) { newer -> ([Event], Void) in
                var latest = state
                for e in newer { latest.apply(e.event) }
                outcome = latest.decide(command, by: actor, at: now)
                return ((try? outcome.get()) ?? [], ())
            }
            absorb(newer)
            absorb(stored)
            return outcome.map { _ in stored }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .other("\(error)")
        }
    }

    func absorb(_ events: [StoredEvent]) {
        for e in events where e.seq > lastSeq {
            state.apply(e.event)
            lastSeq = e.seq
        }
    }
}
