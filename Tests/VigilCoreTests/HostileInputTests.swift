import Testing
@testable import VigilCore

/// Input an attacker or a tired user types: a sentence back, never a trap.
@Suite("hostile input to the command language")
struct HostileInputTests {
    @Test func overlongReferencesAreRefusedNotOverflowed() {
        let (s, _) = ParserTests.world()
        let parser = CommandParser(state: s, now: Fixture.t0 + .minutes(5))
        // Each names the overlong reference itself: refused for its size, not for something else on the line.
        for (line, why) in [
            ("note WM-99999999999999999999-1 \"x\"", "`WM-99999999999999999999-1` is not an incident number"),
            ("note WM-20261125-99999999999999999999 \"x\"", "`WM-20261125-99999999999999999999` is not an incident"),
            ("assign WM-184467440737095516160-1 best", "`WM-184467440737095516160-1` is not an incident number"),
            ("note C99999999999999999999999 \"x\"", "`C99999999999999999999999` is not an incident number"),
            ("link C18446744073709551616 0001", "`C18446744073709551616` is not a contact"),
            ("majornote 99999999999999999999 \"x\"", "`99999999999999999999` is not a major incident number"),
            ("unflag F99999999999999999999", "`F99999999999999999999` is not a flag number"),
        ] {
            guard case .failure(let e) = parser.parse(line) else { Issue.record("accepted: \(line)"); continue }
            #expect(e.description.contains(why), "\(line): \(e.description)")
        }
        #expect(IncidentRef(parsing: "WM-99999999999999999999-1") == nil)
        #expect(IncidentRef(parsing: "WM-20261125-1234567890") == nil)
        #expect(IncidentRef(parsing: "WM-20261125-123456789") != nil)
    }

    @Test func coordinatesOffTheEarthAreRefused() {
        let (s, _) = ParserTests.world()
        let parser = CommandParser(state: s, now: Fixture.t0 + .minutes(5))
        for at in ["91,0", "0,181", "nan,0", "0,inf", "-inf,0", "1e308,0"] {
            guard case .failure(let e) = parser.parse("receive 999 at=\(at)") else {
                Issue.record("accepted at=\(at)"); continue
            }
            #expect(e.description.contains("is not a position"))
        }
    }
}

@Suite("one rule for stored text")
struct StoredTextTests {
    /// `receive` stored ESC and BEL as typed while `correct` refused the same text: every command that stores text
    /// now refuses terminal controls and overlong text alike, by name.
    @Test func everyPathRefusesTheSameHostileText() {
        var s = Fixture.world()
        accept(&s, .receiveContact(.emergency, ContactDetails(location: GeoPoint(lat: 52.5, lon: -1.9))), by: "H1")
        let ref = IncidentRef(force: "WM", day: 20_261_125, number: 1)
        for hostile in [
            "Mr \u{1B}[31mNg", "bell\u{07}", "a\u{9B}2J", "\u{202E}evil", String(repeating: "x", count: 20_000),
        ] {
            for (command, by) in [
                (Command.receiveContact(.emergency, ContactDetails(callerName: hostile)), "H1"),
                (.receiveContact(.nonEmergency, ContactDetails(address: hostile)), "H1"),
                (.receiveContact(.online, ContactDetails(account: hostile)), "H1"),
                (.correctContact(ContactID(1), callerName: hostile, callerNumber: nil), "H1"),
                (.addNarrative(ref, hostile), "D1"),
                (.resolveContact(ContactID(1), advice: hostile), "H1"),
                (
                    .addFlag(
                        .vulnerable, address: "1 A Road", location: GeoPoint(lat: 52.5, lon: -1.9), note: hostile,
                        expires: nil), "S1"
                ),
                (.returnContact(ContactID(1), reason: hostile), "H1"),
            ] {
                guard case .badText? = refuse(s, command, by: by) else {
                    Issue.record("\(command) was not refused for its text"); continue
                }
            }
        }
        // Lengths count scalars: one letter and 5,000 combining marks is no short name.
        let stacked = "A" + String(repeating: "\u{0301}", count: 5_000)
        #expect(
            refuse(s, .receiveContact(.emergency, ContactDetails(callerName: stacked)), by: "H1")
                == .badText("caller's name", limit: 80))
        // Who acts is text every event carries, a refused sign-on's included: the same rule holds for it.
        for actor in [
            Actor("H1", console: "\u{1B}]0;x\u{07}"), Actor(String(repeating: "Q", count: 120_000), console: "c"),
        ] {
            guard
                case .failure(.badText) = s.decide(.recordRefusedSignOn(reason: .wrongPIN), by: actor, at: Fixture.t0)
            else { Issue.record("\(actor.console.prefix(8)) was not refused"); continue }
        }
        #expect(
            DispatchError.badText("caller's name", limit: 80).message
                == "The caller's name holds control characters (an escape, a bell…) or is over 80 characters; nothing was done."
        )
    }
}

