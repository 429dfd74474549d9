import VigilCore

/// Figures for a shift, folded from its events: it works the same on a simulation's output and on any log.
public struct ShiftStats: Sendable {
    public private(set) var events = 0
    public private(set) var contacts = 0
    public private(set) var incidents = 0
    public private(set) var dispatched = 0
    public private(set) var incidentsByGrade: [Grade: Int] = [:]
    /// Minutes from raising to the first unit at scene, per grade at arrival.
    public private(set) var responseMinutes: [Grade: [Double]] = [:]
    public private(set) var withinTarget: [Grade: Int] = [:]
    /// Seconds from ringing to answer, per channel.
    public private(set) var answerSeconds: [Channel: [Double]] = [:]
    public private(set) var maxUnresourced = 0
    /// Units neighbouring forces lent (each counted once), and how many times one was sent to an incident.
    public private(set) var aidUnits: Set<Callsign> = []
    public private(set) var aidAssignments = 0

    var received: [ContactID: (Channel, Instant)] = [:]
    var open: [IncidentRef: (grade: Grade, since: Instant, rural: Bool, resourced: Bool, onScene: Bool)] = [:]
    var unresourced = 0
    /// Incidents booked as appointments before a unit was sent: they left the unresourced count when booked.
    var booked: Set<IncidentRef> = []
    // Unit time: committed and on-duty seconds, and each unit's status since when.
    /// Each unit's status since when, whether it is a response unit, and whether a neighbouring force lent it: one
    /// table, so a status change costs one lookup.
    var unitStatus: [Callsign: UnitClock] = [:]
    struct UnitClock {
        var status: UnitStatus
        var since: Instant
        var response: Bool
        var lent = false
    }
    var committedSeconds: Int64 = 0
    var onDutySeconds: Int64 = 0
    /// The same for response units only: the figure a force quotes, since specialists and neighbourhood officers
    /// are not meant to be busy on calls all shift.
    var responseCommittedSeconds: Int64 = 0
    var responseOnDutySeconds: Int64 = 0
    var unitIncident: [Callsign: IncidentRef] = [:]
    var incidentUnits: [IncidentRef: [Callsign]] = [:]

    /// Starts counting from a state (units' statuses at the start matter for utilisation).
    public init(from state: DispatchState, at start: Instant) {
        for u in state.units.values {
            unitStatus[u.callsign] = UnitClock(status: u.status, since: start, response: u.type == .response)
        }
    }

    /// Folds one event in.
    public mutating func add(_ e: Event) {
        events += 1
        switch e.change {
        case .contactReceived(let p):
            contacts += 1
            received[p.contact] = (p.channel, e.at)
        case .contactAnswered(let p):
            if let (channel, at) = received.removeValue(forKey: p.contact) {
                answerSeconds[channel, default: []].append(Double((e.at - at).seconds))
            }
        case .incidentRaised(let p):
            let grade = p.grade
            incidents += 1
            incidentsByGrade[grade, default: 0] += 1
            open[p.incident] = (grade, e.at, p.rural, false, false)
            if grade != .resolution { bumpUnresourced(1) }
        case .incidentGraded(let p):
            let (ref, grade) = (p.incident, p.grade)
            guard var i = open[ref] else { break }
            if !i.resourced, (i.grade == .resolution) != (grade == .resolution) {
                bumpUnresourced(grade == .resolution ? -1 : 1)
            }
            i.grade = grade
            i.since = e.at
            open[ref] = i
        case .unitAssigned(let p):
            let (cs, ref) = (p.unit, p.incident)
            unitIncident[cs] = ref
            incidentUnits[ref, default: []].append(cs)
            if setStatus(cs, .assigned, at: e.at) { aidAssignments += 1 }
            guard var i = open[ref], !i.resourced else { break }
            i.resourced = true
            open[ref] = i
            dispatched += 1
            if i.grade != .resolution, !booked.contains(ref) { bumpUnresourced(-1) }
        case .incidentBooked(let p):
            if let i = open[p.incident], !i.resourced, i.grade != .resolution, booked.insert(p.incident).inserted {
                bumpUnresourced(-1)
            }
        case .unitStatusChanged(let p):
            let (cs, status) = (p.unit, p.status)
            if status == .atScene, let ref = unitIncident[cs], var i = open[ref], !i.onScene {
                i.onScene = true
                open[ref] = i
                let minutes = Double((e.at - i.since).seconds) / 60
                responseMinutes[i.grade, default: []].append(minutes)
                if let target = i.grade.target(rural: i.rural), minutes * 60 <= Double(target.seconds) {
                    withinTarget[i.grade, default: 0] += 1
                }
            }
            setStatus(cs, status, at: e.at)
        case .incidentClosed, .incidentMerged:
            // Both close the first incident they name (a merge closes the duplicate).
            guard let ref = e.change.incidents.first else { break }
            if let i = open.removeValue(forKey: ref), !i.resourced, i.grade != .resolution, !booked.contains(ref) {
                bumpUnresourced(-1)
            }
            booked.remove(ref)
            // Closing releases the units still on it, without an event per unit.
            for cs in incidentUnits.removeValue(forKey: ref) ?? [] { detach(cs, at: e.at) }
        case .mutualAidArrived(let p):
            for cs in p.units {
                aidUnits.insert(cs)
                if unitStatus[cs] == nil {
                    unitStatus[cs] = UnitClock(status: .offDuty, since: e.at, response: true, lent: true)
                }
                setStatus(cs, .atStation, at: e.at)
            }
        case .unitUnassigned(let p):
            incidentUnits[p.incident]?.removeAll { $0 == p.unit }
            detach(p.unit, at: e.at)
        default:
            break
        }
    }

