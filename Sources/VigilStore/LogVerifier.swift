import Crypto
import Foundation
import VigilCore

/// The outcome of checking a log end to end.
public struct VerifyReport: Hashable, Sendable {
    public var events: Int
    public var lastSeq: Int64
    /// The first bad event's seq (0 for the header or schema) and what is wrong, or nil when the log is intact.
    public var problem: (seq: Int64, what: String)?
    /// Every later problem: verify carries on to the end, so one planted event hides nothing after it.
    public var more: [(seq: Int64, what: String)] = []
    /// What signatures were checked, when that is said: "every event from seq N signed by its operator", or that a
    /// format-2 log's events are unsigned.
    public var signing: String?

    public var isIntact: Bool { problem == nil }

    /// `OK: N events, chain intact, last seq S`, or the first problem (and how many more there are).
    public var summary: String {
        if let p = problem {
            let also =
                more.isEmpty
                ? ""
                : " (and \(more.count) more: seq \(more.prefix(5).map { String($0.seq) }.joined(separator: ", "))\(more.count > 5 ? "…" : ""))"
            return (p.seq == 0 ? "FAILED: \(p.what)" : "FAILED at seq \(p.seq): \(p.what)") + also
        }
        return "OK: \(events) events, chain intact, last seq \(lastSeq)" + (signing.map { "; \($0)" } ?? "")
    }

    /// Each problem on a line of its own, the first first.
    public var lines: [String] {
        ([problem].compactMap { $0 } + more).map {
            $0.seq == 0 ? "FAILED: \($0.what)" : "FAILED at seq \($0.seq): \($0.what)"
        }
    }

    public static func == (a: VerifyReport, b: VerifyReport) -> Bool {
        a.events == b.events && a.lastSeq == b.lastSeq && a.problem?.seq == b.problem?.seq
            && a.problem?.what == b.problem?.what && a.more.map(\.seq) == b.more.map(\.seq)
    }
    public func hash(into h: inout Hasher) {
        h.combine(events); h.combine(lastSeq); h.combine(problem?.seq); h.combine(problem?.what)
    }
}

extension EventStore {
    /// The first way the store's tables, triggers, functions or grants differ from what Vigil made, or nil.
    public func schemaProblem() throws(StoreError) -> String? { try backend.schemaProblem() }

