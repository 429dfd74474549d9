import Testing
import VigilCore
import VigilForce
import VigilSim
@testable import vigil

/// The demo opened at 04:00 was as quiet as the force at 04:00: it started two hours before the wall clock's hour.
@Suite("the demo")
struct DemoTests {
    @Test func theDemoOpensOnFridaysEveningPeakWhateverTheHour() throws {
        let scenario = try Demo.scenario()
        #expect(scenario.start == Demo.start)
        let local = (Demo.start + Demo.warmUp).ukLocal
        #expect(local.date.weekday == 5 && local.hour == 18, "Friday 18:00 when the console opens")
        // Played forward as the demo plays it: the force is busy from the first second. (Started at 02:00 instead,
        // it has 61 open and 57 committed: the quiet the old demo showed at 04:00.)
        var world = MemoryWorld(state: try DemoForce.load().initialState(at: scenario.start))
        var sim = Simulation(scenario: scenario, seed: 4)
        try sim.begin(&world)
        try sim.run(until: Demo.start + Demo.warmUp, world: &world)
        let open = world.state.openIncidents.count
        let committed = world.state.units.values.filter { $0.incident != nil }.count
        #expect(open >= 100, "\(open) incidents open at 18:00")
        #expect(committed >= 90, "\(committed) units committed at 18:00")
    }

    @Test func leavingTheDemoNamesTheReportCommand() {
        #expect(
            Demo.quitMessage(path: "/tmp/d.sqlite")
                == "The demo log is /tmp/d.sqlite: `vigil report --db /tmp/d.sqlite` debriefs it.")
    }
}
