import Testing
import VigilCore
@testable import VigilTUI

@Suite("a contact another agency sent by EIDO: who sent it, at a glance, and their grade and type in the form")
struct ReferralScreenTests {
    let now = ScreenFixture.now

    @Test func theQueueAndTheFormSayWhoSentItAndTheFormTakesTheirGradeAndType() throws {
        var s = try ScreenFixture.state()
        let h = Actor("H200", console: "t")
        let intake = EIDOIntake(
            eido: "urn:emergency:uid:incidentid:77:staffs", updated: now, agency: "Staffordshire Police",
            channel: .emergency,
            details: ContactDetails(
                callerName: "Sam Byrne", callerNumber: "07700900123", location: GeoPoint(lat: 52.586, lon: -1.983),
                address: "5 Bridge Street, Walsall", account: "Door forced; caller hiding upstairs"),
            grade: .emergency, category: Category(.crime, "burglary"), senderIncident: "SP-2611-0042",
            locationSource: "GPS", accuracy: 35, notes: ["Door forced; caller hiding upstairs"], document: "{}")
        s.apply(try s.decide(.importEIDO(intake), by: h, at: now).get())
        let id = ContactID(s.nextContact - 1)
        var m = ConsoleModel(operatorID: "H200", view: .callHandler)
        let queue = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 120, height: 40).lines.joined()
        #expect(queue.contains("0:00 EIDO 5 Bridge Street"))
        let answered = try s.decide(.answerContact(id), by: h, at: now).get()
        s.apply(answered)
        _ = m.didExecute(.answerContact(id), .success(answered), state: s)
        #expect(m.form?.category == "crime/burglary" && m.form?.grade == .emergency && m.form?.gradeChosen == true)
        try GoldenScreen.check(
            ConsoleScreen.render(try ScreenFixture.context(s, m), width: 80, height: 24), "call-form-eido-80x24")
    }

    /// Found by a tester: the sender raised the priority while the call was in hand, and nothing on screen said so.
    @Test func anUpdateToTheCallInHandIsAnAlertAndBringsItsGradeUp() throws {
        var s = try ScreenFixture.state()
        let h = Actor("H200", console: "t")
        var intake = EIDOIntake(
            eido: "urn:x:9", updated: now, agency: "Staffordshire Police", channel: .nonEmergency,
            details: ContactDetails(address: "5 Bridge Street, Walsall"), grade: .scheduled, notes: ["Noise"],
            document: "{}")
        s.apply(try s.decide(.importEIDO(intake), by: h, at: now).get())
        let id = ContactID(s.nextContact - 1)
        var m = ConsoleModel(operatorID: "H200", view: .callHandler)
        let answered = try s.decide(.answerContact(id), by: h, at: now).get()
        s.apply(answered)
        _ = m.didExecute(.answerContact(id), .success(answered), state: s)
        #expect(m.form?.grade == .scheduled)
        intake.updated = now + .minutes(1)
        intake.grade = .emergency
        intake.channel = .emergency
        intake.notes.append("Now a knife is seen")
        // Imported by the same operator at `vigil log import`: still news to this console.
        let update = try s.decide(.importEIDO(intake), by: Actor("H200", console: "import"), at: now).get()
        s.apply(update)
        let bells = m.bellsPending
        m.notice(update, state: s)
        #expect(m.form?.grade == .emergency && m.messageIsError && m.bellsPending == bells + 1)
        #expect(m.message?.hasPrefix("Staffordshire Police updated this call: Sender's priority now grade 1.") == true)
        #expect(m.message?.contains("Now a knife is seen") == true)
        // The form keeps it in view after the message line moves on, even at 80x24.
        let form = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 80, height: 24).lines.joined()
        #expect(form.contains("Update: Sender's priority now grade 1."))
    }

    /// Found by a tester: the sender's text said Broad Street, Birmingham while their point was in Brierley Hill,
    /// and the point won without a word.
    @Test func theFormWarnsWhenTheSendersPointIsFarFromTheirAddress() throws {
        var s = try ScreenFixture.state()
        let h = Actor("H200", console: "t")
        let intake = EIDOIntake(
            eido: "urn:x:far", updated: now, agency: "Staffordshire Police", channel: .emergency,
            details: ContactDetails(location: GeoPoint(lat: 52.48, lon: -2.12), address: "14 Broad Street, Birmingham"),
            locationSource: "Manual", notes: [], document: "{}")
        s.apply(try s.decide(.importEIDO(intake), by: h, at: now).get())
        let id = ContactID(s.nextContact - 1)
        s.apply(try s.decide(.answerContact(id), by: h, at: now).get())
        var m = ConsoleModel(operatorID: "H200", view: .callHandler)
        m.form = CallForm(contact: id)
        m.focus = .callForm
        let text = ConsoleScreen.render(try ScreenFixture.context(s, m), width: 120, height: 40).lines.joined()
        #expect(text.contains("EIDO from Staffordshire Police · place entered by hand"))
        #expect(text.contains("Their point is"), "\(text)")
        #expect(text.contains("km from 14 Broad Street") && text.contains("check where before raising"))
    }
}
