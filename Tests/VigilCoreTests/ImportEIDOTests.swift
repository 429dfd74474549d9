import Testing
@testable import VigilCore

@Suite("another agency's incident arrives by a command and an event, once per document, later versions adding to it")
struct ImportEIDOTests {
    static let here = GeoPoint(lat: 52.58, lon: -1.98)

    static func intake(
        _ id: String = "urn:emergency:uid:incidentid:77:sf", at minute: Int = 0, channel: Channel = .nonEmergency,
        notes: [String] = ["Caller heard shouting next door"], address: String = "5 Bridge Street, Walsall"
    ) -> EIDOIntake {
        EIDOIntake(
            eido: id, updated: Fixture.t0 + .minutes(Int64(minute)), agency: "Staffordshire Police", channel: channel,
            details: ContactDetails(
                callerName: "Sam Byrne", callerNumber: "07700900123", location: here, address: address,
                account: notes.joined(separator: " / ")),
            grade: .priority, category: Category(.publicSafety, "concern-for-welfare"), locationSource: "GPS",
            accuracy: 15, notes: notes, document: "{\"$id\": \"\(id)\"}")
    }

    @Test func aDocumentBecomesAContactWaitingInItsQueueOnce() throws {
        var s = Fixture.world()
        let events = accept(&s, .importEIDO(Self.intake()), by: "H1")
        guard case .eidoImported(let e) = try #require(events.first?.change) else {
            Issue.record("no EIDOImported")
            return
        }
        #expect(!e.update && e.contact == ContactID(1) && e.newNotes == ["Caller heard shouting next door"])
        #expect(s.waitingContacts == [ContactID(1)] && s.contacts[ContactID(1)]?.channel == .nonEmergency)
        #expect(s.contacts[ContactID(1)]?.details.callerNumber == "07700900123")
        let r = try #require(s.referrals[ContactID(1)])
        #expect(r.sent.agency == "Staffordshire Police" && r.sent.locationSource == "GPS" && r.sent.accuracy == 15)
        // The same document again, or an older one, adds nothing.
        #expect(
            refuse(s, .importEIDO(Self.intake()), by: "H1")
                == .eidoAlreadyImported("urn:emergency:uid:incidentid:77:sf", ContactID(1)))
        #expect(
            refuse(s, .importEIDO(Self.intake(at: -5)), by: "H1")
                == .eidoAlreadyImported("urn:emergency:uid:incidentid:77:sf", ContactID(1)))
        // Newer but the same: still nothing.
        #expect(
            refuse(s, .importEIDO(Self.intake(at: 5)), by: "H1")
                == .eidoNothingNew("urn:emergency:uid:incidentid:77:sf", ContactID(1)))
        // A second document is a second contact; 999 is answered first.
        accept(&s, .importEIDO(Self.intake("urn:b", channel: .emergency)), by: "H1")
        #expect(s.nextContactToAnswer == ContactID(2))
    }

    @Test func aNewerVersionAddsItsNotesAndChangesToTheWaitingContact() throws {
        var s = Fixture.world()
        accept(&s, .importEIDO(Self.intake()), by: "H1")
        let later = Self.intake(
            at: 10, channel: .emergency, notes: ["Caller heard shouting next door", "Now a scream; door forced"],
            address: "7 Bridge Street, Walsall")
        let events = accept(&s, .importEIDO(later), by: "H1", at: Fixture.t0 + .minutes(11))
        guard case .eidoImported(let e) = try #require(events.first?.change) else { return }
        #expect(e.update && e.newNotes == ["Now a scream; door forced"])
        #expect(e.changes == ["Address now 7 Bridge Street, Walsall.", "Sender now marks it an emergency."])
        let c = try #require(s.contacts[ContactID(1)])
        #expect(c.details.address == "7 Bridge Street, Walsall")
        #expect(
            c.details.account
                == "Caller heard shouting next door / Now a scream; door forced / Address now 7 Bridge Street, Walsall. / Sender now marks it an emergency."
        )
        #expect(c.channel == .emergency && s.nextContactToAnswer == ContactID(1), "moved to the 999 queue")
        #expect(s.referrals[ContactID(1)]?.sent.notes.count == 2)
    }

    @Test func aNewerVersionOfARaisedContactWritesInTheIncidentsLog() throws {
        var s = Fixture.world()
        accept(&s, .importEIDO(Self.intake()), by: "H1")
        accept(&s, .answerContact(ContactID(1)), by: "H1")
        accept(
            &s,
            .raiseIncident(
                from: ContactID(1), grade: .priority, category: Category(.publicSafety, "concern-for-welfare"),
                location: nil, address: nil, accuracy: nil), by: "H1")
        let ref = try #require(s.openIncidents.first)
        let later = Self.intake(at: 20, notes: ["Caller heard shouting next door", "Neighbour now outside"])
        accept(&s, .importEIDO(later), by: "D1", at: Fixture.t0 + .minutes(21))
        let lines = try #require(s.incidents[ref]).narrative.map(\.text)
        #expect(lines.last == "Staffordshire Police: Neighbour now outside")
    }

    @Test func importIsForThoseWhoTakeContactsAndItsTextIsChecked() throws {
        let s = Fixture.world()
        #expect(
            refuse(s, .importEIDO(Self.intake()), by: "I1")
                == .notPermitted(.inspector, .receiveContact, askInstead: Role.inspector.whoMay(.receiveContact)))
        var bad = Self.intake()
        bad.notes = ["\u{1B}[2Jwiped"]
        #expect(refuse(s, .importEIDO(bad), by: "H1") == .badImportText("note"))
        bad = Self.intake()
        bad.agency = String(repeating: "x", count: 201)
        #expect(refuse(s, .importEIDO(bad), by: "H1") == .badImportText("agency"))
        bad = Self.intake()
        bad.closed = "done\u{9B}31m"
        #expect(refuse(s, .importEIDO(bad), by: "H1") == .badImportText("disposition"))
        bad = Self.intake()
        bad.accuracy = .infinity
        #expect(refuse(s, .importEIDO(bad), by: "H1") == .badImportText("accuracy"))
        bad = Self.intake()
        bad.details.location = GeoPoint(lat: 91, lon: 0)
        #expect(refuse(s, .importEIDO(bad), by: "H1") == .notOnEarth(GeoPoint(lat: 91, lon: 0)))
    }

    @Test func aSnapshotKeepsWhatWasImportedSoNoneIsImportedTwice() throws {
        var s = Fixture.world()
        accept(&s, .importEIDO(Self.intake()), by: "H1")
        let restored = try DispatchState(snapshot: s.snapshotBytes())
        #expect(restored.referrals == s.referrals && restored.eidoContacts == s.eidoContacts)
        #expect(
            refuse(restored, .importEIDO(Self.intake()), by: "H1")
                == .eidoAlreadyImported("urn:emergency:uid:incidentid:77:sf", ContactID(1)))
    }
}

