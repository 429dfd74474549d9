import Foundation
import Testing
import VigilCore
import VigilForce
@testable import VigilSim

/// Long runs of the simulator against queueing theory. When the model's assumptions hold (steady Poisson arrivals,
/// exponential service, no travel), its waits must match the formulas within sampling error.
@Suite("the simulator against Erlang C and M/M/c")
struct QueueingTests {
    /// The mean of `values` and its standard error by batch means (waits in a queue are correlated, so the
    /// naive standard error would be too small).
    static func batchMean(_ values: [Double], batches: Int = 20) -> (mean: Double, se: Double) {
        let size = values.count / batches
        let means = (0..<batches).map { b in values[(b * size)..<((b + 1) * size)].reduce(0, +) / Double(size) }
        let mean = means.reduce(0, +) / Double(batches)
        let variance = means.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(batches - 1)
        return (mean, (variance / Double(batches)).squareRoot())
    }

    /// A day with no shape: the same demand every hour, every day, and nothing scripted.
    static func flat(_ base: Scenario, hours: Double) -> Scenario {
        var s = base
        s.hours = hours
        s.hourly = Array(repeating: 1, count: 24)
        s.weekendFactor = 1
        s.duplicateShare = 0
        s.injects = []
        s.selfGeneratedPerDay = 0
        s.handoverMinutes = 0
        // Nothing beyond travel and time at scene holds a unit (no custody, write-ups, waits, guards, breaks, second
        // units or reserve), so the model reduces to the queues the theory describes.
        s.workload = Workload()
        s.workload.refreshmentMinutes = 0
        return s
    }

    @Test func callAnsweringMatchesErlangC() throws {
        // 120 999 calls an hour, 3 minutes each, 8 handlers: 6 erlangs, Erlang C gives P(wait) 35.7%, mean wait 32.1 s.
        var s = Self.flat(try ScenarioLoader.load("weekday"), hours: 24 * 8)
        s.contactsPerDay = 120 * 24
        s.channelMix = [.emergency: 1]
        s.resolveShare = [.emergency: 1]
        s.handlingSeconds = [.emergency: 180]
        s.callHandlers = 8
        s.autoDispatch = false
        let (_, world) = try HeadlessRun.run(s, force: try DemoForce.load(), seed: 11)
        var rang: [ContactID: Instant] = [:]
        var waits: [Double] = []
        for e in world.events {
            switch e.change {
            case .contactReceived(let p): rang[p.contact] = e.at
            case .contactAnswered(let p):
                if let t = rang.removeValue(forKey: p.contact) { waits.append(Double((e.at - t).seconds)) }
            default: break
            }
        }
        let theory = ErlangQueue(callsPerHour: 120, handleSeconds: 180, agents: 8)
        let expectedCalls = 120.0 * 24 * 8
        let callsOff = abs(Double(waits.count) - expectedCalls)
        #expect(callsOff < 4 * expectedCalls.squareRoot(), "Poisson arrivals at the set rate: \(waits.count) calls")
        let wait = Self.batchMean(waits)
        let waited = Self.batchMean(waits.map { $0 > 0 ? 1 : 0 })
        // Times are whole seconds, so allow one second (and one in a hundred callers) beyond sampling error.
        let waitOff = abs(wait.mean - theory.meanWaitSeconds), waitAllowed = 4 * wait.se + 1
        let waitedOff = abs(waited.mean - theory.probabilityOfWaiting), waitedAllowed = 4 * waited.se + 0.01
        #expect(
            waitOff < waitAllowed,
            "mean wait \(wait.mean) ± \(wait.se) s against Erlang C's \(theory.meanWaitSeconds) s")
        #expect(
            waitedOff < waitedAllowed,
            "P(wait) \(waited.mean) ± \(waited.se) against Erlang C's \(theory.probabilityOfWaiting)")
        #expect(wait.se < 0.15 * theory.meanWaitSeconds, "the run is long enough to tell")
    }

    /// One tiny area and ten response units: travel takes no time, so units are servers and incidents are customers.
    static let pointForce = """
        [force]
        code = "MQ"
        name = "Queueing test force"

        [[areas]]
        id = "q"
        name = "Q"
        centre = [52.5, -1.9]
        speed_kmh = 130
        outline = [[52.49995, -1.90005], [52.50005, -1.90005], [52.50005, -1.89995], [52.49995, -1.89995]]

        [[stations]]
        id = "s"
        name = "S"
        area = "q"
        at = [52.5, -1.9]

        [[operators]]
        id = "S1"
        name = "Supervisor"
        role = "supervisor"

        """
        + (1...10).map { "[[units]]\ncallsign = \"Q\($0 + 10)\"\ntype = \"response\"\nstation = \"s\"\n" }.joined(
            separator: "\n")

    @Test func dispatchMatchesMMc() throws {
        // 14 incidents an hour, 30 minutes each at scene (exponential), 10 units: 7 erlangs on 10 servers.
        let force = try ForceLoader.parse(Self.pointForce, file: "queueing.toml")
        var s = Self.flat(try ScenarioLoader.load("weekday"), hours: 24 * 40)
        s.contactsPerDay = 14 * 24
        s.channelMix = [.emergency: 1]
        s.resolveShare = [:]
        s.gradeMix = [.priority: 1]
        s.categories = [.init(category: Category(.crime, "theft"), weight: 1)]
        s.callHandlers = 50
        s.handlingSeconds = [.emergency: 1]
        s.mobiliseMinutes = .exponential(mean: 0)
        s.onSceneMinutes = Dictionary(
            uniqueKeysWithValues: CategoryKind.allCases.map { ($0, Spread.exponential(mean: 30)) })
        s.transportShare = 0
        s.shifts = [.init(startMinute: 7 * 60, response: 10, neighbourhood: 0)]
        let (summary, world) = try HeadlessRun.run(s, force: force, seed: 5)
        var raised: [IncidentRef: Instant] = [:]
        var waits: [Double] = []
        for e in world.events {
            switch e.change {
            case .incidentRaised(let p): raised[p.incident] = e.at
            case .unitAssigned(let p):
                if let t = raised.removeValue(forKey: p.incident) { waits.append(Double((e.at - t).seconds) / 60) }
            default: break
            }
        }
        let theory = ErlangQueue(callsPerHour: 14, handleSeconds: 30 * 60, agents: 10)
        let wait = Self.batchMean(waits)
        #expect(waits.count > 12_000)
        let theoryMinutes = theory.meanWaitSeconds / 60
        let off = abs(wait.mean - theoryMinutes), allowed = 4 * wait.se + 0.05
        let utilisationOff = abs(summary.unitUtilisation - theory.occupancy)
        #expect(
            off < allowed,
            "mean wait for a unit \(wait.mean) ± \(wait.se) min against M/M/c's \(theory.meanWaitSeconds / 60) min")
        #expect(
            utilisationOff < 0.03,
            "utilisation \(summary.unitUtilisation) against M/M/c's \(theory.occupancy)")
        #expect(wait.se < 0.15 * theoryMinutes, "the run is long enough to tell")
    }
}
