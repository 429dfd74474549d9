import Testing
import VigilTestSupport
import VigilCore
@testable import VigilTUI

@Suite("the inspector's and the trainer's screens")
struct InspectorTrainerTests {
    static let sizes = [(80, 24), (160, 48), (200, 60)]

    /// The fixture, plus a grade 1 raised five minutes ago that nobody has been sent to.
    static func busier() throws -> DispatchState {
        var s = try ScreenFixture.state()
        let handler = Actor("H200", console: "fixture")
        let waiting = ContactID(6)
        s.apply(try s.decide(.answerContact(waiting), by: handler, at: ScreenFixture.now - .minutes(6)).get())
        s.apply(
            try s.decide(
                .raiseIncident(
                    from: waiting, grade: .emergency, category: Category(.crime, "burglary"), location: nil,
                    address: nil),
                by: handler, at: ScreenFixture.now - .minutes(5)
            ).get())
        return s
    }

    static let training = TrainingInfo(
        scenario: "weekday", start: ScreenFixture.t0 - .hours(2), end: ScreenFixture.t0 + .hours(22),
        injects: [
            .init(label: "M6 J7 northbound pile-up", at: ScreenFixture.t0 - .minutes(30), fired: true),
            .init(label: "BC11's car breaks down", at: ScreenFixture.t0 + .hours(1), fired: false),
        ],
        scores: [.init(operatorID: "D100", assignments: 12, topChoices: 9, etaLostMinutes: 14.4, rulesBroken: 2)],
        response: [.emergency: (7, 9), .priority: (20, 21)],
        debrief: [
            "# Debrief: weekday training shift", "", "## Response against targets", "", "| grade | raised |",
            "|---|---:|", "| 1 Emergency | 9 |",
        ])

    @Test(arguments: sizes)
    func inspectorView(width: Int, height: Int) throws {
        let s = try Self.busier()
        let model = ConsoleModel(operatorID: "I300", view: .inspector)
        let buf = ConsoleScreen.render(try ScreenFixture.context(s, model), width: width, height: height)
        try GoldenScreen.check(buf, "inspector-\(width)x\(height)")
        #expect(buf.lines.joined().contains("Force load"))
        #expect(buf.lines.joined().contains("Breached now"))
    }

    @Test(arguments: sizes)
    func trainerView(width: Int, height: Int) throws {
        var c = try ScreenFixture.context(try ScreenFixture.state(), ConsoleModel(operatorID: "T400", view: .trainer))
        c.training = Self.training
        let buf = ConsoleScreen.render(c, width: width, height: height)
        try GoldenScreen.check(buf, "trainer-\(width)x\(height)")
        let text = buf.lines.joined()
        #expect(text.contains("FIRED") && text.contains("D100"))
        #expect(text.contains("75%"), "9 of 12 assignments were the top choice")
    }

    @Test func trainerDebriefOverlay() throws {
        var model = ConsoleModel(operatorID: "T400", view: .trainer)
        model.debriefOpen = true
        var c = try ScreenFixture.context(try ScreenFixture.state(), model)
        c.training = Self.training
        let buf = ConsoleScreen.render(c, width: 80, height: 24)
        #expect(buf.lines[1].contains("Debrief"))
        // Rendered for the screen, not raw Markdown: no #, no pipes, no separator row, numbers right-aligned.
        #expect(buf.lines[2].contains("Debrief: weekday training shift") && !buf.lines[2].contains("#"))
        let table = buf.lines.filter { $0.contains("grade") || $0.contains("Emergency") }
        #expect(table.count == 2 && table.allSatisfy { !$0.contains("|") } && !buf.lines.joined().contains("---"))
        #expect(table.first?.contains("grade        raised") == true, "\(table)")
        #expect(table.last?.contains("1 Emergency       9") == true, "\(table)")
    }

