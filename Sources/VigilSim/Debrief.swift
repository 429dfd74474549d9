import VigilCore

/// The scoring of a shift from its events: response against targets, breaches, answer times, unresourced time, and
/// every assignment set beside the recommendation at that moment. It folds any log, simulated or live.
public struct Debrief: Sendable {
    /// The state just before the next event; assignments are judged against it.
    public private(set) var state: DispatchState
    /// The injects fired, in order.
    public private(set) var injects: [InjectRecord] = []
    /// Seconds each operator's answered calls had rung, by operator.
    public private(set) var answerSeconds: [OperatorID: [Double]] = [:]
    /// Minutes from raising (or regrading) to the first unit, by the operator who assigned it and the grade.
    public private(set) var firstUnitMinutes: [OperatorID: [Grade: [Double]]] = [:]
    /// When each contact still waiting arrived.
    var rang: [ContactID: Instant] = [:]
    /// The grade each simulated call really warranted, until it is raised.
    var warranted: [ContactID: Grade] = [:]
    /// Incidents each operator raised from a call whose true grade was known: how many, and how many at that grade.
    public private(set) var grading: [OperatorID: (raised: Int, right: Int)] = [:]
    public private(set) var stats: ShiftStats
    public private(set) var outcomes: [IncidentRef: IncidentOutcome] = [:]
    public private(set) var assignments: [AssignmentReview] = []
    public private(set) var first: Instant?
    public private(set) var last: Instant?

    /// One incident's course, as response targets count it.
    public struct IncidentOutcome: Hashable, Sendable {
        public var ref: IncidentRef
        public var grade: Grade
        public var category: Category
        public var area: String
        public var rural: Bool
        /// Raised, or last graded: the clock a response target runs from.
        public var since: Instant
        public var firstAssigned: Instant?
        public var firstAtScene: Instant?
        public var closed: Instant?
        public var units: [Callsign] = []
        /// The desk that works its area, and the people who held that desk while it waited for a unit at scene: its
        /// breach, if any, is theirs.
        public var desk: DeskID?
        public var deskHolders: Set<OperatorID> = []

        /// The arrival target for its grade, if it has one.
        public var target: Duration? { grade.target(rural: rural) }

        /// Minutes from the target's start to the first unit at scene, or to `end` when none came.
        public func responseMinutes(until end: Instant) -> Double {
            Double(((firstAtScene ?? closed ?? end) - since).seconds) / 60
        }

        /// Whether it missed its target: a unit came late, or none had come by `end` and the target had passed.
        public func breached(by end: Instant) -> Bool {
            guard let target else { return false }
            if let at = firstAtScene { return at - since > target }
            return closed == nil && end - since > target
        }
    }

    /// A scenario inject as the log recorded it.
    public struct InjectRecord: Hashable, Sendable {
        public var at: Instant
        /// Its number in the scenario, from 1.
        public var inject: Int
        public var operatorID: OperatorID
        /// Fired again on purpose, after it had fired.
        public var repeated: Bool
    }

    /// One unit assigned, beside the best unit the recommendation offered at that moment.
    public struct AssignmentReview: Hashable, Sendable {
        public var at: Instant
        public var operatorID: OperatorID
        public var incident: IncidentRef
        public var grade: Grade
        public var chosen: Callsign
        public var chosenETA: Duration?
        public var recommended: Callsign?
        public var recommendedETA: Duration?
        /// The recommendation's own choice, or one scoring the same.
        public var topChoice: Bool
        /// Minutes later the chosen unit arrives than the recommended one would have (0 when sooner or equal).
        public var etaLostMinutes: Double
        /// Rules the choice broke that the recommended unit did not, in words.
        public var rulesBroken: [String]
    }

    /// Starts from the state before the first event to be folded, as it stood at `start`.
    public init(from state: DispatchState, at start: Instant) {
        self.state = state
        stats = ShiftStats(from: state, at: start)
    }

