import Crypto
import Foundation
import GRDB
import VigilCore

/// The outcome of checking a log end to end.
public struct VerifyReport: Hashable, Sendable {
    public var events: Int
    public var lastSeq: Int64
    /// The first bad event's seq (0 for the header or schema) and what is wrong, or nil when the log is intact.
    public var problem: (seq: Int64, what: String)?

    public var isIntact: Bool { problem == nil }

    /// `OK: N events, chain intact, last seq S`, or the first problem.
    public var summary: String {
        if let p = problem { return p.seq == 0 ? "FAILED: \(p.what)" : "FAILED at seq \(p.seq): \(p.what)" }
        return "OK: \(events) events, chain intact, last seq \(lastSeq)"
    }

    public static func == (a: VerifyReport, b: VerifyReport) -> Bool {
        a.events == b.events && a.lastSeq == b.lastSeq && a.problem?.seq == b.problem?.seq
            && a.problem?.what == b.problem?.what
    }
    public func hash(into h: inout Hasher) {
        h.combine(events); h.combine(lastSeq); h.combine(problem?.seq); h.combine(problem?.what)
    }
}

extension EventStore {
    /// Checks the schema, every payload and the whole hash chain, reading the file only.
    public func verify() throws(StoreError) -> VerifyReport {
        let header = try header()
        // The log is replayed alongside, so each snapshot can be held to the state at its seq.
        var state = try initialState()
        return try guarded {
            try pool.read { db in
                if let problem = try Self.schemaProblem(db) {
                    return VerifyReport(
                        events: 0, lastSeq: 0, problem: (0, "schema: \(problem) (the log may have been tampered with)"))
                }
                if !header.matchesGenesis {
                    return VerifyReport(
                        events: 0, lastSeq: 0,
                        problem: (
                            0, "header: the force, creation time or training mark does not match the chain's genesis"
                        ))
                }
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console, payload, prev_hash, hash
                        FROM event ORDER BY seq
                        """)
                var prev = header.genesis
                var expected: Int64 = 1
                var count = 0
                var snapshots = try Row.fetchAll(
                    db, sql: "SELECT seq, digest, event_hash, version FROM snapshot ORDER BY seq DESC"
                ).map {
                    (
                        seq: $0["seq"] as Int64, digest: $0["digest"] as Data, eventHash: $0["event_hash"] as Data,
                        version: $0["version"] as Int
                    )
                }
                // A snapshot waiting for its SnapshotTaken record in the next event.
                var pending: (seq: Int64, digest: Data)?
                while let r = try rows.next() {
                    let seq: Int64 = r["seq"]
                    func bad(_ what: String) -> VerifyReport {
                        VerifyReport(events: count, lastSeq: seq, problem: (seq, what))
                    }
                    guard seq == expected else { return bad("expected seq \(expected) here; events are missing") }
                    let stored: Data = r["hash"], prevStored: Data = r["prev_hash"]
                    guard prevStored == prev else {
                        return bad("its previous-hash does not match event \(seq - 1); the chain is broken")
                    }
                    let type: String = r["type"], payload: String = r["payload"], version: Int = r["schema_version"]
                    let canonical = EventCoding.canonical(
                        seq: seq, eventID: r["event_id"], type: type, schemaVersion: version,
                        occurredAt: r["occurred_at"], recordedAt: r["recorded_at"],
                        operatorID: r["operator"], console: r["console"], payload: payload)
                    guard EventCoding.chain(prev: prev, canonical: canonical) == stored else {
                        return bad("its hash does not match its contents; the event was altered after it was written")
                    }
                    let change: Change
                    do { change = try EventCoding.change(from: payload) } catch {
                        return bad("its payload cannot be read as a \(type) event")
                    }
                    guard change.typeName == type else {
                        return bad("its payload is a \(change.typeName), but its type says \(type)")
                    }
                    guard version >= 1, version <= change.schemaVersion else {
                        return bad("unknown schema version \(version) for \(type)")
                    }
                    if let p = pending {
                        guard Self.recorded(payload, seq: p.seq, digest: p.digest) else {
                            return VerifyReport(
                                events: count, lastSeq: seq,
                                problem: (
                                    p.seq, "snapshot at seq \(p.seq) is not recorded in the chain by the event after it"
                                ))
                        }
                        pending = nil
                    }
                    state.apply(
                        Event(
                            at: Instant(seconds: r["occurred_at"]), by: Actor(r["operator"], console: r["console"]),
                            change))
                    while let snap = snapshots.last, snap.seq <= seq {
                        snapshots.removeLast()
                        guard snap.seq == seq, snap.eventHash == stored else {
                            return bad("snapshot at seq \(snap.seq) is not tied to the event at its seq")
                        }
                        let blob =
                            try Data.fetchOne(db, sql: "SELECT state FROM snapshot WHERE seq = ?", arguments: [seq])
                            ?? Data()
                        guard Data(SHA256.hash(data: blob)) == snap.digest else {
                            return bad("snapshot at seq \(seq) does not match its digest")
                        }
                        // A snapshot in an older format is never loaded (restore passes over it), so only its digest and
                        // its place in the chain are checked; this build cannot read its contents.
                        guard
                            snap.version != DispatchState.snapshotVersion
                                || (try? DispatchState(snapshot: [UInt8](blob))).map({ snapshot in
                                    var s = snapshot
                                    s.force.gazetteer = state.force.gazetteer
                                    return s == state
                                }) == true
                        else {
                            return bad(
                                "snapshot at seq \(seq) disagrees with the state replayed to that seq; it was forged or is corrupt"
                            )
                        }
                        pending = (seq, snap.digest)
                    }
                    prev = stored
                    expected += 1
                    count += 1
                }
                if let p = pending {
                    return VerifyReport(
                        events: count, lastSeq: expected - 1,
                        problem: (
                            p.seq,
                            "snapshot at seq \(p.seq) is the last thing in the log, with no record of it in the chain"
                        ))
                }
                if let orphan = snapshots.last {
                    return VerifyReport(
                        events: count, lastSeq: expected - 1,
                        problem: (orphan.seq, "snapshot at seq \(orphan.seq) is past the end of the log"))
                }
                return VerifyReport(events: count, lastSeq: expected - 1, problem: nil)
            }
        }
    }
}

extension EventStore {
    /// The first difference between the log's tables and triggers and those Vigil makes, compared by their SQL, not
    /// only their names: a trigger emptied of its RAISE, or a trigger or view added, is named.
    static func schemaProblem(_ db: Database) throws -> String? {
        var present: [String: String] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL") {
            present["\(r["type"] as String) \(r["name"] as String)"] = r["sql"]
        }
        for (object, sql) in LogSchema.reference.sorted(by: { $0.key < $1.key }) {
            guard let found = present[object] else { return "\(object) is missing" }
            guard found == sql else { return "\(object) is not as Vigil made it" }
        }
        if let extra = present.keys.sorted().first(where: { LogSchema.reference[$0] == nil }) {
            return "\(extra) was added"
        }
        return nil
    }
}
