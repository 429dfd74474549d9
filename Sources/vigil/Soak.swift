import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil.Log {
    /// Appends in a loop and reports each acknowledged event; the crash and concurrency tests drive it.
    struct Soak: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Append contacts in a loop, printing `ack SEQ HASH` after each commit (for crash and load tests).",
            shouldDisplay: false
        )

        @OptionGroup var store: StoreOptions
        @Flag(help: "Read the operator's PIN from the first line of standard input (live logs).") var pinStdin = false

        @Option(help: "The operator appending.")
        var `operator` = "T400"

        @Option(help: "The console name stamped on the events.")
        var console = "soak"

        @Option(help: "Stop after this many seconds (0: run until killed).")
        var seconds = 0.0

        func run() throws {
            let log = try store.open(as: `operator`, pinStdin: pinStdin)
            let session = try LogSession(store: log, snapshotEvery: 0, trusted: Heads.trusted(log))
            // A load or crash test on a live log acts like any operator: its PIN first.
            try SignOn.authenticateIfLive(
                `operator`, session: session, console: console, now: try commandTime(nil), pinStdin: pinStdin)
            let actor = Actor(`operator`, console: console)
            let started = Date()
            var n = 0
            while seconds <= 0 || Date().timeIntervalSince(started) < seconds {
                n += 1
                let now = Instant(seconds: Int64(Date().timeIntervalSince1970))
                let command: Command =
                    session.state.signedOn[`operator`] == nil
                    ? .signOn : .receiveContact(.online, ContactDetails(account: "soak \(console) \(n)"))
                let result = try session.execute(command, by: actor, at: now)
                switch result {
                case .success(let events):
                    // Written straight to the descriptor: an acknowledgement is printed only after its commit returned.
                    let text = events.map { "ack \($0.seq) \($0.hash.map { String(format: "%02x", $0) }.joined())\n" }
                        .joined()
                    FileHandle.standardOutput.write(Data(text.utf8))
                case .failure(let e):
                    throw Failure(description: e.message)
                }
            }
        }
    }
}
