import Foundation
import GRDB
import VigilCore
import VigilWorkload
import VigilForce
import VigilStore

/// The event log's benchmarks: durable and batched appends, replaying a million events, opening from a snapshot.
public enum StoreBenchmarks {
    static let start = Instant(year: 2026, month: 11, day: 25, hour: 8)

    public static func run(quick: Bool, progress: (String) -> Void) throws -> [Figure] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try DemoForce.load()
        let forceText = try DemoForce.text()
        var figures: [Figure] = []

        progress("durable appends, one per transaction, beside bare inserts…")
        let (_, stream) = CoreBenchmarks.eventStream(demo, commands: quick ? 600 : 3_000)
        let durable = Array(stream.prefix(quick ? 300 : 2_000))
        // fsync times drift on a shared machine, so the two paths take turns in rounds and the medians are compared.
        let live = try EventStore.create(
            path: dir.appendingPathComponent("durable.sqlite").path, forceText: forceText, createdAt: start)
        let signed = try EventStore.create(
            path: dir.appendingPathComponent("signed.sqlite").path, forceText: forceText, createdAt: start)
        let key = SigningKey.generate()
        let bare = try BareLog(path: dir.appendingPathComponent("bare.sqlite").path)
        let rounds = 5, perRound = durable.count / rounds
        var fullTimes: [Double] = [], bareTimes: [Double] = [], signedTimes: [Double] = []
        for r in 0..<rounds {
            let slice = durable[(r * perRound)..<((r + 1) * perRound)]
            let before = try live.lastSeq()
            fullTimes.append(try timed { for e in slice { try live.append([e]) } })
            signedTimes.append(try timed { for e in slice { try signed.append([e], signingWith: key) } })
            let rows = try live.read(after: before, limit: .max)
            bareTimes.append(try bare.insertEach(rows))
        }
        let fullRate = Double(perRound) / fullTimes.sorted()[rounds / 2],
            bareRate = Double(perRound) / bareTimes.sorted()[rounds / 2],
            signedRate = Double(perRound) / signedTimes.sorted()[rounds / 2]
        figures.append(
            Figure(
                name: "durable append, full path (FULL sync)", value: fullRate, unit: "events/s", target: "reference",
                met: true))
        figures.append(
            Figure(
                name: "bare INSERT + commit, same bytes", value: bareRate, unit: "events/s", target: "reference",
                met: true))
        figures.append(
            Figure(
                name: "durable append / bare insert", value: fullRate / bareRate, unit: "ratio", target: "≥ 0.5",
                met: fullRate / bareRate >= 0.5))
        figures.append(
            Figure(
                name: "durable signed append / bare insert", value: signedRate / bareRate, unit: "ratio",
                target: "≥ 0.5", met: signedRate / bareRate >= 0.5))

        figures += try signOn(dir: dir, forceText: forceText, progress: progress)

        progress("batched appends…")
        let (_, big) = CoreBenchmarks.eventStream(demo, commands: quick ? 20_000 : 120_000, seed: 3)
        for durability in [Durability.fast, .live] {
            let store = try EventStore.create(
                path: dir.appendingPathComponent("batched-\(durability).sqlite").path, forceText: forceText,
                createdAt: start, durability: durability)
            let t = try timed {
                for chunk in stride(from: 0, to: big.count, by: 1_000) {
                    try store.append(Array(big[chunk..<min(chunk + 1_000, big.count)]))
                }
            }
            let name =
                durability == .fast
                ? "batched append ×1000 (NORMAL, training/sim)" : "batched append ×1000 (FULL, live)"
            figures.append(
                Figure(
                    name: name, value: Double(big.count) / t, unit: "events/s",
                    target: durability == .fast ? "≥ 100,000" : "reference",
                    met: durability == .live || Double(big.count) / t >= 100_000))
        }

