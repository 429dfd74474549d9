import Foundation
import Testing
import VigilCore
import VigilForce
@testable import VigilStore
import VigilTestSupport

/// Runs the real `vigil` binary, built beside the test bundle.
enum Binary {
    static var url: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vigil")
    }

    /// Starts the binary; `input` (a PIN, for live logs) is written to its standard input, which is then closed.
    static func start(_ arguments: [String], input: String = "") throws -> (Process, Pipe, Pipe) {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inPipe
        try p.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        return (p, out, err)
    }

    /// Waits for a process to end by polling: `waitUntilExit` can hang on Linux when called from a test's thread.
    static func wait(_ p: Process, timeout: Double = 30) {
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(5_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        while p.isRunning { usleep(5_000) }
    }

    /// Runs the binary to completion with posix_spawn and waitpid (no Foundation run loop involved); returns its exit status.
    @discardableResult
    static func run(_ arguments: [String], stdin: String = "/dev/null") -> Int32 {
        var pid: pid_t = 0
        let argv = ([url.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        guard posix_spawn(&pid, url.path, &actions, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return status
    }

    /// `ack SEQ HASH` lines as (seq, hash).
    static func acks(_ data: Data) -> [(Int64, String)] {
        String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            guard f.count == 3, f[0] == "ack", let seq = Int64(f[1]) else { return nil }
            return (seq, String(f[2]))
        }
    }
}

func freshLogPath() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-proc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("log.sqlite").path
    let made = Instant(year: 2026, month: 11, day: 25)
    // A live log: everyone who acts in these tests has a PIN, given on standard input.
    let store = try TestLogs.live(path: path, at: made, pin: testPIN)
    try TestLogs.givePINs(["T400", "H200", "D100"], pin: testPIN, on: store, bossPIN: testPIN, at: made)
    try testPIN.appending("\n").write(toFile: dir.appendingPathComponent("pin").path, atomically: true, encoding: .utf8)
    return path
}

/// A fresh live log on the test server, when `VIGIL_TEST_POSTGRES` names one: the URL consoles use (no user; each
/// operator signs in as their own role) and the administrator's.
func freshServerLog() throws -> (consoles: String, admin: String)? {
    guard let server = ProcessInfo.processInfo.environment["VIGIL_TEST_POSTGRES"], !server.isEmpty else { return nil }
    let name = "vigil_p_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
    let admin = try ServerAdmin.createDatabase(adminURL: server, name: name)
    let store = try EventStore.create(
        path: admin, forceText: try DemoForce.text(), createdAt: Instant(year: 2026, month: 11, day: 25))
    for op in ["S001", "T400", "H200", "D100"] {
        try store.setSecret(testPIN, for: op, at: Instant(year: 2026, month: 11, day: 25))
    }
    store.close()
    return (try ServerAdmin.consoleURL(admin), admin)
}

/// The PIN every operator of a test log has; `pinFile(path)` holds it as a line for standard input.
let testPIN = "test-passphrase-9"
func pinFile(_ logPath: String) -> String { (logPath as NSString).deletingLastPathComponent + "/pin" }

func hex(_ d: Data) -> String { d.map { String(format: "%02x", $0) }.joined() }

@Suite("the log across processes", .serialized)
struct LogProcessTests {
    @Test func killedWritersLoseNothingAcknowledged() throws {
        #expect(
            FileManager.default.isExecutableFile(atPath: Binary.url.path), "the vigil binary is built beside the tests")
        let path = try freshLogPath()
        try killWriters(path, openingWith: path)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["VIGIL_TEST_POSTGRES"] != nil))
    func killedWritersOnAServerLoseNothingAcknowledged() throws {
        let log = try #require(try freshServerLog())
        try killWriters(log.consoles, openingWith: log.admin)
    }

    /// Twenty writers, each killed with SIGKILL at a random moment after its first acknowledgement: every
    /// acknowledged event is in the log, unchanged, and the chain verifies.
    func killWriters(_ path: String, openingWith adminPath: String) throws {
        var rng = SplitMix64(seed: 2026)
        var acknowledged: [Int64: String] = [:]
        for _ in 0..<20 {
            let (p, out, _) = try Binary.start(["log", "soak", "--db", path, "--pin-stdin"], input: testPIN + "\n")
            // Past the PIN check (scrypt, slower in a debug build) to the first acknowledgement, then killed at any moment.
            let fd = out.fileHandleForReading.fileDescriptor
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            var seen = Data()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let deadline = Date().addingTimeInterval(20)
            while !String(decoding: seen, as: UTF8.self).contains("ack "), Date() < deadline, p.isRunning {
                let n = read(fd, &buffer, buffer.count)
                if n > 0 { seen.append(contentsOf: buffer[0..<n]) } else { usleep(5_000) }
            }
            usleep(UInt32(rng.next() % 350_000))
            kill(p.processIdentifier, SIGKILL)
            Binary.wait(p)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            seen.append(out.fileHandleForReading.readDataToEndOfFile())
            for (seq, hash) in Binary.acks(seen) { acknowledged[seq] = hash }
        }
        #expect(acknowledged.count > 20, "the writers got work done between kills")
        let store = try EventStore.open(path: adminPath)
        let report = try store.verify()
        #expect(report.isIntact, "\(report.summary)")
        let stored = Dictionary(
            uniqueKeysWithValues: try store.read(after: 0, limit: .max).map { ($0.seq, hex($0.hash)) })
        let missing = acknowledged.filter { stored[$0.key] != $0.value }
        #expect(missing.isEmpty, "acknowledged but lost or changed: \(missing.keys.sorted().prefix(5))")
    }

    @Test func twoWritersKeepOneChain() throws {
        let path = try freshLogPath()
        let setUp = try EventStore.openReadOnly(path: path).lastSeq()
        let a = try Binary.start(
            ["log", "soak", "--db", path, "--operator", "T400", "--console", "a", "--seconds", "3", "--pin-stdin"],
            input: testPIN + "\n")
        let b = try Binary.start(
            ["log", "soak", "--db", path, "--operator", "S001", "--console", "b", "--seconds", "3", "--pin-stdin"],
            input: testPIN + "\n")
        let outA = a.1.fileHandleForReading.readDataToEndOfFile(), outB = b.1.fileHandleForReading.readDataToEndOfFile()
        let errA = a.2.fileHandleForReading.readDataToEndOfFile(), errB = b.2.fileHandleForReading.readDataToEndOfFile()
        Binary.wait(a.0); Binary.wait(b.0)
        #expect(a.0.terminationStatus == 0 && b.0.terminationStatus == 0)
        #expect(String(decoding: errA + errB, as: UTF8.self) == "", "no busy error reached the user")
        let acks = Binary.acks(outA) + Binary.acks(outB)
        let store = try EventStore.open(path: path)
        let report = try store.verify()
        #expect(report.isIntact)
        #expect(Int(report.lastSeq - setUp) == acks.count, "every event was acknowledged to exactly one writer")
        #expect(Set(acks.map(\.0)).count == acks.count)
        #expect(Binary.acks(outA).count > 10 && Binary.acks(outB).count > 10, "both writers got turns")
    }
}

