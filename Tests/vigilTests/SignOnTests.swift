import Foundation
import Testing
import VigilCore
import VigilForce
import VigilStore
@testable import vigil

@Suite("signing on with a PIN")
struct SignOnTests {
    let now = Instant(ukDate: CivilDate(year: 2026, month: 11, day: 25), hour: 21, minute: 30)

    func freshLog() throws -> (LogSession, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-signon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("log.sqlite").path
        let store = try EventStore.create(path: path, forceText: try DemoForce.text(), createdAt: now)
        return (try LogSession(store: store), path)
    }

    func events(_ s: LogSession) throws -> [Event] { try s.store.read(after: 0, limit: .max).map(\.event) }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let f as Failure { return f.description } catch { return "\(error)" }
    }

    @Test func pinsAreHashedAndChecked() throws {
        let (s, path) = try freshLog()
        #expect(try !s.store.hasSecret("D100"))
        try s.store.setSecret("correct horse battery", for: "D100", at: now)
        #expect(try s.store.hasSecret("D100"))
        #expect(try s.store.checkSecret("correct horse battery", for: "D100"))
        #expect(try !s.store.checkSecret("correct horse batterY", for: "D100"))
        #expect(try !s.store.checkSecret("anything", for: "H200"), "no PIN set: nothing matches")
        try s.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data("correct horse battery".utf8)) == nil, "the PIN is never stored as it was typed")
    }

    @Test func refusalsSayWhyAndLeaveOnlyTheirRecord() throws {
        let (s, _) = try freshLog()
        try s.store.setSecret("2468", for: "D100", at: now)
        let before = try events(s).count
        #expect(refusal { try SignOn.check("ZZ9", session: s, console: "t", now: now, fromStdin: true, reader: { _ in "2468" }) }
                == "operator ZZ9 is not registered in this log; ask a supervisor (`vigil operator add`)")
        var wrongTries = 0
        #expect(refusal { try SignOn.check("D100", session: s, console: "t", now: now, fromStdin: false, reader: { _ in wrongTries += 1; return "1111" }) }
                == "wrong PIN for D100; sign-on refused")
        #expect(wrongTries == 3, "three tries at a terminal")
        let added = try events(s).dropFirst(before)
        #expect(added.count == 4 && added.allSatisfy { if case .signOnRefused = $0.change { true } else { false } })
        #expect(added.first?.operatorID == "ZZ9" && added.last?.operatorID == "D100")
        #expect(s.state.signedOn["D100"] == nil)
        // The right PIN signs on without a trace of its own; the console then records the sign-on.
        #expect(refusal { try SignOn.check("D100", session: s, console: "t", now: now, fromStdin: false, reader: { _ in "2468" }) } == nil)
        #expect(try events(s).count == before + 4)
        // Disabled: refused with its own sentence.
        _ = try asSupervisor(s, .disableOperator("D100"), at: now)
        #expect(refusal { try SignOn.check("D100", session: s, console: "t", now: now, fromStdin: false, reader: { _ in "2468" }) }
                == "operator D100 is disabled; ask a supervisor")
        guard case .signOnRefused(let reason)? = try events(s).last?.change else { Issue.record("no refusal recorded"); return }
        #expect(reason == "operator disabled")
    }

    @Test func firstUseSetsThePin() throws {
        let (s, _) = try freshLog()
        #expect(refusal { try SignOn.check("S001", session: s, console: "t", now: now, fromStdin: false, reader: { _ in "12" }) }
                == "a PIN of at least 4 characters is needed to sign on the first time")
        #expect(refusal { try SignOn.check("S001", session: s, console: "t", now: now, fromStdin: false, reader: { _ in "9753" }) } == nil)
        #expect(try s.store.checkSecret("9753", for: "S001"))
    }
}
