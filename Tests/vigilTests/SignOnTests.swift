import Foundation
import Testing
import VigilCore
import VigilForce
import VigilStore
import VigilTestSupport
@testable import vigil

@Suite("signing on with a PIN")
struct SignOnTests {
    let now = Instant(ukDate: CivilDate(year: 2026, month: 11, day: 25), hour: 21, minute: 30)

    func freshLog() throws -> (LogSession, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-signon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("log.sqlite").path
        // S001's PIN is 975310, from the log's making.
        let store = try TestLogs.live(path: path, at: now, pin: "975310")
        return (try LogSession(store: store), path)
    }

    /// Gives `op` a PIN as S001 does, chosen again by `op` at their first sign-on; the session takes it in.
    func give(_ s: LogSession, _ op: OperatorID, _ pin: String) throws {
        try TestLogs.givePINs([op], pin: pin, on: s.store, bossPIN: "975310", at: now)
        try s.refresh()
    }

    func events(_ s: LogSession) throws -> [Event] { try s.store.read(after: 0, limit: .max).map(\.event) }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let f as Failure { return f.description } catch { return "\(error)" }
    }

    func answering(_ pin: String, count: UnsafeMutablePointer<Int>? = nil) -> SecretSource {
        SecretSource(
            fromStdin: false,
            answers: { _ in
                count?.pointee += 1; return pin
            })
    }

    @Test func pinsAreHashedAndChecked() throws {
        let (s, path) = try freshLog()
        #expect(try !s.store.hasSecret("D100"))
        try give(s, "D100", "correct horse battery")
        #expect(try s.store.hasSecret("D100"))
        #expect(try s.store.checkSecret("correct horse battery", for: "D100"))
        #expect(try !s.store.checkSecret("correct horse batterY", for: "D100"))
        #expect(try !s.store.checkSecret("anything", for: "H200"), "no PIN set: nothing matches")
        try s.close()
        let bytes =
            try Data(contentsOf: URL(fileURLWithPath: path))
            + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data("correct horse battery".utf8)) == nil, "the PIN is never stored as it was typed")
    }

    @Test func weakPinsAreRefused() {
        for weak in [
            "", "1234", "12345", "123456", "654321", "000000", "111111", "121212", "112233", "pass", "password",
            "Password",
            "aaaaaaaa", "abababab", "1234567", "x\u{1B}yzzzzzz",
        ] {
            #expect(PINPolicy.weakness(of: weak) != nil, "\(weak) was accepted")
        }
        for fine in ["480317", "9275031", "correct horse", "Dispatch-07!"] {
            #expect(PINPolicy.weakness(of: fine) == nil, "\(fine)")
        }
    }

    @Test func aNewPinTooShortIsAskedForAgainNotTheEnd() throws {
        // A person at a terminal: the first PIN is too short, the second is good. Asked again, not sent away.
        var answers = ["12", "480317"]
        var prompts: [String] = []
        let source = SecretSource(fromStdin: false) { prompt in
            prompts.append(prompt)
            return answers.isEmpty ? nil : answers.removeFirst()
        }
        _ = try SignOn.newCredential(for: "D100", from: source)
        #expect(prompts.count == 2 && prompts.allSatisfy { $0.hasPrefix("New PIN or passphrase for D100") })
        // Lines a script wrote cannot be asked again: one clear sentence, nothing changed.
        let scripted = SecretSource(fromStdin: true)
        #expect(!scripted.canRetry)
    }

    @Test func refusalsSayWhyAndLeaveOnlyTheirRecord() throws {
        let (s, _) = try freshLog()
        try give(s, "D100", "246813")
        let before = try events(s).count
        #expect(
            refusal { try SignOn.authenticate("ZZ9", session: s, console: "t", now: now, source: answering("246813")) }
                == "operator ZZ9 is not registered in this log; ask a supervisor (`vigil operator add`)")
        var tries = 0
        #expect(
            refusal {
                try SignOn.authenticate(
                    "D100", session: s, console: "t", now: now, source: answering("111999", count: &tries))
            }
                == "wrong PIN for D100; sign-on refused")
        #expect(tries == 3, "three tries at a terminal")
        let added = try events(s).dropFirst(before)
        #expect(added.count == 4 && added.allSatisfy { if case .signOnRefused = $0.change { true } else { false } })
        #expect(added.first?.operatorID == "ZZ9" && added.last?.operatorID == "D100")
        #expect(s.state.signedOn["D100"] == nil)
        // The right PIN passes without a trace of its own; whoever asked then records the sign-on.
        #expect(
            refusal { try SignOn.authenticate("D100", session: s, console: "t", now: now, source: answering("246813")) }
                == nil)
        #expect(try events(s).count == before + 4)
    }

    /// Anyone could claim an operator with no PIN by setting one at first sign-on; now only a supervisor sets it.
    @Test func anOperatorWithoutAPinIsRefused() throws {
        let (s, _) = try freshLog()
        #expect(
            refusal { try SignOn.authenticate("D100", session: s, console: "t", now: now, source: answering("975310")) }
                == "operator D100 has no PIN yet; on a live log a supervisor sets it (`vigil operator pin --as SUPERVISOR --id D100`)"
        )
        #expect(try !s.store.hasSecret("D100"), "no PIN was set by trying")
    }

    @Test func fiveWrongPinsLockOutAcrossProcessesAndSupervisorsAreSlowed() throws {
        let (s, path) = try freshLog()
        try give(s, "D100", "246813")
        // Three wrong at one console, then two more from a fresh process on another: the fifth locks.
        _ = refusal { try SignOn.authenticate("D100", session: s, console: "a", now: now, source: answering("000111")) }
        let other = try LogSession(store: EventStore.open(path: path))
        _ = refusal {
            try SignOn.authenticate(
                "D100", session: other, console: "b", now: now + .minutes(1), source: answering("000111"), tries: 1)
        }
        let fifth = refusal {
            try SignOn.authenticate(
                "D100", session: other, console: "b", now: now + .minutes(2), source: answering("000111"), tries: 1)
        }
        #expect(fifth?.contains("locked out after 5 wrong PINs until 21:47") == true, "\(fifth ?? "")")
        guard case .operatorLockedOut(let lock)? = try events(other).last?.change, lock.operator == "D100" else {
            Issue.record("no lock recorded"); return
        }
        #expect(lock.until == now + .minutes(17))
        #expect(try events(other).last?.console == "b", "the lock names the console it came from")
        // The right PIN is refused while locked, without being asked for.
        var asked = 0
        #expect(
            refusal {
                try SignOn.authenticate(
                    "D100", session: other, console: "c", now: now + .minutes(5),
                    source: answering("246813", count: &asked))
            }?
            .contains("locked out") == true)
        #expect(asked == 0)
        // Found by the sixth attacker: a try while locked left no record. It leaves one, which counts for nothing.
        guard case .signOnRefused(let tried)? = try events(other).last?.change else {
            Issue.record("no refusal recorded while locked"); return
        }
        #expect(tried.reason == .lockedOut && other.state.recentFailures("D100", at: now + .minutes(5)) == 5)
        #expect(
            refusal {
                try SignOn.authenticate(
                    "D100", session: other, console: "c", now: now + .minutes(18), source: answering("246813"))
            } == nil)
        // A supervisor is slowed after five, never locked (later on: a log's times never run backwards).
        let later = now + .minutes(20)
        var delays: [Int] = []
        var said: [String?] = []
        for i in 0..<7 {
            said.append(
                refusal {
                    try SignOn.authenticate(
                        "S001", session: other, console: "a", now: later + .seconds(Int64(i)),
                        source: answering("000111"), tries: 1, supervisorDelay: { delays.append($0) })
                })
        }
        // Each try was a first try in its process: nobody is made to wait before their first PIN, since the log's
        // count is anyone's to raise with hand-written refusals.
        #expect(delays == [])
        // The seventh came a second after the sixth, inside its 2 s back-off: recorded, and told to wait.
        #expect(said.last??.contains("too soon after the last") == true, "\(said)")
        #expect(other.state.recentFailures("S001", at: later + .seconds(7)) == 7)
        // Found by the eighth attacker: refusals written by hand every two seconds kept a supervisor in back-off for
        // as long as they went on. The right PIN gets in inside the back-off.
        #expect(other.state.supervisorWait("S001", at: later + .seconds(9)) != nil)
        #expect(
            refusal {
                try SignOn.authenticate(
                    "S001", session: other, console: "a", now: later + .seconds(9), source: answering("975310"),
                    supervisorDelay: { delays.append($0) })
            } == nil)
        #expect(delays == [])
    }
}
