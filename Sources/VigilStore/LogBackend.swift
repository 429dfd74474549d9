import Foundation
import VigilCore

/// Where a log's rows live: SQLite through GRDB (`SQLiteLog`), or PostgreSQL through postgres-nio (`PostgresLog`).
/// Everything above this (the chain's rules, snapshots, verification, sessions) is written once, in `EventStore`, over
/// these primitives; nothing outside this module knows which store is in use.
protocol LogBackend: AnyObject, Sendable {
    /// The file's path, or the server's URL without its password: what messages name.
    var location: String { get }
    var durability: Durability { get }
    var isReadOnly: Bool { get }
    /// Things the user should hear once on opening.
    var warnings: [String] { get }

    func header() throws(StoreError) -> EventStore.Header
    /// The last seq and its hash; nil when the log has no events.
    func tail() throws(StoreError) -> LogHead?
    /// The hash of the event at `seq` (> 0), or nil when the log is shorter.
    func hash(at seq: Int64) throws(StoreError) -> Data?
    func lastWrittenAt() throws(StoreError) -> Instant?
    func lastSeq() throws(StoreError) -> Int64

    /// Events after `seq`, oldest first, at most `limit`.
    func read(after seq: Int64, limit: Int) throws(StoreError) -> [StoredEvent]
    /// Folds every event after `seq`, up to `through`, into `state` and returns the last seq folded: what a console
    /// waits on at start, for the events this machine checked before.
    /// With `chainFrom` (the hash at `seq`), the chain is worked out again on the way and its hash at the last seq
    /// folded returned (a server's log, unsigned, returns nil).
    func fold(
        after seq: Int64, through: Int64, chainFrom: Data?, into state: inout DispatchState
    ) throws(StoreError) -> (Int64, Data?)
    /// Every event row as stored, in seq order, for verification and copying; `body` returns false to stop.
    func scan(after seq: Int64, _ body: (RawEvent) throws -> Bool) throws

    /// In one write transaction under the log's append lock: reads the events after `seq`, lets `body` decide what
    /// to append against them, appends that with its chain, and writes `side` beside it when anything was appended.
    func transact<T>(
        after seq: Int64, side: [SideWrite], signer: EventSigner, _ body: ([StoredEvent]) throws -> ([Event], T)
    ) throws -> ([StoredEvent], [StoredEvent], T)

    /// Appends rows copied from another log, exactly as they were: each must follow the chain's tail and hash to what
    /// it says, or nothing is written.
    func appendCopied(_ rows: [RawEvent]) throws(StoreError)
    /// Stores a snapshot copied from another log, tied to the event at its seq here.
    func addSnapshot(seq: Int64, version: Int, digest: Data, state: Data) throws(StoreError)

    /// Whether events carry their writers' signatures here (a SQLite log of format 3); else the log is read unsigned.
    var signsEvents: Bool { get }
    /// Whether the chain holds a signing key (an OperatorPINSet with a key): from there on, events need signatures.
    func holdsKey() throws(StoreError) -> Bool
    /// The operator's sealed signing key, if the store holds one.
    func sealedKey(for op: OperatorID) throws(StoreError) -> SealedKey?
    /// The operator's sealed key for someone who gives `secret`: on a server, another operator's box is theirs to
    /// read only by signing in as them.
    func sealedKey(for op: OperatorID, secret: String) throws(StoreError) -> SealedKey?

    /// Every sealed key the store keeps, for a copy (they open only with their holders' PINs).
    func sealedKeys() throws(StoreError) -> [(OperatorID, SealedKey)]
    func putSealedKey(_ key: SealedKey, for op: OperatorID, at now: Instant) throws(StoreError)

    /// Whether the operator has a secret here.
    func hasSecret(_ op: OperatorID) throws(StoreError) -> Bool
    /// Whether `secret` is the operator's: checked against its hash in a file, by signing in on a server.
    func checkSecret(_ secret: String, for op: OperatorID) throws(StoreError) -> Bool
    func setCredential(_ c: Credential, at now: Instant) throws(StoreError)

    func recordAccess(_ entry: AccessEntry) throws(StoreError)
    func accessLog(operator op: OperatorID?, record: String?) throws(StoreError) -> [AccessEntry]

    /// The newest `limit` snapshots (without their states), with what the chain says at and after each.
    func snapshots(limit: Int) throws(StoreError) -> [SnapshotRow]
    /// Every snapshot's seq, digest, event hash and version, oldest first (no state), for verification.
    func snapshotIndex() throws(StoreError) -> [SnapshotRow]
    func snapshotState(at seq: Int64) throws(StoreError) -> Data?

    /// The first way the store's tables, triggers, functions or grants differ from what Vigil made, or nil.
    func schemaProblem() throws(StoreError) -> String?

    func beat(_ beat: Heartbeat) throws(StoreError)
    func heartbeats() -> [Heartbeat]
    func endBeat(console: ConsoleID, operatorID: OperatorID)

    /// A cheap "has anyone committed since I last asked": false only when surely nothing was.
    func makeChangeSignal() throws(StoreError) -> any ChangeSignal

    /// Makes every acknowledged event durable in the store's main file (SQLite's WAL checkpoint); nothing elsewhere.
    func checkpoint()
    /// Why the log is not being copied to its standby as it should be ("no standby"), or nil (or no standby used).
    func standbyWarning() -> String?

    /// Events read past because they cannot be read, one sentence each (a server's; a file refuses them as damage).
    var passedOverWarnings: [String] { get }
    /// Whether this connection may write snapshots: anyone on a file; only the administrator on a server.
    var writesSnapshots: Bool { get }

    /// Releases connections.
    func close()
    /// Removes a log that could not be finished (a copy that failed part way), so nothing half-made is left.
    func discard()
}

extension LogBackend {
    func sealedKey(for op: OperatorID, secret: String) throws(StoreError) -> SealedKey? { try sealedKey(for: op) }
}

/// Tells a watcher when to read: SQLite's `data_version`, PostgreSQL's `LISTEN` wake-ups.
protocol ChangeSignal: AnyObject {
    /// Whether something may have been committed since the last call.
    func changed() throws(StoreError) -> Bool
    /// Why the watcher is not hearing the store live, for a console's status line; nil when it is.
    var trouble: String? { get }
}

/// One event row exactly as stored.
struct RawEvent: Sendable {
    var seq: Int64
    var eventID: String
    var type: String
    var schemaVersion: Int
    var occurredAt: Int64
    var recordedAt: Int64
    var operatorID: String
    var console: String
    var payload: String
    var prevHash: Data
    var hash: Data
    var signature = Data()

    /// The bytes its hash covers.
    var canonical: Data {
        EventCoding.canonical(
            seq: seq, eventID: eventID, type: type, schemaVersion: schemaVersion, occurredAt: occurredAt,
            recordedAt: recordedAt, operatorID: operatorID, console: console, payload: payload)
    }
}

/// A snapshot row, and what the chain holds at its seq (`chainHash`) and just after it (`record`).
struct SnapshotRow: Sendable {
    var seq: Int64
    var version: Int
    var digest: Data
    var eventHash: Data
    var chainHash: Data?
    var record: String?
}

/// Rows written in the same transaction as the events they belong to, so the whole commits or nothing does.
enum SideWrite: Sendable {
    /// A registration's secret (and its sealed signing key).
    case credential(Credential, at: Instant)
    /// A snapshot of the state at `seq`, tied to the hash of the event there (stamped with the store's wall clock).
    case snapshot(seq: Int64, version: Int, digest: Data, state: Data)
}
