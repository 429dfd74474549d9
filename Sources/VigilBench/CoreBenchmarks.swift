import VigilCore
import VigilWorkload
import VigilForce

/// The core's benchmarks: `apply` throughput and recommendation cost at 600 and 60,000 units.
public enum CoreBenchmarks {
    static let start = Instant(year: 2026, month: 11, day: 25, hour: 8)
    static let trainer = Actor("T400", console: "bench")

    /// Runs every core benchmark; `quick` shortens them for a smoke test.
    public static func run(
        quick: Bool = false, only: String? = nil, server: String? = nil, progress: (String) -> Void = { _ in }
    ) throws
        -> [Figure]
    {
        let demo = try DemoForce.load()
        var figures: [Figure] = []
        if only == nil || only == "apply" { figures += applyFigures(demo, quick: quick, progress: progress) }
        if only == nil || only == "recommend" { figures += recommendFigures(demo, quick: quick, progress: progress) }
        if only == nil || only == "store" {
            figures +=
                try server.map { try ServerStoreBenchmarks.run(server: $0, quick: quick, progress: progress) }
                ?? StoreBenchmarks.run(quick: quick, progress: progress)
        }
        if only == nil || only == "consoles" {
            figures += try ConsoleBenchmarks.run(quick: quick, server: server, progress: progress)
        }
        if only == nil || only == "tui" { figures += try TUIBenchmarks.run(quick: quick, progress: progress) }
        if only == nil || only == "sim" { figures += try SimBenchmarks.run(quick: quick, progress: progress) }
        return figures
    }

    static func applyFigures(_ demo: LoadedForce, quick: Bool, progress: (String) -> Void) -> [Figure] {
        var figures: [Figure] = []

        progress("building a seeded event stream…")
        let (initial, events) = eventStream(demo, commands: quick ? 20_000 : 150_000)
        // Finished states are kept until after timing: a replay keeps its state, so freeing it is not apply's cost.
        var kept: [DispatchState] = []
        let applyTime = medianSeconds(repeats: quick ? 3 : 7) {
            var s = initial
            s.apply(events)
            kept.append(s)
        }
        precondition(kept.allSatisfy { $0.eventCount == events.count })
        kept.removeAll()
        let rate = Double(events.count) / applyTime
        figures.append(
            Figure(
                name: "apply throughput (\(events.count) events)", value: rate / 1e6, unit: "M events/s",
                target: "≥ 2 M events/s", met: rate >= 2_000_000))
        return figures
    }

    static func recommendFigures(_ demo: LoadedForce, quick: Bool, progress: (String) -> Void) -> [Figure] {
        var figures: [Figure] = []

        progress("recommending over the demo force…")
        let small = withIncidents(demo.initialState(at: start), count: 300, seed: 1)
        let smallCost = recommendCost(small, calls: quick ? 3_000 : 30_000)
        figures.append(
            Figure(
                name: "recommend, \(small.units.count) units", value: smallCost * 1e6, unit: "µs/call",
                target: "< 50 µs", met: smallCost < 50e-6))

        progress("recommending over 60,000 units…")
        let big = withIncidents(scaled(demo, copies: 96).initialState(at: start), count: 300, seed: 2)
        let bigCost = recommendCost(big, calls: quick ? 1_000 : 10_000)
        figures.append(
            Figure(
                name: "recommend, \(big.units.count) units", value: bigCost * 1e6, unit: "µs/call",
                target: "< 1000 µs", met: bigCost < 1e-3))

        // Side by side: a full ranking of every free unit, to show the index's gain in the same run.
        let fullCost = recommendCost(big, calls: quick ? 50 : 300, limit: .max)
        figures.append(
            Figure(
                name: "full ranking, \(big.units.count) units", value: fullCost * 1e6, unit: "µs/call",
                target: "reference only", met: true))
        figures.append(
            Figure(
                name: "cost ratio 60,000 / 600 units", value: bigCost / smallCost, unit: "×",
                target: "< \(big.units.count / small.units.count)× (sub-linear)",
                met: bigCost / smallCost < Double(big.units.count / small.units.count)))
        return figures
    }

    /// A realistic stream of accepted events from a seeded workload.
    public static func eventStream(_ demo: LoadedForce, commands: Int, seed: UInt64 = 7) -> (DispatchState, [Event]) {
        let initial = demo.initialState(at: start)
        var state = initial
        var events: [Event] = []
        var now = start
        let signOn = try! state.decide(.signOn, by: trainer, at: now).get()
        state.apply(signOn); events += signOn
        var workload = RandomWorkload(seed: seed, actors: [trainer], chaos: 0.05)
        for _ in 0..<commands {
            now = now + .seconds(3)
            let (command, actor) = workload.next(in: state, now: now)
            if case .success(let new) = state.decide(command, by: actor, at: now) {
                state.apply(new)
                events += new
            }
        }
        return (initial, events)
    }

    /// The state with `count` open, unresourced incidents spread over the force.
    static func withIncidents(_ initial: DispatchState, count: Int, seed: UInt64) -> DispatchState {
        var state = initial
        var rng = SplitMix64(seed: seed)
        let box = state.force.bounds
        func run(_ c: Command) {
            if case .success(let e) = state.decide(c, by: trainer, at: start) { state.apply(e) }
        }
        run(.signOn)
        for i in 0..<count {
            let p = GeoPoint(
                lat: box.minLat + rng.unit() * (box.maxLat - box.minLat),
                lon: box.minLon + rng.unit() * (box.maxLon - box.minLon))
            run(.receiveContact(.emergency, ContactDetails(location: p, address: "\(i) Bench Road")))
            run(
                .raiseIncident(
                    from: ContactID(state.nextContact - 1), grade: i % 3 == 0 ? .scheduled : .emergency,
                    category: Category(.crime, "burglary"), location: nil, address: nil))
        }
        return state
    }

    /// Median seconds per recommendation over the state's open incidents.
    static func recommendCost(_ state: DispatchState, calls: Int, limit: Int = 8) -> Double {
        let refs = Array(state.openIncidents)
        var sink = 0
        let batch = max(1, calls / 10)
        let t = medianSeconds(repeats: 10) {
            for i in 0..<batch { sink &+= state.recommend(for: refs[i % refs.count], limit: limit).considered }
        }
        precondition(sink != 0)
        return t / Double(batch)
    }

    /// The demo force with every unit copied `copies` times, spread at random over its home area.
    public static func scaled(_ demo: LoadedForce, copies: Int) -> LoadedForce {
        var rng = SplitMix64(seed: 99)
        var units: [PoliceUnit] = []
        let boxes = Dictionary(demo.force.areas.map { ($0.id, $0.outline.bounds) }, uniquingKeysWith: { a, _ in a })
        for k in 0..<copies {
            for var u in demo.units {
                if k > 0 {
                    u.callsign += "X\(k)"
                    let b = boxes[u.homeArea]!
                    u.position = GeoPoint(
                        lat: b.minLat + rng.unit() * (b.maxLat - b.minLat),
                        lon: b.minLon + rng.unit() * (b.maxLon - b.minLon))
                }
                units.append(u)
            }
        }
        var scaled = demo
        scaled.units = units
        return scaled
    }
}
