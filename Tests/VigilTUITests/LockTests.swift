import Testing
import VigilTestSupport
import VigilCore
@testable import VigilTUI

@Suite("the console locks when idle")
struct LockTests {
    func callBeingTaken() throws -> (DispatchState, ConsoleModel, ContactID) {
        var s = try ScreenFixture.state()
        let answered = try s.decide(
            .answerContact(nil), by: Actor("H200", console: "fixture"), at: ScreenFixture.now - .minutes(1)
        ).get()
        s.apply(answered)
        guard case .contactAnswered(let taken)? = answered.first?.change else { throw LockTestError.nothingAnswered }
        let id = taken.contact
        var model = ConsoleModel(operatorID: "H200", view: .callHandler)
        model.form = CallForm(contact: id)
        model.focus = .callForm
        return (s, model, id)
    }
    enum LockTestError: Error { case nothingAnswered }

    @Test(arguments: [(80, 24), (160, 48)])
    func lockedHidesCallersDetails(width: Int, height: Int) throws {
        let (s, m0, id) = try callBeingTaken()
        var model = m0
        let open = Golden.text(
            ConsoleScreen.render(try ScreenFixture.context(s, model, banner: .live), width: width, height: height))
        #expect(open.contains("Jade Khan"), "the caller shows while the call is taken")
        #expect(model.callerDetailsShown == id)
        model.lock(idleMinutes: 10)
        let buf = ConsoleScreen.render(try ScreenFixture.context(s, model, banner: .live), width: width, height: height)
        let text = Golden.text(buf)
        for secret in ["Jade Khan", "07700 900123", "22 New Street", "Broad Street", "trying to get into"] {
            #expect(!text.contains(secret), "\(secret) shows on the locked screen")
        }
        #expect(text.contains("Console locked") && text.contains("PIN for H200"))
        #expect(model.callerDetailsShown == nil)
        try GoldenScreen.check(buf, "locked-\(width)x\(height)")
    }

    @Test func keysGoOnlyToThePin() throws {
        let (s, m0, _) = try callBeingTaken()
        var model = m0
        model.lock(idleMinutes: 10)
        let now = ScreenFixture.now
        var effects: [ConsoleEffect] = []
        for k in [
            Key.char("q"), .char("1"), .function(3), .char(":"), .backspace, .char("4"), .char("8"), .char("0"),
            .char("3"),
            .char("1"), .char("7"),
        ] {
            effects += model.handle(k, state: s, now: now)
        }
        #expect(effects.isEmpty, "q, F3 and : do nothing while locked")
        #expect(model.view == .callHandler && model.commandLine == nil)
        #expect(model.locked?.entry == "q1480317", "typed keys, the one rubbed out gone")
        effects = model.handle(.enter, state: s, now: now)
        #expect(effects.count == 1)
        guard case .unlock(let typed)? = effects.first else { Issue.record("no unlock asked"); return }
        #expect(typed == "q1480317")
        #expect(model.locked?.entry == "", "the PIN is not kept")
        model.unlockResult(false)
        #expect(model.locked?.message == "Wrong PIN; try again.")
        model.unlockResult(true)
        #expect(model.locked == nil && model.form != nil, "the call in hand is still there")
    }
}
