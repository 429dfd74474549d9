import Foundation
import VigilCore
import VigilForce
import VigilStore

/// Eight headless consoles (separate processes) working one live log at once: commands held per second, the 99th
/// percentile commit latency, and how soon one console's work shows on the others.
public enum ConsoleBenchmarks {
    /// With `server` (an administrator's URL), the log is on a fresh database on that PostgreSQL server, and each
    /// console signs in as its own operator's role, as consoles at other sites would.
    public static func run(quick: Bool, server: String? = nil, progress: (String) -> Void) throws -> [Figure] {
        let consoles = 8
        let seconds = quick ? 10 : 60
        let dir = NSTemporaryDirectory() + "vigil-consoles-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let database = "vigil_bench_consoles_\(getpid())"
        let adminPath = try server.map { try ServerAdmin.createDatabase(adminURL: $0, name: database) }
        defer { if let server { try? ServerAdmin.dropDatabase(adminURL: server, name: database) } }
        let path = try adminPath.map(ServerAdmin.consoleURL) ?? dir + "/load.sqlite"
        let on = server == nil ? "" : " (PostgreSQL)"
        let pin = "bench-load-passphrase"
        let start = Instant(seconds: Int64(Date().timeIntervalSince1970))
        do {
            let store = try EventStore.create(
                path: adminPath ?? path, forceText: try DemoForce.text(), createdAt: start,
                firstCredential: try EventStore.prepareCredential(pin, for: "S001"))
            let session = try LogSession(store: store)
            let boss = Actor("S001", console: "bench")
            _ = try session.prove(pin, for: "S001")
            _ = try session.execute(.signOn, by: boss, at: start)
            for k in 1...consoles {
                _ = try session.execute(
                    .registerOperator(Operator(id: "DRV\(k)", name: "Load console \(k)", role: .dispatcher)), by: boss,
                    at: start)
                try StoreBenchmarks.givePIN(pin, to: "DRV\(k)", session: session, by: boss, at: start)
            }
            _ = try session.execute(.signOff, by: boss, at: start)
            try session.close()
            // Each driver signs on with its PIN, as a console on a live log must.
            _ = FileManager.default.createFile(
                atPath: dir + "/pin", contents: Data((pin + "\n").utf8), attributes: [.posixPermissions: 0o600])
        }
        // Flat out for throughput and commit latency; then at five commands a second each (a very busy room) for how
        // soon work shows elsewhere, since a saturated writer only looks up between its own commits.
        let flat = phase(path, dir, consoles: consoles, seconds: seconds / 2, rate: 0, progress: progress)
        let paced = phase(path, dir, consoles: consoles, seconds: seconds / 2, rate: 5, progress: progress)
        func pct(_ xs: [Double], _ p: Double) -> Double {
            let s = xs.sorted()
            return s.isEmpty ? .infinity : s[min(s.count - 1, Int(Double(s.count) * p))]
        }
        let verified = (try? EventStore.open(path: adminPath ?? path).verify().isIntact) ?? false
        return [
            Figure(
                name: "\(consoles) consoles\(on) flat out: commands held",
                value: Double(flat.commands) / max(flat.elapsed, 1), unit: "cmd/s",
                target: "reference (\(flat.refused) refused, \(flat.failed) failed)", met: flat.failed == 0),
            Figure(
                name: "flat out: commit latency, median", value: pct(flat.commits, 0.5), unit: "ms",
                target: "reference", met: true),
            Figure(
                name: "flat out: commit latency, 99th pct", value: pct(flat.commits, 0.99), unit: "ms",
                target: "reference", met: true),
            Figure(
                name: "flat out: seen elsewhere, median", value: pct(flat.seen, 0.5), unit: "ms", target: "reference",
                met: true),
            Figure(
                name: "\(consoles)\(on) × 5 cmd/s: commands held",
                value: Double(paced.commands) / max(paced.elapsed, 1),
                unit: "cmd/s",
                target: "≈ \(consoles * 5) (\(paced.failed) failed)", met: paced.failed == 0),
            Figure(
                name: "paced: commit latency, median", value: pct(paced.commits, 0.5), unit: "ms",
                target: "reference", met: true),
            Figure(
                name: "paced: commit latency, 99th pct", value: pct(paced.commits, 0.99), unit: "ms",
                target: server == nil ? "reference" : "< 50 ms",
                met: server == nil || pct(paced.commits, 0.99) < 50),
            Figure(
                name: "paced: seen on other consoles, median", value: pct(paced.seen, 0.5), unit: "ms",
                target: "< 250 ms", met: pct(paced.seen, 0.5) < 250),
            Figure(
                name: "paced: seen on other consoles, 99th pct", value: pct(paced.seen, 0.99), unit: "ms",
                target: "< 250 ms", met: pct(paced.seen, 0.99) < 250),
            Figure(
                name: "log verifies after the run", value: verified ? 1 : 0, unit: "", target: "1 (chain intact)",
                met: verified),
        ]
    }

    struct Phase {
        var commands = 0, refused = 0, failed = 0, elapsed = 0.0, commits: [Double] = [], seen: [Double] = []
    }

    /// Runs the drivers for one phase and gathers their figures.
    static func phase(
        _ path: String, _ dir: String, consoles: Int, seconds: Int, rate: Double, progress: (String) -> Void
    ) -> Phase {
        progress(
            "\(consoles) console processes on one live log for \(seconds) s"
                + (rate > 0 ? " at \(Int(rate)) commands a second each…" : ", flat out…"))
        let tag = rate > 0 ? "paced" : "flat"
        let pids = (1...consoles).map { k in
            spawnChild(
                CommandLine.arguments[0],
                [
                    "log", "drive", "--db", path, "--operator", "DRV\(k)", "--console", "\(tag)\(k)",
                    "--seconds", "\(seconds)", "--rate", "\(rate)", "--pin-stdin",
                ],
                stdout: dir + "/\(tag)\(k).json", stdin: dir + "/pin")
        }
        var p = Phase()
        for pid in pids {
            var status: Int32 = 0
            if pid == 0 || waitpid(pid, &status, 0) < 0 || status != 0 { p.failed += 1 }
        }
        for k in 1...consoles {
            guard let data = FileManager.default.contents(atPath: dir + "/\(tag)\(k).json"),
                let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { p.failed += 1; continue }
            p.commands += o["commands"] as? Int ?? 0
            p.refused += o["refused"] as? Int ?? 0
            p.elapsed = max(p.elapsed, o["seconds"] as? Double ?? 0)
            p.commits += o["commit_ms"] as? [Double] ?? []
            p.seen += o["seen_ms"] as? [Double] ?? []
        }
        return p
    }
}
