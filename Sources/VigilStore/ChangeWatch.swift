import GRDB

extension EventStore {
    /// A cheap check for other processes' commits: SQLite's `data_version` changes when another connection commits.
    /// Consoles call `changed()` on their tick (every 100–200 ms) and read new events only when it says so.
    public final class Watch {
        let store: EventStore
        var lastVersion: Int?
        var lastSeq: Int64

        init(store: EventStore, lastSeq: Int64) { self.store = store; self.lastSeq = lastSeq }

        /// New events since the last call, oldest first; empty (and nearly free) when nothing was committed.
        public func poll() throws(StoreError) -> [StoredEvent] {
            // data_version is per connection, so it is read from one dedicated connection each time.
            let version = try store.guarded {
                try store.watchConnection.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
            }
            if version == lastVersion { return [] }
            lastVersion = version
            let events = try store.read(after: lastSeq, limit: .max)
            if let last = events.last { lastSeq = last.seq }
            return events
        }
    }

    /// Starts watching for events after `seq`.
    public func watch(after seq: Int64) -> Watch { Watch(store: self, lastSeq: seq) }
}
