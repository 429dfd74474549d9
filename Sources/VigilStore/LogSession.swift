import Foundation
import VigilCore

/// One console's live view of a log: its folded state and how far it has read. Commands are decided against the
/// latest state inside the write transaction, so two consoles never both act on a stale picture.
public final class LogSession {
    public let store: EventStore
    public private(set) var state: DispatchState
    public private(set) var lastSeq: Int64
    /// Snapshots skipped on opening, events not applied, and why; a console shows these.
    public var warnings: [String] { restoreWarnings + store.passedOver + rejected }
    /// Events passed over because they are not their operators' (a signed log), one sentence each, oldest first.
    public private(set) var rejected: [String] = []
    /// The hash of the event at `lastSeq`: each event taken in must follow it.
    var lastHash: Data
    /// Whether this log signs its events (a format-3 file that is not a training log).
    let signs: Bool
    /// Whether events need signatures now: a signing log whose chain holds a key.
    var checking: Bool { signs && !state.operatorKeys.isEmpty }
    /// The keys of the operators who proved their PIN through this session: what it signs with.
    var signer = EventSigner()
    let restoreWarnings: [String]
    /// A snapshot is written after this many new events (0: never).
    public var snapshotEvery: Int
    /// On a clean close, a snapshot is written if at least this many events came since the last (0: never): a snapshot
    /// is itself an event, so a `vigil do` of one command does not make one.
    public var snapshotOnCloseAfter = 1_000
    /// Who appended last through this session, and when: a snapshot is recorded in the chain by them.
    var lastActor: Actor?
    var lastAt = Instant(seconds: 0)
    var lastSnapshotSeq: Int64
    /// Other writers' events folded in since the last `refresh()`, kept for it to return: those taken in while
    /// committing would otherwise never be seen by a simulator or a screen reacting to them.
    var unseen: [StoredEvent] = []
    /// How many unseen events are kept for a session that never refreshes (a load test): the oldest go first.
    static let unseenLimit = 100_000
    /// Whether this session appended anything: only a process that writes events writes snapshots, so opening or
    /// reading a log never writes to it.
    var appended = false

    /// Whether the log is a training log, whose actions take the shift's time rather than the wall clock's.
    public let training: Bool
    /// When the log was made: the time of a training log with no events yet.
    let createdAt: Instant
    /// When the last event folded in was written, by the wall clock.
    var lastWrittenAt: Instant?
    /// The latest time `actingTime` gave, so a console's clock never runs backwards.
    var lastActingTime: Instant?

    /// Opens a session at the log's current end, from the newest good snapshot plus the events after it. On a signed
    /// log, events after `trusted` (the head this machine checked before) are each checked as they are folded in.
    public init(store: EventStore, snapshotEvery: Int = 10_000, trusted: LogHead? = nil) throws(StoreError) {
        self.store = store
        let header = try store.header()
        training = header.training
        createdAt = header.createdAt
        signs = try store.takesKeys()
        lastWrittenAt = try store.lastWrittenAt()
        let restored = try store.restore(trusted: trusted)
        state = restored.state
        lastSeq = restored.lastSeq
        let headHash = try store.hash(at: restored.lastSeq) ?? Data()
        lastHash = headHash
        rejected = restored.rejected
        restoreWarnings = restored.warnings
        store.noteChecked(LogHead(seq: restored.lastSeq, hash: headHash))
        self.snapshotEvery = snapshotEvery
        lastSnapshotSeq = restored.snapshotSeq ?? 0
    }

    /// On clean shutdown: a snapshot if this session appended since the last one, then the log's WAL folded into its
    /// main file so a copy of the `.db` alone holds everything.
    public func close() throws(StoreError) {
        if appended, snapshotOnCloseAfter > 0, lastSeq - lastSnapshotSeq >= Int64(snapshotOnCloseAfter) {
            try snapshot()
        }
        store.checkpoint()
    }

    /// Stores a snapshot of the state at the head and records it in the chain, taking in others' events first.
    func snapshot() throws(StoreError) {
        guard let actor = lastActor, store.backend.writesSnapshots else { return }
        try takeIn()
        // Taken, or lost to another writer who got in first: either way the next try is another interval away, so a
        // busy room does not encode the state on every command.
        _ = try store.recordSnapshot(
            state, at: lastSeq, by: actor, now: max(lastAt, state.lastEventAt ?? lastAt), signer: signer)
        lastSnapshotSeq = lastSeq
        try takeIn()
    }

