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
        @Option(
            name: .customLong("as"),
            help: ArgumentHelp(
                "The supervisor making the copy of a live log: their PIN on the original is asked for.", valueName: "id"
            ))
        var actingAs: String?
        @Flag(
            help:
                "Read PINs from standard input, one per line: the supervisor's on the original, then the same PIN to sign the copy's record (onto a server, then their passphrase there; from an unsigned log, only their secret for the copy)."
        )
        var pinStdin = false

        func run() throws {
            var original = StoreOptions()
            original.db = from
            let peek = try EventStore.openReadOnly(path: from)
            let live = try !peek.header().training
            peek.close()
            // A copy of a live log carries every caller's details and becomes a log its maker administers: only a
            // supervisor makes one, proving it on the original, and the copy says in its own chain what it is.
            if live, actingAs == nil {
                throw Failure(
                    description:
                        "say which supervisor makes the copy with --as ID; their PIN on \(original.shown) is asked for")
            }
            var reader = ReaderOptions()
            reader.reader = actingAs
            reader.pinStdin = pinStdin
            let source = try original.openToRead(reader, mustBe: live ? .supervisor : nil) { state in
                "copy to \(to) of \(state.nextContact - 1) contacts"
            }
            if let problem = try Heads.problem(source) { warn(problem) }
            var credential: Credential?
            var copier: OperatorID?
            // A signed log's sealed keys go with it (onto a server, by its administrator), so its operators keep their
            // keys; anything else gives the copy's first supervisor a secret afresh.
            let keysGo = source.signsEvents
            if live, let actingAs {
                let id = try LogSession(store: source, trusted: Heads.trusted(source)).state.operatorID(
                    matching: actingAs)
                copier = id
                if !keysGo { credential = try SignOn.newCredential(for: id, from: SecretSource(fromStdin: pinStdin)) }
            }
            let started = Date()
            let originalHead = try source.head()
            let copy = try source.copy(to: to, firstCredential: credential)
            Heads.claim(copy)
            OpenLogs.add(copy)
            if let copier {
                let session = try LogSession(store: copy, trusted: Heads.trusted(copy))
                let actor = Actor(copier, console: "admin")
                let now = session.actingTime(wallNow: try commandTime(nil))
                if copy.signsEvents {
                    // The copy's record is signed by its maker: with their PIN again, or their new key as its first.
                    if let credential {
                        _ = try session.setPIN(credential, by: actor, at: now).mapError {
                            Failure(description: $0.message)
                        }.get()
                    } else {
                        let again = SecretSource(fromStdin: pinStdin).ask(
                            "PIN for \(copier), to sign the copy's record: ")
                        guard let again, try session.prove(again, for: copier) else {
                            copy.discard()
                            throw Failure(description: "wrong or missing PIN for \(copier); the copy was removed")
                        }
                        if copy.isServer {
                            // A server signs each operator in as a role of their own, with a passphrase: the copier
                            // chooses theirs now (signed by their key); the others' a supervisor sets afresh.
                            let pass = try SignOn.newCredential(for: copier, from: SecretSource(fromStdin: pinStdin))
                            _ = try session.setPIN(pass, by: actor, at: now).mapError {
                                Failure(description: $0.message)
                            }.get()
                            credential = pass
                        }
                    }
                }
                _ = try SignOn.actOnce(
                    [
                        .recordCopy(
                            seq: originalHead.seq, hash: originalHead.hash.map { String(format: "%02x", $0) }.joined(),
                            from: source.path)
                    ], session: session, by: actor, at: session.actingTime(wallNow: try commandTime(nil)))
            }
            let head = try copy.head()
            let report = try copy.verify()
            print(
                "Copied \(originalHead.seq) events from \(source.path) to \(copy.path) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; the copy records it at \(head.text)."
                    .terminalSafe)
            print("The copy: \(report.summary)".terminalSafe)
            if let credential {
                print("\(credential.operatorID) signs in to the copy with the secret just given.".terminalSafe)
            }
            if !report.isIntact { throw ExitCode(1) }
        }
    }
}