    /// A log out of reach, or going on without its standby, is said on every screen and at every size: at 80x24
    /// the header drops the force's name, the date and the queues before it drops this.
    @Test(arguments: sizes)
    func theLogsTroubleIsNeverDroppedFromTheHeader(width: Int, height: Int) throws {
        for view in [ConsoleView.inspector, .dispatcher] {
            var c = try ScreenFixture.context(try Self.busier(), ConsoleModel(operatorID: "I300", view: view))
            c.alert = "LOG OUT OF REACH · NO STANDBY"
            let buf = ConsoleScreen.render(c, width: width, height: height)
            #expect(buf.lines[0].contains("LOG OUT OF REACH · NO STANDBY"), "\(view) at \(width)x\(height)")
            if view == .inspector, width == 80 { try GoldenScreen.check(buf, "inspector-no-standby-80x24") }
        }
    }

    @Test func majorIncidentsShowOnTheInspectorsScreen() throws {
        var s = try Self.busier()
        let first = IncidentRef(force: "WM", day: 20261125, number: 1),
            fourth = IncidentRef(force: "WM", day: 20261125, number: 4)
        s.apply(try s.decide(.signOn, by: Actor("I300", console: "i"), at: ScreenFixture.now).get())
        s.apply(
            try s.decide(
                .declareMajorIncident(name: "Broad St disorder", incidents: [first, fourth]),
                by: Actor("I300", console: "i"), at: ScreenFixture.now
            ).get())
        let buf = ConsoleScreen.render(
            try ScreenFixture.context(s, ConsoleModel(operatorID: "I300", view: .inspector)), width: 160, height: 48)
        #expect(buf.lines.joined().contains("Major: 1 Broad St disorder (2/2 open"))
    }

    @Test func breachForecastNamesTheIncidentsAtRisk() throws {
        let s = try Self.busier()
        let (now, next) = s.breachForecast(at: ScreenFixture.now, horizon: .minutes(15))
        #expect(now.isEmpty, "the fixture's grade 1 was attended, late: it is not open-and-breached")
        let fourth = IncidentRef(force: "WM", day: 20261125, number: 4)
        // Ten minutes left and a free unit two minutes away, but nobody sent: it breaches unless someone acts, so it
        // is forecast, with the unit that could still save it.
        let best = try #require(s.recommend(for: fourth, limit: 1).best)
        #expect(best.eta < .minutes(10))
        let risk = try #require(next.first { $0.incident == fourth })
        #expect(risk.reason.hasPrefix("nothing assigned; nearest free unit"), "\(risk.reason)")
        let later = s.breachForecast(at: ScreenFixture.now + .minutes(11), horizon: .minutes(15))
        #expect(later.now.map(\.incident).contains(fourth), "past its 15 minutes with nobody sent, it is breached")
    }
}

@Suite("the trainer's keys")
struct TrainerKeyTests {
    @Test func pauseSpeedFireAndDebrief() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "T400", view: .trainer)
        m.injectCount = 2
        let now = ScreenFixture.now
        #expect(m.handle(.char(" "), state: s, now: now) == [.execute(.pauseShift)])
        #expect(m.handle(.char(">"), state: s, now: now) == [.execute(.setShiftSpeed(10))])
        #expect(m.handle(.char("<"), state: s, now: now).isEmpty, "already at ×1")
        #expect(m.handle(.enter, state: s, now: now) == [.execute(.fireInject(1))])
        _ = m.handle(.down, state: s, now: now)
        _ = m.handle(.down, state: s, now: now)
        #expect(m.selectedInject == 1, "the selection stays on an inject")
        #expect(m.handle(.enter, state: s, now: now) == [.execute(.fireInject(2))])
        _ = m.handle(.char("r"), state: s, now: now)
        #expect(m.debriefOpen && m.focus == .debrief)
        _ = m.handle(.escape, state: s, now: now)
        #expect(!m.debriefOpen)
        var paused = s
        paused.shiftClock = ShiftClock(paused: true, speed: 60)
        #expect(m.handle(.char(" "), state: paused, now: now) == [.execute(.resumeShift)])
        #expect(m.handle(.char(">"), state: paused, now: now) == [.execute(.setShiftSpeed(0))])
    }

    /// Enter on an inject that has fired asks first; y fires it again, any other key leaves it.
    @Test func anInjectThatFiredAsksBeforeFiringAgain() throws {
        var s = try ScreenFixture.state()
        s.apply(Event(at: ScreenFixture.now, by: Actor("T400", console: "t"), .injectFired(InjectFired(inject: 1))))
        var m = ConsoleModel(operatorID: "T400", view: .trainer)
        m.injectCount = 2
        let now = ScreenFixture.now
        #expect(m.handle(.enter, state: s, now: now).isEmpty)
        #expect(
            m.confirming?.command == .fireInject(1, again: true) && m.message?.contains("already fired") == true)
        #expect(m.handle(.char("n"), state: s, now: now).isEmpty, "any other key leaves it")
        #expect(m.confirming == nil)
        _ = m.handle(.enter, state: s, now: now)
        #expect(m.handle(.char("y"), state: s, now: now) == [.execute(.fireInject(1, again: true))])
    }
}

