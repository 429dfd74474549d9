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
        a.events == b.events && a.lastSeq == b.lastSeq && a.problem?.seq == b.problem?.seq && a.problem?.what == b.problem?.what
    }
    public func hash(into h: inout Hasher) { h.combine(events); h.combine(lastSeq); h.combine(problem?.seq); h.combine(problem?.what) }
}

extension EventStore {
    static let requiredObjects = ["table:event", "table:meta", "table:snapshot", "trigger:event_is_append_only_update",
                                  "trigger:event_is_append_only_delete", "trigger:meta_is_write_once_update", "trigger:meta_is_write_once_delete"]

    /// Checks the schema, every payload and the whole hash chain, reading the file only.
    public func verify() throws(StoreError) -> VerifyReport {
        let header = try header()
        return try guarded {
            try pool.read { db in
                let present = Set(try Row.fetchAll(db, sql: "SELECT type, name FROM sqlite_master").map { "\($0["type"] as String):\($0["name"] as String)" })
                if let missing = Self.requiredObjects.first(where: { !present.contains($0) }) {
                    return VerifyReport(events: 0, lastSeq: 0, problem: (0, "schema: \(missing.replacingOccurrences(of: ":", with: " ")) is missing (the log may have been tampered with)"))
                }
                if EventCoding.genesis(forceText: header.forceText, createdAt: header.createdAt.seconds) != header.genesis {
                    return VerifyReport(events: 0, lastSeq: 0, problem: (0, "header: the force or creation time does not match the chain's genesis"))
                }
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console, payload, prev_hash, hash
                    FROM event ORDER BY seq
                    """)
                var prev = header.genesis
                var expected: Int64 = 1
                var count = 0
                while let r = try rows.next() {
                    let seq: Int64 = r["seq"]
                    func bad(_ what: String) -> VerifyReport { VerifyReport(events: count, lastSeq: seq, problem: (seq, what)) }
                    guard seq == expected else { return bad("expected seq \(expected) here; events are missing") }
                    let stored: Data = r["hash"], prevStored: Data = r["prev_hash"]
                    guard prevStored == prev else { return bad("its previous-hash does not match event \(seq - 1); the chain is broken") }
                    let type: String = r["type"], payload: String = r["payload"], version: Int = r["schema_version"]
                    let canonical = EventCoding.canonical(seq: seq, eventID: r["event_id"], type: type, schemaVersion: version,
                                                          occurredAt: r["occurred_at"], recordedAt: r["recorded_at"],
                                                          operatorID: r["operator"], console: r["console"], payload: payload)
                    guard EventCoding.chain(prev: prev, canonical: canonical) == stored else {
                        return bad("its hash does not match its contents; the event was altered after it was written")
                    }
                    let change: Change
                    do { change = try EventCoding.change(from: payload) } catch { return bad("its payload cannot be read as a \(type) event") }
                    guard change.typeName == type else { return bad("its payload is a \(change.typeName), but its type says \(type)") }
                    guard version >= 1, version <= EventCoding.schemaVersion(type) else { return bad("unknown schema version \(version) for \(type)") }
                    prev = stored
                    expected += 1
                    count += 1
                }
                return VerifyReport(events: count, lastSeq: expected - 1, problem: nil)
            }
        }
    }
}
