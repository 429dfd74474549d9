import ArgumentParser
import VigilCore
import VigilForce

extension Vigil {
    /// Shows or checks a force file.
    struct ForceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "force",
            abstract: "Check a force file and print its areas, stations, units and critical register."
        )

        @OptionGroup var forceOptions: ForceOptions

        @Flag(help: "List every unit with its type, home, crew and skills.")
        var units = false

        func run() throws {
            let loaded = try forceOptions.load()
            let summary = ForceSummary(loaded)
            print(summary.lines.joined(separator: "\n"))
            if units {
                print("")
                print(summary.unitLines.joined(separator: "\n"))
            }
        }
    }
}
