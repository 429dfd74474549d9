import Testing
import VigilCore
@testable import VigilTUI

/// The console's model driven by key sequences: what it asks the world to do, and where it ends up.
@Suite("keys become commands")
struct KeyTests {
    let now = ScreenFixture.now

    func press(_ keys: [Key], _ model: inout ConsoleModel, _ s: DispatchState) -> [ConsoleEffect] {
        keys.flatMap { model.handle($0, state: s, now: now) }
    }

    func type(_ text: String) -> [Key] { text.map { Key.char($0) } }

    let first = IncidentRef(force: "WM", day: 20261125, number: 1)
    let third = IncidentRef(force: "WM", day: 20261125, number: 3)

    @Test func aAssignsTheTopRecommendationAndDigitsPickAnother() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        // Needs action first: the grade 3 waiting for a unit, then the grade 2 with CC11 on the way, then the grade 1
        // already at scene.
        let second = IncidentRef(force: "WM", day: 20261125, number: 2)
        #expect(Lists.incidents(s, now: now) == [second, third, first])
        let offered = s.recommend(for: second, limit: 8).candidates.map(\.callsign)
        #expect(press([.char("a")], &m, s) == [.execute(.assign(second, [offered[0]]))], "the top of the list")
        #expect(press([.char("3")], &m, s) == [.execute(.assign(second, [offered[2]]))])
        let next = s.recommend(for: third, limit: 1).best!.callsign
        #expect(press([.down, .char("a")], &m, s) == [.execute(.assign(third, [next]))])
        #expect(m.selectedIncident == third)
        // o orders by grade again: the grade 1 first.
        _ = press([.char("o")], &m, s)
        #expect(m.sort == .grade && Lists.incidents(s, now: now, order: m.sort) == [first, third, second])
    }

    @Test func theBoardActsOnTheUnitUnderTheCursor() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        m.focus = .board
        let units = Lists.units(s, filter: "")
        _ = press([.down], &m, s)
        let cs = try #require(m.selectedUnit)
        #expect(cs == units[1])
        let top = Lists.incidents(s, now: now)[0]
        #expect(press([.char("a")], &m, s) == [.execute(.assign(top, [cs]))], "a puts this unit on the incident")
        #expect(press([.char("2")], &m, s).isEmpty && m.message?.hasPrefix("On the board, a puts") == true)
        #expect(press([.char("R")], &m, s) == [.execute(.setStatus(cs, .refreshment, position: nil))])
        #expect(press([.char("O")], &m, s) == [.execute(.setStatus(cs, .offDuty, position: nil))])
        _ = press([.enter], &m, s)
        #expect(m.openedUnit == cs)
        let text = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 120, height: 40).lines.joined()
        #expect(text.contains("Unit \(cs) · Esc closes") && text.contains("R refreshment"))
        _ = press([.escape], &m, s)
        #expect(m.openedUnit == nil)
        // A call handler's console offers no status keys.
        var h = ConsoleModel(operatorID: "H200", view: .dispatcher)
        h.focus = .board
        #expect(press([.char("R")], &h, s).isEmpty && h.message?.contains("may not set unit status") == true)
    }

    @Test func digitsPickFromTheRecommendationTheScreenShowed() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        let top = Lists.incidents(s, now: now)[0]
        // The frame showed this list; the board has moved on since, but the key means what was on screen.
        m.shownOffer = ShownOffer(incident: top, callsigns: ["LN13", "LN21", "BC12"])
        #expect(press([.char("2")], &m, s) == [.execute(.assign(top, ["LN21"]))])
        #expect(press([.char("a")], &m, s) == [.execute(.assign(top, ["LN13"]))])
        #expect(press([.char("5")], &m, s).isEmpty, "nothing fifth was shown")
    }

    @Test func aCallInHandIsNeverLost() throws {
        var s = try ScreenFixture.state()
        s.apply(try s.decide(.answerContact(nil), by: Actor("H200", console: "t"), at: now).get())
        let held = try #require(s.contactsInHand.first { s.contacts[$0]?.handler == "H200" })
        var m = ConsoleModel(operatorID: "H200", view: .callHandler)
        #expect(press([.char("n")], &m, s).isEmpty, "n does not answer another over it")
        #expect(
            m.message
                == "You have \(held) in hand: raise, link or resolve it first, or give it back with `:return \(held)`.")
        let text = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 120, height: 40).lines.joined()
        #expect(
            text.contains("Calls waiting 2 · 1 in hand") && text.contains("\(held)     IN HAND"),
            "on screen above the queue")
        #expect(press([.char("q")], &m, s).isEmpty)
        #expect(
            m.message == "You have \(held) in hand. Quit and return it to its queue? y to quit, any other key to stay.")
        #expect(press([.char("y")], &m, s) == [.quit])
    }

    @Test func slashFiltersTheIncidentsAndGoJumpsToOne() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        let second = IncidentRef(force: "WM", day: 20261125, number: 2)
        _ = press([.char("/")] + type("walsall") + [.enter], &m, s)
        #expect(m.incidentFilter == "walsall" && m.focus == .incidents, "on the list, / filters incidents")
        #expect(Lists.incidents(s, now: now, filter: m.incidentFilter) == [second])
        #expect(m.currentIncident(s) == second)
        var text = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 120, height: 40).lines.joined()
        #expect(text.contains("Incidents 1 open · 1 unresourced · /walsall"))
        // :go finds one the filter hides, and clears the filter.
        _ = press([.char(":")] + type("go 0001") + [.enter], &m, s)
        #expect(m.selectedIncident == first && m.incidentFilter.isEmpty && m.message == "0001 selected.")
        _ = press([.char(":")] + type("go 0099") + [.enter], &m, s)
        #expect(m.messageIsError && m.message?.contains("no incident") == true)
        _ = press([.escape, .char("/")] + type("assault") + [.escape], &m, s)
        #expect(m.incidentFilter.isEmpty, "Esc clears it")
        text = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 120, height: 40).lines.joined()
        #expect(text.contains("Incidents 3 open"))
    }

    @Test func closingAnIncidentWithAUnitOnTheWayAsksFirst() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        let line = [.char(":")] + type("close 0003 public-safety/concern-for-welfare") + [.enter]
        #expect(press(line, &m, s).isEmpty, "nothing is sent before the answer")
        #expect(
            m.message
                == "0003 has CC11 en route. Close it and stand them down? y to close, any other key to keep it open.")
        #expect(press([.char("n")], &m, s).isEmpty && m.message == "0003 stays open with CC11 on it.")
        _ = press(line, &m, s)
        #expect(
            press([.char("y")], &m, s) == [
                .execute(.closeIncident(third, Category(.publicSafety, "concern-for-welfare"), outcome: ""))
            ])
        // With no unit on it, nothing to ask.
        var bare = s
        let free = try bare.decide(.unassign("CC11", from: third), by: Actor("D100", console: "t"), at: now).get()
        bare.apply(free)
        #expect(press(line, &m, bare).count == 1)
    }

    @Test func theCommandLineEditsLikeAShell() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        _ = press([.char(":")] + type("note 0001 \"hell\"") + [.left, .char("o")], &m, s)
        #expect(m.commandLine == "note 0001 \"hello\"", "Left moves back inside the quotes")
        _ = press([.home, .char("x"), .delete], &m, s)
        #expect(m.commandLine == "xote 0001 \"hello\"")
        _ = press([.ctrl("a"), .delete, .char("n"), .ctrl("e"), .ctrl("w")], &m, s)
        #expect(m.commandLine == "note 0001 ", "Ctrl-W removes the word before the cursor")
        _ = press([.left, .left, .ctrl("k")], &m, s)
        #expect(m.commandLine == "note 000" && m.lineEditor?.cursor == 8, "Ctrl-K cuts to the end")
        _ = press([.left, .ctrl("u")], &m, s)
        #expect(m.commandLine == "0" && m.lineEditor?.cursor == 0, "Ctrl-U cuts to the start")
        _ = press([.right, .right, .backspace, .backspace], &m, s)
        #expect(m.commandLine == "" && m.lineEditor?.cursor == 0)
        // Tab completes the word before the cursor and keeps what follows it.
        _ = press(type("ass 0003 BC12") + Array(repeating: .left, count: 10) + [.tab], &m, s)
        #expect(m.commandLine == "assign  0003 BC12", "\(m.commandLine ?? "")")
        // The footer shows the cursor where it is.
        let buf = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 80, height: 24)
        #expect(buf.lines[23].hasPrefix(":assign  0003 BC12"))
        #expect(buf[1 + 7, 23].style.modifiers.contains(.reverse), "the cursor cell is reversed")
    }

    @Test func tabCompletesIncidentsCallsignsStatusesAreasCategoriesAndQualifiers() throws {
        let s = try ScreenFixture.state()
        func completed(_ text: String) -> String {
            var m = ConsoleModel(operatorID: "D100")
            _ = press([.char(":")] + type(text) + [.tab], &m, s)
            return m.commandLine ?? ""
        }
        // Three incidents: the common part stays, and the list is said (so Tab doing nothing would fail here).
        var m = ConsoleModel(operatorID: "D100")
        _ = press([.char(":")] + type("assign 000") + [.tab], &m, s)
        #expect(m.commandLine == "assign 000")
        #expect(["0001", "0002", "0003"].allSatisfy { (m.message ?? "").contains($0) }, "\(m.message ?? "")")
        #expect(completed("assign 0003 CC1").hasPrefix("assign 0003 CC1"))
        #expect(completed("status BC11 wri") == "status BC11 writeup ")
        #expect(completed("move BC11 wolv") == "move BC11 wolverhampton ")
        #expect(completed("raise C4 1 crime/wea") == "raise C4 1 crime/weapons ")
        #expect(completed("raise C4 1 crime/weapons+dom") == "raise C4 1 crime/weapons+domestic-abuse ")
        #expect(completed("close 0001 trans") == "close 0001 transport/")
        #expect(completed("aid staf") == "aid staffordshire ")
        #expect(completed("desk black") == "desk black-country ")
    }

    @Test func theCommandLineParsesCompletesAndRemembers() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        #expect(press([.char(":")] + type("ass") + [.tab], &m, s).isEmpty)
        #expect(m.commandLine == "assign ")
        let effects = press(type("0003 BC12") + [.enter], &m, s)
        #expect(effects == [.execute(.assign(third, ["BC12"]))])
        #expect(m.commandLine == nil && m.history == ["assign 0003 BC12"])
        // A mistake stays on the line with the parser's sentence; Esc throws it away.
        #expect(press([.char(":")] + type("status BC12 scnee") + [.enter], &m, s).isEmpty)
        #expect(m.commandLine == "status BC12 scnee")
        #expect(m.messageIsError && m.message == "column 13: unknown status `scnee`; did you mean `scene`?")
        _ = press([.escape, .char(":"), .up], &m, s)
        #expect(m.commandLine == "assign 0003 BC12", "↑ recalls the last command")
    }

    /// The `:` line crashed the console (and left its operator signed on) on a reference whose day overflowed.
    @Test func anOverflowingReferenceOnTheCommandLineIsASentence() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100", view: .dispatcher)
        let effects = press([.char(":")] + type("note WM-99999999999999999999-1 \"x\"") + [.enter], &m, s)
        #expect(effects.isEmpty)
        #expect(m.messageIsError && m.message?.contains("is not an incident number") == true, "\(m.message ?? "")")
    }

    @Test func answeringOpensTheCallFormAndEnterRaisesIt() throws {
        var s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "H200", view: .callHandler)
        #expect(press([.char("n")], &m, s) == [.execute(.answerContact(nil))])
        let answered = s.decide(.answerContact(nil), by: Actor("H200", console: "t"), at: now)
        s.apply(try answered.get())
        #expect(m.didExecute(.answerContact(nil), answered, state: s).isEmpty)
        guard case .contactAnswered(let taken)? = try answered.get().first?.change else {
            Issue.record("no answer"); return
        }
        let id = taken.contact
        #expect(m.form?.contact == id && m.focus == .callForm)
        // Grade 1, category, a note; Enter raises.
        _ = press(
            [.up, .char("1"), .down] + type("crime/burglary") + [.down] + type("hmhlxhm") + [.down]
                + type("caller hiding upstairs"), &m, s)
        #expect(
            m.form?.grade == .emergency && m.form?.category == "crime/burglary"
                && m.form?.note == "caller hiding upstairs")
        #expect(m.form?.thrive == "HMHLHM", "only L, M and H are taken, in capitals")
        let raise = press([.enter], &m, s)
        #expect(
            raise == [
                .execute(
                    .raiseIncident(
                        from: id, grade: .emergency, category: Category(.crime, "burglary"), location: nil, address: nil
                    ))
            ])
        // Once raised, the note goes into the incident's narrative and the form closes.
        let result = s.decide(
            .raiseIncident(
                from: id, grade: .emergency, category: Category(.crime, "burglary"), location: nil, address: nil),
            by: Actor("H200", console: "t"), at: now)
        s.apply(try result.get())
        let follow = m.didExecute(.answerContact(nil), result, state: s)
        guard case .incidentRaised(let raisedIncident)? = try result.get().last?.change else {
            Issue.record("not raised"); return
        }
        let ref = raisedIncident.incident
        #expect(
            follow == [
                .execute(
                    .recordThrive(
                        ref,
                        Thrive(
                            threat: .high, harm: .medium, risk: .high, investigation: .low,
                            vulnerability: .high, engagement: .medium, text: "caller hiding upstairs")))
            ])
        #expect(m.form == nil && m.selectedIncident == ref)
    }

    @Test func tabCompletesTheCategoryInTheForm() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "H200", view: .callHandler)
        m.form = CallForm(contact: ContactID(6))
        m.focus = .callForm
        _ = press(type("crime/bu") + [.tab], &m, s)
        #expect(m.form?.category == "crime/burglary")
        #expect(m.focus == .callForm, "Tab stays in the form")
        _ = press([.up, .tab], &m, s)
        #expect(m.form?.field == .category, "on other lines Tab moves down the form")
    }

    @Test func aBadCategoryIsRefusedInTheForm() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "H200", view: .callHandler)
        m.form = CallForm(contact: ContactID(6))
        m.focus = .callForm
        #expect(press(type("crime/burglry") + [.enter], &m, s).isEmpty)
        #expect(m.messageIsError && m.message?.contains("did you mean crime/burglary") == true)
    }

    @Test func quittingAsksFirst() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        #expect(press([.char("q"), .char("n")], &m, s).isEmpty)
        #expect(press([.char("q"), .char("y")], &m, s) == [.quit])
    }

    @Test func helpFilterViewsAndThemes() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        _ = press([.function(1)], &m, s)
        #expect(m.helpOpen)
        #expect(press([.char("a")], &m, s).isEmpty, "a key closes help and does nothing else")
        #expect(!m.helpOpen)
        m.focus = .board
        _ = press([.char("/")] + type("coventry") + [.enter], &m, s)
        #expect(m.unitFilter == "coventry" && !m.editingFilter && m.focus == .board)
        #expect(Lists.units(s, filter: m.unitFilter).allSatisfy { s.units[$0]?.area == "coventry" })
        _ = press([.function(2)], &m, s)
        #expect(m.view == .callHandler && m.focus == .queue)
        #expect(press([.char("t")], &m, s) == [.themeChanged])
        _ = press([.tab, .tab], &m, s)
        #expect(m.focus == .queue, "Tab cycles the view's panels")
    }
}