    /// A unit leaves its incident; one still on the way or at scene goes back on patrol, as the core does.
    mutating func detach(_ cs: Callsign, at t: Instant) {
        guard unitIncident.removeValue(forKey: cs) != nil else { return }
        if let status = unitStatus[cs]?.status, [.assigned, .enRoute, .atScene].contains(status) {
            setStatus(cs, .available, at: t)
        }
    }

    mutating func bumpUnresourced(_ d: Int) {
        unresourced += d
        maxUnresourced = max(maxUnresourced, unresourced)
    }

    /// Moves a unit to `status` at `t`, counting the time it spent in the old one; true when the unit was lent.
    @discardableResult
    mutating func setStatus(_ cs: Callsign, _ status: UnitStatus, at t: Instant) -> Bool {
        guard let i = unitStatus.index(forKey: cs) else { return false }
        let c = unitStatus.values[i]
        let span = (t - c.since).seconds
        if c.status.isOnDuty { onDutySeconds += span }
        if Self.busy(c.status) { committedSeconds += span }
        if c.response {
            if c.status.isOnDuty { responseOnDutySeconds += span }
            if Self.busy(c.status) { responseCommittedSeconds += span }
        }
        unitStatus.values[i].status = status
        unitStatus.values[i].since = t
        return c.lent
    }

    /// Time that counts as committed: on an incident (travelling, at scene, with a prisoner) or writing it up.
    static func busy(_ s: UnitStatus) -> Bool { s.isCommitted || s == .writeUp }

    /// Share of on-duty unit time spent committed to incidents, counted up to `end`.
    public func utilisation(until end: Instant) -> Double {
        var committed = committedSeconds, onDuty = onDutySeconds
        for c in unitStatus.values {
            let span = max(0, (end - c.since).seconds)
            if c.status.isOnDuty { onDuty += span }
            if Self.busy(c.status) { committed += span }
        }
        return onDuty > 0 ? Double(committed) / Double(onDuty) : 0
    }

    /// Share of response units' on-duty time committed to incidents (travelling, at scene, with a prisoner), to `end`.
    public func responseUtilisation(until end: Instant) -> Double {
        var committed = responseCommittedSeconds, onDuty = responseOnDutySeconds
        for c in unitStatus.values where c.response {
            let span = max(0, (end - c.since).seconds)
            if c.status.isOnDuty { onDuty += span }
            if Self.busy(c.status) { committed += span }
        }
        return onDuty > 0 ? Double(committed) / Double(onDuty) : 0
    }

    /// Share of incidents of `grade` with a unit at scene within target, out of every one whose outcome is known by
    /// `end`: attended (on time or late), or still waiting with its target passed. One never attended is a miss, so a
    /// stretched force cannot flatter itself by leaving incidents waiting. Left out: incidents closed or merged without
    /// attendance (resolved otherwise, or duplicates), and those still within target at the end.
    public func withinTargetShare(_ grade: Grade, until end: Instant) -> Double {
        let n = judged(grade, until: end)
        return n > 0 ? Double(withinTarget[grade] ?? 0) / Double(n) : 0
    }

    /// The denominator of `withinTargetShare`: attended, plus still waiting past target at `end`.
    public func judged(_ grade: Grade, until end: Instant) -> Int {
        let attended = responseMinutes[grade]?.count ?? 0
        let waitingPast = open.values.filter { i in
            guard i.grade == grade, !i.onScene, let target = grade.target(rural: i.rural) else { return false }
            return end - i.since > target
        }.count
        return attended + waitingPast
    }
}

/// The median and 90th percentile of some values (0 when there are none).
public struct Percentiles: Hashable, Sendable, Codable {
    public var median: Double
    public var p90: Double
    public var count: Int

    public init(_ values: [Double]) {
        let s = values.sorted()
        count = s.count
        func q(_ p: Double) -> Double {
            guard !s.isEmpty else { return 0 }
            let x = p * Double(s.count - 1)
            let lo = Int(x.rounded(.down)), hi = min(lo + 1, s.count - 1)
            return s[lo] + (s[hi] - s[lo]) * (x - Double(lo))
        }
        median = q(0.5)
        p90 = q(0.9)
    }
}
