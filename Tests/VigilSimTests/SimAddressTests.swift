import Testing
import VigilCore
import VigilForce
@testable import VigilSim

@Suite("simulated callers give addresses the gazetteer holds")
struct SimAddressTests {
    @Test func everySimulatedAddressIsFoundWhereTheCallerIs() throws {
        let force = try DemoForce.load()
        let (_, world) = try HeadlessRun.run(try ScenarioLoader.load("weekday"), force: force, seed: 3, hours: 3)
        var tried = 0
        var missed: [String] = []
        for e in world.events {
            guard case .contactReceived(let p) = e.change, e.operatorID == SimOperators.intake.id else { continue }
            tried += 1
            switch force.force.gazetteer.resolve(p.details.address) {
            case .success(let m):
                // Found in the caller's district: the street the simulator chose is that beat's.
                if !m.address.contains(
                    p.details.address.split(separator: ",").last!.trimmingCharacters(in: .whitespaces))
                {
                    missed.append("\(p.details.address) → \(m.address)")
                }
            case .failure(let why): missed.append(why.message)
            }
        }
        #expect(tried > 100)
        #expect(missed.isEmpty, "\(missed.count) of \(tried): \(missed.prefix(5))")
    }
}
