import ArgumentParser
import VigilCore
import VigilForce

extension Vigil {
    /// The default command: the demo force at a glance, then how to use Vigil.
    struct Overview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "overview",
            abstract: "Print the force's summary and how to start.",
            shouldDisplay: false
        )

        @OptionGroup var forceOptions: ForceOptions

        func run() throws {
            let loaded = try forceOptions.load()
            print(ForceSummary(loaded).lines.joined(separator: "\n"))
            print("")
            print("The live console is still to come. Meanwhile, try:")
            print("  swift run vigil script Examples/first-call.vigil")
            print("      a 999 call from ring to close, event by event")
            print("  swift run vigil log init --db shift.sqlite")
            print("      an event log for the demo force; then `vigil do`, `log verify`, `log tail`")
            print("  swift run vigil force --units")
            print("      every unit in the demo force")
            print("")
            print(Vigil.helpMessage())
        }
    }
}
