import Testing
import VigilTestSupport
import VigilCore
@testable import VigilTUI

@Suite("golden screens of the console")
struct ScreenTests {
    static let sizes = [(80, 24), (160, 48), (200, 60)]

    @Test(arguments: sizes)
    func dispatcherView(width: Int, height: Int) throws {
        let s = try ScreenFixture.state()
        let model = ConsoleModel(operatorID: "D100", view: .dispatcher)
        try GoldenScreen.check(
            ConsoleScreen.render(try ScreenFixture.context(s, model), width: width, height: height),
            "dispatcher-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func callHandlerTakingACall(width: Int, height: Int) throws {
        var s = try ScreenFixture.state()
        let answered = try s.decide(
            .answerContact(nil), by: Actor("H200", console: "fixture"), at: ScreenFixture.now - .minutes(1)
        ).get()
        s.apply(answered)
        guard case .contactAnswered(let taken)? = answered.first?.change else {
            Issue.record("nothing answered"); return
        }
        let id = taken.contact
        var model = ConsoleModel(operatorID: "H200", view: .callHandler)
        model.form = CallForm(contact: id)
        model.form?.category = "crime/burg"
        model.focus = .callForm
        try GoldenScreen.check(
            ConsoleScreen.render(try ScreenFixture.context(s, model), width: width, height: height),
            "call-handler-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func helpOverlay(width: Int, height: Int) throws {
        var model = ConsoleModel(operatorID: "D100")
        model.helpOpen = true
        let buf = ConsoleScreen.render(
            try ScreenFixture.context(try ScreenFixture.state(), model), width: width, height: height)
        try GoldenScreen.check(buf, "help-\(width)x\(height)")
        // Every binding's help line is on the overlay (scrolled to where needed): it is drawn from the key map, so it
        // cannot drift.
        var text = ""
        for page in 0..<6 {
            model.helpScroll = page * 10
            text += ConsoleScreen.render(
                try ScreenFixture.context(try ScreenFixture.state(), model), width: width, height: height
            ).lines.joined(separator: "\n")
        }
        for b in KeyMap.bindings {
            #expect(text.contains(b.help.truncated(to: 20).replacingOccurrences(of: "…", with: "")), "\(b.action)")
        }
    }

    @Test func tooSmallSaysSo() throws {
        let buf = ConsoleScreen.render(
            try ScreenFixture.context(try ScreenFixture.state(), ConsoleModel(operatorID: "D100")), width: 50,
            height: 12)
        try GoldenScreen.check(buf, "too-small-50x12")
        #expect(buf.lines.joined().contains("Vigil needs at least 60×16"))
    }

    @Test func bTurnsTheMapToPlainCharactersAndNothingElse() throws {
        var model = ConsoleModel(operatorID: "D100")
        _ = model.handle(.char("b"), state: try ScreenFixture.state(), now: ScreenFixture.now)
        #expect(model.map.ascii)
        let lines = ConsoleScreen.render(
            try ScreenFixture.context(try ScreenFixture.state(), model), width: 120, height: 40
        )
        .lines
        let mapTop = try #require(lines.first { $0.contains("+ Map") }, "the map's border is plain")
        #expect(!mapTop.contains("┌ Map"))
        #expect(lines[1].hasPrefix("┏") || lines[1].hasPrefix("┌"), "the other panels keep their borders: \(lines[1])")
        #expect(!lines.joined().contains("⠁") && !lines.joined().contains("⡀"), "no braille left on the map")
    }

    @Test func mapNamesNeverOverwriteIncidents() throws {
        // Grade 1s packed around Birmingham's centre, where its name is written.
        var s = try ScreenFixture.state()
        let h = Actor("H200", console: "t")
        for k in 0..<12 {
            let p = GeoPoint(lat: 52.48 - Double(k / 4) * 0.012, lon: -1.93 + Double(k % 4) * 0.02)
            let details = ContactDetails(callerName: "A", location: p, address: "1 Road", account: "x")
            s.apply(try s.decide(.receiveContact(.emergency, details), by: h, at: ScreenFixture.now).get())
            let raised = Command.raiseIncident(
                from: ContactID(s.nextContact - 1), grade: .emergency, category: Category(.crime, "assault"),
                location: nil, address: nil)
            s.apply(try s.decide(raised, by: h, at: ScreenFixture.now).get())
        }
        for (w, h) in [(120, 40), (200, 60)] {
            let lines = ConsoleScreen.render(
                try ScreenFixture.context(s, ConsoleModel(operatorID: "D100")), width: w, height: h
            )
            .lines
            // A name with one letter replaced by a marker, as BIRM32GHAM was.
            let names = s.force.areas.map { String($0.name.prefix(3)).uppercased() }
            let broken = names.flatMap { name in
                name.indices.flatMap { i in
                    (1...4).map { d in name.replacingCharacters(in: i...i, with: String(d)) }
                }
            }
            let text = lines.joined(separator: "\n")
            for b in broken { #expect(!text.contains(b), "\(w)x\(h): \(b)") }
            #expect(text.contains("BIR"), "Birmingham is still named somewhere near its centre")
        }
    }

    @Test func helpScrollsAt80x24AndLosesNoSection() throws {
        let s = try ScreenFixture.state()
        var m = ConsoleModel(operatorID: "D100")
        _ = m.handle(.char("?"), state: s, now: ScreenFixture.now)
        var seen = ""
        for _ in 0..<6 {
            seen += ConsoleScreen.render(try ScreenFixture.context(s, m), width: 80, height: 24).lines.joined()
            _ = m.handle(.pageDown, state: s, now: ScreenFixture.now)
            #expect(m.helpOpen, "PgDn scrolls; it does not close")
        }
        for section in ["Incidents", "On the unit board", "Taking a call", "Codes", "writing up: grade 1 only"] {
            #expect(seen.contains(section), "\(section) is reachable at 80x24")
        }
        _ = m.handle(.char("q"), state: s, now: ScreenFixture.now)
        #expect(!m.helpOpen)
    }

    @Test func theHeaderKeepsTheQueueCountsAt80x24() throws {
        let s = try ScreenFixture.state()
        for (op, view) in [("D100", ConsoleView.dispatcher), ("H200", .callHandler), ("I300", .inspector)] {
            let header = ConsoleScreen.render(
                try ScreenFixture.context(s, ConsoleModel(operatorID: op, view: view)), width: 80, height: 24
            ).lines[0]
            #expect(header.contains("999:1") && header.contains("101:1"), "\(view): \(header)")
        }
    }

    @Test func keysAndCountsAgreeWithTheRoleAndTheState() throws {
        let s = try ScreenFixture.state()
        // A call handler looking at the dispatch view is not offered keys they may not use.
        let handler = ConsoleScreen.render(
            try ScreenFixture.context(s, ConsoleModel(operatorID: "H200", view: .dispatcher)), width: 120, height: 40)
        #expect(!handler.lines[39].contains("a assign") && !handler.lines[39].contains("1-8"), "\(handler.lines[39])")
        let dispatcher = ConsoleScreen.render(
            try ScreenFixture.context(s, ConsoleModel(operatorID: "D100", view: .dispatcher)), width: 120, height: 40)
        #expect(dispatcher.lines[39].contains("a assign top  1-8 pick"))
        var help = ConsoleModel(operatorID: "H200", view: .dispatcher)
        help.helpOpen = true
        let text = ConsoleScreen.render(try ScreenFixture.context(s, help), width: 160, height: 48).lines.joined()
        #expect(!text.contains("assign the top recommended unit") && !text.contains("On the unit board"))
        // The inspector's column counts what it says: units away from work on duty, not units off duty.
        let inspector = ConsoleScreen.render(
            try ScreenFixture.context(s, ConsoleModel(operatorID: "I300", view: .inspector)), width: 160, height: 48
        ).lines.joined()
        #expect(inspector.contains("Free Busy Away") && !inspector.contains("Busy  Off"))
    }

    @Test func wideScreensUseTheirWidth() throws {
        let s = try ScreenFixture.state()
        for (w, h) in [(160, 48), (200, 60)] {
            let text = ConsoleScreen.render(
                try ScreenFixture.context(s, ConsoleModel(operatorID: "D100")), width: w, height: h
            ).lines.joined(separator: "\n")
            #expect(text.contains("public-safety/concern-for-welfare "), "\(w)x\(h): the category in full")
        }
        let wide = ConsoleScreen.render(
            try ScreenFixture.context(s, ConsoleModel(operatorID: "D100")), width: 200, height: 60
        ).lines.joined()
        #expect(wide.contains("3 Park Road, Walsall"), "200 columns have room for the address")
        let inspector = ConsoleScreen.render(
            try ScreenFixture.context(s, ConsoleModel(operatorID: "I300", view: .inspector)), width: 200, height: 60
        ).lines.joined()
        #expect(inspector.contains("◆ Coventry & Solihull"), "desk names in full")
    }

    @Test func monochromeCarriesMeaningWithoutColour() throws {
        let c = try ScreenFixture.context(
            try ScreenFixture.state(), ConsoleModel(operatorID: "D100"), theme: "monochrome")
        let buf = ConsoleScreen.render(c, width: 80, height: 24)
        try GoldenScreen.check(buf, "dispatcher-monochrome-80x24")
        #expect(buf.cells.allSatisfy { $0.style.fg == .default && $0.style.bg == .default }, "no colour at all")
        #expect(buf.lines.joined().contains("BREACH"), "a breach is written, not only coloured")
    }

    @Test func commandLineShowsTheParsersErrorInPlace() throws {
        var model = ConsoleModel(operatorID: "D100")
        let s = try ScreenFixture.state()
        for k in ":asign 0001 BC12".map({ Key.char($0) }) + [.enter] {
            _ = model.handle(k, state: s, now: ScreenFixture.now)
        }
        let buf = ConsoleScreen.render(try ScreenFixture.context(s, model), width: 80, height: 24)
        #expect(buf.lines[23].hasPrefix(":asign 0001 BC12 "))
        #expect(buf[16, 23].style.modifiers.contains(.reverse), "the cursor just after the text")
        #expect(buf.lines[23].contains("column 1: unknown command `asign`"))
    }

    @Test func everyThemeLoadsAndStylesEveryRole() throws {
        for name in ThemeLoader.builtIns {
            let t = try ThemeLoader.load(name)
            #expect(Role.allCases.allSatisfy { t.styles[$0] != nil }, "\(name)")
        }
        #expect(throws: (any Error).self) {
            try ThemeLoader.parse("[styles]\ntext = { fg = \"mauve\" }", file: "bad.toml")
        }
        do { _ = try ThemeLoader.parse("name = \"x\"\n[styles]\ntext = { fg = \"mauve\" }\n", file: "bad.toml") } catch
        {
            #expect(
                error.description
                    == "bad.toml:3: styles.text.fg: `mauve` is not a colour; use a name such as red or bright-blue, or color0–color255"
            )
        }
    }
}

@Suite("colour is optional")
struct NoColourTests {
    @Test func withoutColourKeepsEmphasisAndDropsEveryColour() throws {
        let t = try ThemeLoader.load("default")
        let plain = t.withoutColour
        #expect(Role.allCases.allSatisfy { plain[$0].fg == .default && plain[$0].bg == .default })
        #expect(plain[.grade1].modifiers.contains(.bold), "urgency keeps its emphasis")
        var c = try ScreenFixture.context(try ScreenFixture.state(), ConsoleModel(operatorID: "D100"))
        c.theme = plain
        let buf = ConsoleScreen.render(c, width: 80, height: 24)
        #expect(buf.cells.allSatisfy { $0.style.fg == .default && $0.style.bg == .default })
        #expect(buf.lines.joined().contains("BREACH"))
    }
}
