import ArgumentParser
import Foundation
import VigilCore
import VigilStore

/// The `--db` option shared by every subcommand that works on an event log.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The event log (a SQLite file).", valueName: "path"))
    var db: String

    /// Opens the log to write, or fails with one sentence. Training logs commit with synchronous=NORMAL (said when they
    /// are created); live logs always with FULL. A clean exit checkpoints its WAL into the main file.
    func open() throws -> EventStore {
        let store = try storeJob { () throws(StoreError) in try EventStore.open(path: db) }
        for w in store.warnings { warn(w) }
        OpenLogs.add(store)
        return store
    }

    /// Opens the log to read only: verify, replay, tail, export, audit and report never write to it.
    func openReadOnly() throws -> EventStore {
        let store = try storeJob { () throws(StoreError) in try EventStore.openReadOnly(path: db) }
        for w in store.warnings { warn(w) }
        return store
    }
}

/// One line on standard error, escaped for the terminal.
func warn(_ text: String) {
    FileHandle.standardError.write(Data("warning: \(text.terminalSafe)\n".utf8))
}

/// Logs this process opened to write. At exit each is checkpointed, so a clean exit leaves every event in the `.db`
/// file itself and a copy of that file alone is whole.
enum OpenLogs {
    nonisolated(unsafe) static var stores: [EventStore] = []
    static let lock = NSLock()

    static func add(_ store: EventStore) {
        lock.lock()
        defer { lock.unlock() }
        if stores.isEmpty { atexit { OpenLogs.closeAll() } }
        stores.append(store)
    }

    static func closeAll() {
        lock.lock()
        let all = stores
        stores = []
        lock.unlock()
        for s in all { s.checkpoint() }
    }
}

/// Runs a store job, turning its error into one printed sentence and exit 1.
func storeJob<T>(_ body: () throws(StoreError) -> T) throws -> T {
    do { return try body() } catch { throw Failure(description: error.message) }
}

/// The wall clock, or a fixed UK local time given on the command line (for scripts and tests).
func commandTime(_ text: String?) throws -> Instant {
    guard let text else { return Instant(seconds: Int64(Date().timeIntervalSince1970)) }
    guard let t = Instant(ukLocal: text) else { throw ValidationError("--at must look like 2026-11-25T14:00") }
    return t
}

/// The time of an action on `log`: `--at` is for training logs and scripts; a live record is stamped by the clock.
func actionTime(_ at: String?, on log: EventStore) throws -> Instant {
    if at != nil, try !storeJob({ () throws(StoreError) in try log.header() }).training {
        throw Failure(description: "--at is refused on a live log: a live record is stamped by the clock (it is for training logs and scripts)")
    }
    return try commandTime(at)
}
