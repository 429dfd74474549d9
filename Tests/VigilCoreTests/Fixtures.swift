import Testing
@testable import VigilCore

/// A small hand-built force: two square areas, a rural strip in the south, a handful of units, one operator per role.
enum Fixture {
    static let t0 = Instant(year: 2026, month: 11, day: 25, hour: 14)
    static let today = 20261125

    static func square(_ lat0: Double, _ lat1: Double, _ lon0: Double, _ lon1: Double) -> GeoPolygon {
        GeoPolygon([
            GeoPoint(lat: lat0, lon: lon0), GeoPoint(lat: lat0, lon: lon1), GeoPoint(lat: lat1, lon: lon1),
            GeoPoint(lat: lat1, lon: lon0),
        ])
    }

    static let north = Area(
        id: "north", name: "North", centre: GeoPoint(lat: 52.55, lon: -1.9), setting: .urban, speedKmh: 40,
        outline: square(52.50, 52.60, -2.0, -1.8))
    static let south = Area(
        id: "south", name: "South", centre: GeoPoint(lat: 52.45, lon: -1.9), setting: .mixed, speedKmh: 50,
        outline: square(52.40, 52.50, -2.0, -1.8), ruralZones: [square(52.40, 52.44, -2.0, -1.8)])

    static let force = Force(
        code: "WM", name: "Test Force", roadFactor: 1.3, areas: [north, south],
        stations: [
            Station(id: "nst", name: "North Station", area: "north", location: GeoPoint(lat: 52.55, lon: -1.90)),
            Station(id: "sst", name: "South Station", area: "south", location: GeoPoint(lat: 52.45, lon: -1.90)),
        ],
        beats: [
            Beat(id: "n-a", name: "North A", area: "north", station: "nst", centre: GeoPoint(lat: 52.55, lon: -1.95)),
            Beat(id: "n-b", name: "North B", area: "north", station: "nst", centre: GeoPoint(lat: 52.55, lon: -1.85)),
            Beat(id: "s-a", name: "South A", area: "south", station: "sst", centre: GeoPoint(lat: 52.47, lon: -1.90)),
            Beat(
                id: "s-r", name: "South Rural", area: "south", station: "sst", centre: GeoPoint(lat: 52.42, lon: -1.90),
                rural: true),
        ],
        desks: [
            Desk(id: "north", name: "North", areas: ["north"]),
            Desk(id: "south-desk", name: "South Desk", areas: ["south"]),
        ])

    static func unit(
        _ cs: String, _ type: UnitType, _ area: AreaID, _ lat: Double, _ lon: Double, skills: Set<Skill> = [],
        crew: Int = 2, beat: BeatID? = nil, status: UnitStatus = .available
    ) -> PoliceUnit {
        PoliceUnit(
            callsign: cs, type: type, skills: skills, crew: crew, homeArea: area,
            homeStation: area == "north" ? "nst" : "sst",
            homeBeat: beat, status: status, statusSince: t0, position: GeoPoint(lat: lat, lon: lon))
    }

    static let units: [PoliceUnit] = [
        unit("N11", .response, "north", 52.550, -1.900, skills: [.taser]),
        unit("N12", .response, "north", 52.580, -1.900),
        unit("N71", .neighbourhood, "north", 52.551, -1.951, crew: 1, beat: "n-a"),
        unit("S11", .response, "south", 52.470, -1.900),
        unit("S71", .neighbourhood, "south", 52.420, -1.900, crew: 1, beat: "s-r"),
        unit("ARV1", .armed, "north", 52.530, -1.880, skills: [.firearms, .taser]),
        unit("N13", .response, "north", 52.520, -1.820, status: .offDuty),
    ]

    static let operators: [Operator] = [
        Operator(id: "H1", name: "Handler", role: .callHandler),
        Operator(id: "D1", name: "Dispatcher", role: .dispatcher),
        Operator(id: "I1", name: "Inspector", role: .inspector),
        Operator(id: "T1", name: "Trainer", role: .trainer),
        Operator(id: "S1", name: "Supervisor", role: .supervisor),
        Operator(id: "X1", name: "Former", role: .dispatcher, disabled: true),
    ]

    static let firearmsFlag = AddressFlag(
        id: 1, kind: .firearms, address: "9 Gun Lane", location: GeoPoint(lat: 52.560, lon: -1.900), note: "shotgun")

    /// The fixture force with every enabled operator signed on at console c1.
    static func world() -> DispatchState {
        var s = DispatchState(force: force, units: units, operators: operators, flags: [firearmsFlag])
        for op in operators where !op.disabled {
            s.apply(Event(at: t0, by: Actor(op.id, console: "c1"), .operatorSignedOn(OperatorSignedOn())))
        }
        return s
    }

    static func actor(_ id: OperatorID) -> Actor { Actor(id, console: "c1") }

    static func ref(_ n: Int) -> IncidentRef { IncidentRef(force: "WM", day: today, number: n) }
}

/// Runs a command that must be accepted, applies its events and returns them.
@discardableResult
func accept(
    _ state: inout DispatchState, _ command: Command, by op: OperatorID = "S1", at now: Instant = Fixture.t0,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [Event] {
    switch state.decide(command, by: Fixture.actor(op), at: now) {
    case .success(let events):
        state.apply(events)
        return events
    case .failure(let e):
        Issue.record("refused \(command): \(e.message)", sourceLocation: sourceLocation)
        return []
    }
}

/// Runs a command that must be refused and returns the error; the state must not change.
func refuse(
    _ state: DispatchState, _ command: Command, by op: OperatorID = "S1", at now: Instant = Fixture.t0,
    sourceLocation: SourceLocation = #_sourceLocation
) -> DispatchError? {
    switch state.decide(command, by: Fixture.actor(op), at: now) {
    case .success(let events):
        Issue.record("accepted \(command) with \(events.map(\.change.typeName))", sourceLocation: sourceLocation)
        return nil
    case .failure(let e):
        return e
    }
}

/// Receives and answers a 999 call at a place and raises it as an incident; returns the incident reference.
@discardableResult
func raise(
    _ state: inout DispatchState, at point: GeoPoint, grade: Grade = .emergency,
    category: Category = Category(.crime, "burglary"),
    address: String = "1 Test Street", now: Instant = Fixture.t0, by op: OperatorID = "S1"
) -> IncidentRef {
    accept(
        &state, .receiveContact(.emergency, ContactDetails(callerName: "A Caller", location: point, address: address)),
        by: op, at: now)
    let contact = ContactID(state.nextContact - 1)
    accept(&state, .answerContact(contact), by: op, at: now)
    let events = accept(
        &state, .raiseIncident(from: contact, grade: grade, category: category, location: nil, address: nil), by: op,
        at: now)
    guard case .incidentRaised(let raised)? = events.last?.change else { return Fixture.ref(0) }
    return raised.incident
}

/// A point drawn uniformly over the force's bounding box.
func randomPoint(in force: Force, _ rng: inout SplitMix64) -> GeoPoint {
    let box = force.bounds
    return GeoPoint(
        lat: box.minLat + rng.unit() * (box.maxLat - box.minLat),
        lon: box.minLon + rng.unit() * (box.maxLon - box.minLon))
}
