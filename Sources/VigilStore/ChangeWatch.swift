import VigilCore

extension EventStore {
    /// A cheap check for other processes' commits: SQLite's `data_version`, or PostgreSQL's `LISTEN` wake-ups.
    /// Consoles call `poll()` on their tick (every 100–200 ms) and read new events only when the store says so.
    public final class Watch {
        let store: EventStore
        let signal: any ChangeSignal
        var lastSeq: Int64

        init(store: EventStore, signal: any ChangeSignal, lastSeq: Int64) {
            self.store = store
            self.signal = signal
            self.lastSeq = lastSeq
        }

        /// New events since the last call, oldest first; empty (and nearly free) when nothing was committed.
        public func poll() throws(StoreError) -> [StoredEvent] {
            guard try signal.changed() else { return [] }
            let events = try store.read(after: lastSeq, limit: .max)
            if let last = events.last { lastSeq = last.seq }
            return events
        }

        /// Why this watch is not hearing the store live (a dropped server connection), for the status line.
        public var trouble: String? { signal.trouble }
    }

    /// Starts watching for events after `seq`.
    public func watch(after seq: Int64) throws(StoreError) -> Watch {
        Watch(store: self, signal: try backend.makeChangeSignal(), lastSeq: seq)
    }
}
