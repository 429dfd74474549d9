import Testing
@testable import VigilCore

@Suite("decide and apply, command by command")
struct DecideTests {
    let here = GeoPoint(lat: 52.552, lon: -1.902)

    @Test func receiveAndAnswerFollowQueueDiscipline() {
        var s = Fixture.world()
        accept(&s, .receiveContact(.nonEmergency, ContactDetails(address: "first, but 101")))
        accept(
            &s, .receiveContact(.emergency, ContactDetails(address: "second, but 999")), at: Fixture.t0 + .seconds(5))
        #expect(s.waitingContacts == [ContactID(1), ContactID(2)])
        let events = accept(&s, .answerContact(nil), by: "H1", at: Fixture.t0 + .seconds(9))
        #expect(
            events == [
                Event(
                    at: Fixture.t0 + .seconds(9), by: Fixture.actor("H1"),
                    .contactAnswered(ContactAnswered(contact: ContactID(2))))
            ])
        #expect(s.contacts[ContactID(2)]?.handler == "H1")
        #expect(s.contacts[ContactID(2)]?.wait(at: Fixture.t0 + .minutes(5)) == .seconds(4))
        #expect(refuse(s, .answerContact(ContactID(2))) == .contactNotWaiting(ContactID(2)))
        accept(&s, .answerContact(nil))
        #expect(refuse(s, .answerContact(nil)) == .noContactWaiting)
        #expect(refuse(s, .answerContact(ContactID(99))) == .unknownContact(ContactID(99)))
    }

    @Test func raiseNumbersIncidentsPerLocalDayAndCarriesFlags() {
        var s = Fixture.world()
        let first = raise(&s, at: here)
        #expect(first.description == "WM-20261125-0001")
        // Near the firearms flag (within 50 m): the incident carries it.
        let second = raise(&s, at: GeoPoint(lat: 52.5602, lon: -1.9001))
        #expect(second.number == 2)
        #expect(s.incidents[second]?.flags.map(\.kind) == [.firearms])
        #expect(s.incidents[first]?.flags == [])
        // After local midnight the count restarts.
        let tomorrow = raise(&s, at: here, now: Instant(year: 2026, month: 11, day: 26, hour: 0, minute: 5))
        #expect(tomorrow.description == "WM-20261126-0001")
        #expect(s.incidents[first]?.area == "north")
        #expect(s.incidents[first]?.beat == "n-a")
        #expect(s.openIncidents.count == 3)
    }

    @Test func raiseNeedsAContactInHandWithALocation() {
        var s = Fixture.world()
        accept(&s, .receiveContact(.online, ContactDetails(address: "no position")))
        let c = ContactID(1)
        #expect(
            refuse(
                s,
                .raiseIncident(
                    from: c, grade: .priority, category: Category(.asb, "nuisance"), location: nil, address: nil))
                == .contactHasNoLocation(c))
        // Raising straight from the queue answers the contact first.
        let events = accept(
            &s,
            .raiseIncident(
                from: c, grade: .priority, category: Category(.asb, "nuisance"), location: here, address: nil))
        #expect(events.map(\.change.typeName) == ["ContactAnswered", "IncidentRaised"])
        #expect(
            refuse(s, .raiseIncident(from: c, grade: .priority, category: Category(.asb), location: here, address: nil))
                == .contactNotInHand(c))
    }

    @Test func assignSetsUnitAndIncidentTogether() {
        var s = Fixture.world()
        let ref = raise(&s, at: here)
        let t = Fixture.t0 + .minutes(2)
        let events = accept(&s, .assign(ref, ["N11"]), by: "D1", at: t)
        #expect(
            events == [Event(at: t, by: Fixture.actor("D1"), .unitAssigned(UnitAssigned(unit: "N11", incident: ref)))])
        #expect(s.units["N11"]?.status == .assigned)
        #expect(s.units["N11"]?.incident == ref)
        #expect(s.units["N11"]?.statusSince == t)
        #expect(s.incidents[ref]?.units == ["N11"])
        #expect(s.incidents[ref]?.firstAssignedAt == t)
        #expect(s.invariantViolations() == [])
    }

    @Test func assignRefusesBusyUnavailableAndUnknownUnits() {
        var s = Fixture.world()
        let a = raise(&s, at: here)
        let b = raise(&s, at: here, grade: .priority)
        accept(&s, .assign(a, ["N11"]))
        accept(&s, .setStatus("N11", .enRoute, position: nil))
        accept(&s, .setStatus("N11", .atScene, position: nil))
        #expect(
            refuse(s, .assign(b, ["N11"]))?.message == "N11 is at scene on WM-20261125-0001; unassign it there first.")
        #expect(refuse(s, .assign(a, ["N11"])) == .unitAlreadyAssigned("N11", a))
        #expect(refuse(s, .assign(b, ["N13"])) == .unitNotDeployable("N13", .offDuty))
        #expect(refuse(s, .assign(b, ["ZZ9"])) == .unknownUnit("ZZ9"))
        #expect(refuse(s, .assign(b, [])) == .noUnitsNamed)
        // One bad unit refuses the whole command: nothing half-done.
        #expect(refuse(s, .assign(b, ["N12", "N13"])) == .unitNotDeployable("N13", .offDuty))
        accept(&s, .setStatus("S11", .refreshment, position: nil))
        #expect(refuse(s, .assign(b, ["S11"])) == .unitOnRefreshment("S11"))
        accept(&s, .assign(a, ["S11"]))
        let g4 = raise(&s, at: here, grade: .resolution)
        #expect(refuse(s, .assign(g4, ["N12"])) == .noDeploymentForGrade4(g4))
    }

    @Test func statusFollowsTheJobAndClearingReleasesTheUnit() {
        var s = Fixture.world()
        let ref = raise(&s, at: here)
        #expect(refuse(s, .setStatus("N11", .atScene, position: nil)) == .statusNeedsIncident("N11", .atScene))
        #expect(refuse(s, .setStatus("N11", .assigned, position: nil)) == .assignedIsSetByAssign("N11"))
        #expect(refuse(s, .setStatus("N11", .available, position: nil)) == .statusUnchanged("N11", .available))
        accept(&s, .assign(ref, ["N11"]))
        accept(&s, .setStatus("N11", .enRoute, position: nil), at: Fixture.t0 + .minutes(1))
        accept(&s, .setStatus("N11", .atScene, position: here), at: Fixture.t0 + .minutes(6))
        #expect(s.incidents[ref]?.firstOnSceneAt == Fixture.t0 + .minutes(6))
        #expect(s.units["N11"]?.position == here)
        #expect(
            refuse(s, .setStatus("N11", .refreshment, position: nil)) == .statusWhileCommitted("N11", .refreshment, ref)
        )
        let events = accept(&s, .setStatus("N11", .available, position: nil), at: Fixture.t0 + .minutes(30))
        #expect(
            events.map(\.change) == [
                .unitUnassigned(UnitUnassigned(unit: "N11", incident: ref, reason: "cleared available")),
                .unitStatusChanged(UnitStatusChanged(unit: "N11", status: .available, position: nil)),
            ])
        #expect(s.units["N11"]?.incident == nil)
        #expect(s.incidents[ref]?.units == [])
        #expect(s.incidents[ref]?.isOpen == true)
    }

    @Test func closeReleasesEveryUnitAndKeepsBothCategories() {
        var s = Fixture.world()
        let ref = raise(&s, at: here, category: Category(.publicSafety, "concern-for-welfare"))
        accept(&s, .assign(ref, ["N11", "N12"]))
        accept(&s, .setStatus("N12", .transporting, position: nil))
        let closed = accept(
            &s,
            .closeIncident(ref, Category(.crime, "assault", qualifiers: [.domesticAbuse]), outcome: " Arrest made "),
            at: Fixture.t0 + .hours(1))
        // Units still on it are released in the record, one event each, before it closes: none reappears free
        // without a trace.
        #expect(
            closed.map(\.change).dropLast() == [
                .unitUnassigned(UnitUnassigned(unit: "N11", incident: ref, reason: "incident closed")),
                .unitUnassigned(UnitUnassigned(unit: "N12", incident: ref, reason: "incident closed")),
            ])
        let i = s.incidents[ref]!
        #expect(
            i.narrative.suffix(3).map(\.text).first?.contains("N11") == true, "\(i.narrative.suffix(3).map(\.text))")
        #expect(i.opening == Category(.publicSafety, "concern-for-welfare"))
        #expect(i.closing == Category(.crime, "assault", qualifiers: [.domesticAbuse]))
        #expect(i.outcome == "Arrest made")
        #expect(i.units == [])
        #expect(s.units["N11"]?.status == .available)
        #expect(s.units["N12"]?.status == .transporting, "a prisoner run outlives the incident")
        #expect(s.units["N12"]?.incident == nil)
        #expect(refuse(s, .closeIncident(ref, Category(.admin), outcome: "")) == .incidentClosed(ref))
        #expect(refuse(s, .assign(ref, ["S11"])) == .incidentClosed(ref))
        #expect(s.invariantViolations() == [])
    }

    @Test func duplicateCallsLinkAndDuplicateIncidentsMerge() {
        var s = Fixture.world()
        let a = raise(&s, at: here)
        let b = raise(&s, at: here)
        accept(&s, .receiveContact(.emergency, ContactDetails(location: here)))
        let third = ContactID(3)
        accept(&s, .linkContact(third, to: a), by: "H1")
        #expect(s.contacts[third]?.state == .linked(a))
        #expect(s.incidents[a]?.contacts == [ContactID(1), third])
        #expect(refuse(s, .mergeIncident(a, into: a)) == .mergeIntoSelf(a))
        accept(&s, .assign(b, ["N12"]))
        #expect(refuse(s, .mergeIncident(b, into: a)) == .incidentHasUnits(b, ["N12"]))
        accept(&s, .unassign("N12", from: b))
        accept(&s, .mergeIncident(b, into: a), by: "I1")
        #expect(s.incidents[b]?.isOpen == false)
        #expect(s.incidents[b]?.closing == Category(.admin, "duplicate"))
        #expect(s.incidents[a]?.contacts == [ContactID(1), third, ContactID(2)])
        #expect(s.openIncidents == [a])
    }

    @Test func regradeNeedsAReasonAndRestartsTheClock() {
        var s = Fixture.world()
        let ref = raise(&s, at: here, grade: .priority)
        #expect(refuse(s, .grade(ref, .priority, reason: "same")) == .sameGrade(ref, .priority))
        #expect(refuse(s, .grade(ref, .emergency, reason: "  ")) == .reasonRequired(ref))
        let t = Fixture.t0 + .minutes(20)
        accept(&s, .grade(ref, .emergency, reason: "weapon seen"), by: "I1", at: t)
        #expect(s.incidents[ref]?.grade == .emergency)
        #expect(s.incidents[ref]?.narrative.last?.text == "Regraded 2 → 1: weapon seen")
        #expect(s.incidents[ref]?.clock(at: t + .minutes(5)).remaining == .minutes(10))
        // Downgrading to 4 stands units down: grade 4 sends nobody.
        accept(&s, .assign(ref, ["N11"]))
        let events = accept(&s, .grade(ref, .resolution, reason: "caller now safe, advice"))
        #expect(events.map(\.change.typeName) == ["UnitUnassigned", "IncidentGraded"])
        #expect(s.units["N11"]?.incident == nil)
    }

    @Test func moveThriveNotesFlagsAndResolve() {
        var s = Fixture.world()
        let ref = raise(&s, at: here)
        accept(&s, .moveUnit("S11", to: "north"), by: "I1")
        #expect(s.units["S11"]?.area == "north")
        #expect(s.units["S11"]?.homeArea == "south")
        #expect(refuse(s, .moveUnit("S11", to: "north")) == .sameArea("S11", "north"))
        #expect(refuse(s, .moveUnit("S11", to: "east")) == .unknownArea("east"))
        let thrive = Thrive(
            threat: .high, harm: .high, risk: .medium, investigation: .low, vulnerability: .high, engagement: .medium,
            text: "child present")
        accept(&s, .recordThrive(ref, thrive), by: "H1")
        #expect(s.incidents[ref]?.thrive == thrive)
        #expect(s.incidents[ref]?.isVulnerable == true)
        #expect(refuse(s, .addNarrative(ref, "   ")) == .emptyText("note"))
        accept(&s, .addNarrative(ref, "caller hung up"), by: "H1")
        #expect(s.incidents[ref]?.narrative.last?.text == "caller hung up")
        accept(
            &s,
            .addFlag(
                .officerSafety, address: "3 Dog Row", location: here, note: "dangerous dog",
                expires: Fixture.t0 + .hours(24)), by: "I1")
        #expect(s.flags(at: here, address: "", now: Fixture.t0).map(\.kind) == [.officerSafety])
        #expect(s.flags(at: here, address: "", now: Fixture.t0 + .hours(25)) == [], "expired by date")
        accept(&s, .expireFlag(2), by: "I1")
        #expect(refuse(s, .expireFlag(2)) == .flagAlreadyExpired(2))
        #expect(refuse(s, .expireFlag(9)) == .unknownFlag(9))
        accept(&s, .receiveContact(.nonEmergency, ContactDetails(account: "lost wallet")))
        accept(&s, .resolveContact(ContactID(2), advice: "Report online"), by: "H1")
        #expect(s.contacts[ContactID(2)]?.state == .resolved)
        #expect(s.waitingContacts.isEmpty)
    }

    @Test func operatorsMustExistBeEnabledAndSignedOn() {
        var s = Fixture.world()
        #expect(refuse(s, .receiveContact(.emergency, ContactDetails()), by: "Q9") == .unknownOperator("Q9"))
        #expect(refuse(s, .signOn, by: "X1") == .operatorDisabled("X1"))
        accept(&s, .signOff, by: "D1")
        #expect(refuse(s, .assign(Fixture.ref(1), ["N11"]), by: "D1") == .notSignedOn("D1"))
        // Signing on again at another console is refused; at the same console it is a no-op.
        var other = s
        other.apply(Event(at: Fixture.t0, by: Actor("D1", console: "c2"), .operatorSignedOn(OperatorSignedOn())))
        #expect(refuse(other, .signOn, by: "D1") == .alreadySignedOn("D1", "c2"))
        #expect(accept(&s, .signOn, by: "D1").count == 1)
        #expect(accept(&s, .signOn, by: "D1").isEmpty)
        accept(&s, .registerOperator(Operator(id: "D2", name: "New", role: .dispatcher)), by: "S1")
        #expect(
            refuse(s, .registerOperator(Operator(id: "D2", name: "Again", role: .dispatcher))) == .operatorExists("D2"))
        #expect(s.operators["D2"]?.role == .dispatcher)
    }

    @Test func everyEventCarriesOperatorConsoleAndTime() {
        var s = Fixture.world()
        let t = Fixture.t0 + .seconds(42)
        let events = accept(&s, .receiveContact(.emergency, ContactDetails(location: here)), by: "H1", at: t)
        #expect(events.allSatisfy { $0.operatorID == "H1" && $0.console == "c1" && $0.at == t })
    }
}
