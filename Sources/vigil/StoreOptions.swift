import ArgumentParser
import Foundation
import VigilCore
import VigilStore

/// The `--db` option shared by every subcommand that works on an event log.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The event log (a SQLite file).", valueName: "path"))
    var db: String

    /// Opens the log, or fails with one sentence. Training logs commit with synchronous=NORMAL (said when they are
    /// created); live logs always with FULL.
    func open() throws -> EventStore {
        do {
            return try EventStore.open(path: db)
        } catch {
            throw Failure(description: error.message)
        }
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
