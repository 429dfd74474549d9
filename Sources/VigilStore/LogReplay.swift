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

    /// Rebuilds the state by folding every event from the start and returns it with the last seq.
    public func replay() throws(StoreError) -> (state: DispatchState, lastSeq: Int64) {
        var state = try initialState()
        let last = try fold(after: 0, into: &state)
        return (state, last)
    }

    /// Folds every event after `seq` into `state` and returns the last seq folded.
    func fold(after seq: Int64, into state: inout DispatchState) throws(StoreError) -> Int64 {
        try backend.fold(after: seq, into: &state)
    }
}
