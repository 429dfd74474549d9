import Crypto
import Foundation
import GRDB
import VigilCore

/// A state restored from the log, and anything the user should know about how.
public struct Restored {
    public var state: DispatchState
    public var lastSeq: Int64
    /// The snapshot used, if any.
    public var snapshotSeq: Int64?
    /// Snapshots that were ignored, and why.
    public var warnings: [String]
}

extension EventStore {
    /// Stores the folded state at `seq`, tied to that event's hash and to a digest of its own bytes.
    public func writeSnapshot(_ state: DispatchState, at seq: Int64) throws(StoreError) {
        let blob: Data
        do { blob = Data(try state.snapshotBytes()) } catch { throw .other("the state could not be encoded for a snapshot: \(error)") }
        let digest = Data(SHA256.hash(data: blob))
        try guarded {
            try pool.write { db in
                guard let hash = try Data.fetchOne(db, sql: "SELECT hash FROM event WHERE seq = ?", arguments: [seq]) else { return }
                try db.execute(sql: "INSERT OR REPLACE INTO snapshot(seq, version, created_at, event_hash, digest, state) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [seq, DispatchState.snapshotVersion, wallClock().seconds, hash, digest, blob])
            }
        }
    }

    /// Loads the newest snapshot that checks out and replays the tail after it; falls back to a full replay.
    /// A snapshot whose version, digest, chain link or contents do not check out is skipped with a warning.
    public func restore() throws(StoreError) -> Restored {
        var warnings: [String] = []
        let rows: [Row] = try guarded {
            try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT s.seq, s.version, s.digest, s.state, s.event_hash, e.hash AS chain_hash
                    FROM snapshot s LEFT JOIN event e ON e.seq = s.seq ORDER BY s.seq DESC LIMIT 3
                    """)
            }
        }
        for row in rows {
            let seq: Int64 = row["seq"]
            let version: Int = row["version"]
            guard version == DispatchState.snapshotVersion else {
                warnings.append("snapshot at seq \(seq) is version \(version), not \(DispatchState.snapshotVersion); replaying instead")
                continue
            }
            let blob: Data = row["state"]
            guard Data(SHA256.hash(data: blob)) == (row["digest"] as Data) else {
                warnings.append("snapshot at seq \(seq) does not match its digest; ignored")
                continue
            }
            guard let chain = row["chain_hash"] as Data?, chain == (row["event_hash"] as Data) else {
                warnings.append("snapshot at seq \(seq) is not tied to the event chain; ignored")
                continue
            }
            do {
                var state = try DispatchState(snapshot: [UInt8](blob))
                let last = try fold(after: seq, into: &state)
                return Restored(state: state, lastSeq: last, snapshotSeq: seq, warnings: warnings)
            } catch let e as StoreError {
                throw e
            } catch {
                warnings.append("snapshot at seq \(seq) cannot be decoded (\(error)); ignored")
            }
        }
        let (state, last) = try replay()
        return Restored(state: state, lastSeq: last, snapshotSeq: nil, warnings: warnings)
    }
}
