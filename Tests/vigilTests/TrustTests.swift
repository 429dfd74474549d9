import Foundation
import GRDB
import Testing
import VigilCore
import VigilForce
@testable import VigilStore

extension Binary {
    /// Runs the binary with `input` on standard input (none: /dev/null) and returns its status, stdout and stderr.
    static func capture(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> (
        status: Int32, out: String, err: String
    ) {
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
func terminalControls(_ s: String) -> [Unicode.Scalar] {
    s.unicodeScalars.filter { $0.isTerminalControl && $0 != "\n" }
}

@Suite("stored text at the terminal", .serialized)
struct TerminalInjectionTests {
    @Test func storedTextIsEscapedByDoTailAuditAndReport() throws {
        let dir = try freshFolder()
        let db = dir + "/t.sqlite"
        _ = try EventStore.create(
            path: db, forceText: try DemoForce.text(), createdAt: Instant(year: 2026, month: 11, day: 25),
            training: true)
        let hostile = "\u{1B}]0;owned\u{07}14 Broad\u{1B}[2J Street \u{202E}drowssap"
        // Every path refuses such text, with a sentence that does not act on the terminal either.
        let r = try Binary.capture([
            "do", "--db", db, "--operator", "H200", "--at", "2026-11-25T21:40",
            "receive 999 at=52.4776,-1.9102 address=\"\(hostile)\" caller=\"\u{9B}31mEve\"",
        ])
        #expect(r.status == 1 && r.err.contains("holds control characters"), "\(r.err)")
        #expect(terminalControls(r.out + r.err).isEmpty, "do: \(r.err.debugDescription)")
        // Someone with the file writes it anyway: what reads the log still shows it harmlessly.
        let store = try EventStore.open(path: db)
        try store.append([
            Event(
                at: Instant(year: 2026, month: 11, day: 25, hour: 21, minute: 40), by: Actor("H200", console: "x"),
                .contactReceived(
                    ContactReceived(
                        contact: ContactID(1), channel: .emergency,
                        details: ContactDetails(
                            callerName: "\u{9B}31mEve", location: GeoPoint(lat: 52.4776, lon: -1.9102),
                            address: hostile))))
        ])
        store.close()
        _ = try Binary.capture(["do", "--db", db, "--operator", "H200", "--at", "2026-11-25T21:41", "answer C1"])
        _ = try Binary.capture([
            "do", "--db", db, "--operator", "H200", "--at", "2026-11-25T21:41", "raise C1 1 crime/assault",
        ])
        let note = try Binary.capture([
            "do", "--db", db, "--operator", "H200", "--at", "2026-11-25T21:42",
            "note 0001 \"\u{1B}[2Jx\nforged 99 line\"",
        ])
        #expect(note.status == 1 && terminalControls(note.out + note.err).isEmpty)
        for args in [["log", "tail", "--db", db], ["log", "audit", "--db", db], ["report", "--db", db]] {
            let r = try Binary.capture(args)
            #expect(r.status == 0, "\(args): \(r.err)")
            #expect(terminalControls(r.out + r.err).isEmpty, "\(args): \(r.out.debugDescription)")
        }
        // An error quoting the input is escaped too.
        let bad = try Binary.capture([
            "do", "--db", db, "--operator", "H200", "--at", "2026-11-25T21:42", "note \u{1B}[2J \"x\"",
        ])
        #expect(bad.status != 0)
        #expect(terminalControls(bad.err).isEmpty, "\(bad.err.debugDescription)")
        // Machine formats carry the exact text in their own escaped syntax.
        let jsonl = try Binary.capture(["log", "export", "--db", db, "--format", "jsonl"])
        #expect(terminalControls(jsonl.out).isEmpty)
        #expect(jsonl.out.contains(#"\u001b]0;owned\u000714 Broad"#), "JSONL keeps the bytes, escaped as JSON")
    }
}

@Suite("who may act on a live log", .serialized)
struct AccessTests {
    /// A live log made as a user would: `log init` with the supervisor's PIN on standard input.
    func liveLog() throws -> String {
        let db = try freshFolder() + "/live.sqlite"
        let r = try Binary.capture(["log", "init", "--db", db, "--pin-stdin"], input: "480317\n")
        #expect(r.status == 0, "\(r.err)")
        return db
    }

    /// A live log where S001 (PIN 480317) has set H200's PIN (615243), which works once: H200 chose 592846 with it.
    func liveLogWithH200(environment: [String: String] = [:]) throws -> String {
        let db = try liveLog()
        let r = try Binary.capture(
            ["operator", "pin", "--db", db, "--as", "S001", "--id", "H200", "--pin-stdin"],
            input: "480317\n615243\n", environment: environment)
        #expect(r.status == 0, "\(r.err)")
        let own = try Binary.capture(
            ["operator", "pin", "--db", db, "--as", "H200", "--id", "H200", "--pin-stdin"],
            input: "615243\n592846\n", environment: environment)
        #expect(own.status == 0, "\(own.err)")
        return db
    }

    func events(_ db: String) throws -> [Event] {
        try EventStore.openReadOnly(path: db).read(after: 0, limit: .max).map(\.event)
    }

    @Test func initNeedsTheFirstSupervisorsPin() throws {
        let dir = try freshFolder()
        let none = try Binary.capture(["log", "init", "--db", dir + "/a.sqlite"])
        #expect(none.status != 0)
        #expect(none.err.contains("no new PIN was given for S001"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/a.sqlite"), "no log without a supervisor")
        let weak = try Binary.capture(["log", "init", "--db", dir + "/b.sqlite", "--pin-stdin"], input: "1234\n")
        #expect(weak.status != 0 && weak.err.contains("at least 6"))
        let backdated = try Binary.capture(
            ["log", "init", "--db", dir + "/c.sqlite", "--pin-stdin", "--at", "2020-01-01T00:00"], input: "480317\n")
        #expect(backdated.status != 0 && backdated.err.contains("--at is refused on a live log"))
        let db = try liveLog()
        let store = try EventStore.openReadOnly(path: db)
        #expect(try store.checkSecret("480317", for: "S001"))
        #expect(try !store.hasSecret("D100"))
    }

    /// Twelve `vigil do` with wrong PINs at once: each took its turn under the log's lock, so five wrong PINs were
    /// checked and recorded, the fifth locked H200 out, and the other seven were refused unchecked, each recorded as
    /// a try while locked (all twelve had been checked, seven after the lock).
    @Test func parallelWrongPinsAreCheckedAtMostFiveTimes() throws {
        let db = try liveLogWithH200()
        let before = try events(db).count
        let runs = try (0..<12).map { n in
            try Binary.start(
                ["do", "--db", db, "--operator", "H200", "--pin-stdin", "receive 999"], input: "00011\(n % 10)\n")
        }
        for (p, _, _) in runs { Binary.wait(p, timeout: 60) }
        #expect(runs.allSatisfy { $0.0.terminationStatus == 1 })
        let after = try events(db).dropFirst(before)
        let wrong = after.filter { $0.change == .signOnRefused(SignOnRefused(reason: SignOnPolicy.wrongPIN)) }
        #expect(wrong.count == 5, "\(after.map(\.change.summary))")
        #expect(after.filter { if case .operatorLockedOut = $0.change { true } else { false } }.count == 1)
        let locked = try #require(after.firstIndex { if case .operatorLockedOut = $0.change { true } else { false } })
        #expect(
            after[(locked + 1)...].map(\.change)
                == Array(repeating: .signOnRefused(SignOnRefused(reason: .lockedOut)), count: 7))
    }

    /// `log snapshot --as I300` wrote an event in I300's name on a live log without a PIN; now whoever it is recorded
    /// by proves it.
    @Test func aSnapshotOnALiveLogNeedsItsOperatorsPin() throws {
        let db = try liveLogWithH200()
        let before = try events(db).count
        let unproved = try Binary.capture(["log", "snapshot", "--db", db, "--as", "I300"])
        #expect(unproved.status == 1 && unproved.err.contains("I300 has no PIN yet"), "\(unproved.err)")
        let noPIN = try Binary.capture(["log", "snapshot", "--db", db, "--as", "S001"])
        #expect(noPIN.status == 1)
        #expect(!(try events(db).contains { if case .snapshotTaken = $0.change { true } else { false } }))
        let proved = try Binary.capture(
            ["log", "snapshot", "--db", db, "--as", "S001", "--pin-stdin"], input: "480317\n")
        #expect(proved.status == 0, "\(proved.err)")
        let taken = try events(db).dropFirst(before).filter {
            if case .snapshotTaken = $0.change { true } else { false }
        }
        #expect(taken.map(\.operatorID) == ["S001"])
    }

    /// Found by the sixth attacker: `do "correct C2 phone=…"` answered "already as given" when a guess at the caller's
    /// number was right, and left no line in the access log. A correction is recorded as a look, whatever its outcome.
    @Test func aCorrectionIsRecordedAsALookAtTheCallersDetails() throws {
        let db = try liveLogWithH200()
        let received = try Binary.capture(
            [
                "do", "--db", db, "--operator", "H200", "--pin-stdin",
                "receive 999 caller=\"Ann Lee\" phone=07700900123",
            ],
            input: "592846\n")
        #expect(received.status == 0, "\(received.err)")
        let guess = try Binary.capture(
            ["do", "--db", db, "--operator", "H200", "--pin-stdin", "correct C1 phone=07700900123"], input: "592846\n")
        #expect(guess.status != 0)
        let looks = try EventStore.openReadOnly(path: db).accessLog(operator: "H200")
        #expect(looks.map { "\($0.record) \($0.what)" } == ["C1 caller details (correct)"])
    }

    /// `log export` of a live log printed callers' details to anyone with read access, and `log access` showed no
    /// look. Now every reader of a live log proves who they are, and each read is one line in the access log.
    @Test func readersOfALiveLogProveWhoTheyAreAndAreRecorded() throws {
        let db = try liveLogWithH200()
        #expect(
            try Binary.capture(
                [
                    "do", "--db", db, "--operator", "H200", "--pin-stdin",
                    "receive 999 caller=\"Ann Lee\" phone=07700900123",
                ],
                input: "592846\n"
            ).status == 0)
        for command in [
            ["log", "export"], ["log", "tail"], ["report"], ["log", "replay"], ["log", "audit"], ["log", "access"],
        ] {
            let anyone = try Binary.capture(command + ["--db", db])
            #expect(
                anyone.status == 1 && anyone.err.contains("say who is reading with --as"), "\(command): \(anyone.err)")
            #expect(!anyone.out.contains("Ann Lee"))
            if command == ["log", "export"] {
                let wrong = try Binary.capture(
                    command + ["--db", db, "--as", "H200", "--pin-stdin"], input: "000111\n")
                #expect(wrong.status == 1 && wrong.err.contains("wrong PIN for H200"), "\(command): \(wrong.err)")
                #expect(!wrong.out.contains("Ann Lee"))
            }
            let right = try Binary.capture(command + ["--db", db, "--as", "H200", "--pin-stdin"], input: "592846\n")
            #expect(right.status == 0, "\(command): \(right.err)")
        }
        let looks = try EventStore.openReadOnly(path: db).accessLog(operator: "H200").map(\.what)
        #expect(
            looks == [
                "export (jsonl) of 1 contacts", "tail of the newest 20 events", "report of the whole log",
                "replay of the whole log", "audit", "access log",
            ])
        // Wrong PINs given to read count towards the lock-out like any other.
        #expect(
            try LogSession(store: EventStore.openReadOnly(path: db)).state.recentFailures(
                "H200", at: .init(seconds: Int64(Date().timeIntervalSince1970))) == 1)
        // verify reads no personal data and stays open to all.
        #expect(try Binary.capture(["log", "verify", "--db", db]).status == 0)
    }

    /// `log copy` needed only read access, and let the copier choose S001's secret for the copy; now a supervisor
    /// proves it on the original, and the copy's own chain records what it is and who made it.
    @Test func aCopyOfALiveLogIsASupervisorsAndSaysSo() throws {
        let db = try liveLogWithH200()
        let folder = (db as NSString).deletingLastPathComponent
        let anyone = try Binary.capture(
            ["log", "copy", "--from", db, "--to", folder + "/a.sqlite", "--pin-stdin"], input: "123987\n")
        #expect(anyone.status == 1 && anyone.err.contains("say which supervisor makes the copy"), "\(anyone.err)")
        let handler = try Binary.capture(
            ["log", "copy", "--from", db, "--to", folder + "/b.sqlite", "--as", "H200", "--pin-stdin"],
            input: "592846\n123987\n")
        #expect(handler.status == 1 && handler.err.contains("only a supervisor"), "\(handler.err)")
        let wrong = try Binary.capture(
            ["log", "copy", "--from", db, "--to", folder + "/c.sqlite", "--as", "S001", "--pin-stdin"],
            input: "000111\n123987\n")
        #expect(wrong.status == 1 && wrong.err.contains("wrong PIN for S001"), "\(wrong.err)")
        for name in ["a", "b", "c"] { #expect(!FileManager.default.fileExists(atPath: folder + "/\(name).sqlite")) }
        let head = try EventStore.openReadOnly(path: db).head()
        let made = try Binary.capture(
            ["log", "copy", "--from", db, "--to", folder + "/d.sqlite", "--as", "S001", "--pin-stdin"],
            input: "480317\n480317\n")
        #expect(made.status == 0, "\(made.err)")
        let copied = try events(folder + "/d.sqlite")
        let record = copied.compactMap { if case .logCopied(let c) = $0.change { c } else { nil } }
        #expect(record.count == 1 && record.first?.seq == head.seq && copied.count > Int(head.seq))
        #expect(copied.first { if case .logCopied = $0.change { true } else { false } }?.operatorID == "S001")
        let looks = try EventStore.openReadOnly(path: db).accessLog(operator: "S001").map(\.what)
        #expect(looks.contains { $0.hasPrefix("copy to ") }, "\(looks)")
    }

    /// After a plain `cp` of the log and one write to the copy, the genuine log read as "rolled back" on that machine
    /// and its writers refused it. Now each is held to what was seen at its own place, and a fork is named.
    @Test func aCopiedFileWrittenToDoesNotMakeTheGenuineLogRolledBack() throws {
        let env = ["XDG_STATE_HOME": try freshFolder()]
        let db = try liveLogWithH200(environment: env)
        let copy = (db as NSString).deletingLastPathComponent + "/copied.sqlite"
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        func act(_ path: String) throws -> (status: Int32, out: String, err: String) {
            try Binary.capture(
                ["do", "--db", path, "--operator", "H200", "--pin-stdin", "receive 999"], input: "592846\n",
                environment: env)
        }
        #expect(try act(copy).status == 0)
        let genuine = try act(db)
        #expect(genuine.status == 0, "the genuine log is not refused: \(genuine.err)")
        let verified = try Binary.capture(["log", "verify", "--db", db], environment: env)
        #expect(verified.status == 0 && !verified.out.contains("FAILED"), "\(verified.out)")
        let other = try Binary.capture(["log", "verify", "--db", copy], environment: env)
        #expect(other.out.contains("has diverged from the log this machine saw at"), "\(other.out)")
    }

    /// Found by an attacker: a trigger planted to drop refusals and access lines gave unlimited PIN guesses and
    /// unrecorded reads, then was dropped without a trace. Now every command but verify refuses a log whose schema is
    /// not Vigil's, and verify names it. A log made again at the same path on purpose is taken as the log there.
    @Test func aPlantedTriggerIsRefusedAndAReinitialisedLogIsTaken() throws {
        let env = ["XDG_STATE_HOME": try freshFolder()]
        let db = try liveLogWithH200(environment: env)
        try DatabaseQueue(path: db).write { db in
            try db.execute(
                sql:
                    "CREATE TRIGGER y BEFORE INSERT ON access BEGIN SELECT RAISE(IGNORE); END; CREATE TRIGGER x BEFORE INSERT ON event WHEN NEW.type = 'SignOnRefused' BEGIN SELECT RAISE(IGNORE); END;"
            )
        }
        for command in [
            ["do", "--db", db, "--operator", "H200", "--pin-stdin", "receive 999"],
            ["log", "export", "--db", db, "--as", "H200", "--pin-stdin"],
        ] {
            let r = try Binary.capture(command, input: "000111\n", environment: env)
            #expect(r.status == 1 && r.err.contains("has been tampered with: its schema: trigger"), "\(r.err)")
        }
        let verified = try Binary.capture(["log", "verify", "--db", db], environment: env)
        #expect(verified.status == 1 && verified.out.contains("trigger x was added"), "\(verified.out)")
        // Removed and made again at the same path, on purpose: the new log is the log there.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        #expect(
            try Binary.capture(["log", "init", "--db", db, "--pin-stdin"], input: "480317\n", environment: env).status
                == 0)
        let again = try Binary.capture(["log", "verify", "--db", db], environment: env)
        #expect(again.status == 0, "\(again.out)")
    }

    @Test func doAuthenticatesEveryTimeAndLeavesNobodySignedOn() throws {
        let db = try liveLogWithH200()
        // Who set whose PIN is in the record (never the PIN), in the same commit as the credential.
        let set = try events(db)
        // `log init` records S001's first key; S001 sets H200's (one-time) key; H200 chooses their own with it.
        #expect(
            set.map(\.change.typeName) == [
                "OperatorSignedOn", "OperatorPINSet", "OperatorSignedOff", "OperatorSignedOn", "OperatorPINSet",
                "OperatorSignedOff", "OperatorPINSet",
            ])
        let keys = set.compactMap { e -> (OperatorID, OperatorID, String?)? in
            if case .operatorPINSet(let p) = e.change { (e.operatorID, p.operator, p.key) } else { nil }
        }
        #expect(keys.map(\.0) == ["S001", "S001", "H200"] && keys.map(\.1) == ["S001", "H200", "H200"])
        #expect(Set(keys.compactMap(\.2)).count == 3, "each a new key, never the PIN")
        // No PIN (no terminal, no --pin-stdin): refused with one sentence, nothing done.
        let none = try Binary.capture(["do", "--db", db, "--operator", "H200", "receive 999"])
        #expect(none.status == 1)
        #expect(none.err.contains("no PIN was given for H200"))
        let wrong = try Binary.capture(
            ["do", "--db", db, "--operator", "H200", "--pin-stdin", "receive 999"], input: "000111\n")
        #expect(wrong.status == 1 && wrong.err.contains("wrong PIN for H200"))
        // An operator whose PIN nobody set cannot be claimed.
        let claimed = try Binary.capture(
            ["do", "--db", db, "--operator", "D100", "--pin-stdin", "receive 999"], input: "555123\n")
        #expect(claimed.status == 1 && claimed.err.contains("has no PIN yet"))
        #expect(
            try events(db).dropFirst(set.count).allSatisfy {
                if case .signOnRefused = $0.change { true } else { false }
            })
        // Backdating is refused on a live log.
        let backdated = try Binary.capture(
            ["do", "--db", db, "--operator", "H200", "--pin-stdin", "--at", "2026-11-25T21:40", "receive 999"],
            input: "592846\n")
        #expect(backdated.status == 1 && backdated.err.contains("--at is refused on a live log"))
        // The right PIN acts, signed on and off in one commit.
        let ok = try Binary.capture(
            ["do", "--db", db, "--operator", "H200", "--pin-stdin", "receive 999"], input: "592846\n")
        #expect(ok.status == 0, "\(ok.err)")
        let kinds = try events(db).suffix(3).map(\.change.typeName)
        #expect(kinds == ["OperatorSignedOn", "ContactReceived", "OperatorSignedOff"])
        let state = try LogSession(store: EventStore.openReadOnly(path: db)).state
        #expect(state.signedOn["H200"] == nil, "a console can still sign H200 on")
    }

    @Test func operatorAdministrationAsksTheSupervisor() throws {
        let db = try liveLog()
        // Without --as, or with a wrong supervisor PIN, nobody's PIN changes.
        let anon = try Binary.capture(
            ["operator", "pin", "--db", db, "--id", "S001", "--pin-stdin"], input: "999888\n")
        #expect(anon.status != 0 && anon.err.contains("--as SUPERVISOR"))
        let wrong = try Binary.capture(
            ["operator", "pin", "--db", db, "--as", "S001", "--id", "S001", "--pin-stdin"], input: "000111\n999888\n")
        #expect(wrong.status != 0)
        #expect(
            try EventStore.openReadOnly(path: db).checkSecret("480317", for: "S001"),
            "the supervisor's PIN is unchanged")
        // Add registers and sets the PIN in one commit; the new operator changes their own PIN with the old one.
        let add = try Binary.capture(
            [
                "operator", "add", "--db", db, "--as", "S001", "--id", "D105", "--role", "dispatcher", "--name",
                "Sam Patel",
                "--pin-stdin",
            ], input: "480317\n730194\n")
        #expect(add.status == 0, "\(add.err)")
        let own = try Binary.capture(
            ["operator", "pin", "--db", db, "--as", "D105", "--id", "D105", "--pin-stdin"], input: "730194\n281734\n")
        #expect(own.status == 0, "\(own.err)")
        #expect(try EventStore.openReadOnly(path: db).checkSecret("281734", for: "D105"))
        let other = try Binary.capture(
            ["operator", "pin", "--db", db, "--as", "D105", "--id", "S001", "--pin-stdin"], input: "281734\n999888\n")
        #expect(other.status != 0 && other.err.contains("only a supervisor sets another operator's PIN"))
        // Five wrong PINs lock D105 out across processes; the supervisor unlocks.
        for _ in 0..<5 {
            _ = try Binary.capture(
                ["do", "--db", db, "--operator", "D105", "--pin-stdin", "receive 999"], input: "000111\n")
        }
        let locked = try Binary.capture(
            ["do", "--db", db, "--operator", "D105", "--pin-stdin", "receive 999"], input: "281734\n")
        #expect(locked.status == 1 && locked.err.contains("locked out"), "\(locked.err)")
        let unlock = try Binary.capture(
            ["operator", "unlock", "--db", db, "--as", "S001", "--id", "D105", "--pin-stdin"], input: "480317\n")
        #expect(unlock.status == 0, "\(unlock.err)")
        #expect(
            try Binary.capture(
                ["do", "--db", db, "--operator", "D105", "--pin-stdin", "receive 999"], input: "281734\n"
            ).status == 0)
        #expect(try EventStore.openReadOnly(path: db).verify().isIntact)
    }
}

