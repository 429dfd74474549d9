import VigilCore

/// What the trainer's screen knows beyond the log: the scenario's injects and the trainees' running scores,
/// worked out by whoever runs the simulation.
public struct TrainingInfo: Hashable, Sendable {
    public struct Inject: Hashable, Sendable {
        public var label: String
        public var at: Instant
        public var fired: Bool
        public init(label: String, at: Instant, fired: Bool) { self.label = label; self.at = at; self.fired = fired }
    }

    public struct Score: Hashable, Sendable {
        public var operatorID: OperatorID
        public var assignments: Int
        public var topChoices: Int
        public var etaLostMinutes: Double
        public var rulesBroken: Int
        public init(operatorID: OperatorID, assignments: Int, topChoices: Int, etaLostMinutes: Double, rulesBroken: Int)
        {
            self.operatorID = operatorID; self.assignments = assignments; self.topChoices = topChoices
            self.etaLostMinutes = etaLostMinutes; self.rulesBroken = rulesBroken
        }
    }

    public var scenario: String
    public var start: Instant
    public var end: Instant
    public var injects: [Inject]
    public var scores: [Score]
    /// Grade 1 and 2 response against target so far: (within, attended) per grade.
    public var response: [Grade: (within: Int, attended: Int)]
    /// The debrief's lines (Markdown), for the end of the shift or on request.
    public var debrief: [String]

    public init(
        scenario: String, start: Instant, end: Instant, injects: [Inject], scores: [Score] = [],
        response: [Grade: (within: Int, attended: Int)] = [:], debrief: [String] = []
    ) {
        self.scenario = scenario; self.start = start; self.end = end; self.injects = injects; self.scores = scores
        self.response = response; self.debrief = debrief
    }

    public static func == (a: TrainingInfo, b: TrainingInfo) -> Bool {
        a.scenario == b.scenario && a.injects == b.injects && a.scores == b.scores && a.debrief == b.debrief
            && a.response.mapValues { [$0.within, $0.attended] } == b.response.mapValues { [$0.within, $0.attended] }
    }
    public func hash(into h: inout Hasher) { h.combine(scenario); h.combine(injects) }
}
