import Testing
import VigilCore
import VigilForce
@testable import VigilSim

/// Readers of a signed log apply an event only when `decide` would make it, by its operator then. These runs check
/// that every event real work makes passes that test: a reader must never refuse genuine work.
@Suite("every event the simulated room makes is one decide makes")
struct RedecideTests {
    @Test(arguments: ["weekday", "friday-night", "major-incident"])
    func everySimulatedEventIsRedecidedAsMade(_ name: String) throws {
        let scenario = try ScenarioLoader.load(name)
        let force = try DemoForce.load()
        let (_, world) = try HeadlessRun.run(scenario, force: force, seed: 11, hours: 8)
        var state = force.initialState(at: world.events.first!.at)
        var refused: [String] = []
        for event in world.events {
            if let why = state.whyNotDecided(event) { refused.append("\(event.change.typeName): \(why)") }
            state.apply(event)
        }
        #expect(world.events.count > 1000)
        #expect(refused.isEmpty, "\(refused.count) refused, first \(refused.prefix(5))")
    }
}