    /// Takes a snapshot at the head now, recorded in the chain by `actor`, whatever the intervals say: the
    /// administrator's `vigil log snapshot`. Returns the seq it is of, or nil when there was nothing to snapshot.
    public func snapshotNow(by actor: Actor, at now: Instant) throws(StoreError) -> Int64? {
        guard store.backend.writesSnapshots else {
            throw .other("\(store.path): only the log's administrator writes snapshots on a server")
        }
        try takeIn()
        guard lastSeq > lastSnapshotSeq + 1 else { return nil }
        let seq = try store.recordSnapshot(
            state, at: lastSeq, by: actor, now: max(now, state.lastEventAt ?? now), signer: signer)
        if seq != nil { lastSnapshotSeq = lastSeq }
        try takeIn()
        return seq
    }

    /// Folds in others' events, keeping them for the next `refresh()`, so a snapshot's look at the log hides nothing.
    func takeIn() throws(StoreError) {
        absorb(try store.read(after: lastSeq, limit: Int.max))
    }

    /// Folds in events others have appended since the last look and returns every event of theirs this session took in
    /// since the last refresh, including those taken in while it committed: each once, in log order.
    @discardableResult
    public func refresh() throws(StoreError) -> [StoredEvent] {
        if signal == nil { signal = try store.backend.makeChangeSignal() }
        // Read only when the store says something may have been committed: a server's LISTEN wake-up (or its slow
        // poll), SQLite's data_version.
        if try signal?.changed() ?? true { try takeIn() }
        defer { unseen.removeAll() }
        return unseen
    }

    /// What tells this session that others have committed; made on the first refresh.
    var signal: (any ChangeSignal)?

    /// Why the store is not heard live just now (a server connection being made again), or nil.
    public var trouble: String? { signal?.trouble }

    /// Decides `command` against the latest state and appends its events; they are durable when this returns.
    public func execute(_ command: Command, by actor: Actor, at now: Instant) throws(StoreError) -> Result<
        [StoredEvent], DispatchError
    > {
        try executeAll([command], by: actor, at: now)
    }

    /// Decides several commands in order against the latest state and appends all their events in one transaction, or
    /// nothing when any is refused: `vigil do` signs on, acts and signs off as one commit. A credential given is written
    /// in the same transaction.
    public func executeAll(
        _ commands: [Command], by actor: Actor, at now: Instant,
        credential: Credential? = nil
    ) throws(StoreError) -> Result<[StoredEvent], DispatchError> {
        // A new key for the actor themselves: the chain's first signs its own setting; a changed one is set by the old.
        var signer = self.signer
        let me = actor.operatorID.lowercased()
        if let credential, credential.operatorID.lowercased() == me {
            if signer.keys[me] == nil { signer.keys[me] = credential.key } else { signer.next[me] = credential.key }
        }
        do {
            var outcome: Result<[Event], DispatchError> = .success([])
            let (_, stored, _) = try store.transact(
                after: lastSeq, side: credential.map { [.credential($0, at: now)] } ?? [], signer: signer,
                { newer -> ([Event], Void) in
                    // Others' events are folded in once, here, and the commands are decided against that state.
                    self.absorb(newer)
                    // Never dated before the event before: a console whose clock is behind another's stamps its work
                    // at the log's latest time, and readers of a signed log refuse any event dated earlier.
                    let now = max(now, self.state.lastEventAt ?? now)
                    // A scratch copy only when a later command must see an earlier one's events.
                    var scratch: DispatchState?
                    var all: [Event] = []
                    for (n, c) in commands.enumerated() {
                        switch (scratch ?? state).decide(c, by: actor, at: now) {
                        case .success(let events):
                            if n < commands.count - 1 {
                                if scratch == nil { scratch = state }
                                scratch?.apply(events)
                            }
                            all += events
                        case .failure(let e):
                            outcome = .failure(e)
                            return ([], ())
                        }
                    }
                    try self.checkSigned(all, by: signer)
                    outcome = .success(all)
                    return (all, ())
                })
            absorb(stored, own: true)
            if let credential, !stored.isEmpty, credential.operatorID.lowercased() == actor.operatorID.lowercased() {
                self.signer.keys[actor.operatorID.lowercased()] = credential.key
            }
            if !stored.isEmpty { appended = true; lastActor = actor; lastAt = now }
            if snapshotEvery > 0, lastSeq - lastSnapshotSeq >= Int64(snapshotEvery) { try snapshot() }
            return outcome.map { _ in stored }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .other("\(error)")
        }
    }

