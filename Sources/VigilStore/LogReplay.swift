import Foundation
import VigilCore
import VigilForce

extension EventStore {
    /// The force the log was created for, checked as any force file is.
    public func loadedForce() throws(StoreError) -> LoadedForce {
        let text = try header().forceText
        do { return try ForceLoader.parse(text, file: "force (in \(path))") } catch {
            throw .badForce(error.description)
        }
    }

    /// The state before any event in this log.
    public func initialState() throws(StoreError) -> DispatchState {
        try loadedForce().initialState(at: try header().createdAt)
    }

    /// Rebuilds the state by folding every event from the start and returns it with the last seq. On a signed log
    /// every event is checked on the way, and one that is not its operator's is not applied.
    public func replay() throws(StoreError) -> (state: DispatchState, lastSeq: Int64) {
        var state = try startingState()
        var rejected: [String] = []
        let last = try fold(after: 0, trusted: nil, into: &state, rejected: &rejected)
        return (state, last)
    }

    /// The state before any event, as this log folds it: a log that signs nothing (a server's, a training log)
    /// takes no signing keys, since a key written there by hand would make someone's PIN one-time for ever.
    func startingState() throws(StoreError) -> DispatchState {
        var state = try initialState()
        if try !takesKeys() { state.ignoreSigningKeys() }
        return state
    }

    /// Whether signing keys in this log's chain count: a signing store, not a training log.
    func takesKeys() throws(StoreError) -> Bool {
        guard backend.signsEvents else { return false }
        return try !header().training
    }

    /// Whether this log's events must carry their writers' signatures: a signed store, not a training log, whose
    /// chain holds a key (from `log init` or `log upgrade` on; a log made through the library without a first
    /// supervisor has none, and nothing in it is signed).
    public func checksSignatures() throws(StoreError) -> Bool {
        if checked.signed { return true }
        guard backend.signsEvents, try !header().training, try backend.holdsKey() else { return false }
        checked.signed = true
        return true
    }

    /// Folds every event after `seq` into `state` and returns the last seq folded. Those up to `trusted` (a head this
    /// machine checked before) are folded as they are; on a signed log each later one is checked (`EventCheck`), and
    /// one that fails is named in `rejected` and not applied: it stays in the chain, and nobody acts on it.
    func fold(
        after seq: Int64, trusted: LogHead?, into state: inout DispatchState, rejected: inout [String]
    ) throws(StoreError) -> Int64 {
        let signed = try checksSignatures()
        guard signed else { return try backend.fold(after: seq, through: .max, chainFrom: nil, into: &state).0 }
        var last = seq
        if let trusted, trusted.seq > seq {
            let (folded, chain) = try backend.fold(
                after: seq, through: trusted.seq, chainFrom: try hash(at: seq) ?? Data(), into: &state)
            guard folded == trusted.seq, chain == trusted.hash else {
                throw .tampered(
                    path: path,
                    detail:
                        "its events up to seq \(trusted.seq) no longer hash to the head this machine checked (an event was edited in place)"
                )
            }
            last = folded
        }
        return try walk(after: last, signed: true, into: &state) { e, why in
            guard let why else { return }
            rejected.append(Self.rejection(e, why))
            checked.stop(at: LogHead(seq: e.seq - 1, hash: e.prevHash))
        }
    }

    /// Folds the events after `seq` into `state`, each checked first on a signed log, and hands each to `each` with
    /// why it is not applied (nil when it was); returns the last seq.
    func walk(
        after seq: Int64, signed: Bool, into state: inout DispatchState,
        _ each: (StoredEvent, String?) throws -> Void
    ) throws(StoreError) -> Int64 {
        var last = seq
        var prev = try hash(at: last) ?? Data()
        while true {
            let page = try backend.read(after: last, limit: 5_000)
            guard !page.isEmpty else { return last }
            for e in page {
                // Past an event a server's log passed over (unreadable, and named; a file refuses one), the chain goes on from the row
                // before this one as the server holds it: the event after junk is not to be lost with it.
                if e.seq != last + 1, isServer { prev = e.prevHash }
                let why = signed ? Self.signedProblem(e, prev: prev, state: state) : nil
                if why == nil { state.apply(e.event) }
                do { try each(e, why) } catch let error as StoreError { throw error } catch {
                    throw .other("\(error)")
                }
                prev = e.hash
                last = e.seq
            }
        }
    }

    /// Every event from the start, oldest first, each with why no reader applies it (nil for those every reader
    /// does): what an export reads, so an export of what happened (EIDO, incidents) says what consoles show and
    /// never a row passed over.
    public func eachEvent(_ each: (StoredEvent, _ notApplied: String?) throws -> Void) throws(StoreError) {
        var state = try startingState()
        _ = try walk(after: 0, signed: try checksSignatures(), into: &state, each)
    }

    /// Why a stored event on a signed log is not to be applied, or nil: it must follow `prev` and pass `EventCheck`.
    static func signedProblem(_ e: StoredEvent, prev: Data, state: DispatchState) -> String? {
        guard e.prevHash == prev else { return "it does not follow the event before it in the chain" }
        return EventCheck.problem(
            e.event, hash: e.hash, signature: e.signature, intact: e.intact, state: state)
    }

    /// One sentence naming an event that is not applied, and why.
    static func rejection(_ e: StoredEvent, _ why: String) -> String {
        "seq \(e.seq) (\(e.event.change.typeName) as \(e.event.operatorID.terminalSafe)) is not applied: \(why)"
    }
}
