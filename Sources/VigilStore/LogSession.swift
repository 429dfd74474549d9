import VigilCore

/// One console's live view of a log: its folded state and how far it has read. Commands are decided against the
/// latest state inside the write transaction, so two consoles never both act on a stale picture.
public final class LogSession {
    public let store: EventStore
    public private(set) var state: DispatchState
    public private(set) var lastSeq: Int64
    /// Snapshots skipped on opening, and why; a console shows these.
    public let warnings: [String]
    /// A snapshot is written after this many new events (0: never).
    public var snapshotEvery: Int
    /// On a clean close, a snapshot is written if at least this many events came since the last (0: never): a snapshot
    /// is itself an event, so a `vigil do` of one command does not make one.
    public var snapshotOnCloseAfter = 1_000
    /// Who appended last through this session, and when: a snapshot is recorded in the chain by them.
    var lastActor: Actor?
    var lastAt = Instant(seconds: 0)
    var lastSnapshotSeq: Int64
    /// Whether to keep other consoles' events absorbed while committing, for `takeAbsorbed()` (the simulator reacts to them).
    public var keepsAbsorbed = false
    var absorbed: [StoredEvent] = []
    /// Whether this session appended anything: only a process that writes events writes snapshots, so opening or
    /// reading a log never writes to it.
    var appended = false

    /// Opens a session at the log's current end, from the newest good snapshot plus the events after it.
    public init(store: EventStore, snapshotEvery: Int = 10_000) throws(StoreError) {
        self.store = store
        let restored = try store.restore()
        state = restored.state
        lastSeq = restored.lastSeq
        warnings = restored.warnings
        self.snapshotEvery = snapshotEvery
        lastSnapshotSeq = restored.snapshotSeq ?? 0
    }

    /// On clean shutdown: a snapshot if this session appended since the last one, then the log's WAL folded into its
    /// main file so a copy of the `.db` alone holds everything.
    public func close() throws(StoreError) {
        if appended, snapshotOnCloseAfter > 0, lastSeq - lastSnapshotSeq >= Int64(snapshotOnCloseAfter) { try snapshot() }
        store.checkpoint()
    }

    /// Stores a snapshot of the state at the head and records it in the chain, taking in others' events first.
    func snapshot() throws(StoreError) {
        guard let actor = lastActor else { return }
        try takeIn()
        // Taken, or lost to another writer who got in first: either way the next try is another interval away, so a
        // busy room does not encode the state on every command.
        _ = try store.recordSnapshot(state, at: lastSeq, by: actor, now: max(lastAt, state.lastEventAt ?? lastAt))
        lastSnapshotSeq = lastSeq
        try takeIn()
    }

    /// Refreshes, keeping what arrived for `takeAbsorbed()` when asked to, so a snapshot's look at the log hides nothing.
    func takeIn() throws(StoreError) {
        let newer = try refresh()
        if keepsAbsorbed { absorbed += newer }
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
        try executeAll([command], by: actor, at: now)
    }

    /// Decides several commands in order against the latest state and appends all their events in one transaction, or
    /// nothing when any is refused: `vigil do` signs on, acts and signs off as one commit. A credential given is written
    /// in the same transaction.
    public func executeAll(_ commands: [Command], by actor: Actor, at now: Instant,
                           credential: Credential? = nil) throws(StoreError) -> Result<[StoredEvent], DispatchError> {
        do {
            var outcome: Result<[Event], DispatchError> = .success([])
            let (newer, stored, _) = try store.transact(after: lastSeq, { newer -> ([Event], Void) in
                var latest = state
                for e in newer { latest.apply(e.event) }
                var all: [Event] = []
                for (n, c) in commands.enumerated() {
                    switch latest.decide(c, by: actor, at: now) {
                    case .success(let events):
                        // Only a later command needs to see these; applying the last would copy the whole state.
                        if n < commands.count - 1 { latest.apply(events) }
                        all += events
                    case .failure(let e):
                        outcome = .failure(e)
                        return ([], ())
                    }
                }
                outcome = .success(all)
                return (all, ())
            }, alsoWriting: credential.map { c in { db in try EventStore.write(c, at: now, db: db) } })
            if keepsAbsorbed { absorbed += newer.filter { $0.seq > lastSeq } }
            absorb(newer)
            absorb(stored)
            if !stored.isEmpty { appended = true; lastActor = actor; lastAt = now }
            if snapshotEvery > 0, lastSeq - lastSnapshotSeq >= Int64(snapshotEvery) { try snapshot() }
            return outcome.map { _ in stored }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .other("\(error)")
        }
    }

    /// Other consoles' events taken in while this session committed, since the last call; only kept with `keepsAbsorbed`.
    public func takeAbsorbed() -> [StoredEvent] {
        defer { absorbed.removeAll() }
        return absorbed
    }

    func absorb(_ events: [StoredEvent]) {
        for e in events where e.seq > lastSeq {
            state.apply(e.event)
            lastSeq = e.seq
        }
    }
}
