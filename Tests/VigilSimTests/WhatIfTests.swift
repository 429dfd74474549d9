import Testing
import VigilCore
import VigilForce
@testable import VigilSim

@Suite("what-if runs and sweeps")
struct WhatIfTests {
    @Test func intervalsUseStudentsT() {
        let i = WhatIf.Interval([1, 2, 3, 4, 5])
        #expect(i.mean == 3 && i.runs == 5)
        // s = 1.5811, s/√5 = 0.7071, t(0.975, 4) = 2.776.
        #expect(abs((i.high - i.mean) - 2.776 * 0.7071068) < 1e-4)
        #expect(WhatIf.Interval([0.9, 1.0], within: 0...1).high == 1, "a share's interval stops at 100%")
        #expect(WhatIf.Interval([7]).low == 7)
    }

    @Test func sweepsParseOrSayWhatIsWrong() throws {
        let s = try WhatIf.Sweep.parse("response-units=400:560:40").get()
        #expect(s.setting == .responseUnits && s.values == [400, 440, 480, 520, 560])
        #expect(try WhatIf.Sweep.parse("call-handlers=10:14:4").get().values == [10, 14])
        for bad in [
            "response-units", "units=1:2:1", "call-handlers=5:1:1", "call-handlers=1:5:0", "incidents-per-day=a:b:c",
            "call-handlers=1:1000:1",
        ] {
            guard case .failure(let e) = WhatIf.Sweep.parse(bad) else { Issue.record("accepted \(bad)"); continue }
            #expect(e.description.hasPrefix("--vary"), "\(bad): \(e.description)")
        }
    }

    @Test func moreResponseUnitsThanTheForceHasAreAddedAsCopies() throws {
        var scenario = try ScenarioLoader.load("weekday")
        var force = try DemoForce.load()
        let own = force.units.filter { $0.type == .response }.count
        WhatIf.Setting.responseUnits.apply(Double(own + 30), to: &scenario, force: &force)
        #expect(scenario.shifts.map(\.response).reduce(0, +) == own + 30)
        #expect(force.units.filter { $0.type == .response }.count == own + 30)
        #expect(Set(force.units.map(\.callsign)).count == force.units.count, "callsigns stay unique")
        var fewer = try ScenarioLoader.load("weekday"), same = try DemoForce.load()
        WhatIf.Setting.responseUnits.apply(150, to: &fewer, force: &same)
        #expect(fewer.shifts.map(\.response) == [49, 55, 46], "the shift pattern keeps its proportions (150:170:140)")
        #expect(same.units.count == force.units.count - 30)
    }

    /// The what-if is meaningful on a stretched force: adding response units lifts grade 2 within the hour, seed by seed
    /// (a shorter shift through the evening peak keeps the test quick).
    @Test func moreResponseUnitsAttendMoreGrade2WithinTheHour() throws {
        var base = try ScenarioLoader.load("weekday")
        base.start = base.start + .hours(8)
        let force = try DemoForce.load()
        var jobs: [WhatIf.Job] = []
        for units in [380.0, 460, 560] {
            for seed: UInt64 in [3, 4] {
                var s = base, f = force
                WhatIf.Setting.responseUnits.apply(units, to: &s, force: &f)
                jobs.append(WhatIf.Job(scenario: s, force: f, seed: seed))
            }
        }
        let runs = try WhatIf.run(jobs, hours: 8, workers: 2)
        let byLevel = stride(from: 0, to: runs.count, by: 2).map {
            (runs[$0].priorityWithinTarget + runs[$0 + 1].priorityWithinTarget) / 2
        }
        #expect(byLevel[0] < byLevel[1] && byLevel[1] < byLevel[2], "grade 2 within the hour: \(byLevel)")
        #expect(byLevel[2] - byLevel[0] > 0.1, "a real difference, not noise: \(byLevel)")
    }

    /// Runs on several threads give exactly the summaries of the same runs one after another.
    @Test func parallelRunsRepeat() throws {
        let scenario = try ScenarioLoader.load("weekday")
        let force = try DemoForce.load()
        let jobs = (1...4).map { WhatIf.Job(scenario: scenario, force: force, seed: UInt64($0)) }
        var parallel = try WhatIf.run(jobs, hours: 2, workers: 2)
        var serial = try WhatIf.run(jobs, hours: 2, workers: 1)
        for i in parallel.indices { parallel[i].wallSeconds = 0; serial[i].wallSeconds = 0 }
        #expect(parallel == serial)
        #expect(Set(parallel.map(\.incidents)).count > 1, "different seeds differ")
    }
}
