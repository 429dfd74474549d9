import Testing
@testable import VigilCore

@Suite("dispatch desks are taken, handed on and left by commands and events")
struct DeskTests {
    @Test func aDispatcherTakesAFreeDeskAndLeavesIt() throws {
        var s = Fixture.world()
        let taken = accept(&s, .takeDesk("north", for: nil), by: "D1")
        #expect(taken.map(\.change) == [.deskTaken(DeskTaken(desk: "north", operator: "D1"))])
        #expect(s.deskHolders == ["north": "D1"])
        #expect(s.holder(ofArea: "north") == "D1")
        #expect(s.holder(ofArea: "south") == nil)
        #expect(refuse(s, .takeDesk("north", for: nil), by: "D1")?.message == "D1 already holds desk North.")
        // Names work as well as ids, in any case.
        accept(&s, .takeDesk("SOUTH DESK", for: nil), by: "D1")
        #expect(s.desks(heldBy: "D1").map(\.id) == ["north", "south-desk"])
        let left = accept(&s, .leaveDesk(nil, reason: ""), by: "D1")
        #expect(left.count == 2)
        #expect(s.deskHolders.isEmpty)
        #expect(refuse(s, .leaveDesk(nil, reason: ""), by: "D1") == .noDeskHeld("D1"))
    }

    @Test func anotherDispatchersDeskIsRefusedButATrainerHandsItOn() throws {
        var s = Fixture.world()
        accept(&s, .registerOperator(Operator(id: "D2", name: "Second", role: .dispatcher)), by: "S1")
        accept(&s, .signOn, by: "D2")
        accept(&s, .takeDesk("north", for: nil), by: "D1")
        #expect(
            refuse(s, .takeDesk("north", for: nil), by: "D2")?.message
                == "Desk North is held by D1; they leave it with `desk off`, or a trainer or supervisor hands it on.")
        #expect(refuse(s, .leaveDesk("north", reason: ""), by: "D2") == .deskIsAnothers(.dispatcher))
        #expect(refuse(s, .takeDesk("south-desk", for: "D1"), by: "D2") == .deskIsAnothers(.dispatcher))
        // The trainer hands the desk to D2: the log says D1 left it and why.
        let handed = accept(&s, .takeDesk("north", for: "D2"), by: "T1")
        #expect(
            handed.map(\.change) == [
                .deskLeft(DeskLeft(desk: "north", operator: "D1", cause: .handedOver, reason: "to D2 by T1")),
                .deskTaken(DeskTaken(desk: "north", operator: "D2")),
            ])
        // The trainer gives it back to the simulator; an inspector may release a desk too.
        accept(&s, .leaveDesk("north", reason: ""), by: "T1")
        #expect(s.deskHolders["north"] == nil)
        accept(&s, .takeDesk("south-desk", for: nil), by: "D2")
        accept(&s, .leaveDesk("south-desk", reason: "no heartbeat from c9 for 30 s"), by: "I1")
        #expect(s.deskHolders.isEmpty)
    }

    @Test func onlyDeskRolesHoldDesksAndUnknownDesksAreNamed() throws {
        let s = Fixture.world()
        #expect(
            refuse(s, .takeDesk("north", for: nil), by: "H1")
                == .notPermitted(.callHandler, .desk, askInstead: "a dispatcher"))
        #expect(refuse(s, .takeDesk("north", for: "H1"), by: "T1") == .cannotHoldDesk("H1", .callHandler))
        #expect(refuse(s, .takeDesk("north", for: "X1"), by: "T1") == .operatorDisabled("X1"))
        #expect(
            refuse(s, .takeDesk("east", for: nil), by: "D1")?.message
                == "There is no desk east; the desks are North, South Desk.")
        var none = s
        none.force.desks = []
        #expect(
            refuse(none, .takeDesk("north", for: nil), by: "D1")?.message
                == "This force has no dispatch desks; its force file defines none.")
    }

    @Test func signingOffOrBeingDisabledLeavesTheDesk() throws {
        var s = Fixture.world()
        accept(&s, .takeDesk("north", for: nil), by: "D1")
        let off = accept(&s, .signOff, by: "D1")
        #expect(
            off.map(\.change) == [
                .deskLeft(DeskLeft(desk: "north", operator: "D1", cause: .signedOff)),
                .operatorSignedOff(OperatorSignedOff()),
            ])
        accept(&s, .signOn, by: "D1")
        accept(&s, .takeDesk("north", for: nil), by: "D1")
        accept(&s, .disableOperator("D1"), by: "S1")
        #expect(s.deskHolders.isEmpty)
    }

    @Test func holdersSurviveASnapshotAndTheLanguageRoundTrips() throws {
        var s = Fixture.world()
        accept(&s, .takeDesk("north", for: nil), by: "D1")
        let copy = try DispatchState(snapshot: try s.snapshotBytes())
        #expect(copy.deskHolders == ["north": "D1"])
        #expect(copy.force.desks == s.force.desks)
        #expect(copy == s)
        let parser = CommandParser(state: s, now: Fixture.t0)
        for command: Command in [
            .takeDesk("north", for: nil), .takeDesk("south-desk", for: "D1"), .leaveDesk(nil, reason: ""),
            .leaveDesk("north", reason: "no heartbeat"),
        ] {
            #expect(try parser.parse(#require(command.commandLine)).get() == command)
        }
        #expect(try parser.parse("desk \"south desk\"").get() == .takeDesk("south-desk", for: nil))
        #expect(try parser.parse("desk sou for d1").get() == .takeDesk("south-desk", for: "D1"))
        #expect(throws: CommandLineError.self) { try parser.parse("desk east").get() }
    }
}

