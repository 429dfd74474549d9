import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil {
    /// Runs one command of the command language against a log.
    struct Do: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one command of the command language against a log and print its events.",
            discussion: """
                On a live log the operator's PIN is asked for every time (or read from the first line of standard input with \
                --pin-stdin), and the command is stamped with the clock. The operator is signed on for the command only, in \
                the same commit, so a console can still sign them on. Training logs ask no PIN and take --at. Exits 1 if the \
                command is refused.
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "The operator issuing the command.")
        var `operator`: String

        @Option(help: "The console name stamped on the events.")
        var console = "cli"

        @Option(
            help: ArgumentHelp(
                "The time of the command, UK local, as YYYY-MM-DDTHH:MM (training logs only; default: now).",
                valueName: "time"))
        var at: String?

        @Flag(help: "Read the operator's PIN from the first line of standard input.")
        var pinStdin = false

        @Argument(help: ArgumentHelp("The command, in quotes, e.g. \"assign 0014 BW11\".", valueName: "command"))
        var command: String

        func run() throws {
            let log = try store.open(as: `operator`, pinStdin: pinStdin)
            let session = try LogSession(store: log, trusted: Heads.trusted(log))
            // On a training log the shift's clock, so a trainee's work is stamped and numbered in shift time.
            let now = try actionTime(at, session: session)
            for w in session.warnings { warn(w) }
            let id = session.state.operatorID(matching: `operator`)
            let actor = Actor(id, console: console)
            let parsed: Command
            switch CommandParser(state: session.state, now: now).parse(command) {
            case .success(let c): parsed = c
            case .failure(let e): throw Failure(description: e.description)
            }
            try SignOn.authenticateIfLive(id, session: session, console: console, now: now, pinStdin: pinStdin)
            // A correction answers whether the caller's details are as given ("already as given"), so it is a look at
            // them, and recorded as one whatever the outcome (found by the sixth attacker).
            if case .correctContact(let contact, _, _) = parsed, try !log.header().training {
                try log.recordAccess(
                    AccessEntry(
                        at: now, operatorID: id, console: console, record: contact.description,
                        what: "caller details (correct)"))
            }
            let events =
                parsed == .signOn || parsed == .signOff
                ? try SignOn.actOnce([], session: session, by: actor, at: now, only: parsed)
                : try SignOn.actOnce([parsed], session: session, by: actor, at: now)
            for e in events { print("\(e.seq) \(e.event.line)".terminalSafe) }
        }
    }
}
