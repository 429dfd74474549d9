import Testing
import VigilCore
import VigilForce
@testable import VigilSim

@Suite("the simulated control room")
struct SimulationTests {
    static func run(_ name: String = "weekday", seed: UInt64, hours: Double) throws -> (
        ShiftSummary, MemoryWorld, LoadedForce
    ) {
        let scenario = try ScenarioLoader.load(name)
        let force = try DemoForce.load()
        let (summary, world) = try HeadlessRun.run(scenario, force: force, seed: seed, hours: hours)
        return (summary, world, force)
    }

    @Test func sameSeedSameEventsAndEveryEventReplays() throws {
        let (a, worldA, force) = try Self.run(seed: 7, hours: 6)
        let (b, worldB, _) = try Self.run(seed: 7, hours: 6)
        #expect(a == b)
        #expect(worldA.events == worldB.events, "same scenario and seed, byte-identical events")
        #expect(a.incidents > 200 && a.dispatched > 150)
        // No side door: folding the events onto the force's starting state gives the simulator's state.
        var rebuilt = force.initialState(at: worldA.events.first!.at)
        rebuilt.apply(worldA.events)
        #expect(rebuilt == worldA.state)
        #expect(worldA.state.invariantViolations() == [])
        let (c, _, _) = try Self.run(seed: 8, hours: 6)
        #expect(c != a)
    }

    @Test func demandMatchesTheScenario() throws {
        let scenario = try ScenarioLoader.load("weekday")
        let (summary, world, _) = try Self.run(seed: 21, hours: 24)
        // Raised incidents are Poisson-like around the scenario's figure; allow four standard deviations.
        let expected = scenario.incidentsPerDay + scenario.selfGeneratedPerDay
        #expect(
            abs(Double(summary.incidents) - expected) < 4 * expected.squareRoot(),
            "\(summary.incidents) incidents against \(expected)")
        // The grade mix among raised incidents (online calls are never grade 1, so compare grades 2–4 with care).
        var byGrade: [Grade: Int] = [:]
        var byHour = [Int](repeating: 0, count: 24)
        for e in world.events {
            if case .incidentRaised(let p) = e.change { byGrade[p.grade, default: 0] += 1 }
            if case .contactReceived = e.change { byHour[e.at.ukLocal.hour] += 1 }
        }
        let total = Double(summary.incidents)
        let weights = scenario.gradeMix.values.reduce(0, +)
        for grade in [Grade.scheduled, .resolution] {
            let share = (scenario.gradeMix[grade] ?? 0) / weights
            let sd = (share * (1 - share) / total).squareRoot()
            #expect(abs(Double(byGrade[grade] ?? 0) / total - share) < 4 * sd + 0.01, "grade \(grade.rawValue)")
        }
        // The busiest hours of the profile get more calls than the quietest.
        #expect(byHour[18] > 2 * byHour[5])
        // Officers' own work: raised by the crew, who are assigned to it at once.
        let onView = world.events.filter { e in
            if case .contactReceived(let p) = e.change { p.details.callerName.hasSuffix("(on view)") } else { false }
        }
        let sd = scenario.selfGeneratedPerDay.squareRoot()
        #expect(abs(Double(onView.count) - scenario.selfGeneratedPerDay) < 4 * sd, "\(onView.count) on-view incidents")
        #expect(onView.allSatisfy { $0.operatorID == SimOperators.crews.id })
    }

    @Test func majorIncidentCallsLinkToOneIncident() throws {
        let (_, world, _) = try Self.run("major-incident", seed: 2, hours: 5)
        let raised = world.events.compactMap { e -> IncidentRef? in
            if case .incidentRaised(let p) = e.change, p.address.hasPrefix("M6") { p.incident } else { nil }
        }
        #expect(raised.count == 1, "the pile-up is raised once")
        let linked = world.events.filter {
            if case .contactLinked(let p) = $0.change { p.incident == raised.first } else { false }
        }
        #expect(linked.count >= 30, "most of the 40 callers are linked to it")
        let assigned = Set(
            world.events.compactMap { e -> Callsign? in
                if case .unitAssigned(let p) = e.change, p.incident == raised.first { p.unit } else { nil }
            })
        #expect(assigned.count >= 8, "it draws many units")
    }
}

@Suite("people answer first when the scenario says so")
struct AnswerFirstTests {
    @Test func simulatedHandlersWaitBeforeTakingACall() throws {
        var scenario = try ScenarioLoader.load("weekday")
        scenario.answerAfterSeconds = 30
        let (_, world) = try HeadlessRun.run(scenario, force: try DemoForce.load(), seed: 4, hours: 3)
        var rang: [ContactID: Instant] = [:]
        var waits: [Int64] = []
        for e in world.events {
            switch e.change {
            case .contactReceived(let p): rang[p.contact] = e.at
            case .contactAnswered(let p) where e.operatorID == SimOperators.handlers.id:
                if let t = rang[p.contact] { waits.append((e.at - t).seconds) }
            default: break
            }
        }
        #expect(waits.count > 100)
        #expect(waits.allSatisfy { $0 >= 30 }, "no simulated handler took a call before it had rung 30 s")
        #expect(waits.filter { $0 <= 31 }.count > waits.count / 2, "and most are taken as soon as they may be")
    }
}
