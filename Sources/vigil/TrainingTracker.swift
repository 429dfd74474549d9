import VigilCore
import VigilSim
import VigilStore
import VigilTUI

/// Keeps the trainer's screen up to date: folds every event of the log into a debrief (so trainees' choices are
/// scored against the recommendation at the moment they made them) and reports the scenario's injects.
final class TrainingTracker {
    let scenario: Scenario
    let store: EventStore
    var debrief: Debrief
    var seq: Int64 = 0
    var debriefLines: [String] = []
    var debriefAt: Int64 = -1

    init(scenario: Scenario, store: EventStore) throws {
        self.scenario = scenario
        self.store = store
        let header = try store.header()
        let force = try store.loadedForce()
        debrief = Debrief(from: force.initialState(at: header.createdAt), at: header.createdAt)
        try catchUp()
    }

    /// Folds in whatever the log has gained since last time.
    func catchUp() throws {
        while true {
            let page = try store.read(after: seq, limit: 10_000)
            guard let last = page.last else { return }
            for e in page { debrief.add(e.event) }
            seq = last.seq
        }
    }

    func info(sim: Simulation?, wantDebrief: Bool) throws -> TrainingInfo {
        try catchUp()
        let fired = Set(sim?.fired.map(\.inject) ?? [])
        let injects = scenario.injects.enumerated().map { k, i in
            TrainingInfo.Inject(label: i.label, at: i.at, fired: fired.contains(k))
        }
        // Trainees are the people: the simulator's own operators are not scored.
        let simulated = Set(SimOperators.all.map(\.id))
        let scores = debrief.byOperator.filter { !simulated.contains($0.operatorID) }.map {
            TrainingInfo.Score(
                operatorID: $0.operatorID, assignments: $0.assignments, topChoices: $0.top, etaLostMinutes: $0.etaLost,
                rulesBroken: $0.broken)
        }
        var response: [Grade: (within: Int, attended: Int)] = [:]
        for g in [Grade.emergency, .priority] {
            response[g] = (debrief.stats.withinTarget[g] ?? 0, debrief.stats.responseMinutes[g]?.count ?? 0)
        }
        if wantDebrief, debriefAt != seq {
            debriefLines = DebriefText(
                debrief, title: "\(scenario.name) training shift", injectLabels: scenario.injects.map(\.label)
            ).markdown(limit: 40).split(
                separator: "\n", omittingEmptySubsequences: false
            ).map(String.init)
            debriefAt = seq
        }
        return TrainingInfo(
            scenario: scenario.name, start: scenario.start, end: scenario.end, injects: injects, scores: scores,
            response: response, debrief: debriefLines)
    }
}
