import Foundation
import VigilCore
import VigilForce

/// How hard a log holds on to each commit.
public enum Durability: Sendable {
    /// `synchronous=FULL`: an acknowledged action survives power loss. For live logs.
    case live
    /// `synchronous=NORMAL`: faster; a crash of the machine may lose the last moments. Training and simulation only.
    case fast
}

/// The furthest head checked, shared by the sessions of one store.
final class CheckedHead: @unchecked Sendable {
    private let lock = NSLock()
    private var value: LogHead?
    private var keyed = false

    var head: LogHead? { lock.withLock { value } }
    /// Once a key is in the chain it stays there: a store found signed stays so.
    var signed: Bool {
        get { lock.withLock { keyed } }
        set { lock.withLock { keyed = newValue } }
    }

    private var stopped = false
    private var marks: [SnapshotMark] = []

    /// The snapshots this process vouches for: those it wrote, those `verify` held to the chain, and those the
    /// machine's memory vouched for when the log was opened.
    var snapshots: [SnapshotMark] { lock.withLock { marks } }

    func vouch(for mark: SnapshotMark) { lock.withLock { if !marks.contains(mark) { marks.append(mark) } } }

    func advance(to head: LogHead) {
        lock.withLock { if !stopped, head.seq > value?.seq ?? -1 { value = head } }
    }

    /// Holds the checked head where it is for good: an event after it was passed over, and a head remembered past
    /// it would let the next open trust (and apply) that event.
    func stop(at head: LogHead) {
        lock.withLock {
            if !stopped, head.seq > value?.seq ?? -1 { value = head }
            stopped = true
        }
    }
}

/// The append-only, hash-chained event log shared by every console on it: in a SQLite file (the embedded default)
/// or on a PostgreSQL server (a `postgres://` URL). The chain's rules live here, once; the store's rows live in a
/// `LogBackend`.
public final class EventStore: Sendable {
    let backend: any LogBackend

    /// The file's path, or the server's URL without its password.
    public var path: String { backend.location }
    public var durability: Durability { backend.durability }
    /// Opened to read only: appends fail, and nothing (not even a checkpoint) touches the store.
    public var isReadOnly: Bool { backend.isReadOnly }
    /// Things the user should hear once on opening (a log other users can read).
    public var warnings: [String] { backend.warnings }
    /// Whether the log is on a PostgreSQL server rather than in a file.
    public var isServer: Bool { backend is PostgresLog }

    init(backend: any LogBackend) { self.backend = backend }

    /// The furthest head a session of this process checked every event up to (on a signed log): what this machine
    /// may remember as checked, so its next open trusts it.
    let checked = CheckedHead()

    /// The head to remember as checked: a signed log's as far as a session checked it; any other log's end.
    public func checkedHead() throws(StoreError) -> LogHead? {
        try checksSignatures() ? checked.head : head()
    }

    /// Notes that every event up to `head` was checked (by a session as it took them in, or by `verify`).
    public func noteChecked(_ head: LogHead) { checked.advance(to: head) }

    /// Snapshots this machine vouches for (remembered in its state folder): on a signed log in a file, the only ones
    /// a session opens from.
    public func vouch(for marks: [SnapshotMark]) { for m in marks { checked.vouch(for: m) } }

    /// The snapshots this process vouches for, to remember with the head.
    public var vouchedSnapshots: [SnapshotMark] { checked.snapshots }

    /// What the log was created with.
    public struct Header: Sendable, Hashable {
        public var forceText: String
        public var createdAt: Instant
        public var training: Bool
        public var genesis: Data
        /// Random, per log: part of the genesis.
        public var nonce: String

        /// Whether the header is the one the chain's genesis was made from: a flipped training mark, another force or
        /// creation time all fail this.
        public var matchesGenesis: Bool {
            EventCoding.genesis(forceText: forceText, createdAt: createdAt.seconds, training: training, nonce: nonce)
                == genesis
        }

