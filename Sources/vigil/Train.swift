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
            abstract:
                "Run a training shift: a simulated scenario on a training log, driven from the trainer's console.",
            discussion: """
                Trainees open `vigil console --db F --operator ID` on the same log in their own terminals; every screen shows \
                TRAINING. The trainer pauses (Space), changes speed (< >), fires injects (Enter) and reads the debrief (r).
                Example: vigil train --scenario major-incident --db training.sqlite
                """
        )

        @Option(help: ArgumentHelp("A built-in scenario or a scenario file.", valueName: "name-or-path"))
        var scenario = "weekday"

        @Option(
            help: ArgumentHelp(
                "The training log: made if missing; an existing one must be marked as training.", valueName: "path"))
        var db: String

        @Option(help: "The trainer at this console (default: the force's first trainer).")
        var `operator`: String?

        @Option(help: ArgumentHelp("Starting speed: 1, 10, 60 or max.", valueName: "speed"))
        var speed = ShiftSpeed.one.argument

        @Option(help: "The random seed (default: the scenario's).")
        var seed: UInt64?

        @Option(help: ArgumentHelp("A theme for the console.", valueName: "theme"))
        var theme = "default"

        func validate() throws {
            if ShiftSpeed(argument: speed) == nil { throw ValidationError("--speed takes \(ShiftSpeed.choices)") }
        }

        func run() throws {
            let loaded: Scenario
            do { loaded = try ScenarioLoader.load(scenario) } catch { throw Failure(description: error.description) }
            let forceText: String
            do { forceText = try HeadlessRun.force(for: loaded).text } catch {
                throw Failure(description: error.description)
            }
            let run = try TrainingRun.begin(
                db: db, scenario: loaded, forceText: forceText, seed: seed, speed: ShiftSpeed(argument: speed) ?? .one,
                refusal: "training shifts run only on training logs, so make a new one")
            let session = run.session
            guard
                let trainer = `operator`
                    ?? session.state.operators.values.first(where: { $0.role == .trainer && !$0.disabled })?.id
            else {
                throw Failure(description: "the force has no trainer; give --operator or add one to the force file")
            }
            let tracker = try TrainingTracker(scenario: run.scenario, store: run.store)
            let feed = SimFeed(sim: run.sim, pacer: run.pacer, world: run.world, tracker: tracker)
            try ConsoleStart.open(
                session: session, operatorID: trainer, view: .trainer, theme: theme, banner: .training, feed: feed)
        }
    }
}
