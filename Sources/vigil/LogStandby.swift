import ArgumentParser
import Foundation
import VigilStore

extension Vigil.Log {
    /// Carries out what a log on a server does when its synchronous standby goes away.
    struct Standby: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch a server log's synchronous standby and carry out the policy when it goes away.",
            discussion: """
                Run by the database administrator beside the primary (its URL with the administrator's user; the \
                password from PGPASSWORD), after setting synchronous_standby_names there. The default policy is \
                PostgreSQL's own: every commit waits for the standby, holding the log's append lock, however long. \
                With --go-on-after N, after N seconds without a standby, commits go on without one (the setting is \
                cleared, and put back when the standby streams again). Either way every console on the log shows NO \
                STANDBY in its header while none is there. Needs a superuser (ALTER SYSTEM).
                """)

        @Option(help: ArgumentHelp("The primary's URL, as its administrator.", valueName: "url")) var db: String
        @Option(help: ArgumentHelp("Go on without the standby after this many seconds.", valueName: "seconds"))
        var goOnAfter: Double?
        @Option(help: ArgumentHelp("Stop after this many seconds (default: run until stopped).", valueName: "seconds"))
        var seconds: Double?

        func validate() throws {
            guard EventStore.isServerURL(db) else { throw ValidationError("--db takes the primary's postgres:// URL") }
            if let goOnAfter, !(goOnAfter.isFinite && goOnAfter >= 1 && goOnAfter <= 3_600) {
                throw ValidationError("--go-on-after takes 1 to 3600 seconds")
            }
            if let seconds, !(seconds.isFinite && seconds > 0) {
                throw ValidationError("--seconds takes a positive number")
            }
        }

        func run() throws {
            let watch = try StandbyWatch(adminURL: db, policy: goOnAfter.map { .goOn(after: $0) } ?? .wait)
            try AdminWatch.run(seconds: seconds) { say, stop in try watch.run(say: say, stop: stop) }
        }
    }
}

/// How an administrator's watch runs: until SIGINT or SIGTERM (or for `seconds`), each line it says stamped and
/// printed at once.
enum AdminWatch {
    nonisolated(unsafe) static var stopping: sig_atomic_t = 0

    static func run(
        seconds: Double?, _ body: (_ say: (String) -> Void, _ stop: () -> Bool) throws -> Void
    ) throws {
        let started = Date()
        signal(SIGTERM) { _ in AdminWatch.stopping = 1 }
        signal(SIGINT) { _ in AdminWatch.stopping = 1 }
        try body(
            { line in
                print("\(ISO8601DateFormatter().string(from: Date())) \(line)".terminalSafe)
                fflush(nil)
            },
            { AdminWatch.stopping != 0 || seconds.map { Date().timeIntervalSince(started) >= $0 } ?? false })
    }
}
