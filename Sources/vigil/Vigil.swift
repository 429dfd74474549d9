import ArgumentParser
import Foundation
import VigilBench

/// The `vigil` command: argument parsing and wiring only.
@main
struct Vigil: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "A terminal computer-aided dispatch console for police contact centres.",
        discussion: """
            With no subcommand, Vigil prints the built-in demo force and this help. \
            Command-language scripts run against a force in memory with `vigil script`.
            """,
        version: "0.1.0",
        subcommands: [
            Overview.self, Console.self, Train.self, OperatorCommand.self, Log.self, Do.self, Sim.self, Report.self,
            Staffing.self, ForceCommand.self, Script.self, Bench.self,
        ],
        defaultSubcommand: Overview.self
    )

    static func main() {
        // Every file Vigil makes (logs, their WAL and shared memory, keys, state, debriefs) is for its owner alone:
        // they hold callers' details and PIN hashes.
        umask(0o077)
        PeakReport.atExitIfAsked()
        main(nil)
    }
}
