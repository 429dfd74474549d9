import Testing
import VigilForce
@testable import VigilCore

@Suite("recommendation order")
struct RecommenderTests {
    @Test func nearestResponseUnitWinsAnUrgentJob() {
        var s = Fixture.world()
        let ref = raise(&s, at: GeoPoint(lat: 52.556, lon: -1.90))
        let r = s.recommend(for: ref)
        #expect(r.candidates.map(\.callsign).prefix(2) == ["N11", "N12"])
        #expect(r.best?.reason.hasPrefix("N11 1 min (0.7 km); response; taser") == true)
        // The neighbourhood unit is near but penalised for urgent work; the others lost on distance.
        let n71 = r.candidates.first { $0.callsign == "N71" }!
        #expect(
            n71.lostBecause?.contains("neighbourhood unit: urgent work only when nothing else is near (+10)") == true)
        #expect(r.candidates.first { $0.callsign == "N12" }?.lostBecause?.contains("further than N11") == true)
        #expect(!r.candidates.contains { $0.callsign == "N13" }, "off-duty units are never offered")
    }

    @Test func scheduledWorkGoesToTheBeatTeam() {
        var s = Fixture.world()
        let ref = raise(
            &s, at: GeoPoint(lat: 52.551, lon: -1.94), grade: .scheduled, category: Category(.asb, "nuisance"))
        #expect(s.incidents[ref]?.beat == "n-a")
        let r = s.recommend(for: ref)
        #expect(r.best?.callsign == "N71")
        #expect(
            r.candidates.first { $0.callsign == "N11" }?.lostBecause?.contains("response unit on a scheduled job (+5)")
                == true)
    }

    @Test func coverageRuleKeepsAnAreasLastResponseUnit() {
        var s = Fixture.world()
        // South has one free response unit (S11); a grade-3 job right beside it should not strip the area.
        let ref = raise(
            &s, at: GeoPoint(lat: 52.4705, lon: -1.9005), grade: .scheduled, category: Category(.crime, "theft"))
        let r = s.recommend(for: ref)
        let s11 = r.candidates.first { $0.callsign == "S11" }!
        #expect(s11.penalties.contains { $0.reason == "last free response unit in South" })
        #expect(r.best?.callsign != "S11")
        // For an emergency the same unit goes: coverage never delays a grade 1.
        let urgent = raise(&s, at: GeoPoint(lat: 52.4705, lon: -1.9005), grade: .emergency)
        #expect(s.recommend(for: urgent).best?.callsign == "S11")
    }

    @Test func firearmsFlagBringsTheArmedUnitFirst() {
        var s = Fixture.world()
        let ref = raise(&s, at: GeoPoint(lat: 52.5601, lon: -1.9001), category: Category(.crime, "weapons"))
        #expect(s.incidents[ref]?.flags.map(\.kind) == [.firearms])
        let r = s.recommend(for: ref)
        #expect(r.best?.callsign == "ARV1")
        #expect(
            r.candidates.first { $0.callsign == "N11" }?.lostBecause?.contains(
                "no firearms officers; address flagged firearms known (+15)") == true)
        // Without the flag the armed unit is kept back.
        let plain = raise(&s, at: GeoPoint(lat: 52.556, lon: -1.90))
        #expect(
            s.recommend(for: plain).candidates.first { $0.callsign == "ARV1" }?.penalties.contains {
                $0.reason == "armed unit kept for firearms work"
            } == true)
    }

    @Test func refreshmentOnlyForGradeOneAndGradeFourNeverDeploys() {
        var s = Fixture.world()
        accept(&s, .setStatus("N11", .refreshment, position: nil))
        let g2 = raise(&s, at: GeoPoint(lat: 52.551, lon: -1.90), grade: .priority)
        #expect(!s.recommend(for: g2).candidates.contains { $0.callsign == "N11" })
        let g1 = raise(&s, at: GeoPoint(lat: 52.551, lon: -1.90))
        #expect(
            s.recommend(for: g1).candidates.first { $0.callsign == "N11" }?.penalties.contains {
                $0.reason == "on refreshment"
            } == true)
        let g4 = raise(&s, at: GeoPoint(lat: 52.551, lon: -1.90), grade: .resolution)
        let r4 = s.recommend(for: g4)
        #expect(r4.candidates.isEmpty)
        #expect(r4.note == "Grade 4: resolution without deployment")
    }

    @Test func crossingAnAreaBorderCosts() {
        var s = Fixture.world()
        let ref = raise(&s, at: GeoPoint(lat: 52.49, lon: -1.90))
        let n = s.recommend(for: ref).candidates.first { $0.callsign == "N11" }!
        #expect(n.penalties.contains { $0.reason == "crosses from North" })
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func gridSearchAgreesWithAFullRanking(seed: UInt64) throws {
        // The spatial index may stop early, but never at the cost of a better unit.
        let demo = try DemoForce.load()
        var s = demo.initialState(at: Fixture.t0)
        accept(&s, .signOn, by: "T400")
        var rng = SplitMix64(seed: seed)
        for i in 0..<40 {
            let ref = raise(
                &s, at: randomPoint(in: demo.force, &rng), grade: Grade(rawValue: i % 3 + 1)!,
                category: Category(.crime), by: "T400")
            let quick = s.recommend(for: ref, limit: 5)
            let full = s.recommend(for: ref, limit: .max)
            #expect(quick.candidates.map(\.callsign) == Array(full.candidates.prefix(5).map(\.callsign)))
            #expect(quick.considered < full.considered, "the index must skip far units")
            if i % 4 == 0, let best = quick.best { accept(&s, .assign(ref, [best.callsign]), by: "T400") }
        }
    }
}
