import Foundation
import VigilForce
import VigilSim

/// The simulator's benchmarks: a headless weekday, the same shift ×10 and ×100, and the SimPy model beside it.
public enum SimBenchmarks {
    /// Runs them; `quick` leaves out ×100. The SimPy model runs if `VIGIL_SIMPY_PYTHON` (or `python3`) can import simpy.
    public static func run(quick: Bool, progress: (String) -> Void) throws -> [Figure] {
        var figures: [Figure] = []
        let scenario = try ScenarioLoader.load("weekday")
        let force = try DemoForce.load()

        progress("headless weekday, 5 runs in this process…")
        var incidents = 0
        let inProcess = medianSeconds(repeats: quick ? 3 : 5) {
            incidents =
                (try? HeadlessRun.run(scenario, force: force, seed: scenario.seed, keepEvents: false).0.incidents) ?? 0
        }
        figures.append(
            Figure(
                name: "headless weekday 24 h (\(incidents) inc.)", value: inProcess, unit: "s",
                target: "< 0.5 s", met: inProcess < 0.5))

        // The same shift's events folded into a fresh state and nothing else: what the run would cost if deciding,
        // recommending, making up callers and counting were free. It bounds the ratio to SimPy from above.
        progress("the weekday's events applied alone…")
        let kept = try HeadlessRun.run(scenario, force: force, seed: scenario.seed, keepEvents: true).world.events
        let initial = force.initialState(at: scenario.start)
        let applyOnly = medianSeconds(repeats: quick ? 3 : 5) {
            var state = initial
            state.apply(kept)
            precondition(state.eventCount == kept.count)
        }
        figures.append(
            Figure(
                name: "its \(kept.count) events applied alone", value: applyOnly * 1000, unit: "ms",
                target: "reference", met: true))

        // Each scale in its own process, so each peak memory figure is that run's own.
        var perIncident: [Int: Double] = [:]
        for copies in quick ? [1, 10] : [1, 10, 100] {
            // Short runs are repeated and their median taken: one 0.1 s run moves by a third on a busy machine, and
            // it is the denominator of the ratios below.
            let repeats = copies == 1 ? 7 : copies == 10 ? 3 : 1
            progress("weekday ×\(copies) in a child process, \(repeats) run\(repeats == 1 ? "" : "s")…")
            let runs = (0..<repeats).compactMap { _ in child(["sim", "--headless", "--scale", "\(copies)", "--json"]) }
            guard runs.count == repeats else {
                figures.append(Figure(name: "weekday ×\(copies)", value: 0, unit: "s", target: "runs", met: false))
                continue
            }
            let summary = runs.map(\.summary).sorted { $0.wall < $1.wall }[repeats / 2]
            let kb = runs.map(\.peakKilobytes).max() ?? 0
            perIncident[copies] = summary.wall / Double(max(summary.incidents, 1))
            figures.append(
                Figure(
                    name: "weekday ×\(copies): \(summary.incidents) incidents", value: summary.wall, unit: "s",
                    target: "reference", met: true))
            figures.append(
                Figure(
                    name: "weekday ×\(copies): peak memory", value: Double(kb) / 1024, unit: "MB", target: "reference",
                    met: true))
        }
        for copies in [10, 100] {
            guard let big = perIncident[copies], let one = perIncident[1] else { continue }
            figures.append(
                Figure(
                    name: "cost per incident ×\(copies) / ×1", value: big / one, unit: "×",
                    target: "≤ 1.5× (close to linear)",
                    met: big / one <= 1.5))
        }

        progress("the same weekday in SimPy…")
        if let simpy = simPy() {
            figures.append(
                Figure(
                    name: "SimPy \(simpy.version) model, same weekday", value: simpy.wall, unit: "s",
                    target: "reference", met: true))
            figures.append(
                Figure(
                    name: "SimPy time / Vigil time", value: simpy.wall / inProcess, unit: "×", target: "≥ 50×",
                    met: simpy.wall / inProcess >= 50))
            figures.append(
                Figure(
                    name: "SimPy time / applying events alone", value: simpy.wall / applyOnly, unit: "×",
                    target: "reference: the ceiling", met: true))
        } else {
            progress("SimPy is not installed: run Benchmarks/simpy/compare.sh to install it in a venv and compare.")
        }
        return figures
    }

    /// Runs this binary with `arguments` and reads its `--json` summary.
    static func child(_ arguments: [String]) -> (summary: (wall: Double, incidents: Int), peakKilobytes: Int)? {
        let out = NSTemporaryDirectory() + "vigil-bench-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (status, kb) = runChild(CommandLine.arguments[0], arguments, stdout: out)
        guard status == 0, let data = FileManager.default.contents(atPath: out),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let wall = object["wall_seconds"] as? Double, let incidents = object["incidents"] as? Int
        else { return nil }
        return ((wall, incidents), kb)
    }

    /// Runs `Benchmarks/simpy/weekday.py` from the working directory, if Python with SimPy is there.
    static func simPy() -> (wall: Double, version: String)? {
        let script = FileManager.default.currentDirectoryPath + "/Benchmarks/simpy/weekday.py"
        guard FileManager.default.fileExists(atPath: script) else { return nil }
        let python = ProcessInfo.processInfo.environment["VIGIL_SIMPY_PYTHON"] ?? "python3"
        let out = NSTemporaryDirectory() + "vigil-simpy-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (status, _) = runChild(python, [script], stdout: out)
        guard status == 0, let data = FileManager.default.contents(atPath: out),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let wall = object["wall_seconds"] as? Double
        else { return nil }
        return (wall, object["simpy"] as? String ?? "?")
    }
}
