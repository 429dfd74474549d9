import Testing
@testable import VigilCore

@Suite("mutual aid: a neighbouring force's units book on and stand down by commands and events")
struct MutualAidTests {
    static let pool = AidPool(id: "neighbour", name: "Neighbour Police", prefix: "NB", units: 5, station: "sst")

    /// The fixture world with one neighbouring force that lends up to five units to South Station.
    static func world() -> DispatchState {
        var force = Fixture.force
        force.aid = [pool]
        var s = DispatchState(force: force, units: Fixture.units, operators: Fixture.operators)
        for op in Fixture.operators where !op.disabled {
            s.apply(Event(at: Fixture.t0, by: Fixture.actor(op.id), .operatorSignedOn(OperatorSignedOn())))
        }
        return s
    }

    @Test func lentUnitsBookOnAtTheirStationAndAreRecommended() throws {
        var s = Self.world()
        let events = accept(&s, .requestAid("neighbour", units: 3), by: "I1")
        #expect(
            events.map(\.change) == [
                .mutualAidArrived(MutualAidArrived(pool: "neighbour", units: ["NB01", "NB02", "NB03"], station: "sst"))
            ])
        let nb = try #require(s.units["NB02"])
        #expect(nb.type == .response && nb.status == .atStation && nb.area == "south" && nb.homeStation == "sst")
        #expect(nb.position == GeoPoint(lat: 52.45, lon: -1.90) && nb.statusSince == Fixture.t0)
        #expect(s.force.lender(of: "NB02")?.name == "Neighbour Police" && s.force.lender(of: "S11") == nil)
        #expect(s.lentUnits(of: Self.pool).map(\.callsign) == ["NB01", "NB02", "NB03"])
        // A job beside their station goes to them first: they are on the board like the force's own.
        let ref = raise(&s, at: GeoPoint(lat: 52.451, lon: -1.901))
        #expect(s.recommend(for: ref).best?.callsign.hasPrefix("NB") == true)
        // Names work as well as ids, and the language carries it both ways.
        let parser = CommandParser(state: s, now: Fixture.t0)
        #expect(try parser.parse("aid \"Neighbour Police\" 2").get() == .requestAid("neighbour", units: 2))
        #expect(try parser.parse("aid neigh 2").get() == .requestAid("neighbour", units: 2))
        #expect(try parser.parse("aid off neighbour").get() == .standDownAid("neighbour"))
        for command in [Command.requestAid("neighbour", units: 4), .standDownAid("neighbour")] {
            #expect(try parser.parse(#require(command.commandLine)).get() == command)
        }
        #expect(throws: CommandLineError.self) { try parser.parse("aid neighbour lots").get() }
        #expect(throws: CommandLineError.self) { try parser.parse("aid neighbour 0").get() }
        #expect(throws: CommandLineError.self) { try parser.parse("aid staffordshire 3").get() }
    }

    @Test func onlyThoseWhoRunTheIncidentCallOnAidAndAPoolLendsNoMoreThanItHas() throws {
        var s = Self.world()
        #expect(
            refuse(s, .requestAid("neighbour", units: 1), by: "D1")
                == .notPermitted(.dispatcher, .aid, askInstead: "a duty inspector"))
        #expect(
            refuse(s, .requestAid("neighbour", units: 1), by: "H1")?.message.hasPrefix("A call handler may not") == true
        )
        #expect(
            refuse(s, .requestAid("nowhere", units: 1), by: "I1")?.message
                == "There is no mutual-aid partner nowhere; the partners are Neighbour Police.")
        #expect(refuse(s, .requestAid("neighbour", units: 0), by: "I1") == .badAidCount(0))
        #expect(
            refuse(s, .requestAid("neighbour", units: 6), by: "I1")?.message
                == "Neighbour Police can lend 5 more units (0 of 5 are on the board).")
        accept(&s, .requestAid("neighbour", units: 4), by: "T1")
        #expect(
            refuse(s, .requestAid("neighbour", units: 2), by: "I1")?.message
                == "Neighbour Police can lend 1 more units (4 of 5 are on the board).")
        accept(&s, .requestAid("neighbour", units: 1), by: "S1")
        #expect(
            refuse(s, .requestAid("neighbour", units: 1), by: "I1")?.message
                == "Neighbour Police has lent all 5 of its units already.")
        let bare = Fixture.world()
        #expect(
            refuse(bare, .requestAid("x", units: 1), by: "I1")?.message
                == "This force has no mutual-aid partners; its force file lists none under [[mutual_aid]].")
    }

    @Test func standingDownSendsTheFreeHomeAndKeepsTheCommittedAndTheSameCrewsComeBack() throws {
        var s = Self.world()
        accept(&s, .requestAid("neighbour", units: 3), by: "I1")
        let ref = raise(&s, at: GeoPoint(lat: 52.46, lon: -1.90))
        accept(&s, .assign(ref, ["NB02"]), by: "D1")
        let down = accept(&s, .standDownAid("neighbour"), by: "I1", at: Fixture.t0 + .hours(1))
        #expect(
            down.map(\.change) == [
                .unitStatusChanged(UnitStatusChanged(unit: "NB01", status: .offDuty, position: nil)),
                .unitStatusChanged(UnitStatusChanged(unit: "NB03", status: .offDuty, position: nil)),
            ])
        #expect(s.units["NB02"]?.incident == ref && s.lentUnits(of: Self.pool).map(\.callsign) == ["NB02"])
        #expect(
            refuse(s, .standDownAid("neighbour"), by: "I1")?.message
                == "Every unit of Neighbour Police on the board is committed (NB02); stand them down when they clear.")
        // Asked again, the crews stood down come back before new callsigns are used.
        let back = accept(&s, .requestAid("neighbour", units: 3), by: "I1", at: Fixture.t0 + .hours(2))
        #expect(
            back.map(\.change) == [
                .mutualAidArrived(MutualAidArrived(pool: "neighbour", units: ["NB01", "NB03", "NB04"], station: "sst"))
            ])
        #expect(s.units["NB01"]?.status == .atStation && s.units["NB01"]?.statusSince == Fixture.t0 + .hours(2))
        #expect(s.units.count == Fixture.units.count + 4)
        // The state folded from the events is the live one, and it survives a snapshot.
        let copy = try DispatchState(snapshot: try s.snapshotBytes())
        #expect(copy == s && copy.force.aid == [Self.pool])
    }

    @Test func replayingTheLogGivesTheSameBoard() throws {
        var live = Self.world()
        let start = live
        let place = GeoPoint(lat: 52.46, lon: -1.90)
        let ref = IncidentRef(force: "WM", day: Fixture.today, number: 1)
        let steps: [(Command, OperatorID)] = [
            (.requestAid("neighbour", units: 2), "I1"),
            (.receiveContact(.emergency, ContactDetails(callerName: "A", location: place, address: "1 Road")), "H1"),
            (.answerContact(nil), "H1"),
            (
                .raiseIncident(
                    from: ContactID(1), grade: .emergency, category: Category(.crime, "burglary"),
                    location: nil, address: nil), "H1"
            ),
            (.assign(ref, ["NB01"]), "D1"),
            (.standDownAid("neighbour"), "I1"),
            (.requestAid("neighbour", units: 1), "I1"),
        ]
        var log: [Event] = []
        for (command, op) in steps { log += accept(&live, command, by: op) }
        var replayed = start
        replayed.apply(log)
        #expect(replayed == live)
        #expect(live.units["NB01"]?.incident == ref && live.units["NB02"]?.status == .atStation)
    }
}
