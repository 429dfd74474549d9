import GRDB
import GRDBSQLite
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

    /// Folds every event after `seq` into `state` in one read transaction and returns the last seq folded.
    /// It steps SQLite directly and reads only the columns state needs (hashes are `verify`'s business),
    /// because this loop is what a console waits on at start-up.
    func fold(after seq: Int64, into state: inout DispatchState) throws(StoreError) -> Int64 {
        let last: Int64 = try guarded {
            try pool.read { db in
                let statement = try db.makeStatement(
                    sql: "SELECT seq, occurred_at, operator, console, payload FROM event WHERE seq > ? ORDER BY seq")
                let s = statement.sqliteStatement
                sqlite3_bind_int64(s, 1, seq)
                var last = seq
                while true {
                    let rc = sqlite3_step(s)
                    if rc == SQLITE_DONE { break }
                    guard rc == SQLITE_ROW else {
                        throw DatabaseError(
                            resultCode: ResultCode(rawValue: rc),
                            message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                    }
                    last = sqlite3_column_int64(s, 0)
                    // Decoded straight from SQLite's buffer, which stays valid until the next step.
                    let payload = UnsafeBufferPointer(
                        start: sqlite3_column_text(s, 4), count: Int(sqlite3_column_bytes(s, 4)))
                    let change: Change
                    do { change = try Change(json: payload) } catch {
                        throw StoreError.badPayload(seq: last, detail: "\(error)")
                    }
                    let actor = Actor(Self.columnText(s, 2), console: Self.columnText(s, 3))
                    state.apply(Event(at: Instant(seconds: sqlite3_column_int64(s, 1)), by: actor, change))
                }
                return last
            }
        }
        return last
    }

    static func columnText(_ s: OpaquePointer?, _ i: Int32) -> String {
        guard let p = sqlite3_column_text(s, i) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, i))), as: UTF8.self)
    }
}