@Suite("keys offered by role")
struct RoleKeyTests {
    @Test func anInspectorIsNotOfferedAssignment() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "I300", view: .inspector)
        #expect(m.handle(.char("a"), state: s, now: ScreenFixture.now).isEmpty)
        #expect(m.messageIsError && m.message == "A duty inspector may not assign units from this console.")
        // The help lists only what the role may do.
        m.helpOpen = true
        let text = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 160, height: 48).lines.joined()
        #expect(!text.contains("assign the top recommended unit"))
        #expect(text.contains("inspector view: force load and breaches"))
        var d = ConsoleModel(operatorID: "D100")
        #expect(!d.handle(.char("a"), state: s, now: ScreenFixture.now).isEmpty, "a dispatcher still may")
    }
}

@Suite("the audit view")
struct AuditViewTests {
    @Test(arguments: [(80, 24), (160, 48), (200, 60)])
    func auditView(width: Int, height: Int) throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        _ = m.handle(.function(6), state: s, now: ScreenFixture.now)
        var c = try ScreenFixture.context(s, m)
        let first = IncidentRef(force: "WM", day: 20261125, number: 1)
        var lines: [AuditLine] = []
        for k in 1...30 {
            let who: OperatorID = k % 3 == 0 ? "H200" : "D100"
            let at = ScreenFixture.t0 + .seconds(Int64(k * 37))
            lines.append(
                AuditLine(
                    seq: Int64(k), at: at, operatorID: who, console: k % 3 == 0 ? "tty8" : "tty9",
                    summary: "NarrativeAdded \(first) update \(k)", incidents: [first]))
        }
        c.audit = lines
        try GoldenScreen.check(ConsoleScreen.render(c, width: width, height: height), "audit-\(width)x\(height)")
    }

    @Test func listsWhoDidWhatAndNarrowsToTheIncident() throws {
        let s = try ScreenFixture.state()
        let first = IncidentRef(force: "WM", day: 20261125, number: 1),
            second = IncidentRef(force: "WM", day: 20261125, number: 2)
        var m = ConsoleModel(operatorID: "D100")
        m.selectedIncident = first
        _ = m.handle(.function(6), state: s, now: ScreenFixture.now)
        #expect(m.view == .audit)
        var c = try ScreenFixture.context(s, m)
        c.audit = [
            AuditLine(
                seq: 7, at: ScreenFixture.t0, operatorID: "D100", console: "tty9",
                summary: "UnitAssigned BC11 → \(first)", incidents: [first]),
            AuditLine(
                seq: 9, at: ScreenFixture.t0, operatorID: "H200", console: "tty8", summary: "IncidentRaised \(second)",
                incidents: [second]),
        ]
        var text = ConsoleScreen.render(c, width: 120, height: 30).lines.joined()
        #expect(text.contains("UnitAssigned BC11") && text.contains("IncidentRaised"))
        _ = m.handle(.char("f"), state: s, now: ScreenFixture.now)
        c.model = m
        text = ConsoleScreen.render(c, width: 120, height: 30).lines.joined()
        #expect(
            text.contains("UnitAssigned BC11") && !text.contains("IncidentRaised WM"),
            "only the selected incident's trail")
    }
}
