import ArgumentParser
import Foundation
import VigilCore
import VigilForce
import VigilSim
import VigilStore
import VigilTUI

extension Vigil {
    /// The default command: on a terminal, the console on a fresh demo log with a simulated weekday running;
    /// otherwise (a pipe, a script, CI) the demo force at a glance and how to use Vigil.
    struct Overview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "overview",
            abstract: "Open the demo console, or print the force's summary and how to start when there is no terminal.",
            shouldDisplay: false
        )

        @OptionGroup var forceOptions: ForceOptions

        @Option(help: ArgumentHelp("A theme for the demo console.", valueName: "theme"))
        var theme = "default"

        func run() throws {
            if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, forceOptions.force == nil {
                try Demo.run(theme: theme)
                return
            }
            let loaded = try forceOptions.load()
            print(ForceSummary(loaded).lines.joined(separator: "\n"))
            print("")
            print(
                "On a terminal, `swift run vigil` opens the console on a demo log with a simulated weekday. Also try:")
            print("  swift run vigil script Examples/first-call.vigil")
            print("      a 999 call from ring to close, event by event")
            print("  swift run vigil log init --db shift.sqlite")
            print("      an event log for the demo force; then `vigil do`, `vigil console`, `log verify`, `log tail`")
            print("  swift run vigil sim --headless --scenario weekday")
            print("      a whole simulated shift in a fraction of a second")
            print("")
            print(Vigil.helpMessage())
        }
    }
}

/// The demo: a fresh training log in the temporary folder, the weekday scenario warmed up for two hours so the force
/// is busy from the first second, then running at 1× under the console of dispatcher D100.
enum Demo {
    static func run(theme: String) throws {
        let nowWall = Int64(Date().timeIntervalSince1970)
        let start = Instant(seconds: nowWall - nowWall % 60 - 2 * 3600)
        let path = NSTemporaryDirectory() + "vigil-demo-\(getpid()).sqlite"
        var scenario: Scenario
        do { scenario = try ScenarioLoader.load("weekday") } catch { throw Failure(description: error.description) }
        scenario.start = start
        scenario.hours = 26
        // Calls ring for 25 seconds before a simulated handler takes them, so the person at the demo can answer first.
        scenario.answerAfterSeconds = 25
        FileHandle.standardError.write(Data("Preparing the demo: a simulated weekday, two hours in…\n".utf8))
        let forceText: String
        do { forceText = try DemoForce.text() } catch { throw Failure(description: error.description) }
        let store = try EventStore.create(
            path: path, forceText: forceText, createdAt: start, training: true, durability: .fast)
        let session = try LogSession(store: store)
        var world = LogWorld(session: session)
        var sim = Simulation(scenario: scenario, seed: UInt64(nowWall))
        try sim.begin(&world)
        try sim.run(until: Instant(seconds: nowWall), world: &world)
        let pacer = ShiftPacer(
            start: scenario.start, end: scenario.end, initial: ShiftClock(speed: 1), logged: session.state.shiftClock)
        defer { print("The demo log is \(path): try `swift run vigil report --db \(path)`.") }
        let feed = SimFeed(sim: sim, pacer: pacer, world: world, tracker: nil)
        try ConsoleStart.open(
            session: session, operatorID: "D100", view: .dispatcher, theme: theme, banner: .demo, feed: feed)
    }
}