@Suite("what an attacker and a tired call handler found in EIDO import")
struct ImportEIDOFindingsTests {
    typealias T = ImportEIDOTests

    @Test func updatesLessThanASecondApartAreNewerAndTheSameStampSayingOtherThingsIsRefused() throws {
        var s = Fixture.world()
        var first = T.intake()
        first.updatedFraction = 100_000_000
        accept(&s, .importEIDO(first), by: "H1")
        var second = T.intake(notes: ["Caller heard shouting next door", "SECOND: now has a knife"])
        second.updatedFraction = 900_000_000
        let events = accept(&s, .importEIDO(second), by: "H1")
        guard case .eidoImported(let e) = try #require(events.first?.change) else { return }
        #expect(e.update && e.newNotes == ["SECOND: now has a knife"])
        var same = second
        same.notes.append("a third thing, same stamp")
        #expect(refuse(s, .importEIDO(same), by: "H1") == .eidoSameTimeDifferent(first.eido, ContactID(1)))
    }

    @Test func aNewerVersionOfAClosedIncidentOrResolvedCallWaitsAgainAsANewContact() throws {
        var s = Fixture.world()
        accept(&s, .importEIDO(T.intake()), by: "H1")
        accept(&s, .answerContact(ContactID(1)), by: "H1")
        accept(
            &s,
            .raiseIncident(
                from: ContactID(1), grade: .priority, category: Category(.crime, "theft"), location: nil, address: nil),
            by: "H1")
        let ref = try #require(s.openIncidents.first)
        accept(&s, .closeIncident(ref, Category(.crime, "theft"), outcome: "done"), by: "D1")
        let later = T.intake(
            at: 30, channel: .emergency, notes: ["Caller heard shouting next door", "NOW SHOTS FIRED"])
        let events = accept(&s, .importEIDO(later), by: "H1", at: Fixture.t0 + .minutes(31))
        guard case .eidoImported(let e) = try #require(events.first?.change) else { return }
        #expect(e.reopens == ContactID(1) && e.contact == ContactID(2))
        let again = try #require(s.contacts[ContactID(2)])
        #expect(again.isWaiting && again.channel == .emergency && s.nextContactToAnswer == ContactID(2))
        #expect(again.details.account.contains("NOW SHOTS FIRED") && s.eidoContacts[later.eido] == ContactID(2))
        #expect(s.referrals[ContactID(2)]?.sent.notes.count == 2, "the history travels with it")
        // Resolved with advice: the same.
        var r = Fixture.world()
        accept(&r, .importEIDO(T.intake()), by: "H1")
        accept(&r, .answerContact(ContactID(1)), by: "H1")
        accept(&r, .resolveContact(ContactID(1), advice: "advised"), by: "H1")
        accept(&r, .importEIDO(later), by: "H1", at: Fixture.t0 + .minutes(31))
        #expect(r.contacts[ContactID(2)]?.isWaiting == true)
    }