@Suite("one console sees another's events")
struct FollowTests {
    @Test func tailFollowShowsANewEventWithinAQuarterSecond() throws {
        let path = try freshLogPath()
        // A live log: the reader proves who they are, as any reader of callers' details does.
        let (tail, out, _) = try Binary.start(
            ["log", "tail", "--db", path, "--follow", "--as", "D100", "--pin-stdin"], input: testPIN + "\n")
        // SIGKILL: children spawned from test threads inherit a signal mask that blocks SIGTERM.
        defer { kill(tail.processIdentifier, SIGKILL); Binary.wait(tail) }
        usleep(1_000_000)
        // Non-blocking reads, so a missing line fails the test instead of hanging it.
        let fd = out.fileHandleForReading.fileDescriptor
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let t0 = Date()
        #expect(
            Binary.run(
                ["do", "--db", path, "--operator", "H200", "--pin-stdin", "receive 999 address=\"1 Watch Street\""],
                stdin: pinFile(path)) == 0)
        let committed = Date()
        var seen = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !seen.contains("1 Watch Street") && Date().timeIntervalSince(t0) < 5 {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 { seen += String(decoding: buffer[0..<n], as: UTF8.self) } else { usleep(5_000) }
        }
        let lag = Date().timeIntervalSince(committed)
        #expect(seen.contains("ContactReceived C1 999"))
        #expect(lag < 0.25, "seen \(Int(lag * 1000)) ms after the writer exited")
    }
}
