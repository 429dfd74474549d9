import Testing
@testable import VigilCore

@Suite("units move along the way to their incident")
struct MovementTests {
    @Test func enRouteUnitsAreAlongTheWayAndStoppedOnesStayPut() throws {
        var s = Fixture.world()
        let start = try #require(s.units["N11"]?.position)
        let scene = GeoPoint(lat: start.lat + 0.05, lon: start.lon)  // about 5.6 km north
        let ref = raise(&s, at: scene)
        accept(&s, .assign(ref, ["N11"]))
        #expect(s.estimatedPosition(of: "N11", at: Fixture.t0 + .minutes(5)) == start, "assigned, not yet moving")
        let setOff = Fixture.t0 + .minutes(1)
        accept(&s, .setStatus("N11", .enRoute, position: nil), at: setOff)
        let u = try #require(s.units["N11"])
        let eta = s.force.travel.eta(km: start.distanceKm(to: scene), speedKmh: s.force.area(u.area)?.speedKmh ?? 40)
        let half = try #require(s.estimatedPosition(of: "N11", at: setOff + .seconds(eta.seconds / 2)))
        #expect(abs(half.lat - (start.lat + scene.lat) / 2) < 0.001)
        #expect(s.estimatedPosition(of: "N11", at: setOff + eta + .minutes(10)) == scene, "never beyond the scene")
        // Stood down half way, it stays where it had got to.
        accept(&s, .unassign("N11", from: ref), at: setOff + .seconds(eta.seconds / 2))
        let after = try #require(s.units["N11"])
        #expect(after.status == .available)
        #expect(abs(after.position.lat - half.lat) < 1e-9)
        #expect(s.estimatedPosition(of: "N11", at: setOff + .hours(1)) == after.position)
        #expect(s.estimatedPosition(of: "NOPE", at: setOff) == nil)
    }
}
