import Foundation
import Testing
import VigilCore
import VigilForce
@testable import VigilStore

extension Binary {
    /// Runs the binary with `input` on standard input (none: /dev/null) and returns its status, stdout and stderr.
    static func capture(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let inPipe = Pipe()
        p.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try p.run()
        if let input {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try inPipe.fileHandleForWriting.close()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        wait(p)
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

/// A fresh folder for one test's files.
func freshFolder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-trust-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
}

/// Characters that would act on a terminal rather than show: C0 but newline, DEL, C1 and bidi controls.
func terminalControls(_ s: String) -> [Unicode.Scalar] { s.unicodeScalars.filter { $0.isTerminalControl && $0 != "\n" } }

@Suite("stored text at the terminal", .serialized)
struct TerminalInjectionTests {
    @Test func storedTextIsEscapedByDoTailAuditAndReport() throws {
        let dir = try freshFolder()
        let db = dir + "/t.sqlite"
        _ = try EventStore.create(path: db, forceText: try DemoForce.text(), createdAt: Instant(year: 2026, month: 11, day: 25), training: true)
        let hostile = "\u{1B}]0;owned\u{07}14 Broad\u{1B}[2J Street \u{202E}drowssap"
        let r = try Binary.capture(["do", "--db", db, "--operator", "H200", "--at", "2026-11-25T21:40",
                                    "receive 999 at=52.4776,-1.9102 address=\"\(hostile)\" caller=\"\u{9B}31mEve\""])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("ContactReceived"), "\(r.out)")
        #expect(terminalControls(r.out).isEmpty, "do: \(r.out.debugDescription)")
        _ = try Binary.capture(["do", "--db", db, "--operator", "H200", "--at", "2026-11-25T21:41", "answer C1"])
        _ = try Binary.capture(["do", "--db", db, "--operator", "H200", "--at", "2026-11-25T21:41", "raise C1 1 crime/assault"])
        let note = try Binary.capture(["do", "--db", db, "--operator", "H200", "--at", "2026-11-25T21:42", "note 0001 \"\u{1B}[2Jx\nforged 99 line\""])
        #expect(terminalControls(note.out).isEmpty)
        for args in [["log", "tail", "--db", db], ["log", "audit", "--db", db], ["report", "--db", db]] {
            let r = try Binary.capture(args)
            #expect(r.status == 0, "\(args): \(r.err)")
            #expect(terminalControls(r.out + r.err).isEmpty, "\(args): \(r.out.debugDescription)")
        }
        // An error quoting the input is escaped too.
        let bad = try Binary.capture(["do", "--db", db, "--operator", "H200", "--at", "2026-11-25T21:42", "note \u{1B}[2J \"x\""])
        #expect(bad.status != 0)
        #expect(terminalControls(bad.err).isEmpty, "\(bad.err.debugDescription)")
        // Machine formats carry the exact text in their own escaped syntax.
        let jsonl = try Binary.capture(["log", "export", "--db", db, "--format", "jsonl"])
        #expect(terminalControls(jsonl.out).isEmpty)
        #expect(jsonl.out.contains(#"\u001b]0;owned\u000714 Broad"#), "JSONL keeps the bytes, escaped as JSON")
    }
}
