import Testing
import VigilCore
@testable import VigilTUI

@Suite("the incident view shows the caller, the account and a narrative that scrolls")
struct IncidentViewTests {
    let now = ScreenFixture.now
    let first = IncidentRef(force: "WM", day: 20261125, number: 1)

    @Test func callerAccountThriveAndUnitsAreAllThere() throws {
        var s = try ScreenFixture.state()
        let d = Actor("D100", console: "t")
        let thrive = Thrive(
            threat: .high, harm: .high, risk: .medium, investigation: .low, vulnerability: .high,
            engagement: .medium, text: "victim on the floor")
        s.apply(try s.decide(.recordThrive(first, thrive), by: d, at: now).get())
        var m = ConsoleModel(operatorID: "D100")
        m.selectedIncident = first
        let text = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 160, height: 48).lines.joined()
        for part in [
            "C1 999 · Jade Khan · 07700 900123", "Fight outside the bar, one man on the floor.",
            "THRIVE", "victim on the floor", "BC11 at scene",
        ] {
            #expect(text.contains(part), "\(part)")
        }
    }

    @Test func theNarrativeWrapsAndScrollsBackFromTheNewest() throws {
        var s = try ScreenFixture.state()
        let d = Actor("D100", console: "t")
        for k in 1...30 {
            let note = "Update \(k): the caller rang back to say the man is still outside and now has friends with him"
            s.apply(try s.decide(.addNarrative(first, note), by: d, at: now).get())
        }
        var m = ConsoleModel(operatorID: "D100")
        m.selectedIncident = first
        _ = m.handle(.tab, state: s, now: now)
        #expect(m.focus == .detail, "Tab reaches the incident view")
        func screen() throws -> String {
            ConsoleScreen.render(try ScreenFixture.context(s, m), width: 80, height: 24).lines.joined(separator: "\\n")
        }
        var text = try screen()
        #expect(text.contains("Update 30:") && !text.contains("Update 20:"), "the newest at the bottom")
        // Found by a tester: lines were cut from between the facts and the newest with nothing to say so.
        #expect(text.contains("earlier lines above (↑ scrolls)"))
        #expect(text.contains("↑↓ PgUp PgDn scroll"))
        _ = m.handle(.pageUp, state: s, now: now)
        _ = m.handle(.pageUp, state: s, now: now)
        text = try screen()
        #expect(text.contains("newer lines below") && !text.contains("Update 30:"))
        #expect(text.contains("now has friends"), "notes wrap rather than cut off")
        // All the way back, the calls and the caller's words are there even at 80x24.
        for _ in 0..<20 { _ = m.handle(.pageUp, state: s, now: now) }
        text = try screen()
        #expect(text.contains("Jade Khan") && text.contains("Fight outside the bar"))
        for _ in 0..<40 { _ = m.handle(.pageDown, state: s, now: now) }
        #expect(m.detailScroll == 0)
    }
}
