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

/// The demo: a fresh training log in the temporary folder, a weekday's demand played forward from Friday 16:00 to the
/// evening peak at 18:00, so the force is busy from the first second at whatever hour it is opened, then running at
/// 1× under the console of dispatcher D100.
enum Demo {
    /// When the demo's shift starts: a fixed busy time, not the wall clock's hour (at 04:00 the force would be quiet).
    static let start = Instant(ukDate: CivilDate(year: 2026, month: 11, day: 27), hour: 16, minute: 0)
    /// How far the demo is played forward before the console opens.
    static let warmUp = Duration.hours(2)

    /// The demo's scenario: the weekday's demand from `start`, calls ringing 25 seconds before a simulated handler
    /// takes them, so the person at the demo can answer first.
    static func scenario() throws -> Scenario {
        var scenario: Scenario
        do { scenario = try ScenarioLoader.load("weekday") } catch { throw Failure(description: error.description) }
        scenario.start = start
        scenario.hours = 26
        scenario.answerAfterSeconds = 25
        return scenario
    }

    static func run(theme: String) throws {
        let nowWall = Int64(Date().timeIntervalSince1970)
        let path = NSTemporaryDirectory() + "vigil-demo-\(getpid()).sqlite"
        let scenario = try scenario()
        FileHandle.standardError.write(Data("Preparing the demo: Friday's evening peak, two hours in…\n".utf8))
        let forceText: String
        do { forceText = try DemoForce.text() } catch { throw Failure(description: error.description) }
        let store = try EventStore.create(
            path: path, forceText: forceText, createdAt: start, training: true, durability: .fast)
        let session = try LogSession(store: store, trusted: Heads.trusted(store))
        var world = LogWorld(session: session)
        var sim = Simulation(scenario: scenario, seed: UInt64(nowWall))
        try sim.begin(&world)
        try sim.run(until: start + warmUp, world: &world)
        let pacer = ShiftPacer(
            start: scenario.start, end: scenario.end, initial: ShiftClock(speed: 1), logged: session.state.shiftClock)
        defer { print(quitMessage(path: path)) }
        let feed = SimFeed(sim: sim, pacer: pacer, world: world, tracker: nil)
        try ConsoleStart.open(
            session: session, operatorID: "D100", view: .dispatcher, theme: theme, banner: .demo, feed: feed,
            desk: busiestDesk(session.state)?.id)
    }

    /// What the demo says on the way out: where its log is, and the command that debriefs it.
    static func quitMessage(path: String) -> String {
        "The demo log is \(path): `vigil report --db \(path)` debriefs it."
    }

    /// The desk with the most open incidents to attend, where the person at the demo is most needed.
    static func busiestDesk(_ state: DispatchState) -> Desk? {
        var waiting: [AreaID: Int] = [:]
        for ref in state.openIncidents {
            guard let i = state.incidents[ref], i.grade != .resolution else { continue }
            waiting[i.area, default: 0] += 1
        }
        return state.force.desks.max { a, b in
            a.areas.reduce(0) { $0 + waiting[$1, default: 0] } < b.areas.reduce(0) { $0 + waiting[$1, default: 0] }
        }
    }
}
