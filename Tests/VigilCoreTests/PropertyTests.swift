import Testing
import VigilForce
@testable import VigilCore
import VigilWorkload

@Suite("seeded random commands keep the invariants")
struct PropertyTests {
    static let actors = ["H1", "D1", "I1", "T1", "S1"].map(Fixture.actor)

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func invariantsHoldAfterEveryAcceptedCommand(seed: UInt64) {
        var s = Fixture.world()
        var workload = RandomWorkload(seed: seed, actors: Self.actors, chaos: 0.25)
        var now = Fixture.t0
        var accepted = 0, refused = 0
        // Odd seeds span about two and a half days, so work is archived out of memory along the way.
        let stepLength = Duration.seconds(seed % 2 == 1 ? 150 : 20)
        for step in 0..<1_500 {
            now = now + stepLength
            let (command, actor) = workload.next(in: s, now: now)
            switch s.decide(command, by: actor, at: now) {
            case .success(let events):
                s.apply(events)
                accepted += 1
                let problems = s.invariantViolations()
                if !problems.isEmpty {
                    Issue.record("step \(step) after \(command): \(problems)")
                    return
                }
            case .failure(let e):
                refused += 1
                #expect(!e.message.isEmpty && e.message.hasSuffix("."), "refusals are one sentence: \(e.message)")
            }
        }
        #expect(accepted > 300, "the workload must mostly make sense")
        #expect(refused > 50, "and must also try things that are refused")
    }

    @Test func demoForceRunsAreDeterministicAndReplayEqual() throws {
        let demo = try DemoForce.load()
        func run(seed: UInt64) -> (DispatchState, [Event]) {
            var s = demo.initialState(at: Fixture.t0)
            let t = Actor("T400", console: "sim")
            var events = try! s.decide(.signOn, by: t, at: Fixture.t0).get()
            s.apply(events)
            var workload = RandomWorkload(seed: seed, actors: [t])
            var now = Fixture.t0
            for _ in 0..<3_000 {
                now = now + .seconds(60)
                let (c, a) = workload.next(in: s, now: now)
                if case .success(let new) = s.decide(c, by: a, at: now) { s.apply(new); events += new }
            }
            return (s, events)
        }
        let (live, events) = run(seed: 11)
        let (again, eventsAgain) = run(seed: 11)
        #expect(events == eventsAgain, "same seed, same events")
        #expect(live == again)
        // State is derived: folding the events onto the initial state gives the live state, field for field.
        var rebuilt = demo.initialState(at: Fixture.t0)
        rebuilt.apply(events)
        #expect(rebuilt == live)
        #expect(live.invariantViolations() == [])
        #expect(live.incidents.count > 100)
        let first = events.lazy.compactMap { e -> IncidentRef? in
            if case .incidentRaised(let raised) = e.change { raised.incident } else { nil }
        }.first
        #expect(
            live.archiveDay > 0 && first.map(live.isArchived) == true,
            "two days of work archives the first day's closed incidents, in the live state and in the replay alike")
        let (_, other) = run(seed: 12)
        #expect(other != events)
    }
}
