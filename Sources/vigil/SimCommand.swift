import ArgumentParser
import Foundation
import VigilCore
import VigilForce
import VigilSim
import VigilStore

extension Vigil {
    /// Runs a simulated shift: headless as fast as possible, or live against a log at a chosen speed.
    struct Sim: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a simulated shift: headless for figures, or live against a log for demos and training.",
            discussion: """
                Built-in scenarios: \(ScenarioLoader.builtIns.joined(separator: ", ")); or give a scenario file's path.
                Headless:  vigil sim --headless --scenario weekday --seed 7 [--hours 24] [--json] [--db F]
                What-if:   vigil sim --headless --runs 10   (seeds 7…16: mean and 95% interval of each figure)
                           vigil sim --headless --vary response-units=400:560:40 [--runs 5]   (one row a value)
                           --vary also takes call-handlers=A:B:STEP and incidents-per-day=A:B:STEP; runs use every core.
                Live:      vigil sim --scenario weekday --db F --speed 1   (consoles on F see it happen)
                Trainer controls on a live run are commands, from any console or the command line:
                           vigil do --db F --operator T400 "pause" | "resume" | "speed 60" | "speed max" | "inject 2"
                """
        )

        @Option(help: ArgumentHelp("A built-in scenario or a scenario file.", valueName: "name-or-path"))
        var scenario = "weekday"

        @Option(help: "The random seed (default: the scenario's).")
        var seed: UInt64?

        @Option(help: "Run this many hours instead of the scenario's length.")
        var hours: Double?

        @Flag(help: "Run the whole shift as fast as possible and print a summary.")
        var headless = false

        @Flag(help: "Print the headless summary as one JSON object.")
        var json = false

        @Option(
            help: ArgumentHelp(
                "The event log: live runs play into it; headless runs write the shift to a new one.", valueName: "path")
        )
        var db: String?

        @Option(help: ArgumentHelp("Live speed: 1, 10, 60 or max.", valueName: "speed"))
        var speed = ShiftSpeed.one.argument

        @Option(
            help: ArgumentHelp(
                "Benchmark: this many copies of the force side by side, with that many times the demand.",
                valueName: "copies"))
        var scale = 1

        @Option(help: "What-if: repeat the headless run with this many seeds and report means with 95% intervals.")
        var runs = 1

        @Option(
            help: ArgumentHelp(
                "What-if: sweep a setting, e.g. response-units=400:560:40.", valueName: "setting=from:to:step"))
        var vary: String?

        func validate() throws {
            if json, !headless { throw ValidationError("--json is for headless runs; add --headless") }
            if ShiftSpeed(argument: speed) == nil { throw ValidationError("--speed takes \(ShiftSpeed.choices)") }
            if let hours, !(hours > 0) { throw ValidationError("--hours must be more than 0") }
            if scale < 1 || scale > 200 { throw ValidationError("--scale must be from 1 to 200") }
            if scale > 1 && !headless { throw ValidationError("--scale is for headless runs; add --headless") }
            if runs < 1 || runs > 1000 { throw ValidationError("--runs must be from 1 to 1000") }
            if (runs > 1 || vary != nil) && !headless {
                throw ValidationError("--runs and --vary are for headless runs; add --headless")
            }
            if !headless, db == nil {
                throw ValidationError("a live run needs --db; use --headless for a run in memory")
            }
            if (runs > 1 || vary != nil) && db != nil {
                throw ValidationError("--db writes one shift; leave it out with --runs or --vary")
            }
            if let vary, case .failure(let e) = WhatIf.Sweep.parse(vary) { throw ValidationError(e.description) }
        }

        func run() throws {
            var loaded: Scenario
            do { loaded = try ScenarioLoader.load(scenario) } catch { throw Failure(description: error.description) }
            var (force, forceText): (LoadedForce, String)
            do { (force, forceText) = try HeadlessRun.force(for: loaded) } catch {
                throw Failure(description: error.description)
            }
            if scale > 1 {
                if db != nil {
                    throw Failure(description: "--db keeps the force file's text, so it cannot be used with --scale")
                }
                force = Scale.force(force, copies: scale)
                loaded = Scale.scenario(loaded, copies: scale)
            }
            if runs > 1 || vary != nil {
                try runWhatIf(loaded, force: force)
            } else if headless {
                try runHeadless(loaded, force: force, forceText: forceText)
            } else {
                try runLive(loaded, force: force, forceText: forceText)
            }
        }

        func runHeadless(_ scenario: Scenario, force: LoadedForce, forceText: String) throws {
            if let db, FileManager.default.fileExists(atPath: db) {
                throw Failure(
                    description:
                        "\(db) already exists; a headless run writes a whole shift to a new log, so give a new path.")
            }
            let showBar = !json && isatty(STDERR_FILENO) == 1
            let started = Date()
            var (summary, world) = try HeadlessRun.run(
                scenario, force: force, seed: seed ?? scenario.seed, hours: hours,
                keepEvents: db != nil
            ) { fraction in
                if showBar { FileHandle.standardError.write(Data(progressBar(fraction).utf8)) }
            }
            summary.wallSeconds = Date().timeIntervalSince(started)
            if showBar { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            if let db {
                let store = try EventStore.create(
                    path: db, forceText: forceText, createdAt: scenario.start, training: true, durability: .fast)
                Heads.claim(store)
                for chunk in stride(from: 0, to: world.events.count, by: 5_000) {
                    let slice = Array(world.events[chunk..<min(chunk + 5_000, world.events.count)])
                    _ = try store.append(slice)
                }
                // The run's own state is the log's folded state, so it is the snapshot: no replay needed to open it.
                _ = try store.recordSnapshot(
                    world.state, at: try store.lastSeq(), by: Actor("SIM-CLK", console: "sim"),
                    now: world.state.lastEventAt ?? scenario.start)
                world.forgetEvents()
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } else {
                print(summaryText(summary, db: db))
            }
        }

        func runLive(_ scenario: Scenario, force: LoadedForce, forceText: String) throws {
            guard let db else { return }
            var scenario = scenario
            if let hours { scenario.hours = hours }
            let run = try TrainingRun.begin(
                db: db, scenario: scenario, forceText: forceText, seed: seed,
                speed: ShiftSpeed(argument: speed) ?? .one,
                refusal: "a simulation plays only into a training log, so give a new path")
            scenario = run.scenario
            let session = run.session
            var world = run.world, sim = run.sim, pacer = run.pacer
            for (n, inject) in scenario.injects.enumerated() {
                print("inject \(n + 1): \(inject.at.ukLocal.shortTimeText) \(inject.label)")
            }
            var lastTick = Date()
            var lastLine = Date.distantPast
            var watch = DeskWatch(), lastWatch = Date.distantPast
            while sim.now < scenario.end {
                // A desk whose console has fallen silent comes back to the simulator.
                if Date().timeIntervalSince(lastWatch) >= DeskWatch.beatEvery,
                    !session.state.deskHolders.isEmpty || !session.state.contactsInHand.isEmpty
                {
                    lastWatch = Date()
                    let beats = session.store.heartbeats(), wallNow = lastWatch.timeIntervalSince1970
                    let silent = watch.silent(session.state, beats: beats, wallNow: wallNow)
                    let calls = watch.silentCalls(session.state, beats: beats, wallNow: wallNow)
                    for e in try sim.takeBack(silent, calls: calls, &world) { print(e.line) }
                }
                // Other consoles' events, whether they arrived while the simulator committed or since: crews obey people
                // too, and a trainer's pause, speed and injects arrive this way.
                let others = try session.refresh()
                sim.observe(session.state, events: others.map(\.event))
                pacer.follow(session.state.shiftClock)
                let tick = Date()
                let target = pacer.advance(realSeconds: tick.timeIntervalSince(lastTick), simulatedNow: sim.now)
                lastTick = tick
                try sim.run(until: target, world: &world)
                if Date().timeIntervalSince(lastLine) >= 1 {
                    lastLine = Date()
                    let end = isatty(STDOUT_FILENO) == 1 ? "\r" : "\n"
                    FileHandle.standardOutput.write(
                        Data(
                            (progressLine(session.state, now: sim.now, seq: session.lastSeq, clock: pacer.clock) + end)
                                .utf8))
                }
                if pacer.clock.paused || pacer.clock.speed != 0 { usleep(200_000) }
            }
            try sim.endIfOver(&world)
            try session.close()
            print(progressLine(session.state, now: sim.now, seq: session.lastSeq, clock: pacer.clock))
            print(
                "Shift over: \(scenario.name) ran to \(scenario.end.ukLocal.date) \(scenario.end.ukLocal.shortTimeText); the log is \(db)."
            )
        }

        func runWhatIf(_ scenario: Scenario, force: LoadedForce) throws {
            let first = seed ?? scenario.seed
            let seeds = (0..<UInt64(runs)).map { first + $0 }
            var rows: [(value: Double?, scenario: Scenario, force: LoadedForce)] = [(nil, scenario, force)]
            var sweep: WhatIf.Sweep?
            if let vary, case .success(let s) = WhatIf.Sweep.parse(vary) {
                sweep = s
                rows = s.values.map { v in
                    var sc = scenario, f = force
                    s.setting.apply(v, to: &sc, force: &f)
                    return (v, sc, f)
                }
            }
            let jobs = rows.flatMap { row in
                seeds.map { WhatIf.Job(scenario: row.scenario, force: row.force, seed: $0) }
            }
            let workers = ProcessInfo.processInfo.activeProcessorCount
            let showBar = !json && isatty(STDERR_FILENO) == 1
            let total = jobs.count
            let started = Date()
            let summaries = try WhatIf.run(jobs, hours: hours, workers: workers) { done in
                if showBar {
                    FileHandle.standardError.write(
                        Data((progressBar(Double(done) / Double(total)) + " \(done)/\(total) runs").utf8))
                }
            }
            if showBar { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            let wall = Date().timeIntervalSince(started)
            let chunks = stride(from: 0, to: summaries.count, by: runs).map { Array(summaries[$0..<($0 + runs)]) }
            let intervals = chunks.map { chunk in WhatIf.figures.map { $0.interval(chunk) } }
            if json {
                var object: [String: Any] = [
                    "scenario": scenario.name, "seeds": seeds.map { Int($0) }, "runs": runs, "wall_seconds": wall,
                ]
                func figures(_ row: [WhatIf.Interval]) -> [String: Any] {
                    Dictionary(
                        uniqueKeysWithValues: zip(WhatIf.figures, row).map {
                            ($0.key, ["mean": $1.mean, "low": $1.low, "high": $1.high])
                        })
                }
                if let sweep {
                    object["setting"] = sweep.setting.rawValue
                    object["rows"] = zip(sweep.values, intervals).map {
                        ["value": $0, "figures": figures($1)] as [String: Any]
                    }
                } else {
                    object["figures"] = figures(intervals[0])
                }
                print(
                    String(
                        decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
                        as: UTF8.self))
                return
            }
            let hoursText = String(format: "%g", hours ?? scenario.hours)
            print(
                "Scenario \(scenario.name), \(hoursText) h, seeds \(seeds.first!)…\(seeds.last!); \(sweep == nil ? "" : "(\(runs) run\(runs == 1 ? "" : "s") a row) ")\(total) runs on \(workers) cores in \(String(format: "%.1f", wall)) s."
            )
            if runs > 1, sweep != nil {
                print("Each cell is the mean, ± half its 95% interval (percentage points for shares).")
            }
            print("")
            func cell(_ i: WhatIf.Interval, _ key: String) -> String {
                let share = key.hasSuffix("within_target") || key == "unit_utilisation"
                func fmt(_ x: Double) -> String {
                    share ? String(format: "%.1f%%", x * 100) : String(format: x >= 100 ? "%.0f" : "%.1f", x)
                }
                return runs > 1
                    ? "\(fmt(i.mean)) ± \(share ? String(format: "%.1f", (i.high - i.mean) * 100) : String(format: "%.1f", i.high - i.mean))"
                    : fmt(i.mean)
            }
            if let sweep {
                let widths = WhatIf.figures.map { max($0.label.count, runs > 1 ? 16 : 9) }
                print(
                    sweep.setting.rawValue.padded(18)
                        + zip(WhatIf.figures, widths).map { $0.label.leftPadded($1 + 2) }.joined())
                for (v, row) in zip(sweep.values, intervals) {
                    print(
                        String(format: "%g", v).padded(18)
                            + zip(zip(WhatIf.figures, row), widths).map { cell($0.1, $0.0.key).leftPadded($1 + 2) }
                            .joined())
                }
            } else {
                print("figure".padded(20) + "mean".leftPadded(12) + (runs > 1 ? "95% interval".leftPadded(24) : ""))
                for (f, i) in zip(WhatIf.figures, intervals[0]) {
                    let share = f.key.hasSuffix("within_target") || f.key == "unit_utilisation"
                    func fmt(_ x: Double) -> String {
                        share ? String(format: "%.1f%%", x * 100) : String(format: "%.1f", x)
                    }
                    print(
                        f.label.padded(20) + fmt(i.mean).leftPadded(12)
                            + (runs > 1 ? "\(fmt(i.low)) to \(fmt(i.high))".leftPadded(24) : ""))
                }
            }
        }

        func progressBar(_ fraction: Double) -> String {
            let width = 30, filled = Int(fraction * Double(width))
            return "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                + "] \(Int(fraction * 100))%"
        }

        func progressLine(_ state: DispatchState, now: Instant, seq: Int64, clock: ShiftClock) -> String {
            let load = state.load(at: now)
            let free = state.units.values.filter { $0.status.isDeployable }.count
            let onDuty = state.units.values.filter { $0.status.isOnDuty }.count
            return
                "\(now.ukLocal.date) \(now.ukLocal.timeText) \(clock.text)  waiting \(state.waitingContacts.count)  open \(load.total.open)"
                + "  unresourced \(load.total.unresourced)  units free \(free)/\(onDuty)  seq \(seq)"
        }

        func summaryText(_ s: ShiftSummary, db: String?) -> String {
            func pct(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
            func m(_ p: Percentiles?) -> String {
                guard let p, p.count > 0 else { return "none" }
                return
                    "median \(String(format: "%.1f", p.median)) min, 90th \(String(format: "%.1f", p.p90)) min (\(p.count))"
            }
            var lines = [
                "Scenario \(s.scenario), seed \(s.seed), \(String(format: "%g", s.hours)) h: \(s.incidents) incidents from \(s.contacts) contacts, \(s.events) events.",
                "Dispatched:           \(s.dispatched) incidents",
                "Grade 1 response:     \(m(s.responseMinutes["emergency"])); \(pct(s.emergencyWithinTarget)) within target",
                "Grade 2 response:     \(m(s.responseMinutes["priority"])); \(pct(s.priorityWithinTarget)) within target",
                "999 answer:           median \(Int(s.answerSeconds999.median)) s, 90th \(Int(s.answerSeconds999.p90)) s",
                "Utilisation:          response units \(pct(s.responseUtilisation)), all units \(pct(s.unitUtilisation)) of on-duty time committed",
                "Most unresourced:     \(s.maxUnresourced) incidents at once",
                "Wall time:            \(String(format: "%.2f", s.wallSeconds)) s",
            ]
            if s.mutualAidUnits > 0 {
                lines.insert(
                    "Mutual aid:           \(s.mutualAidUnits) units lent by neighbouring forces took \(s.mutualAidAssignments) assignments",
                    at: lines.count - 1)
            }
            if let db { lines.append("Written to \(db) (a training log): try `vigil log verify --db \(db)`.") }
            return lines.joined(separator: "\n")
        }
    }
}

/// The simulator's world when it plays into a shared log: every command is decided at commit against the latest state.
struct LogWorld: SimWorld {
    let session: LogSession
    var state: DispatchState { session.state }

    mutating func execute(_ command: Command, by actor: Actor, at now: Instant) throws -> Result<[Event], DispatchError>
    {
        try session.execute(command, by: actor, at: now).map { $0.map(\.event) }
    }
}
