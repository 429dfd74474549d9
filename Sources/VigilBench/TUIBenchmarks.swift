import VigilCore
import VigilForce
import VigilSim
import VigilTUI

/// The console's benchmarks: a full 200×60 dispatcher frame over a busy force, what a one-second tick rewrites,
/// and a key press through to the changed cells.
public enum TUIBenchmarks {
    public static func run(quick: Bool, progress: (String) -> Void) throws -> [Figure] {
        var figures: [Figure] = []
        progress("rendering 200×60 dispatcher frames…")
        var state = CoreBenchmarks.withIncidents(
            try DemoForce.load().initialState(at: CoreBenchmarks.start), count: 300, seed: 5)
        // Some units busy, so every status shows on the board and the map.
        let refs = Array(state.openIncidents.prefix(150))
        for (k, ref) in refs.enumerated() {
            guard let best = state.recommend(for: ref, limit: 1).best,
                case .success(let e) = state.decide(
                    .assign(ref, [best.callsign]), by: CoreBenchmarks.trainer, at: CoreBenchmarks.start)
            else { continue }
            state.apply(e)
            if k % 2 == 0,
                case .success(let e2) = state.decide(
                    .setStatus(best.callsign, .enRoute, position: nil), by: CoreBenchmarks.trainer,
                    at: CoreBenchmarks.start)
            {
                state.apply(e2)
            }
        }
        let theme = try ThemeLoader.load("default")
        var model = ConsoleModel(operatorID: "T400", view: .dispatcher)
        model.map.zoom = 1
        let now = CoreBenchmarks.start + .minutes(5)
        func frame(_ m: ConsoleModel, _ t: Instant) -> Buffer {
            ConsoleScreen.render(
                RenderContext(state: state, model: m, now: t, theme: theme, banner: .training, sync: "seq 1"),
                width: 200, height: 60)
        }
        var sink = 0
        let renderTime = medianSeconds(repeats: quick ? 20 : 200) { sink &+= frame(model, now).cells.count }
        figures.append(
            Figure(
                name: "render 200×60 (\(state.units.count) units, \(state.openIncidentCount) open)",
                value: renderTime * 1000,
                unit: "ms", target: "< 2 ms", met: renderTime < 0.002))

        let term = MemoryTerminal(width: 200, height: 60)
        term.draw(frame(model, now))
        let tick = term.draw(frame(model, now + .seconds(1)))
        figures.append(
            Figure(
                name: "cells written by a one-second tick", value: Double(tick), unit: "cells",
                target: "only what changed (of 12000)", met: tick < 12_000 / 4))

        progress("key presses through to the screen, with the demo feed running…")
        // The weekday simulation plays into the same state, a simulated second between presses, as the demo does.
        var scenario = try ScenarioLoader.load("weekday")
        scenario.start = now
        var world = MemoryWorld(state: state)
        var feed = Simulation(scenario: scenario, seed: 3)
        try feed.begin(&world)
        var clock = now
        var keyTimes: [Double] = []
        for k in 0..<(quick ? 20 : 100) {
            clock = clock + .seconds(1)
            try feed.run(until: clock, world: &world)
            let t0 = monotonicSeconds()
            let key: Key = k % 3 == 2 ? .char("a") : .down
            for effect in model.handle(key, state: world.state, now: clock) {
                if case .execute(let c) = effect {
                    let result = world.execute(c, by: CoreBenchmarks.trainer, at: clock)
                    if case .success(let e) = result { feed.observe(world.state, events: e) }
                    _ = model.didExecute(c, result, state: world.state)
                }
            }
            state = world.state
            term.draw(frame(model, clock))
            keyTimes.append(monotonicSeconds() - t0)
        }
        keyTimes.sort()
        let p99 = keyTimes[min(keyTimes.count - 1, Int(Double(keyTimes.count) * 0.99))]
        figures.append(
            Figure(
                name: "key press to changed cells, median", value: keyTimes[keyTimes.count / 2] * 1000, unit: "ms",
                target: "< 16 ms", met: keyTimes[keyTimes.count / 2] < 0.016))
        figures.append(
            Figure(
                name: "key press to changed cells, 99th pct", value: p99 * 1000, unit: "ms", target: "< 16 ms",
                met: p99 < 0.016))
        precondition(sink > 0)
        return figures
    }
}