    /// Folds one event in, judging it against the state before it.
    public mutating func add(_ e: Event) {
        if first == nil { first = e.at }
        last = e.at
        stats.add(e)
        switch e.change {
        case .contactReceived(let p):
            rang[p.contact] = e.at
            if let g = p.trueGrade { warranted[p.contact] = g }
        case .contactAnswered(let p):
            if let t = rang.removeValue(forKey: p.contact) {
                answerSeconds[e.operatorID, default: []].append(Double((e.at - t).seconds))
            }
        case .injectFired(let p):
            injects.append(
                InjectRecord(at: e.at, inject: p.inject, operatorID: e.operatorID, repeated: p.repeated == true))
        case .incidentRaised(let p):
            if let g = warranted.removeValue(forKey: p.contact) {
                var row = grading[e.operatorID] ?? (0, 0)
                row.raised += 1
                if p.grade == g { row.right += 1 }
                grading[e.operatorID] = row
            }
            var outcome = IncidentOutcome(
                ref: p.incident, grade: p.grade, category: p.category,
                area: state.force.area(p.area)?.name ?? p.area, rural: p.rural, since: e.at)
            outcome.desk = state.force.desk(forArea: p.area)?.id
            if let desk = outcome.desk, let holder = state.deskHolders[desk] { outcome.deskHolders.insert(holder) }
            outcomes[p.incident] = outcome
        case .deskTaken(let p):
            // Desks change hands rarely, so every incident still waiting on the desk is looked at.
            for (ref, o) in outcomes where o.desk == p.desk && o.firstAtScene == nil && o.closed == nil {
                outcomes[ref]?.deskHolders.insert(p.operator)
            }
        case .incidentGraded(let p):
            if outcomes[p.incident]?.firstAtScene == nil {
                outcomes[p.incident]?.grade = p.grade
                outcomes[p.incident]?.since = e.at
            }
        case .unitAssigned(let p):
            let (cs, ref) = (p.unit, p.incident)
            review(cs, ref, e)
            if let o = outcomes[ref], o.firstAssigned == nil {
                outcomes[ref]?.firstAssigned = e.at
                firstUnitMinutes[e.operatorID, default: [:]][o.grade, default: []].append(
                    Double((e.at - o.since).seconds) / 60)
            }
            outcomes[ref]?.units.append(cs)
        case .unitStatusChanged(let p) where p.status == .atScene:
            if let ref = state.units[p.unit]?.incident, outcomes[ref]?.firstAtScene == nil {
                outcomes[ref]?.firstAtScene = e.at
            }
        case .incidentClosed(let p):
            outcomes[p.incident]?.closed = e.at
        case .incidentMerged(let p):
            outcomes[p.incident]?.closed = e.at
        default:
            break
        }
        state.apply(e)
    }

    mutating func review(_ cs: Callsign, _ ref: IncidentRef, _ e: Event) {
        guard let incident = state.incidents[ref] else { return }
        let best = state.recommend(for: ref, limit: 1).best
        var r = AssignmentReview(
            at: e.at, operatorID: e.operatorID, incident: ref, grade: incident.grade, chosen: cs,
            chosenETA: nil, recommended: best?.callsign, recommendedETA: best?.eta,
            topChoice: best == nil || best?.callsign == cs, etaLostMinutes: 0, rulesBroken: [])
        switch state.assess(cs, for: ref) {
        case .candidate(let c):
            r.chosenETA = c.eta
            if let best {
                r.topChoice = r.topChoice || c.score <= best.score + 1e-9
                r.etaLostMinutes = max(0, (c.eta - best.eta).minutes)
                r.rulesBroken = c.penalties.filter { !best.penalties.contains($0) }.map(\.reason)
            }
        case .ineligible(let why):
            r.topChoice = false
            r.rulesBroken = [why]
        }
        assignments.append(r)
    }

    /// Per operator: assignments made, how many were the top choice, minutes of ETA lost, rules broken.
    public var byOperator: [(operatorID: OperatorID, assignments: Int, top: Int, etaLost: Double, broken: Int)] {
        var rows: [OperatorID: (Int, Int, Double, Int)] = [:]
        for a in assignments {
            var row = rows[a.operatorID] ?? (0, 0, 0, 0)
            row.0 += 1
            if a.topChoice { row.1 += 1 }
            row.2 += a.etaLostMinutes
            if !a.rulesBroken.isEmpty { row.3 += 1 }
            rows[a.operatorID] = row
        }
        return rows.sorted { $0.key < $1.key }.map { ($0.key, $0.value.0, $0.value.1, $0.value.2, $0.value.3) }
    }

    /// Per person who held a desk: grade 1 and 2 incidents that waited on their desk, and how many of those breached.
    public func deskScores(by end: Instant) -> [OperatorID: (incidents: Int, breached: Int)] {
        var out: [OperatorID: (incidents: Int, breached: Int)] = [:]
        for o in outcomes.values where o.grade <= .priority {
            let missed = o.breached(by: end)
            for h in o.deskHolders {
                var row = out[h] ?? (0, 0)
                row.incidents += 1
                if missed { row.breached += 1 }
                out[h] = row
            }
        }
        return out
    }

    /// Incidents that missed their target by `end`, oldest first.
    public func breaches(by end: Instant) -> [IncidentOutcome] {
        outcomes.values.filter { $0.breached(by: end) }.sorted { ($0.since, $0.ref) < ($1.since, $1.ref) }
    }

    /// Minutes from the target's start to the first assignment, per grade (incidents never resourced count to `end`).
    public func unresourcedMinutes(until end: Instant) -> [Grade: [Double]] {
        var out: [Grade: [Double]] = [:]
        for o in outcomes.values where o.grade != .resolution {
            let until = o.firstAssigned ?? o.closed ?? end
            out[o.grade, default: []].append(Double((until - o.since).seconds) / 60)
        }
        return out
    }
}
