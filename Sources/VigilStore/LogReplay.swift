import VigilCore
import VigilForce

extension EventStore {
    /// The force the log was created for, checked as any force file is.
    public func loadedForce() throws(StoreError) -> LoadedForce {
        let text = try header().forceText
        do { return try ForceLoader.parse(text, file: "force (in \(path))") } catch { throw .badForce(error.description) }
    }

    /// The state before any event in this log.
    public func initialState() throws(StoreError) -> DispatchState {
        try loadedForce().initialState(at: try header().createdAt)
    }

    /// Rebuilds the state by folding every event from the start, in batches, and returns it with the last seq.
    public func replay(batch: Int = 50_000) throws(StoreError) -> (state: DispatchState, lastSeq: Int64) {
        var state = try initialState()
        var seq: Int64 = 0
        while true {
            let events = try read(after: seq, limit: batch)
            guard let last = events.last else { break }
            for e in events { state.apply(e.event) }
            seq = last.seq
        }
        return (state, seq)
    }
}
