import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil.Log {
    /// Brings a format-2 log file to format 3 (or a server's format-3 log to 4), where every event is signed by the
    /// operator who did it.
    struct Upgrade: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Bring a format-2 log file to format 3 (a server's format 3 to 4): from then on every event is signed by its operator.",
            discussion: """
                The events already in the log stay exactly as they were, and verify says they are unsigned. On a live \
                log a supervisor runs it with --as and their PIN: a signing key is made for them, sealed under the same \
                PIN, and recorded in the chain, signed by itself; every event after it must be signed. Every other \
                operator then needs a supervisor to set their PIN once more (`vigil operator pin`), which they change \
                at their next sign-on, to get a key of their own. A training log is upgraded by anyone; its events are \
                not signed.
                """)

        @OptionGroup var store: StoreOptions
        @Option(
            name: .customLong("as"),
            help: ArgumentHelp("The supervisor upgrading a live log (their PIN is asked for).", valueName: "id"))
        var actingAs: String?
        @Flag(help: "Read the supervisor's PIN from the first line of standard input.") var pinStdin = false

        func run() throws {
            if EventStore.isServerURL(store.db) { return try upgradeServer() }
            let peek = try store.openReadOnly()
            let header = try peek.header()
            let state = try LogSession(store: peek).state
            guard !header.training else {
                peek.close()
                let log = try EventStore.upgrade(path: store.db)
                OpenLogs.add(log)
                print("Upgraded \(log.path) to format 3 (a training log: its events are not signed).".terminalSafe)
                return
            }
            guard let actingAs else {
                throw Failure(
                    description: "say which supervisor upgrades \(store.shown) with --as ID; their PIN is asked for")
            }
            let id = state.operatorID(matching: actingAs)
            guard let boss = state.operators[id], boss.role == .supervisor, !boss.disabled else {
                throw Failure(
                    description: "\(id) is not an enabled supervisor of this log; only a supervisor upgrades it")
            }
            guard state.operatorKeys.isEmpty else {
                throw Failure(description: "\(store.shown) already signs its events; there is nothing to upgrade")
            }
            let source = SecretSource(fromStdin: pinStdin)
            // A format-2 log cannot be written to record a wrong PIN; nothing is changed by one.
            guard let secret = source.ask("PIN for \(id) (\(boss.name)): "),
                try peek.checkFormatTwoSecret(secret, for: id)
            else {
                throw Failure(description: "wrong or missing PIN for \(id); nothing was changed")
            }
            let credential = try EventStore.prepareCredential(secret, for: id)
            peek.close()
            let log = try EventStore.upgrade(path: store.db)
            OpenLogs.add(log)
            let session = try LogSession(store: log, trusted: Heads.trusted(log))
            let now = session.actingTime(wallNow: try commandTime(nil))
            let stored = try session.setPIN(credential, by: Actor(id, console: "upgrade"), at: now).mapError {
                Failure(description: $0.message)
            }.get()
            print(
                "Upgraded \(log.path) to format 3: \(id)'s signing key is the first in its chain (seq \(stored.first?.seq ?? 0)), and every event after it is signed by its operator."
                    .terminalSafe)
            print(
                "Every other operator needs a supervisor to set their PIN again (`vigil operator pin --as \(id) --id ID`), once, to get a key of their own."
                    .terminalSafe)
        }

        /// A log on a server, from its administrator's URL: format 3 to 4 in place, then the supervisor's key first.
        func upgradeServer() throws {
            guard let id = actingAs else {
                throw Failure(
                    description:
                        "say which supervisor upgrades \(store.shown) with --as ID; their passphrase is asked for")
            }
            guard let secret = SecretSource(fromStdin: pinStdin).ask("Passphrase for \(id): ") else {
                throw Failure(description: "no passphrase was given for \(id); nothing was changed")
            }
            let credential = try EventStore.prepareCredential(secret, for: id)
            let log = try EventStore.upgradeServer(url: store.db, supervisor: id, secret: secret)
            OpenLogs.add(log)
            let session = try LogSession(store: log, trusted: Heads.trusted(log))
            let stored = try session.setPIN(
                credential, by: Actor(id, console: "upgrade"), at: session.actingTime(wallNow: try commandTime(nil))
            ).mapError { Failure(description: $0.message) }.get()
            print(
                "Upgraded \(log.path) to server format 4: \(id)'s signing key is the first in its chain (seq \(stored.first?.seq ?? 0)), and every event after it is signed by its operator."
                    .terminalSafe)
            print(
                "Every other operator needs a supervisor to set their passphrase again (`vigil operator pin --as \(id) --id ID`), once, to get a key of their own."
                    .terminalSafe)
        }
    }
}