@Suite("a cut-off log at the command line", .serialized)
struct CutLogTests {
    @Test func doRefusesAndVerifyFailsNamingBothHeads() throws {
        let dir = try freshFolder()
        let env = ["XDG_STATE_HOME": dir + "/state"]
        let db = dir + "/t.sqlite"
        _ = try EventStore.create(
            path: db, forceText: try DemoForce.text(), createdAt: Instant(year: 2026, month: 11, day: 25),
            training: true)
        for _ in 0..<3 {
            #expect(
                try Binary.capture(["do", "--db", db, "--operator", "H200", "receive 999"], environment: env).status
                    == 0)
        }
        let backup = dir + "/backup.sqlite"
        #expect(try Binary.capture(["log", "backup", "--db", db, "--to", backup], environment: env).status == 0)
        #expect(
            try Binary.capture(["do", "--db", db, "--operator", "H200", "receive 101"], environment: env).status == 0)
        // The backup put back in place of the log: it verifies as a chain, but is behind what this machine saw.
        try FileManager.default.removeItem(atPath: db)
        for s in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) }
        try FileManager.default.copyItem(atPath: backup, toPath: db)
        let act = try Binary.capture(["do", "--db", db, "--operator", "H200", "receive 999"], environment: env)
        #expect(act.status == 1)
        #expect(
            act.err.contains("ends at seq 9") && act.err.contains("saw it reach seq 12")
                && act.err.contains("refusing to work on it"), "\(act.err)")
        let verify = try Binary.capture(["log", "verify", "--db", db], environment: env)
        #expect(verify.status == 1 && verify.out.contains("FAILED: ") && verify.out.contains("seq 12"), "\(verify.out)")
        #expect(try Binary.capture(["log", "verify", "--db", db, "--allow-older"], environment: env).status == 0)
    }
}
