import Testing
@testable import VigilCore

/// Input an attacker or a tired user types: a sentence back, never a trap.
@Suite("hostile input to the command language")
struct HostileInputTests {
    @Test func overlongReferencesAreRefusedNotOverflowed() {
        let (s, _) = ParserTests.world()
        let parser = CommandParser(state: s, now: Fixture.t0 + .minutes(5))
        for line in ["note WM-99999999999999999999-1 \"x\"", "note WM-20261125-99999999999999999999 \"x\"",
                     "assign WM-184467440737095516160-1 best", "note C99999999999999999999999 \"x\"",
                     "link C18446744073709551616 0001", "majornote 99999999999999999999 \"x\"", "flag expire F99999999999999999999"] {
            guard case .failure(let e) = parser.parse(line) else { Issue.record("accepted: \(line)"); continue }
            #expect(!e.description.isEmpty)
        }
        #expect(IncidentRef(parsing: "WM-99999999999999999999-1") == nil)
        #expect(IncidentRef(parsing: "WM-20261125-1234567890") == nil)
        #expect(IncidentRef(parsing: "WM-20261125-123456789") != nil)
    }

    @Test func coordinatesOffTheEarthAreRefused() {
        let (s, _) = ParserTests.world()
        let parser = CommandParser(state: s, now: Fixture.t0 + .minutes(5))
        for at in ["91,0", "0,181", "nan,0", "0,inf", "-inf,0", "1e308,0"] {
            guard case .failure(let e) = parser.parse("receive 999 at=\(at)") else { Issue.record("accepted at=\(at)"); continue }
            #expect(e.description.contains("is not a position"))
        }
    }
}
