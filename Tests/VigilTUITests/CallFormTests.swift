import Testing
import VigilCore
@testable import VigilTUI

@Suite("taking a call in the form: the address found, the grade suggested, the account whole")
struct CallFormTests {
    let now = ScreenFixture.now

    /// The fixture with one more call, answered by H200, and the form open on it.
    func taking(_ channel: Channel, address: String, account: String, location: GeoPoint? = nil) throws -> (
        DispatchState, ConsoleModel, ContactID
    ) {
        var s = try ScreenFixture.state()
        let h = Actor("H200", console: "t")
        let details = ContactDetails(
            callerName: "Sam Lee", callerNumber: "07700 900456", location: location, address: address,
            account: account)
        s.apply(try s.decide(.receiveContact(channel, details), by: h, at: now).get())
        let id = ContactID(s.nextContact - 1)
        s.apply(try s.decide(.answerContact(id), by: h, at: now).get())
        var m = ConsoleModel(operatorID: "H200", view: .callHandler)
        m.form = CallForm(contact: id)
        m.focus = .callForm
        return (s, m, id)
    }

    func press(_ keys: [Key], _ m: inout ConsoleModel, _ s: DispatchState) -> [ConsoleEffect] {
        keys.flatMap { m.handle($0, state: s, now: now) }
    }

    func type(_ text: String) -> [Key] { text.map { Key.char($0) } }

    @Test func aCallGivenOnlyAnAddressIsRaisedWhereTheGazetteerPutsIt() throws {
        let (s, model, id) = try taking(.online, address: "10 Colmore Row, Birmingham", account: "Bike stolen.")
        var m = model
        let text = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 120, height: 40).lines.joined()
        #expect(text.contains("→ 10 Colmore Row, City Centre, Birmingham · street"), "the pick shows before raising")
        let effects = press(type("crime/theft") + [.enter], &m, s)
        let found = try s.force.gazetteer.resolve("10 Colmore Row, Birmingham").get()
        #expect(
            effects == [
                .execute(
                    .raiseIncident(
                        from: id, grade: .scheduled, category: Category(.crime, "theft"), location: found.location,
                        address: "10 Colmore Row, City Centre, Birmingham", accuracy: .street))
            ])
    }

    @Test func anAddressNotFoundIsRefusedAndTheWhereLineCorrectsIt() throws {
        let (s, model, _) = try taking(.online, address: "Zebra Crossing Avenue", account: "Shed broken into.")
        var m = model
        #expect(press(type("crime/burglary") + [.enter], &m, s).isEmpty)
        #expect(m.messageIsError && m.message?.contains("is not in the gazetteer") == true && m.form?.field == .place)
        _ = press([.ctrl("u")] + type("broad st birmingham") + [.tab], &m, s)
        #expect(m.form?.address == "Broad Street, City Centre, Birmingham", "Tab takes the best match")
        // Tab again offers the next match, and round again back to the best.
        _ = press([.tab], &m, s)
        #expect(m.form?.address != "Broad Street, City Centre, Birmingham" && m.message?.contains("2 of 3") == true)
        _ = press([.tab, .tab], &m, s)
        #expect(m.form?.address == "Broad Street, City Centre, Birmingham")
        guard
            case .execute(.raiseIncident(_, _, _, let location?, let address?, let accuracy))? =
                press([.enter], &m, s).first
        else {
            Issue.record("not raised"); return
        }
        #expect(address == "Broad Street, City Centre, Birmingham" && accuracy == .street)
        #expect(s.force.area(inside: location)?.id == "birmingham")
    }

    @Test func theGradeIsSuggestedFromTheAccountAndTheCategoryAndMarkedSo() throws {
        let account = "My ex is outside with a knife and says he will kill me, kick the door in, please hurry"
        let (s, model, id) = try taking(
            .emergency, address: "3 Park Road, Walsall", account: account,
            location: GeoPoint(lat: 52.5862, lon: -1.9829))
        var m = model
        let lines = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 80, height: 24).lines
        let text = lines.joined()
        #expect(text.contains("1 Emergency") && text.contains("(suggested: knife"), "\(lines.joined(separator: "\n"))")
        // The whole account is on screen, wrapped, even at 80x24.
        for word in ["outside", "knife", "kill", "door", "hurry"] { #expect(text.contains(word), "\\(word)") }
        _ = press(type("crime/assault+do") + [.tab], &m, s)
        #expect(m.form?.category == "crime/assault+domestic-abuse", "qualifiers complete")
        #expect(
            press([.enter], &m, s) == [
                .execute(
                    .raiseIncident(
                        from: id, grade: .emergency,
                        category: Category(.crime, "assault", qualifiers: [.domesticAbuse]), location: nil,
                        address: nil, accuracy: nil))
            ], "the phone's position stands; the suggested grade is raised")
        // A digit on the grade line is the handler's choice and wins.
        _ = press([.up, .char("2")], &m, s)
        #expect(m.form?.gradeChosen == true)
        guard case .execute(.raiseIncident(_, let grade, _, _, _, _))? = press([.enter], &m, s).first else {
            Issue.record("not raised"); return
        }
        #expect(grade == .priority)
    }

    @Test func theCallersNumberIsCorrectedBeforeTheIncidentIsRaised() throws {
        let (s, model, id) = try taking(
            .emergency, address: "3 Park Road, Walsall", account: "Car alarm going off all night",
            location: GeoPoint(lat: 52.5862, lon: -1.9829))
        var m = model
        // From Category: up past Grade and Where to Phone.
        _ = press(
            [.up, .up, .up, .ctrl("u")] + type("0121 496 0000") + [.down, .down, .down] + type("asb/nuisance"), &m, s)
        #expect(m.form?.callerNumber == "0121 496 0000")
        let effects = press([.enter], &m, s)
        #expect(effects.first == .execute(.correctContact(id, callerName: nil, callerNumber: "0121 496 0000")))
        #expect(effects.count == 2)
    }

    /// Seen at 80x24 with nothing in hand: the form's hint ran over the box's right border.
    @Test func withNoCallInHandTheHintStaysInsideItsBoxAt80x24() throws {
        var s = try ScreenFixture.state()
        let h = Actor("H200", console: "t")
        for id in s.waitingContacts {
            s.apply(try s.decide(.resolveContact(id, advice: "advised"), by: h, at: now).get())
        }
        let m = ConsoleModel(operatorID: "H200", view: .callHandler)
        let lines = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 80, height: 24).lines
        let row = try #require(lines.first { $0.contains("No call in hand") })
        #expect(row.hasSuffix("│"), "\(row)")
    }
}
