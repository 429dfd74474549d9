import Foundation
import Testing
import VigilTestSupport
import VigilCore
import VigilForce
@testable import VigilTUI

/// A small, fixed shift on the demo force: three incidents (one unresourced, one with a unit en route, one breached),
/// calls waiting on each channel, a unit at scene. Everything is built through `decide`, as the console would.
enum ScreenFixture {
    static let t0 = Instant(ukDate: CivilDate(year: 2026, month: 11, day: 25), hour: 21, minute: 30)
    static let now = t0 + .minutes(25)

    static func state() throws -> DispatchState {
        var s = try DemoForce.load().initialState(at: t0)
        func run(_ c: Command, _ who: OperatorID, _ at: Instant) throws {
            let events = try s.decide(c, by: Actor(who, console: "fixture"), at: at).get()
            s.apply(events)
        }
        for op in ["H200", "D100"] { try run(.signOn, op, t0) }
        func call(_ channel: Channel, _ lat: Double, _ lon: Double, _ address: String, _ account: String, at: Instant)
            throws -> ContactID
        {
            try run(
                .receiveContact(
                    channel,
                    ContactDetails(
                        callerName: "Jade Khan", callerNumber: "07700 900123",
                        location: GeoPoint(lat: lat, lon: lon), address: address, account: account)), "H200", at)
            return ContactID(s.nextContact - 1)
        }
        // In time order, as a shift would log it.
        let first = IncidentRef(force: "WM", day: 20261125, number: 1)
        let third = IncidentRef(force: "WM", day: 20261125, number: 3)
        let c1 = try call(
            .emergency, 52.4776, -1.9102, "14 Broad Street, Ladywood", "Fight outside the bar, one man on the floor.",
            at: t0)
        try run(.answerContact(c1), "H200", t0 + .seconds(8))
        try run(
            .raiseIncident(
                from: c1, grade: .emergency, category: Category(.crime, "assault"), location: nil, address: nil),
            "H200", t0 + .minutes(2))
        try run(.assign(first, ["BC11"]), "D100", t0 + .minutes(3))
        let c2 = try call(
            .nonEmergency, 52.5862, -1.9829, "3 Park Road, Walsall", "Car damaged overnight.", at: t0 + .minutes(3))
        try run(.setStatus("BC11", .enRoute, position: nil), "D100", t0 + .minutes(4))
        try run(.answerContact(c2), "H200", t0 + .minutes(4))
        _ = try call(
            .online, 52.4150, -1.7800, "4 Station Road, Solihull", "Reporting a stolen bike.", at: t0 + .minutes(5))
        try run(
            .raiseIncident(
                from: c2, grade: .scheduled, category: Category(.crime, "criminal-damage"), location: nil, address: nil),
            "H200", t0 + .minutes(6))
        let c3 = try call(
            .emergency, 52.4081, -1.5106, "2 Hertford Street, Coventry", "Man collapsed in the street.",
            at: t0 + .minutes(10))
        try run(.answerContact(c3), "H200", t0 + .minutes(10))
        try run(
            .raiseIncident(
                from: c3, grade: .priority, category: Category(.publicSafety, "concern-for-welfare"), location: nil,
                address: nil), "H200", t0 + .minutes(11))
        try run(.assign(third, ["CC11"]), "D100", t0 + .minutes(12))
        try run(.setStatus("CC11", .enRoute, position: nil), "D100", t0 + .minutes(13))
        try run(.setStatus("BC11", .atScene, position: nil), "D100", t0 + .minutes(19))
        _ = try call(
            .nonEmergency, 52.5100, -2.0800, "9 High Street, Dudley", "Neighbours' music all night.",
            at: t0 + .minutes(20))
        _ = try call(
            .emergency, 52.4800, -1.9000, "22 New Street, Birmingham", "Someone is trying to get into my house.",
            at: t0 + .minutes(22))
        return s
    }

    static func context(
        _ s: DispatchState, _ model: ConsoleModel, theme: String = "default", banner: Banner = .training
    ) throws -> RenderContext {
        RenderContext(
            state: s, model: model, now: now, theme: try ThemeLoader.load(theme), banner: banner, sync: "seq 42")
    }
}

/// Golden screens, checked against `Golden/<name>.txt` beside this file. `VIGIL_UPDATE_GOLDEN=1 swift test` rewrites them.
enum GoldenScreen {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ buf: Buffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if let problem = try Golden.mismatch(Golden.text(buf), folder.appendingPathComponent(name + ".txt")) {
            Issue.record("\(problem)\nscreen:\n\(buf.lines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }
}
