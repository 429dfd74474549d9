import ArgumentParser
import Foundation
import VigilCore
import VigilForce
import VigilSim
import VigilStore
import VigilTUI

extension Vigil {
    /// A training shift: the scenario runs in this process on a training log, under the trainer's console.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a training shift: a simulated scenario on a training log, driven from the trainer's console.",
            discussion: """
                Trainees open `vigil console --db F --operator ID` on the same log in their own terminals; every screen shows \
                TRAINING. The trainer pauses (Space), changes speed (< >), fires injects (Enter) and reads the debrief (r).
                Example: vigil train --scenario major-incident --db training.sqlite
                """
        )

        @Option(help: ArgumentHelp("A built-in scenario or a scenario file.", valueName: "name-or-path"))
        var scenario = "weekday"

        @Option(help: ArgumentHelp("The training log: made if missing; an existing one must be marked as training.", valueName: "path"))
        var db: String

        @Option(help: "The trainer at this console (default: the force's first trainer).")
        var `operator`: String?

        @Option(help: ArgumentHelp("Starting speed: 1, 10, 60 or max.", valueName: "speed"))
        var speed = "1"

        @Option(help: "The random seed (default: the scenario's).")
        var seed: UInt64?

        @Option(help: ArgumentHelp("A theme for the console.", valueName: "theme"))
        var theme = "default"

        func validate() throws {
            if !["1", "10", "60", "max"].contains(speed) { throw ValidationError("--speed takes 1, 10, 60 or max") }
        }

        func run() throws {
            var loaded: Scenario
            do { loaded = try ScenarioLoader.load(scenario) } catch { throw Failure(description: error.description) }
            let forceText: String
            do { forceText = try HeadlessRun.force(for: loaded).text } catch { throw Failure(description: error.description) }
            if !FileManager.default.fileExists(atPath: db) {
                _ = try storeJob { () throws(StoreError) in
                    try EventStore.create(path: db, forceText: forceText, createdAt: loaded.start, training: true, durability: .fast)
                }
            }
            let store = try storeJob { () throws(StoreError) in try EventStore.open(path: db) }
            guard try storeJob({ () throws(StoreError) in try store.header() }).training else {
                throw Failure(description: "\(db) is a live log; training shifts run only on training logs, so make a new one")
            }
            let session = try storeJob { () throws(StoreError) in try LogSession(store: store) }
            if let last = session.state.lastEventAt, last > loaded.start { loaded.start = last }
            var world = LogWorld(session: session)
            var sim = Simulation(scenario: loaded, seed: seed ?? loaded.seed)
            try sim.begin(&world)
            let initial = speed == "max" ? 0 : Int(speed) ?? 1
            if session.state.shiftClock.speed != initial {
                _ = try world.execute(.setShiftSpeed(initial), by: Actor(SimOperators.clock.id, console: "sim"), at: sim.now)
            }
            let pacer = ShiftPacer(start: loaded.start, end: loaded.end, initial: ShiftClock(speed: initial), logged: session.state.shiftClock)
            guard let trainer = `operator` ?? session.state.operators.values.first(where: { $0.role == .trainer && !$0.disabled })?.id else {
                throw Failure(description: "the force has no trainer; give --operator or add one to the force file")
            }
            let tracker = try TrainingTracker(scenario: loaded, store: store)
            try ConsoleStart.open(session: session, operatorID: trainer, view: .trainer, theme: theme, banner: .training,
                                  sim: sim, pacer: pacer, tracker: tracker)
        }
    }
}