        /// A new log's header, with a fresh nonce.
        static func make(forceText: String, createdAt: Instant, training: Bool) -> Header {
            var rng = SystemRandomNumberGenerator()
            let nonce = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &rng)) }.joined()
            return Header(
                forceText: forceText, createdAt: createdAt, training: training,
                genesis: EventCoding.genesis(
                    forceText: forceText, createdAt: createdAt.seconds, training: training, nonce: nonce),
                nonce: nonce)
        }

        /// The header as the meta table's rows.
        var metaRows: [(String, String)] {
            [
                ("force", forceText), ("created_at", "\(createdAt.seconds)"), ("training", training ? "1" : "0"),
                ("nonce", nonce), ("genesis", genesis.base64EncodedString()),
            ]
        }

        /// The header from the meta table's rows, or `corrupt` when a part is missing or unreadable.
        init(meta: [String: String], path: String) throws(StoreError) {
            guard let force = meta["force"], let created = meta["created_at"].flatMap(Int64.init),
                let training = meta["training"], ["0", "1"].contains(training), let nonce = meta["nonce"],
                let genesis = meta["genesis"].flatMap({ Data(base64Encoded: $0) })
            else {
                throw .corrupt(path: path, detail: "its header is incomplete")
            }
            self.init(
                forceText: force, createdAt: Instant(stored: created), training: training == "1", genesis: genesis,
                nonce: nonce)
        }

        init(forceText: String, createdAt: Instant, training: Bool, genesis: Data, nonce: String) {
            self.forceText = forceText
            self.createdAt = createdAt
            self.training = training
            self.genesis = genesis
            self.nonce = nonce
        }

        /// Refuses a header that is not the chain's genesis, or a first event that does not follow from it.
        func checkGenesis(firstPrevHash: Data?, path: String) throws(StoreError) {
            guard matchesGenesis else {
                throw .tampered(
                    path: path,
                    detail: "its header (force, creation time or training mark) does not match the chain's genesis")
            }
            if let firstPrevHash, firstPrevHash != genesis {
                throw .tampered(path: path, detail: "its first event does not follow from its genesis")
            }
        }
    }

    /// An operator signing in to a log on a server as their own login role, with their passphrase.
    public struct ServerLogin: Sendable {
        public var operatorID: OperatorID
        public var secret: String
        public init(operatorID: OperatorID, secret: String) { self.operatorID = operatorID; self.secret = secret }
    }

    /// Whether `location` names a PostgreSQL server rather than a file.
    public static func isServerURL(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Creates a new log for a force: a file, which must not exist, or the schema on a PostgreSQL server, which must
    /// not hold one. A live log is made with its first supervisor's credential in the same transaction, so it is never
    /// without one.
    public static func create(
        path: String, forceText: String, createdAt: Instant, training: Bool = false,
        durability: Durability = .live, firstCredential: Credential? = nil,
        wallClock: @escaping @Sendable () -> Instant = EventStore.systemNow
    ) throws(StoreError) -> EventStore {
        do {
            _ = try ForceLoader.parse(forceText, file: "force")
        } catch {
            throw .badForce(error.description)
        }
        let header = Header.make(forceText: forceText, createdAt: createdAt, training: training)
        let store = try create(
            path: path, header: header, durability: durability, firstCredential: firstCredential, wallClock: wallClock)
        guard let firstCredential, !training, store.signsEvents else { return store }
        // The log's first signing key is its first supervisor's, set by them and signed by itself: the one key the
        // chain takes on its own word, because nothing is in the chain yet to vouch for it.
        do {
            let session = try LogSession(store: store)
            let outcome = try session.setPIN(
                firstCredential, by: Actor(firstCredential.operatorID, console: "log-init"), at: createdAt)
            if case .failure(let e) = outcome { throw StoreError.other(e.message) }
            store.checkpoint()
        } catch {
            store.backend.discard()
            if let e = error as? StoreError { throw e }
            throw .other("\(path): \(error)")
        }
        return store
    }

    /// Creates a new, empty log with a given header: a new log's, or the one a copy keeps.
    static func create(
        path: String, header: Header, durability: Durability, firstCredential: Credential?,
        wallClock: @escaping @Sendable () -> Instant
    ) throws(StoreError) -> EventStore {
        if isServerURL(path) {
            return EventStore(
                backend: try PostgresLog.create(
                    url: path, header: header, firstCredential: firstCredential, wallClock: wallClock))
        }
        return EventStore(
            backend: try SQLiteLog.create(
                path: path, header: header, durability: durability, firstCredential: nil, wallClock: wallClock))
    }

    /// Opens an existing log, refusing stores that are missing, foreign, older, newer, tampered with at the header or
    /// damaged, and changing nothing in them. Without a `durability`, a training log commits `.fast` and any other
    /// log `.live`, as its header (bound to the chain's genesis) says.
    public static func open(
        path: String, durability: Durability? = nil, login: ServerLogin? = nil,
        wallClock: @escaping @Sendable () -> Instant = EventStore.systemNow
    ) throws(StoreError) -> EventStore {
        try open(path: path, durability: durability, wallClock: wallClock, pragmas: [], readOnly: false, login: login)
    }

    /// Opens a log to read only: nothing is written to it, not even a checkpoint, and an evidential copy on
    /// write-protected media, without its `-wal` and `-shm`, opens as immutable.
    public static func openReadOnly(path: String, login: ServerLogin? = nil) throws(StoreError) -> EventStore {
        try open(
            path: path, durability: nil, wallClock: EventStore.systemNow, pragmas: [], readOnly: true, login: login)
    }

    /// As `open`, with extra per-connection pragmas (tests use `max_page_count` to simulate a full disk).
    static func open(
        path: String, durability: Durability?, wallClock: @escaping @Sendable () -> Instant,
        pragmas: [String], readOnly: Bool = false, login: ServerLogin? = nil
    ) throws(StoreError) -> EventStore {
        if isServerURL(path) {
            return EventStore(
                backend: try PostgresLog.open(url: path, login: login, readOnly: readOnly, wallClock: wallClock))
        }
        return EventStore(
            backend: try SQLiteLog.open(
                path: path, durability: durability, wallClock: wallClock, pragmas: pragmas, readOnly: readOnly))
    }

    /// Brings an older log file to the current format and opens it: its events stay as they were (unsigned), and a
    /// live log's events need signatures once a supervisor's key is recorded (`vigil log upgrade` does both).
    public static func upgrade(path: String) throws(StoreError) -> EventStore {
        guard !isServerURL(path) else {
            throw .other("\(path): a log on a server is upgraded by its administrator with a supervisor's passphrase")
        }
        try SQLiteLog.upgrade(path: path)
        return try open(path: path)
    }

    /// Brings a log on a server from format 3 to 4, where every event is signed, in place: `url` is its
    /// administrator's, and `supervisor`'s passphrase is checked by signing in as their role first. Their key is then
    /// made first in the chain by `LogSession.setPIN`, as a file's upgrade does.
    public static func upgradeServer(url: String, supervisor: OperatorID, secret: String) throws(StoreError)
        -> EventStore
    {
        try PostgresLog.upgrade(url: url, supervisor: supervisor, secret: secret)
        return try open(path: url)
    }

    /// Makes every acknowledged event durable in the store's main file (a SQLite log's WAL folded in).
    public func checkpoint() { backend.checkpoint() }

    /// The system's wall clock, for `recorded_at`.
    public static let systemNow: @Sendable () -> Instant = { Instant(seconds: Int64(Date().timeIntervalSince1970)) }

    /// The log's header: its force file, creation time and training mark.
    public func header() throws(StoreError) -> Header { try backend.header() }

    /// The log's head: its last seq and that event's hash (the genesis when empty).
    public func head() throws(StoreError) -> LogHead {
        if let tail = try backend.tail() { return tail }
        return LogHead(seq: 0, hash: try header().genesis)
    }

    /// The hash of the event at `seq` (the genesis at 0), or nil when the log is shorter.
    public func hash(at seq: Int64) throws(StoreError) -> Data? {
        seq == 0 ? try header().genesis : try backend.hash(at: seq)
    }

    /// When the log's last event was written, by the wall clock (nil when empty): with its shift time, how other
    /// consoles tell the time on a training shift.
    public func lastWrittenAt() throws(StoreError) -> Instant? { try backend.lastWrittenAt() }

    /// The highest sequence number in the log (0 when empty).
    public func lastSeq() throws(StoreError) -> Int64 { try backend.lastSeq() }

    /// Events after `seq`, oldest first, at most `limit`.
    public func read(after seq: Int64, limit: Int = 10_000) throws(StoreError) -> [StoredEvent] {
        try backend.read(after: seq, limit: limit)
    }

    /// Appends events in one transaction and returns them as stored; they are durable when this returns.
    @discardableResult
    public func append(_ events: [Event]) throws(StoreError) -> [StoredEvent] {
        do {
            return try backend.transact(after: .max, side: [], signer: EventSigner()) { _ in (events, ()) }.1
        } catch let e as StoreError {
            throw e
        } catch {
            throw .other("\(error)")
        }
    }

    /// Appends events in one transaction, each signed with `key` whoever it names: what a signed log's writer pays
    /// per event, for `vigil bench` (readers pass over events whose operator's key in the chain is another).
    @discardableResult
    public func append(_ events: [Event], signingWith key: SigningKey) throws(StoreError) -> [StoredEvent] {
        var signer = EventSigner()
        for op in Set(events.map { $0.operatorID.lowercased() }) { signer.keys[op] = key }
        do {
            return try backend.transact(after: .max, side: [], signer: signer) { _ in (events, ()) }.1
        } catch let e as StoreError {
            throw e
        } catch {
            throw .other("\(error)")
        }
    }

    /// Inside one write transaction: brings `catchUp` the events others appended after `seq`, lets it decide what to
    /// append against that latest state, and appends it. This is how a console validates a command at commit.
    public func transact<T>(after seq: Int64, _ body: ([StoredEvent]) throws -> ([Event], T)) throws -> (
        [StoredEvent], [StoredEvent], T
    ) {
        try backend.transact(after: seq, side: [], signer: EventSigner(), body)
    }

    /// As `transact`, with rows written in the same transaction when events are appended, each event signed by its
    /// operator's key when `signer` holds it.
    func transact<T>(
        after seq: Int64, side: [SideWrite], signer: EventSigner = EventSigner(),
        _ body: ([StoredEvent]) throws -> ([Event], T)
    ) throws -> (
        [StoredEvent], [StoredEvent], T
    ) {
        try backend.transact(after: seq, side: side, signer: signer, body)
    }

    /// Whether this log's events are signed by their writers (a live or training log of format 3 in a file).
    public var signsEvents: Bool { backend.signsEvents }

    /// "NO STANDBY" while a log on a server that has a synchronous standby is going on without it; nil otherwise.
    public func standbyWarning() -> String? { backend.standbyWarning() }

    /// Events passed over because they cannot be read (only on a server; a file with one is refused as damaged).
    public var passedOver: [String] { backend.passedOverWarnings }

    /// Releases the store's connections; the store is not used after this.
    public func close() { backend.close() }

    /// Removes a log this process just made and could not finish (a copy whose maker's PIN was wrong).
    public func discard() { backend.discard() }
}