        let target = quick ? 100_000 : 1_000_000
        progress("writing a \(target)-event log…")
        let path = dir.appendingPathComponent("million.sqlite").path
        let written = try writeLog(demo: demo, forceText: forceText, path: path, events: target)
        progress("replaying it…")
        let store = try EventStore.open(path: path)
        var replayed: DispatchState?
        let replayTime = try timed { replayed = try store.replay().state }
        // Peak memory is measured on the real command in a child process, so nothing this benchmark held counts.
        let memory = Double(childPeakKilobytes(["log", "replay", "--db", path])) / 1024
        figures.append(
            Figure(
                name: "replay \(written) events from disk", value: Double(written) / replayTime, unit: "events/s",
                target: "≥ 500,000", met: Double(written) / replayTime >= 500_000))
        figures.append(
            Figure(
                name: "peak memory, vigil log replay (\(written))", value: memory, unit: "MB", target: "< 500 MB",
                met: memory > 0 && memory < 500))
        let boss = replayed!.operators.values.first { $0.role == .supervisor }!.id
        try store.recordSnapshot(
            replayed!, at: Int64(written), by: Actor(boss, console: "bench"), now: replayed!.lastEventAt ?? start)
        replayed = nil
        progress("opening it from a snapshot…")
        var summary = ""
        let openTime = try timed {
            let restored = try EventStore.open(path: path).restore()
            precondition(restored.snapshotSeq != nil)
            summary = "\(restored.state.load(at: restored.state.lastEventAt ?? start).total.open) open"
        }
        _ = summary
        figures.append(
            Figure(
                name: "open \(written)-event log via snapshot + show", value: openTime * 1000, unit: "ms",
                target: "< 300 ms", met: openTime < 0.3))
        return figures
    }

    /// Gives `op` a PIN as a supervisor does, then chooses it again as `op` at their first sign-on (a PIN set by
    /// a supervisor works once), so `op` can sign on with it from then on.
    static func givePIN(_ pin: String, to op: OperatorID, session: LogSession, by boss: Actor, at now: Instant) throws {
        _ = try session.setPIN(pin, for: op, by: boss, at: now).get()
        guard try session.prove(pin, for: op) else {
            throw StoreError.other("the PIN just set for \(op) does not open")
        }
        _ = try session.setPIN(pin, for: op, by: Actor(op, console: boss.console), at: now).get()
    }

    /// What proving identity costs: one PIN check (the scrypt cost per guess, which must stay high), a console's
    /// sign-on path in process, and a whole `vigil do` on a live log with its PIN on standard input, in a child.
    static func signOn(dir: URL, forceText: String, progress: (String) -> Void) throws -> [Figure] {
        progress("PIN checks, console sign-on and vigil do on a live log…")
        let path = dir.appendingPathComponent("signon.sqlite").path
        let pin = "bench-passphrase-1"
        let store = try EventStore.create(
            path: path, forceText: forceText, createdAt: start,
            firstCredential: try EventStore.prepareCredential(pin, for: "S001"))
        do {
            let session = try LogSession(store: store)
            _ = try session.prove(pin, for: "S001")
            try givePIN(pin, to: "H200", session: session, by: Actor("S001", console: "bench"), at: start)
        }
        let pinFile = dir.appendingPathComponent("pin").path
        _ = FileManager.default.createFile(
            atPath: pinFile, contents: Data((pin + "\n").utf8), attributes: [.posixPermissions: 0o600])
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        var checks: [Double] = [], consoles: [Double] = [], dos: [Double] = []
        for _ in 0..<5 {
            checks.append(
                try timed {
                    let ok = try store.checkSecret(pin, for: "H200"); precondition(ok)
                })
            consoles.append(
                try timed {
                    let session = try LogSession(store: EventStore.open(path: path))
                    let ok = try session.prove(pin, for: "H200")
                    precondition(ok)
                    let now = Instant(seconds: Int64(Date().timeIntervalSince1970))
                    _ = try session.execute(.signOn, by: Actor("H200", console: "bench"), at: now).get()
                    _ = try session.execute(.signOff, by: Actor("H200", console: "bench"), at: now).get()
                    try session.close()
                })
            dos.append(
                try timed {
                    let r = runChild(
                        CommandLine.arguments[0],
                        ["do", "--db", path, "--operator", "H200", "--pin-stdin", "receive 999"],
                        stdout: "/dev/null", stdin: pinFile)
                    precondition(r.status == 0, "vigil do failed in the sign-on benchmark")
                })
        }
        // What signing every event will cost each writer, and checking it each reader: Ed25519 over a typical
        // event's bytes, and a guess against a sealed key (one KDF, as against a PIN hash).
        let key = SigningKey.generate()
        let message = Data(repeating: 0x61, count: 460)
        var signature = Data()
        let signs = 2_000
        let signTime = try timed { for _ in 0..<signs { signature = try key.sign(message) } }
        let verifyTime = try timed {
            for _ in 0..<signs { precondition(SigningKey.verify(signature, of: message, by: key.publicKey)) }
        }
        let sealed = try SealedKey.seal(key, for: "H200", with: pin)
        var opens: [Double] = []
        for _ in 0..<3 {
            opens.append(try timed { precondition(sealed.open(for: "H200", with: "wrong guess!") == nil) })
        }
        return [
            Figure(
                name: "PIN check (scrypt N=2^16, r=8, p=1)", value: median(checks) * 1000, unit: "ms",
                target: "≥ 100 ms a guess",
                met: median(checks) >= 0.1),
            Figure(
                name: "guess against a sealed signing key", value: median(opens) * 1000, unit: "ms",
                target: "≥ 100 ms a guess", met: median(opens) >= 0.1),
            Figure(
                name: "Ed25519 sign, 460-byte event", value: signTime / Double(signs) * 1_000_000, unit: "µs",
                target: "(figure)", met: true),
            Figure(
                name: "Ed25519 verify, 460-byte event", value: verifyTime / Double(signs) * 1_000_000, unit: "µs",
                target: "(figure)", met: true),
            Figure(
                name: "console sign-on (open, PIN, on, off)", value: median(consoles) * 1000, unit: "ms",
                target: "< 1000 ms",
                met: median(consoles) < 1),
            Figure(
                name: "vigil do, live log, PIN on stdin", value: median(dos) * 1000, unit: "ms", target: "< 1000 ms",
                met: median(dos) < 1),
        ]
    }

    static func timed(_ body: () throws -> Void) throws -> Double {
        let t0 = monotonicSeconds()
        try body()
        return monotonicSeconds() - t0
    }

    /// The same rows inserted with plain SQL, one transaction each, on the same settings (WAL, synchronous=FULL).
    struct BareLog {
        let pool: DatabasePool

        init(path: String) throws {
            pool = try DatabasePool(path: path)
            // As in EventStore: set on the writer after GRDB's WAL set-up, which leaves it at NORMAL.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            try pool.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE event (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, schema_version INTEGER NOT NULL,
                            occurred_at INTEGER NOT NULL, recorded_at INTEGER NOT NULL, operator TEXT NOT NULL, console TEXT NOT NULL,
                            payload TEXT NOT NULL, prev_hash BLOB NOT NULL, hash BLOB NOT NULL) STRICT
                        """)
            }
        }

        /// Seconds to insert `rows`, each in its own transaction; payloads are encoded before the clock starts.
        func insertEach(_ rows: [StoredEvent]) throws -> Double {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let payloads = try rows.map { String(decoding: try encoder.encode($0.event.change), as: UTF8.self) }
            return try timed {
                for (r, payload) in zip(rows, payloads) {
                    try pool.writeWithoutTransaction { db in
                        try db.inTransaction(.immediate) {
                            try db.execute(
                                sql: "INSERT INTO event VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)",
                                arguments: [
                                    r.seq, r.eventID, r.event.change.typeName, r.event.at.seconds, r.recordedAt.seconds,
                                    r.event.operatorID, r.event.console, payload, r.prevHash, r.hash,
                                ])
                            return .commit
                        }
                    }
                }
            }
        }
    }

    /// Writes a log of about `events` events from a seeded workload, in batches, without holding them all.
    static func writeLog(demo: LoadedForce, forceText: String, path: String, events: Int) throws -> Int {
        // A training log: replaying and opening read the same either way, and a live log's readers give a PIN, whose
        // scrypt (64 MiB) would be counted in the reader's peak memory.
        let store = try EventStore.create(
            path: path, forceText: forceText, createdAt: start, training: true, durability: .fast)
        var state = demo.initialState(at: start)
        let actor = Actor("T400", console: "bench")
        var pending = try state.decide(.signOn, by: actor, at: start).get()
        state.apply(pending)
        var workload = RandomWorkload(seed: 11, actors: [actor], chaos: 0.02)
        var now = start
        var written = 0
        while written + pending.count < events {
            now = now + .seconds(2)
            let (c, a) = workload.next(in: state, now: now)
            if case .success(let new) = state.decide(c, by: a, at: now) {
                state.apply(new)
                pending += new
            }
            if pending.count >= 5_000 {
                try store.append(pending)
                written += pending.count
                pending.removeAll(keepingCapacity: true)
            }
        }
        try store.append(pending)
        return written + pending.count
    }

    /// Runs this binary with `arguments` (output discarded) and returns the child's peak resident size in KiB.
    static func childPeakKilobytes(_ arguments: [String]) -> Int {
        runChild(CommandLine.arguments[0], arguments, stdout: "/dev/null").peakKilobytes
    }
}
