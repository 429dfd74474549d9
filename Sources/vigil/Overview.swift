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
            print("The live console arrives with the event log; until then, try:")
            print("  swift run vigil script Examples/first-call.vigil   # a 999 call from ring to close")
            print("  swift run vigil force --units                       # every unit in the demo force")
            print("")
            print(Vigil.helpMessage())
        }
    }
}
