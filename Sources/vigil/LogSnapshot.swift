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
                every hour; it is recorded in the log's name, ADMIN. On a live log in a file it is recorded by the \
                operator named with --as, who gives their PIN (with --pin-stdin, on the first line of standard input).
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var admin: AdminOptions

        /// The name a server's administrator writes snapshots in: a person's name is theirs alone to sign with.
        static let administrator: OperatorID = logAdministrator

        func run() throws {
            let session: LogSession
            let id: OperatorID
            if EventStore.isServerURL(store.db) {
                // Only the administrator writes snapshots on a server, and in the log's own name.
                guard admin.actingAs == nil else {
                    throw Failure(
                        description:
                            "on a server the administrator writes snapshots in the log's name (\(Self.administrator)); --as is for a log in a file"
                    )
                }
                let log = try store.open()
                session = try LogSession(store: log, trusted: Heads.trusted(log))
                id = Self.administrator
            } else {
                // On a live file, whoever it is recorded by proves it with their PIN, like any other action.
                let proved = try Admin(store, admin)
                session = proved.session
                id = proved.actor.operatorID
            }
            let log = session.store
            let now = session.actingTime(wallNow: try commandTime(nil))
            if let seq = try session.snapshotNow(by: Actor(id, console: "admin"), at: now) {
                print("Snapshot of seq \(seq) written to \(log.path), recorded in the chain by \(id).".terminalSafe)
            } else {
                print("Nothing new since the last snapshot of \(log.path).".terminalSafe)
            }
        }
    }
}
