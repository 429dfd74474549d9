import Testing
@testable import VigilCore
import VigilForce

@Suite("the state's slot sets and spatial lookups agree with plain scans")
struct SpatialIndexTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func slotSetBehavesLikeASet(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var slots = SlotSet(), plain = Set<Int>()
        var next = 0
        for _ in 0..<20_000 {
            // Mostly new slots at the top and removals from anywhere, as incidents and calls come and go.
            if rng.unit() < 0.55 {
                next += 1 + Int(rng.next() % 3)
                let inserted = slots.insert(next)
                #expect(inserted == plain.insert(next).inserted)
            } else if let victim = plain.randomElement(using: &rng) {
                let removed = slots.remove(victim), again = slots.remove(victim)
                plain.remove(victim)
                #expect(removed && !again, "a member is removed once; removing it again reports nothing removed")
            }
            #expect(slots.count == plain.count)
            #expect(slots.first == plain.min())
        }
        #expect(Array(slots) == plain.sorted())
        #expect(slots == SlotSet(plain.sorted()), "equal members make equal sets, however the storage grew")
        #expect(plain.allSatisfy(slots.contains) && !slots.contains(-1) && !slots.contains(next + 1000))
    }

    @Test func areaLookupAgreesWithAScanOfEveryOutline() throws {
        let force = try DemoForce.load().force
        let box = force.bounds
        var rng = SplitMix64(seed: 9)
        for _ in 0..<3_000 {
            // A margin beyond the force's box, where the nearest centre decides.
            let p = GeoPoint(
                lat: box.minLat - 0.05 + rng.unit() * (box.maxLat - box.minLat + 0.1),
                lon: box.minLon - 0.05 + rng.unit() * (box.maxLon - box.minLon + 0.1))
            let scanned =
                force.areas.first { $0.outline.contains(p) }
                ?? force.areas.min { $0.centre.distanceKm(to: p) < $1.centre.distanceKm(to: p) }
            #expect(force.area(containing: p)?.id == scanned?.id)
        }
    }

    @Test(arguments: [4, 5] as [UInt64])
    func recommendationOnDryGroundAgreesWithEveryUnitAssessed(seed: UInt64) throws {
        // Most of the force off duty, so the search must cross empty blocks of cells to find anyone.
        let demo = try DemoForce.load()
        var s = demo.initialState(at: Fixture.t0)
        accept(&s, .signOn, by: "T400")
        var rng = SplitMix64(seed: seed)
        for u in s.units.values where rng.unit() < 0.93 {
            accept(&s, .setStatus(u.callsign, .offDuty, position: nil), by: "T400")
        }
        for i in 0..<30 {
            let ref = raise(
                &s, at: randomPoint(in: demo.force, &rng), grade: Grade(rawValue: i % 3 + 1)!,
                category: Category(.crime), by: "T400")
            let everyone = s.units.values.compactMap { u -> (Double, String)? in
                if case .candidate(let c) = s.assess(u.callsign, for: ref) { return (c.score, c.callsign) }
                return nil
            }.sorted { $0 < $1 }
            #expect(s.recommend(for: ref, limit: 3).candidates.map(\.callsign) == everyone.prefix(3).map(\.1))
        }
    }
}
