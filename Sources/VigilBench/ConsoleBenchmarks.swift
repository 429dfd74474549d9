import Foundation
import VigilCore
import VigilForce
import VigilStore

/// Eight headless consoles (separate processes) working one live log at once: commands held per second, the 99th
/// percentile commit latency, and how soon one console's work shows on the others.
public enum ConsoleBenchmarks {
    public static func run(quick: Bool, progress: (String) -> Void) throws -> [Figure] {
        let consoles = 8
        let seconds = quick ? 10 : 60
        let dir = NSTemporaryDirectory() + "vigil-consoles-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/load.sqlite"
        let start = Instant(seconds: Int64(Date().timeIntervalSince1970))
        do {
            let store = try EventStore.create(path: path, forceText: try DemoForce.text(), createdAt: start)
            let session = try LogSession(store: store)
            let boss = Actor("S001", console: "bench")
            _ = try session.execute(.signOn, by: boss, at: start)
            for k in 1...consoles {
                _ = try session.execute(.registerOperator(Operator(id: "DRV\(k)", name: "Load console \(k)", role: .dispatcher)), by: boss, at: start)
            }
            try session.close()
        }
        progress("\(consoles) console processes on one live log for \(seconds) s…")
        let pids = (1...consoles).map { k in
            spawnChild(CommandLine.arguments[0], ["log", "drive", "--db", path, "--operator", "DRV\(k)", "--console", "c\(k)", "--seconds", "\(seconds)"],
                       stdout: dir + "/c\(k).json")
        }
        var failed = 0
        for pid in pids {
            var status: Int32 = 0
            if pid == 0 || waitpid(pid, &status, 0) < 0 || status != 0 { failed += 1 }
        }
        var commands = 0, refused = 0, elapsed = 0.0
        var commits: [Double] = [], seen: [Double] = []
        for k in 1...consoles {
            guard let data = FileManager.default.contents(atPath: dir + "/c\(k).json"),
                  let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { failed += 1; continue }
            commands += o["commands"] as? Int ?? 0
            refused += o["refused"] as? Int ?? 0
            elapsed = max(elapsed, o["seconds"] as? Double ?? 0)
            commits += o["commit_ms"] as? [Double] ?? []
            seen += o["seen_ms"] as? [Double] ?? []
        }
        func pct(_ xs: [Double], _ p: Double) -> Double {
            let s = xs.sorted()
            return s.isEmpty ? .infinity : s[min(s.count - 1, Int(Double(s.count) * p))]
        }
        let verified = (try? EventStore.open(path: path).verify().isIntact) ?? false
        return [
            Figure(name: "\(consoles) consoles: commands held", value: Double(commands) / max(elapsed, 1), unit: "cmd/s",
                   target: "reference (\(refused) refused, \(failed) failed)", met: failed == 0),
            Figure(name: "\(consoles) consoles: commit latency, 99th pct", value: pct(commits, 0.99), unit: "ms", target: "reference", met: true),
            Figure(name: "\(consoles) consoles: commit latency, median", value: pct(commits, 0.5), unit: "ms", target: "reference", met: true),
            Figure(name: "change seen on other consoles, median", value: pct(seen, 0.5), unit: "ms", target: "< 250 ms", met: pct(seen, 0.5) < 250),
            Figure(name: "change seen on other consoles, 99th pct", value: pct(seen, 0.99), unit: "ms", target: "< 250 ms", met: pct(seen, 0.99) < 250),
            Figure(name: "log verifies after the run", value: verified ? 1 : 0, unit: "", target: "1 (chain intact)", met: verified),
        ]
    }
}