@Suite("the mouse and the map")
struct MouseAndMapTests {
    @Test func aClickFocusesThePanelAndSelectsTheRow() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        m.screenWidth = 80
        m.screenHeight = 24
        let layout = ConsoleScreen.layout(.dispatcher, width: 80, height: 24)
        let incidents = try #require(layout.first { $0.0 == .incidents }?.1)
        // The third row of the list (below its column titles) is the third incident in order.
        _ = m.handle(.mouse(x: incidents.x + 5, y: incidents.y + 2 + 2, button: 1), state: s, now: ScreenFixture.now)
        #expect(m.selectedIncident == Lists.incidents(s, now: ScreenFixture.now)[2])
        let board = try #require(layout.first { $0.0 == .board }?.1)
        _ = m.handle(.mouse(x: board.x + 3, y: board.y + 1 + 1, button: 1), state: s, now: ScreenFixture.now)
        #expect(m.focus == .board && m.selectedUnit == Lists.units(s, filter: "")[1])
        _ = m.handle(.mouse(x: board.x + 3, y: board.y + 2, button: 5), state: s, now: ScreenFixture.now)
        #expect(m.selectedUnit == Lists.units(s, filter: "")[4], "the wheel moves three at a time")
    }

    @Test func zZoomsToEachAreaInTurn() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        _ = m.handle(.char("z"), state: s, now: ScreenFixture.now)
        #expect(m.map.area == 0 && m.map.zoom > 1 && !m.map.follow && m.focus == .map)
        #expect(m.message == "Map: \(s.force.areas[0].name)")
        _ = m.handle(.char("z"), state: s, now: ScreenFixture.now)
        #expect(m.map.area == 1)
        let buf = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 160, height: 48)
        #expect(
            buf.lines.joined().contains(String(s.force.areas[1].name.prefix(16)).uppercased()),
            "the area's name is written on the zoomed map")
    }
}