@Suite("places on and off the map")
struct PlaceTests {
    @Test func theCoreRefusesPointsOffTheEarthFromAnyPath() {
        var s = Fixture.world()
        for bad in [
            GeoPoint(lat: .nan, lon: 0), GeoPoint(lat: 91, lon: 0), GeoPoint(lat: 0, lon: -180.5),
            GeoPoint(lat: .infinity, lon: 1),
        ] {
            for (command, by) in [
                (Command.receiveContact(.emergency, ContactDetails(location: bad)), "H1"),
                (.setStatus("N11", .available, position: bad), "D1"),
                (.addFlag(.vulnerable, address: "1 A Road", location: bad, note: "", expires: nil), "S1"),
            ] {
                guard case .notOnEarth? = refuse(s, command, by: by) else {
                    Issue.record("\(command) was not refused as off the Earth"); continue
                }
            }
        }
        accept(&s, .receiveContact(.emergency, ContactDetails(location: GeoPoint(lat: 52.5, lon: -1.9))), by: "H1")
        #expect(
            refuse(
                s,
                .raiseIncident(
                    from: ContactID(1), grade: .emergency, category: Category(.crime),
                    location: GeoPoint(lat: 95, lon: 0), address: nil),
                by: "H1") == .notOnEarth(GeoPoint(lat: 95, lon: 0)))
    }

    @Test func aPlaceOutsideTheForceIsAcceptedAndMarked() throws {
        var s = Fixture.world()
        // A caller just over the border: real work, raised with no area and marked so.
        let outside = GeoPoint(lat: 52.70, lon: -1.9)
        accept(&s, .receiveContact(.emergency, ContactDetails(location: outside, address: "1 Border Lane")), by: "H1")
        let events = accept(
            &s,
            .raiseIncident(
                from: ContactID(1), grade: .priority, category: Category(.crime), location: nil, address: nil), by: "H1"
        )
        guard case .incidentRaised(let raised)? = events.last?.change else { Issue.record("not raised"); return }
        let ref = raised.incident
        #expect(raised.area == "")
        #expect(events.last?.change.summary.contains("outside the force area") == true)
        #expect(s.force.areaName(s.incidents[ref]!.area) == "outside the force area")
        #expect(!s.recommend(for: ref, limit: 3).candidates.isEmpty, "units can still be sent")
    }
}

/// Found by the snapshot fuzzer: a unit placed at an absurd position made the spatial grid's Double-to-Int trap.
@Suite("snapshots with absurd contents")
struct AbsurdSnapshotTests {
    @Test func aUnitFarOffTheMapDoesNotTrap() throws {
        var s = Fixture.world()
        for p in [GeoPoint(lat: 1e300, lon: -1e300), GeoPoint(lat: -1e18, lon: 1e18), GeoPoint(lat: 1e308, lon: 1e308)]
        {
            s.units.values[0].position = p
            let back = try DispatchState(snapshot: try s.snapshotBytes())
            #expect(back.units.count == s.units.count)
            _ = back.recommend(for: Fixture.ref(1), limit: 3)
        }
    }

    @Test func aForceSpanningTheEarthGetsABoundedGrid() throws {
        var f = Fixture.force
        f.areas[0].outline = Fixture.square(-89, 89, -179, 179)
        let s = DispatchState(
            force: Force(
                code: f.code, name: f.name, roadFactor: f.roadFactor, areas: f.areas, stations: f.stations,
                beats: f.beats),
            units: Fixture.units, operators: Fixture.operators)
        #expect(s.index.cellKm > 2, "cells grow so the grid stays bounded")
        #expect(s.units.count == Fixture.units.count)
    }
}

extension AbsurdSnapshotTests {
    /// Found by the snapshot fuzzer: two flags with one id trapped the ordered dictionary.
    @Test func repeatedKeysAreADamagedSnapshotNotATrap() throws {
        var s = Fixture.world()
        s.flags[99] = AddressFlag(
            id: 1, kind: .vulnerable, address: "2 B Road", location: GeoPoint(lat: 52.5, lon: -1.9), note: "",
            expires: nil)
        #expect(throws: DispatchState.SnapshotError.self) { _ = try DispatchState(snapshot: try s.snapshotBytes()) }
        var t = Fixture.world()
        t.operators["H1-copy"] = Operator(id: "H1", name: "Again", role: .callHandler)
        #expect(throws: DispatchState.SnapshotError.self) { _ = try DispatchState(snapshot: try t.snapshotBytes()) }
    }
}
