import ArgumentParser
import Foundation
import VigilStore

extension Vigil.Log {
    /// The administrator's watch over a log on a server: the append lock and the server's own sign-ins.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch a server log's append lock and sign-ins, and act on what the server cannot.",
            discussion: """
                Run by the database administrator beside the server (its URL with the administrator's user; the \
                password from PGPASSWORD), for as long as the log is in use. Any session that holds the log's append \
                lock for more than 5 s is ended (an operator's role cannot hold it past its own append; this is the \
                guard behind that). Each failed sign-in of an operator's role at the server, read from the server's \
                log, is recorded as a wrong PIN of theirs: the fifth within 15 minutes locks them out as at a \
                console, and their role cannot sign in until the lock has passed or a supervisor lifts it. Give the \
                server's log file with --server-log, or the server's own current log file is read (logging_collector \
                = on). Needs a superuser.
                """)

        @Option(help: ArgumentHelp("The server log's URL, as its administrator.", valueName: "url")) var db: String
        @Option(help: ArgumentHelp("The server's log file, read for failed sign-ins.", valueName: "file"))
        var serverLog: String?
        @Option(help: ArgumentHelp("Stop after this many seconds (default: run until stopped).", valueName: "seconds"))
        var seconds: Double?

        func validate() throws {
            guard EventStore.isServerURL(db) else { throw ValidationError("--db takes the server's postgres:// URL") }
            if let seconds, !(seconds.isFinite && seconds > 0) {
                throw ValidationError("--seconds takes a positive number")
            }
        }

        func run() throws {
            let watch = try ServerWatch(adminURL: db, serverLog: serverLog)
            try AdminWatch.run(seconds: seconds) { say, stop in try watch.run(say: say, stop: stop) }
        }
    }
}