    /// The time to act at when none is given: the wall clock on a live log. On a training log it is the shift's clock
    /// (`ShiftTime`), so every console of a shift, and `vigil do`, stamps and numbers its work in shift time; it never
    /// runs backwards.
    public func actingTime(wallNow: Instant) -> Instant {
        guard training else { return wallNow }
        let last = state.lastEventAt ?? createdAt
        // A shift that has ended stands at its end.
        var t =
            state.shiftEnded
            ? last
            : ShiftTime.now(
                lastEventAt: last, writtenAt: lastWrittenAt ?? wallNow, clock: state.shiftClock, wallNow: wallNow)
        if let before = lastActingTime, before > t { t = before }
        lastActingTime = t
        return t
    }

    /// Refuses, before anything is written, events that every reader would pass over: on a signed log, each needs
    /// its operator's key, which this session holds only after they proved their PIN through it.
    func checkSigned(_ events: [Event], by signer: EventSigner) throws(StoreError) {
        guard checking else { return }
        for e in events where !EventCheck.exempt(e.change, by: e.operatorID) {
            guard signer.keys[e.operatorID.lowercased()] != nil else {
                throw .other(
                    "\(e.operatorID.terminalSafe) has not given their PIN here, so nothing can be signed as them; nothing was written"
                )
            }
            // What every reader would pass over is refused here, aloud, rather than written and lost.
            if let why = EventCheck.roleProblem(e, state: state) { throw .other(why + "; nothing was written") }
        }
    }

    /// Takes `key` as `op`'s when `secret` opens the box the store keeps for them and the chain holds its public half:
    /// a box put in the store by anyone else opens to a key no reader trusts, and counts as a wrong PIN. On a log
    /// that does not sign (a server's, a format-2 file), whether the secret is theirs.
    public func prove(_ secret: String, for op: OperatorID) throws(StoreError) -> Bool {
        guard checking else { return try store.checkSecret(secret, for: op) }
        guard let key = try store.openKey(secret, for: op), let held = state.operatorKeys[op],
            Data(base64Encoded: held.key) == key.publicKey
        else { return false }
        signer.keys[op.lowercased()] = key
        return true
    }

    /// Whether this session can sign as `op`.
    public func holdsKey(of op: OperatorID) -> Bool { signer.keys[op.lowercased()] != nil }

    /// Folds events after `lastSeq` into the state; others' are kept for `refresh()`. On a signed log each of
    /// others' events is checked first, and one that is not its operator's is named in `rejected`, never applied.
    func absorb(_ events: [StoredEvent], own: Bool = false) {
        for e in events where e.seq > lastSeq {
            // Past an event a server's log passed over (unreadable, and named), the chain goes on from the row before
            // this one as the server holds it.
            let prevHash = e.seq == lastSeq + 1 || !store.isServer ? lastHash : e.prevHash
            lastHash = e.hash
            lastSeq = e.seq
            // Neither applied nor handed on: no screen or simulator reacts to an event that is not its operator's.
            if !own, signs, let why = EventStore.signedProblem(e, prev: prevHash, state: state) {
                rejected.append(EventStore.rejection(e, why))
                // Remembered no further than the event before it, so every later open checks it again.
                store.checked.stop(at: LogHead(seq: e.seq - 1, hash: prevHash))
                continue
            }
            state.apply(e.event)
            store.noteChecked(LogHead(seq: e.seq, hash: e.hash))
            lastWrittenAt = e.recordedAt
            if !own { unseen.append(e) }
        }
        // Trimmed to half the limit at once, so a session that never refreshes (a load test) does not shift the whole
        // buffer on every commit.
        if unseen.count > Self.unseenLimit { unseen.removeFirst(unseen.count - Self.unseenLimit / 2) }
    }
}
