import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil.Log {
    /// Writes a snapshot at the log's head now, so consoles open quickly.
    struct Snapshot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write a snapshot of the state at the log's head, recorded in the chain, so consoles open quickly.",
            discussion: """
                Processes that append write snapshots as they go (every 10,000 events, and on closing after 1,000). On a \
                PostgreSQL server only the administrator writes them (consoles open from the newest one, and an \
                operator's role could otherwise plant a false one): run this as the administrator, from cron, say, \
                every hour.
                """)

        @OptionGroup var store: StoreOptions
        @Option(
            name: .customLong("as"),
            help: ArgumentHelp("The operator the chain records it by (default: the first supervisor).", valueName: "id")
        )
        var actingAs: String?

        func run() throws {
            let log = try store.open()
            let session = try LogSession(store: log)
            let state = session.state
            let id: OperatorID
            if let actingAs {
                id = state.operatorID(matching: actingAs)
            } else if let boss = state.firstSupervisor {
                id = boss.id
            } else {
                throw Failure(description: "the log has no supervisor who is not disabled; say who with --as")
            }
            let now = session.actingTime(wallNow: try commandTime(nil))
            if let seq = try session.snapshotNow(by: Actor(id, console: "admin"), at: now) {
                print("Snapshot of seq \(seq) written to \(log.path), recorded in the chain by \(id).".terminalSafe)
            } else {
                print("Nothing new since the last snapshot of \(log.path).".terminalSafe)
            }
        }
    }
}