@Suite("a desk whose console falls silent is released")
struct DeskWatchTests {
    @Test func silenceIsCountedFromTheLastBeatOrFromFirstSight() {
        var s = Fixture.world()
        accept(&s, .takeDesk("north", for: nil), by: "D1")
        accept(&s, .takeDesk("south-desk", for: "T1"), by: "T1")
        var watch = DeskWatch()
        let t = 1_000_000.0
        func beat(_ op: OperatorID, _ at: Double) -> Heartbeat {
            Heartbeat(console: "c-\(op)", operatorID: op, wall: at)
        }
        // D1 beats; T1 has no console open, so T1's desk gets the grace from now.
        #expect(watch.silent(s, beats: [beat("D1", t)], wallNow: t + 5).isEmpty)
        #expect(watch.silent(s, beats: [beat("D1", t + 20)], wallNow: t + 34).isEmpty)
        // D1's console stops at t + 20; at t + 50 it has been silent 30 s, and T1's desk has waited 30 s too.
        let released = watch.silent(s, beats: [beat("D1", t + 20)], wallNow: t + 50)
        #expect(
            released == [
                SilentDesk(desk: "north", holder: "D1", reason: "console silent: no heartbeat from D1 for 30 s"),
                SilentDesk(desk: "south-desk", holder: "T1", reason: "console silent: T1 has no console open"),
            ])
        // A beat stamped far in the future does not hold a desk for ever: it counts as no beat, so after the grace.
        let future = [beat("D1", t + 1e12)]
        #expect(watch.silent(s, beats: future, wallNow: t + 100).map(\.desk) == ["south-desk"])
        #expect(watch.silent(s, beats: future, wallNow: t + 130).map(\.desk) == ["north", "south-desk"])
        // The release is a command like any other: the inspector's console makes it.
        for d in released { accept(&s, .leaveDesk(d.desk, reason: d.reason), by: "I1") }
        #expect(s.deskHolders.isEmpty)
        #expect(watch.silent(s, beats: [], wallNow: t + 200).isEmpty)
    }
}

@Suite("the inspector's load by desk")
struct DeskLoadTests {
    @Test func eachDeskSumsItsAreasAndNamesItsHolder() {
        var s = Fixture.world()
        raise(&s, at: GeoPoint(lat: 52.55, lon: -1.90))
        raise(&s, at: GeoPoint(lat: 52.56, lon: -1.91), grade: .priority)
        raise(&s, at: GeoPoint(lat: 52.47, lon: -1.90))
        accept(&s, .takeDesk("north", for: nil), by: "D1")
        let load = s.load(at: Fixture.t0 + .minutes(5))
        #expect(load.desks.map(\.load.name) == ["North", "South Desk"])
        #expect(load.desks.map(\.holder) == ["D1", nil])
        #expect(load.desks[0].load.openByGrade == [1, 1, 0, 0])
        #expect(load.desks[0].load.unresourced == 2 && load.desks[1].load.unresourced == 1)
        let areas = Dictionary(uniqueKeysWithValues: load.areas.map { ($0.area, $0) })
        #expect(load.desks[0].load.unitsFree == areas["north"]?.unitsFree)
        #expect(load.desks.map(\.load.open).reduce(0, +) == load.total.open)
    }
}
