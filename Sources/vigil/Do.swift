import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil {
    /// Runs one command of the command language against a log.
    struct Do: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one command of the command language against a log and print its events.",
            discussion: "Signs the operator on first if they are not signed on anywhere. Exits 1 if the command is refused."
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "The operator issuing the command.")
        var `operator`: String

        @Option(help: "The console name stamped on the events.")
        var console = "cli"

        @Option(help: ArgumentHelp("The time of the command, UK local, as YYYY-MM-DDTHH:MM (default: now).", valueName: "time"))
        var at: String?

        @Argument(help: ArgumentHelp("The command, in quotes, e.g. \"assign 0014 BW11\".", valueName: "command"))
        var command: String

        func run() throws {
            let now = try commandTime(at)
            let log = try store.open()
            let session = try storeJob { () throws(StoreError) in try LogSession(store: log) }
            for w in session.warnings { FileHandle.standardError.write(Data("warning: \(w.terminalSafe)\n".utf8)) }
            let actor = Actor(`operator`, console: console)
            let parsed: Command
            switch CommandParser(state: session.state, now: now).parse(command) {
            case .success(let c): parsed = c
            case .failure(let e): throw Failure(description: e.description)
            }
            if session.state.signedOn[`operator`] == nil, parsed != .signOn {
                try show(try storeJob { () throws(StoreError) in try session.execute(.signOn, by: actor, at: now) })
            }
            try show(try storeJob { () throws(StoreError) in try session.execute(parsed, by: actor, at: now) })
        }

        func show(_ result: Result<[StoredEvent], DispatchError>) throws {
            switch result {
            case .success(let events): for e in events { print("\(e.seq) \(e.event.line)".terminalSafe) }
            case .failure(let e): throw Failure(description: e.message)
            }
        }
    }
}
