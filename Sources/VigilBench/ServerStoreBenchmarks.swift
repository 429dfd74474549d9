import Foundation
import VigilCore
import VigilForce
import VigilStore

/// The event log on a PostgreSQL server beside SQLite, in the same run: durable appends one command at a time and
/// batched, replaying a million events from the server, and opening it from a snapshot.
public enum ServerStoreBenchmarks {
    static let start = StoreBenchmarks.start

    public static func run(server: String, quick: Bool, progress: (String) -> Void) throws -> [Figure] {
        let demo = try DemoForce.load()
        let forceText = try DemoForce.text()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-server-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var made: [String] = []
        defer { for name in made { try? ServerAdmin.dropDatabase(adminURL: server, name: name) } }
        func database(_ what: String) throws -> String {
            let name = "vigil_bench_\(what)_\(getpid())"
            made.append(name)
            return try ServerAdmin.createDatabase(adminURL: server, name: name)
        }
        var figures: [Figure] = []

        progress("durable appends, one command per transaction, PostgreSQL beside SQLite…")
        let (_, stream) = CoreBenchmarks.eventStream(demo, commands: quick ? 600 : 3_000)
        let durable = Array(stream.prefix(quick ? 300 : 2_000))
        let onServer = try EventStore.create(path: try database("durable"), forceText: forceText, createdAt: start)
        let inFile = try EventStore.create(
            path: dir.appendingPathComponent("durable.sqlite").path, forceText: forceText, createdAt: start)
        // The two take turns in rounds, so drift on a shared machine falls on both; medians are compared.
        let rounds = 5, perRound = durable.count / rounds
        var serverTimes: [Double] = [], fileTimes: [Double] = []
        for r in 0..<rounds {
            let slice = durable[(r * perRound)..<((r + 1) * perRound)]
            serverTimes.append(try StoreBenchmarks.timed { for e in slice { try onServer.append([e]) } })
            fileTimes.append(try StoreBenchmarks.timed { for e in slice { try inFile.append([e]) } })
        }
        let serverRate = Double(perRound) / serverTimes.sorted()[rounds / 2]
        let fileRate = Double(perRound) / fileTimes.sorted()[rounds / 2]
        figures += [
            Figure(
                name: "durable append, PostgreSQL (synchronous_commit on)", value: serverRate, unit: "events/s",
                target: "reference", met: true),
            Figure(
                name: "durable append, SQLite (FULL), same run", value: fileRate, unit: "events/s",
                target: "reference", met: true),
            Figure(
                name: "durable append, PostgreSQL / SQLite", value: serverRate / fileRate, unit: "ratio",
                target: "reference", met: true),
        ]

        progress("batched appends ×1000, PostgreSQL beside SQLite…")
        let (_, big) = CoreBenchmarks.eventStream(demo, commands: quick ? 20_000 : 60_000, seed: 3)
        let batchedServer = try EventStore.create(path: try database("batched"), forceText: forceText, createdAt: start)
        let batchedFile = try EventStore.create(
            path: dir.appendingPathComponent("batched.sqlite").path, forceText: forceText, createdAt: start)
        for (store, name) in [(batchedServer, "PostgreSQL"), (batchedFile, "SQLite (FULL)")] {
            let t = try StoreBenchmarks.timed {
                for chunk in stride(from: 0, to: big.count, by: 1_000) {
                    try store.append(Array(big[chunk..<min(chunk + 1_000, big.count)]))
                }
            }
            figures.append(
                Figure(
                    name: "batched append ×1000, \(name)", value: Double(big.count) / t, unit: "events/s",
                    target: "reference", met: true))
        }

        let target = quick ? 100_000 : 1_000_000
        progress("writing a \(target)-event log to a file and copying it to the server…")
        let file = dir.appendingPathComponent("million.sqlite").path
        let written = try StoreBenchmarks.writeLog(demo: demo, forceText: forceText, path: file, events: target)
        let original = try EventStore.open(path: file)
        var copied: EventStore?
        let copyTime = try StoreBenchmarks.timed {
            copied = try original.copy(to: try database("million"), firstCredential: nil)
        }
        let million = copied!
        figures.append(
            Figure(
                name: "log copy of \(written) events, file to PostgreSQL", value: Double(written) / copyTime,
                unit: "events/s", target: "reference", met: true))
        progress("replaying it from the server…")
        var replayed: DispatchState?
        let replayTime = try StoreBenchmarks.timed { replayed = try million.replay().state }
        figures.append(
            Figure(
                name: "replay \(written) events from PostgreSQL", value: Double(written) / replayTime,
                unit: "events/s", target: "≥ 250,000", met: Double(written) / replayTime >= 250_000))
        let boss = replayed!.operators.values.first { $0.role == .supervisor }!.id
        for store in [million, original] {
            try store.recordSnapshot(
                replayed!, at: Int64(written), by: Actor(boss, console: "bench"), now: replayed!.lastEventAt ?? start)
        }
        replayed = nil
        progress("opening it from a snapshot on the server…")
        let location = try url(of: million, server: server)
        var connectTimes: [Double] = [], openTimes: [Double] = [], fileOpens: [Double] = []
        for _ in 0..<5 {
            fileOpens.append(
                try StoreBenchmarks.timed {
                    let restored = try EventStore.open(path: file).restore()
                    precondition(restored.snapshotSeq != nil)
                })
            connectTimes.append(try StoreBenchmarks.timed { try EventStore.open(path: location).close() })
            openTimes.append(
                try StoreBenchmarks.timed {
                    let store = try EventStore.open(path: location)
                    let restored = try store.restore()
                    precondition(restored.snapshotSeq != nil)
                    store.close()
                })
        }
        let connect = connectTimes.sorted()[2], openTime = openTimes.sorted()[2]
        let fileOpen = fileOpens.sorted()[2]
        figures += [
            Figure(
                name: "open \(written)-event PostgreSQL log via snapshot (median of 5)", value: openTime * 1000,
                unit: "ms", target: "< 100 ms", met: openTime < 0.1),
            Figure(
                name: "  of which signing in and reading the header", value: connect * 1000, unit: "ms",
                target: "reference", met: true),
            Figure(
                name: "the same log in a SQLite file, via snapshot (median of 5)", value: fileOpen * 1000, unit: "ms",
                target: "reference", met: true),
        ]
        million.close()
        onServer.close()
        batchedServer.close()
        return figures
    }

    /// A log's URL with the administrator's password, for opening it again (its path never shows the password).
    static func url(of store: EventStore, server: String) throws -> String {
        var address = try ServerAddress(url: store.path)
        address.password = try ServerAddress(url: server).password
        return address.url
    }
}
