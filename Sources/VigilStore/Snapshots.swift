import Crypto
import Foundation
import VigilCore

/// A state restored from the log, and anything the user should know about how.
public struct Restored {
    public var state: DispatchState
    public var lastSeq: Int64
    /// The snapshot used, if any.
    public var snapshotSeq: Int64?
    /// Snapshots that were ignored, and why.
    public var warnings: [String]
    /// Events not applied because they are not their operators' (a signed log), one sentence each.
    public var rejected: [String] = []
}

extension EventStore {
    /// Stores a snapshot of `state`, which must be the log folded up to its current head, and records its digest in
    /// the chain as the next event (SnapshotTaken, by `actor`), in one transaction. Only a process that appends
    /// anyway does this. Returns the seq the snapshot is of, or nil when the log moved on meanwhile (nothing written).
    @discardableResult
    public func recordSnapshot(_ state: DispatchState, at seq: Int64, by actor: Actor, now: Instant) throws(StoreError)
        -> Int64?
    {
        try recordSnapshot(state, at: seq, by: actor, now: now, signer: EventSigner())
    }

    /// As above, the record signed by `actor`'s key when `signer` holds it.
    func recordSnapshot(
        _ state: DispatchState, at seq: Int64, by actor: Actor, now: Instant, signer: EventSigner
    ) throws(StoreError) -> Int64? {
        // An empty log has nothing to snapshot: its state is the force's.
        guard seq > 0 else { return nil }
        let blob: Data
        do { blob = Data(try state.snapshotBytes()) } catch {
            throw .other("the state could not be encoded for a snapshot: \(error)")
        }
        let digest = Data(SHA256.hash(data: blob))
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        var written: Int64?
        do {
            let side = SideWrite.snapshot(
                seq: seq, version: DispatchState.snapshotVersion, digest: digest, state: blob)
            _ = try transact(
                after: seq, side: [side], signer: signer,
                { newer -> ([Event], Void) in
                    // Another writer got in first: this state is no longer the head's, so no snapshot is taken.
                    guard newer.isEmpty else { return ([], ()) }
                    switch state.decide(.recordSnapshot(seq: seq, digest: hex), by: actor, at: now) {
                    case .success(let events):
                        written = seq
                        self.checked.vouch(for: SnapshotMark(seq: seq, digest: digest))
                        return (events, ())
                    case .failure: return ([], ())
                    }
                })
        } catch let e as StoreError {
            throw e
        } catch {
            throw .other("\(error)")
        }
        return written
    }

    /// Whether the event after a snapshot is the chain's record of it, with the same digest.
    static func recorded(_ payload: String?, seq: Int64, digest: Data) -> Bool {
        guard let payload, case .snapshotTaken(let taken)? = try? EventCoding.change(from: payload) else {
            return false
        }
        return taken.seq == seq && taken.digest == digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Loads the newest snapshot that checks out and replays the tail after it; falls back to a full replay. A
    /// snapshot whose version, digest, chain link, chain record or contents do not check out is skipped with a warning.
    /// On a signed log, events after `trusted` (the head this machine checked before) are each checked, and only a
    /// snapshot recorded within it is used: a later one's state holds events nobody here has checked.
    public func restore(trusted: LogHead? = nil) throws(StoreError) -> Restored {
        var warnings: [String] = []
        var rejected: [String] = []
        let signed = try checksSignatures()
        // On a signed log in a file, anyone with the file can write a snapshot row and sign its record as themselves,
        // so only a snapshot this machine made or held to the chain is opened from (a server's are its
        // administrator's alone, within the head this machine checked).
        let vouched = Set(checked.snapshots)
        let rows = try backend.snapshots(limit: signed ? 1_000 : 3).filter {
            guard signed else { return true }
            return isServer
                ? $0.seq < trusted?.seq ?? 0 : vouched.contains(SnapshotMark(seq: $0.seq, digest: $0.digest))
        }.prefix(3)
        for row in rows {
            let seq = row.seq
            let version = row.version
            guard version == DispatchState.snapshotVersion else {
                warnings.append(
                    "snapshot at seq \(seq) is version \(version), not \(DispatchState.snapshotVersion); replaying instead"
                )
                continue
            }
            // Only the candidate's state is read: a snapshot can be megabytes, and the newest usually serves.
            let blob = try backend.snapshotState(at: seq) ?? Data()
            let digest = Data(SHA256.hash(data: blob))
            guard digest == row.digest else {
                warnings.append("snapshot at seq \(seq) does not match its digest; ignored")
                continue
            }
            guard let chain = row.chainHash, chain == row.eventHash else {
                warnings.append("snapshot at seq \(seq) is not tied to the event chain; ignored")
                continue
            }
            guard Self.recorded(row.record, seq: seq, digest: digest) else {
                warnings.append(
                    "snapshot at seq \(seq) is not recorded in the chain (no SnapshotTaken with its digest follows it); ignored"
                )
                continue
            }
            do {
                var state = try DispatchState(snapshot: [UInt8](blob))
                if try !takesKeys() { state.ignoreSigningKeys() }
                // Snapshots leave out the gazetteer; the log's force text holds it.
                let force = try initialState().force
                state.force.gazetteer = force.gazetteer
                guard state.force == force else {
                    warnings.append("snapshot at seq \(seq) is of another force than the log's; ignored")
                    continue
                }
                let last = try fold(after: seq, trusted: trusted, into: &state, rejected: &rejected)
                return Restored(
                    state: state, lastSeq: last, snapshotSeq: seq, warnings: warnings, rejected: rejected)
            } catch let e as StoreError {
                throw e
            } catch {
                warnings.append("snapshot at seq \(seq) cannot be decoded (\(error)); ignored")
            }
        }
        var state = try startingState()
        let last = try fold(after: 0, trusted: trusted, into: &state, rejected: &rejected)
        return Restored(state: state, lastSeq: last, snapshotSeq: nil, warnings: warnings, rejected: rejected)
    }
}