    /// Checks the schema, every payload and the whole hash chain, reading the store only.
    public func verify() throws(StoreError) -> VerifyReport {
        let header = try header()
        // The log is replayed alongside, so each snapshot can be held to the state at its seq.
        var state = try startingState()
        if let problem = try backend.schemaProblem() {
            return VerifyReport(
                events: 0, lastSeq: 0, problem: (0, "schema: \(problem) (the log may have been tampered with)"))
        }
        if !header.matchesGenesis {
            return VerifyReport(
                events: 0, lastSeq: 0,
                problem: (0, "header: the force, creation time or training mark does not match the chain's genesis"))
        }
        var prev = header.genesis
        var expected: Int64 = 1
        let signed = try checksSignatures()
        // The seq from which every event needs its operator's signature: the first after the chain's first key.
        var signedFrom: Int64?
        // Events before the first key that carry no signature (a format-2 log's, before its upgrade).
        var unsignedBefore = 0
        var count = 0
        var snapshots = Array(try backend.snapshotIndex().reversed())
        // A snapshot waiting for its SnapshotTaken record in the next event.
        var pending: (seq: Int64, digest: Data)?
        var failure: VerifyReport?
        var problems: [(seq: Int64, what: String)] = []
        do {
            try backend.scan(after: 0) { r in
                let seq = r.seq
                func bad(_ what: String) -> Bool {
                    failure = VerifyReport(events: count, lastSeq: seq, problem: (seq, what))
                    return false
                }
                // A problem with one event is named and the walk goes on from it, so every later one is named too.
                func noted(_ what: String) -> Bool {
                    problems.append((seq, what))
                    prev = r.hash
                    expected = seq + 1
                    count += 1
                    return true
                }
                if seq != expected { problems.append((seq, "expected seq \(expected) here; events are missing")) }
                guard r.prevHash == prev else {
                    return noted("its previous-hash does not match event \(seq - 1); the chain is broken")
                }
                guard EventCoding.chain(prev: prev, canonical: r.canonical) == r.hash else {
                    return noted("its hash does not match its contents; the event was altered after it was written")
                }
                let change: Change
                do { change = try EventCoding.change(from: r.payload) } catch {
                    return noted(
                        "its payload cannot be read as a \(r.type) event (written by \(r.operatorID.terminalSafe))")
                }
                guard change.typeName == r.type else {
                    return noted("its payload is a \(change.typeName), but its type says \(r.type)")
                }
                guard r.schemaVersion >= 1, r.schemaVersion <= change.schemaVersion else {
                    return noted("unknown schema version \(r.schemaVersion) for \(r.type)")
                }
                if let p = pending {
                    guard Self.recorded(r.payload, seq: p.seq, digest: p.digest) else {
                        failure = VerifyReport(
                            events: count, lastSeq: seq,
                            problem: (
                                p.seq, "snapshot at seq \(p.seq) is not recorded in the chain by the event after it"
                            ))
                        return false
                    }
                    pending = nil
                }
                let event = Event(
                    at: Instant(stored: r.occurredAt), by: Actor(r.operatorID, console: r.console), change)
                if signed {
                    if let why = EventCheck.problem(
                        event, hash: r.hash, signature: r.signature, intact: true, state: state)
                    {
                        // Named with the operator it claims, and not applied: no console applies it either.
                        return noted(why)
                    }
                    if signedFrom == nil, !state.operatorKeys.isEmpty { signedFrom = seq }
                    if state.operatorKeys.isEmpty, r.signature.isEmpty { unsignedBefore += 1 }
                }
                state.apply(event)
                while let snap = snapshots.last, snap.seq <= seq {
                    snapshots.removeLast()
                    guard snap.seq == seq, snap.eventHash == r.hash else {
                        return bad("snapshot at seq \(snap.seq) is not tied to the event at its seq")
                    }
                    let blob = try backend.snapshotState(at: seq) ?? Data()
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
                                if !state.keysCount { s.ignoreSigningKeys() }
                                return s == state
                            }) == true
                    else {
                        return bad(
                            "snapshot at seq \(seq) disagrees with the state replayed to that seq; it was forged or is corrupt"
                        )
                    }
                    pending = (seq, snap.digest)
                    // Held to the replayed state: this machine may open from it.
                    if snap.version == DispatchState.snapshotVersion {
                        checked.vouch(for: SnapshotMark(seq: seq, digest: snap.digest))
                    }
                }
                prev = r.hash
                expected += 1
                count += 1
                return true
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .other("\(path): \(error)")
        }
        // A walk stopped by a snapshot's problem had named every event problem before it, all at lower seqs.
        if var failure, let stop = failure.problem {
            if let first = problems.first {
                failure.problem = first
                failure.more = Array(problems.dropFirst()) + [stop]
            }
            return failure
        }
        if let first = problems.first {
            var report = VerifyReport(events: count, lastSeq: expected - 1, problem: first)
            report.more = Array(problems.dropFirst())
            return report
        }
        if let p = pending {
            return VerifyReport(
                events: count, lastSeq: expected - 1,
                problem: (
                    p.seq, "snapshot at seq \(p.seq) is the last thing in the log, with no record of it in the chain"
                ))
        }
        if let orphan = snapshots.last {
            return VerifyReport(
                events: count, lastSeq: expected - 1,
                problem: (orphan.seq, "snapshot at seq \(orphan.seq) is past the end of the log"))
        }
        var report = VerifyReport(events: count, lastSeq: expected - 1, problem: nil)
        noteChecked(LogHead(seq: expected - 1, hash: prev))
        if signed, let from = signedFrom {
            report.signing =
                "every event from seq \(from) is signed by the operator it names"
                + (unsignedBefore == 0
                    ? ""
                    : "; the \(unsignedBefore) events before the first key carry no signature (written before `log upgrade`)")
        } else if !header.training, !backend.signsEvents, !isServer {
            report.signing = "its events are unsigned (log format 2; `vigil log upgrade` signs what comes after)"
        }
        return report
    }
}
