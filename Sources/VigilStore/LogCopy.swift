import Foundation
import VigilCore

extension EventStore {
    /// Copies this log into a new store at `target` (a file, or an empty database on a server as its administrator):
    /// the same header and genesis, every event byte for byte, its snapshots and its access log; then proves the
    /// copy's head equals this one's. A signed log's sealed keys go with it (each opens only with its holder's PIN);
    /// other secrets never leave their store: the copy's first supervisor is given `firstCredential` afresh. A copy
    /// that fails part way is removed.
    public func copy(
        to target: String, firstCredential: Credential?, progress: (Int64) -> Void = { _ in }
    ) throws(StoreError) -> EventStore {
        let header = try header()
        let copy = try EventStore.create(
            path: target, header: header, durability: header.training ? .fast : .live,
            firstCredential: firstCredential, wallClock: EventStore.systemNow)
        do {
            var batch: [RawEvent] = []
            try backend.scan(after: 0) { r in
                batch.append(r)
                if batch.count >= 5_000 {
                    try copy.backend.appendCopied(batch)
                    batch.removeAll(keepingCapacity: true)
                    progress(r.seq)
                }
                return true
            }
            if !batch.isEmpty { try copy.backend.appendCopied(batch) }
            for s in try backend.snapshotIndex() {
                guard let state = try backend.snapshotState(at: s.seq) else { continue }
                try copy.backend.addSnapshot(seq: s.seq, version: s.version, digest: s.digest, state: state)
            }
            for look in try accessLog() { try copy.recordAccess(look) }
            // Sealed keys go as they are: each opens only with its holder's PIN, and signs only the key the chain holds.
            for (op, key) in try backend.sealedKeys() {
                try copy.backend.putSealedKey(key, for: op, at: Self.systemNow())
            }
            // A server sets its first supervisor's login as it is made; a file keeps their sealed key, which signs once
            // its public half is in the copy's chain (`LogSession.setPIN`).
            if let firstCredential, !copy.isServer { try copy.setCredential(firstCredential, at: Self.systemNow()) }
            let (mine, theirs) = (try head(), try copy.head())
            guard mine == theirs else {
                throw StoreError.other(
                    "the copy ends at \(theirs.text), the original at \(mine.text); the copy was removed")
            }
            copy.checkpoint()
            return copy
        } catch {
            copy.backend.discard()
            if let e = error as? StoreError { throw e }
            throw .other("\(target): \(error); the copy was removed")
        }
    }
}
