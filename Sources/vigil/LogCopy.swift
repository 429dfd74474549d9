import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil.Log {
    /// Copies a log between stores, either way, and proves both heads equal.
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a log to a new store (a file, or an empty PostgreSQL database) and prove both heads equal.",
            discussion: """
                Every event is copied byte for byte with the same genesis, so the copy's chain is the original's; its \
                snapshots and access log come too. Operators' secrets never leave their store: the copy's first \
                supervisor is given one afresh (asked for, or the first line of standard input with --pin-stdin), and \
                sets the others'. To a server, give its administrator's URL (postgres://admin@host:port/database, the \
                password from PGPASSWORD); on a server operators' secrets are passphrases of at least 12 characters.
                """)

        @Option(help: ArgumentHelp("The log to copy: a file or a PostgreSQL URL.", valueName: "path")) var from: String
        @Option(help: ArgumentHelp("The new log: a file that must not exist, or an empty database.", valueName: "path"))
        var to: String
        @Flag(help: "Read the first supervisor's new secret from the first line of standard input.")
        var pinStdin = false

        func run() throws {
            let source = try EventStore.openReadOnly(path: from)
            for w in source.warnings { warn(w) }
            if let problem = try Heads.problem(source) { warn(problem) }
            let header = try source.header()
            var credential: Credential?
            if !header.training {
                let state = try source.replay().state
                guard let boss = state.firstSupervisor else {
                    throw Failure(
                        description: "the log names no supervisor who is not disabled; nobody could run the copy")
                }
                credential = try SignOn.newCredential(for: boss.id, from: SecretSource(fromStdin: pinStdin))
            }
            let started = Date()
            let copy = try source.copy(to: to, firstCredential: credential)
            OpenLogs.add(copy)
            let head = try copy.head()
            let report = try copy.verify()
            print(
                "Copied \(head.seq) events from \(source.path) to \(copy.path) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; both end at \(head.text)."
                    .terminalSafe)
            print("The copy: \(report.summary)".terminalSafe)
            if let credential {
                print("\(credential.operatorID) signs in to the copy with the secret just given.".terminalSafe)
            }
            if !report.isIntact { throw ExitCode(1) }
        }
    }
}