    @Test func anotherAgencyCannotSteerAContactByReusingItsDocumentID() {
        var s = Fixture.world()
        accept(&s, .importEIDO(T.intake()), by: "H1")
        var other = T.intake(at: 5, notes: ["stand down, nothing to see"])
        other.agency = "Agency B"
        #expect(
            refuse(s, .importEIDO(other), by: "H1")
                == .eidoFromAnotherAgency(other.eido, "Staffordshire Police", "Agency B"))
    }

    @Test func aStampFarAheadOfTheClockIsRefusedSoItCannotBlockEveryLaterUpdate() {
        let s = Fixture.world()
        #expect(
            refuse(s, .importEIDO(T.intake(at: 60 * 48)), by: "H1") == .eidoFromTheFuture(T.intake().eido))
    }

    @Test func anIncidentTheSenderHadClosedIsOnRecordNotInTheQueue() throws {
        var s = Fixture.world()
        var closed = T.intake()
        closed.closed = "Report Taken: arrested"
        accept(&s, .importEIDO(closed), by: "H1")
        let c = try #require(s.contacts[ContactID(1)])
        #expect(c.state == .resolved && s.waitingContacts.isEmpty)
        #expect(c.resolution == "Closed by Staffordshire Police before it was sent: Report Taken: arrested")
        #expect(refuse(s, .importEIDO(closed), by: "H1") == .eidoAlreadyImported(closed.eido, ContactID(1)))
    }

    @Test func aCallInHandBecomesA999CallWhenTheSenderSaysItIsAnEmergency() throws {
        var s = Fixture.world()
        accept(&s, .importEIDO(T.intake()), by: "H1")
        accept(&s, .answerContact(ContactID(1)), by: "H1")
        accept(&s, .importEIDO(T.intake(at: 3, channel: .emergency)), by: "H1")
        #expect(s.contacts[ContactID(1)]?.channel == .emergency && s.contacts[ContactID(1)]?.isInHand == true)
    }
}
