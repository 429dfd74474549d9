import Testing
import VigilTestSupport
import VigilCore
@testable import VigilTUI

@Suite("a dispatcher at a desk sees the desk's incidents first")
struct DeskScreenTests {
    static func atDesk() throws -> DispatchState {
        var s = try ScreenFixture.state()
        s.apply(
            try s.decide(
                .takeDesk("birmingham", for: nil), by: Actor("D100", console: "fixture"), at: ScreenFixture.now
            ).get())
        return s
    }

    @Test func theListHeaderAndKeysFollowTheDesk() throws {
        let s = try Self.atDesk()
        var m = ConsoleModel(operatorID: "D100", view: .dispatcher)
        let all = Lists.incidents(s, now: ScreenFixture.now)
        #expect(all.count == 3)
        // Only Broad Street, Birmingham, is on the Birmingham desk; Walsall and Coventry are others'.
        #expect(m.scope(s) == ["birmingham"])
        let broad = IncidentRef(force: "WM", day: 20261125, number: 1)
        #expect(Lists.incidents(s, in: m.scope(s), now: ScreenFixture.now) == [broad] && all.contains(broad))
        #expect(m.currentIncident(s) == broad)
        _ = m.handle(.char("d"), state: s, now: ScreenFixture.now)
        #expect(m.wholeForce && m.scope(s) == nil)
        #expect(m.message == "Showing the whole force; d shows your desk again.")
        _ = m.handle(.char("d"), state: s, now: ScreenFixture.now)
        #expect(!m.wholeForce)
        // Without a desk, d says how to take one and the whole force shows.
        var other = ConsoleModel(operatorID: "H200", view: .dispatcher)
        _ = other.handle(.char("d"), state: s, now: ScreenFixture.now)
        #expect(other.scope(s) == nil && other.message?.contains("`:desk NAME` takes one") == true)
    }

    @Test func theScreenNamesTheDesk() throws {
        let s = try Self.atDesk()
        let model = ConsoleModel(operatorID: "D100", view: .dispatcher)
        try GoldenScreen.check(
            ConsoleScreen.render(try ScreenFixture.context(s, model), width: 120, height: 40), "dispatcher-desk-120x40")
    }
}
