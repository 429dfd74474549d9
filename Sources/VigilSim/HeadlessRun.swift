import VigilCore
import VigilForce

/// The figures a headless run reports (the `--json` object's fields).
public struct ShiftSummary: Codable, Hashable, Sendable {
    public var scenario: String
    public var seed: UInt64
    public var hours: Double
    public var incidents: Int
    public var contacts: Int
    public var dispatched: Int
    public var events: Int
    public var responseMinutes: [String: Percentiles]
    public var emergencyWithinTarget: Double
    public var priorityWithinTarget: Double
    public var answerSeconds999: Percentiles
    public var unitUtilisation: Double
    /// Committed over on-duty time of response units only.
    public var responseUtilisation: Double
    public var maxUnresourced: Int
    /// Units lent by neighbouring forces during the run, and assignments they took.
    public var mutualAidUnits: Int
    public var mutualAidAssignments: Int
    public var wallSeconds: Double

    enum CodingKeys: String, CodingKey {
        case scenario, seed, hours, incidents, contacts, dispatched, events, responseMinutes = "response_minutes"
        case emergencyWithinTarget = "emergency_within_target", priorityWithinTarget = "priority_within_target"
        case answerSeconds999 = "answer_seconds_999", unitUtilisation = "unit_utilisation", maxUnresourced =
            "max_unresourced", responseUtilisation = "response_utilisation"
        case mutualAidUnits = "mutual_aid_units", mutualAidAssignments = "mutual_aid_assignments"
        case wallSeconds = "wall_seconds"
    }

    public init(scenario: Scenario, seed: UInt64, hours: Double, stats: ShiftStats, end: Instant) {
        self.scenario = scenario.name
        self.seed = seed
        self.hours = hours
        incidents = stats.incidents
        contacts = stats.contacts
        dispatched = stats.dispatched
        events = stats.events
        responseMinutes = [
            "emergency": Percentiles(stats.responseMinutes[.emergency] ?? []),
            "priority": Percentiles(stats.responseMinutes[.priority] ?? []),
        ]
        emergencyWithinTarget = stats.withinTargetShare(.emergency, until: end)
        priorityWithinTarget = stats.withinTargetShare(.priority, until: end)
        answerSeconds999 = Percentiles(stats.answerSeconds[.emergency] ?? [])
        unitUtilisation = stats.utilisation(until: end)
        responseUtilisation = stats.responseUtilisation(until: end)
        maxUnresourced = stats.maxUnresourced
        mutualAidUnits = stats.aidUnits.count
        mutualAidAssignments = stats.aidAssignments
        wallSeconds = 0
    }
}

/// Runs a whole shift as fast as it can, in memory.
public enum HeadlessRun {
    /// The force a scenario names.
    public static func force(for scenario: Scenario) throws(TOMLFileError) -> (LoadedForce, text: String) {
        if scenario.force == "demo" { return (try DemoForce.load(), try DemoForce.text()) }
        return try ForceLoader.read(path: scenario.force)
    }

    /// Runs `hours` of the scenario with `seed`; `progress` is called with the fraction done now and then.
    public static func run(
        _ scenario: Scenario, force: LoadedForce, seed: UInt64, hours: Double? = nil, keepEvents: Bool = true,
        progress: (Double) -> Void = { _ in }
    ) throws -> (ShiftSummary, world: MemoryWorld) {
        var scenario = scenario
        if let hours { scenario.hours = hours }
        let initial = force.initialState(at: scenario.start)
        // The world counts as it goes, so the figures need no copy of the events unless they are wanted afterwards.
        var world = MemoryWorld(
            state: initial, counting: ShiftStats(from: initial, at: scenario.start), keepingEvents: keepEvents)
        var sim = Simulation(scenario: scenario, seed: seed)
        // Older work is archived out of memory, so room for at most a day is made up front; the registers grow past
        // that if they must. About three calls in four become incidents.
        let day = min(sim.expectedContacts, Int(Double(sim.expectedContacts) * 24 / max(scenario.hours, 1)))
        world.reserveCapacity(incidents: day * 3 / 4, contacts: day)
        try sim.begin(&world)
        let end = scenario.end
        var slice = scenario.start
        while slice < end {
            slice = min(end, slice + .minutes(15))
            try sim.run(until: slice, world: &world)
            progress(Double((slice - scenario.start).seconds) / Double((end - scenario.start).seconds))
        }
        let stats = world.stats ?? ShiftStats(from: initial, at: scenario.start)
        return (ShiftSummary(scenario: scenario, seed: seed, hours: scenario.hours, stats: stats, end: end), world)
    }
}
