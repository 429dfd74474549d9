/// A unit ranked for an incident, with why it scored as it did.
public struct Candidate: Hashable, Sendable {
    public var callsign: Callsign
    public var type: UnitType
    public var distanceKm: Double
    public var eta: Duration
    /// ETA in minutes plus penalties; lower is better.
    public var score: Double
    public var penalties: [Penalty]
    /// One line: callsign, ETA, distance, type and what counted.
    public var reason: String
    /// For all but the best: why it lost to the best.
    public var lostBecause: String?
}

/// A handicap in minutes, with its reason.
public struct Penalty: Hashable, Sendable {
    public var minutes: Double
    public var reason: String
}

/// The ranked units for one incident.
public struct Recommendation: Hashable, Sendable {
    public var incident: IncidentRef
    public var candidates: [Candidate]
    /// Free units looked at before the search could stop.
    public var considered: Int
    /// Set when no unit should be sent, e.g. grade 4.
    public var note: String?
    public var best: Candidate? { candidates.first }
}

extension DispatchState {
    /// Ranks free units for `ref`: ETA by the travel model, type against grade, required skills, home area and coverage.
    /// Searches the grid ring by ring and stops once no further unit can beat the `limit`-th best.
    public func recommend(for ref: IncidentRef, limit: Int = 8) -> Recommendation {
        guard let incident = incidents[ref], incident.isOpen else {
            return Recommendation(incident: ref, candidates: [], considered: 0, note: "\(ref) is not open")
        }
        guard incident.grade != .resolution else {
            return Recommendation(
                incident: ref, candidates: [], considered: 0, note: "Grade 4: resolution without deployment")
        }
        let speed = force.area(incident.area)?.speedKmh ?? 40
        let travel = force.travel
        let rules = RecommendationRules(incident: incident, desks: self)
        // Phase 1 scores with numbers only; phase 2 writes reasons for the few that are kept.
        var top: [(score: Double, slot: Int32)] = []
        var worst = Double.infinity
        var considered = 0
        // Locals only inside the search's closure: capturing `self` there copies the whole state on every call.
        let index = self.index
        let location = incident.location
        let centre = index.cell(location)
        let cap = max(1, limit)
        let trimAt = cap >= Int.max / 2 ? Int.max : 2 * cap
        let unitValues = units.values
        func ordered(_ a: (score: Double, slot: Int32), _ b: (score: Double, slot: Int32)) -> Bool {
            a.score != b.score ? a.score < b.score : unitValues[Int(a.slot)].callsign < unitValues[Int(b.slot)].callsign
        }
        func trim() {
            top.sort(by: ordered)
            if top.count > cap { top.removeLast(top.count - cap) }
            if top.count == cap { worst = top[cap - 1].score }
        }
        for ring in 0...index.maxRing {
            // Every unit in this ring is at least (ring-1) cells away; stop when that cannot beat the worst kept.
            if worst < .infinity, ring >= 2,
                travel.etaMinutes(km: Double(ring - 1) * index.cellKm, speedKmh: speed) > worst
            {
                break
            }
            index.ring(ring, around: centre) { spot in
                considered += 1
                // Penalties only add, so a unit whose drive alone is worse than the worst kept is out without reading it.
                let eta = travel.etaMinutes(km: index.distanceKm(spot.position, location), speedKmh: speed)
                guard eta <= worst else { return }
                // Read in place, not copied out: a unit holds several strings and a set.
                var extra = 0.0
                guard rules.penalties(unitValues[Int(spot.slot)], index: index, { m, _ in extra += m }) else { return }
                let score = eta + extra
                guard score <= worst else { return }
                top.append((score, spot.slot))
                if top.count >= trimAt { trim() }
            }
            if top.count >= cap { trim() }
            // Every free unit has been looked at: the empty cells beyond cannot add one.
            if considered >= index.count { break }
        }
        top.sort(by: ordered)
        if top.count > cap { top.removeLast(top.count - cap) }
        var candidates = top.map {
            rules.candidate(unitValues[Int($0.slot)], score: $0.score, state: self, travel: travel, speed: speed)
        }
        if let best = candidates.first {
            for i in candidates.indices.dropFirst() {
                candidates[i].lostBecause = rules.whyLost(candidates[i], to: best)
            }
        }
        return Recommendation(
            incident: ref, candidates: candidates, considered: considered,
            note: candidates.isEmpty ? "No free unit may attend; consider moving units in from another area" : nil)
    }
}

/// Why a unit is handicapped, before it is put into words.
enum PenaltyKind: Hashable {
    case responseOnScheduled, neighbourhoodOnUrgent, outsideBeat, armedKept, roadsUnit, dogKept, specialistOnScheduled,
        noFirearms, noTaser, singleCrewed, onRefreshment, crossesFrom(AreaID), lastFreeResponse(AreaID),
        otherDesk(AreaID), writingUp

    func reason(_ areaName: (AreaID) -> String) -> String {
        switch self {
        case .responseOnScheduled: "response unit on a scheduled job"
        case .neighbourhoodOnUrgent: "neighbourhood unit: urgent work only when nothing else is near"
        case .outsideBeat: "outside its own beat"
        case .armedKept: "armed unit kept for firearms work"
        case .roadsUnit: "roads policing unit"
        case .dogKept: "dog unit kept for searches"
        case .specialistOnScheduled: "specialist unit on a scheduled job"
        case .noFirearms: "no firearms officers; address flagged firearms known"
        case .noTaser: "no taser; weapon reported"
        case .singleCrewed: "single-crewed at an officer-safety address"
        case .onRefreshment: "on refreshment"
        case .crossesFrom(let a): "crosses from \(areaName(a))"
        case .lastFreeResponse(let a): "last free response unit in \(areaName(a))"
        case .writingUp: "writing up"
        case .otherDesk(let a): "on another dispatcher's desk (\(areaName(a)))"
        }
    }
}

/// The scoring rules for one incident.
struct RecommendationRules {
    let incident: Incident
    let urgent: Bool
    let firearms: Bool
    let officerSafety: Bool
    let weapon: Bool
    /// Set only while a person holds a desk: each area's desk, and whether it is a person's. A unit from another
    /// desk than the incident's, where either is a person's, is theirs to lend, so it ranks below the desk's own.
    let deskOf: [AreaID: (desk: DeskID, person: Bool)]?

    init(incident: Incident, desks state: DispatchState) {
        self.incident = incident
        if state.deskHolders.isEmpty {
            deskOf = nil
        } else {
            var map: [AreaID: (desk: DeskID, person: Bool)] = [:]
            for d in state.force.desks { for a in d.areas { map[a] = (d.id, state.deskHolders[d.id] != nil) } }
            deskOf = map
        }
        urgent = incident.grade <= .priority
        firearms = incident.flags.contains { $0.kind == .firearms }
        officerSafety = incident.flags.contains { $0.kind == .officerSafety }
        weapon = incident.opening.qualifiers.contains(.weapon) || incident.opening.detail == "weapons"
    }

    /// Reports each penalty for `u`; false when the unit may not attend at all.
    @inline(__always)
    func penalties(_ u: borrowing PoliceUnit, index: UnitIndex, _ add: (Double, PenaltyKind) -> Void) -> Bool {
        guard u.incident == nil else { return false }
        switch u.status {
        case .available, .atStation: break
        case .refreshment, .writeUp: guard incident.grade == .emergency else { return false }
        default: return false
        }
        switch (u.type, urgent) {
        case (.custodyVan, _): return false
        case (.response, true): break
        case (.response, false): add(5, .responseOnScheduled)
        case (.neighbourhood, true): add(10, .neighbourhoodOnUrgent)
        case (.neighbourhood, false): if let beat = u.homeBeat, beat != incident.beat { add(3, .outsideBeat) }
        case (.armed, _): if !firearms { add(8, .armedKept) }
        case (.roads, _): if incident.opening.kind != .transport { add(4, .roadsUnit) }
        case (.dog, _): add(6, .dogKept)
        }
        if !urgent && (u.type == .armed || u.type == .roads || u.type == .dog) { add(20, .specialistOnScheduled) }
        if firearms && urgent && !u.skills.contains(.firearms) { add(15, .noFirearms) }
        if weapon && urgent && !u.skills.contains(.taser) && !u.skills.contains(.firearms) { add(5, .noTaser) }
        if officerSafety && u.crew < 2 { add(5, .singleCrewed) }
        if u.status == .refreshment { add(5, .onRefreshment) }
        if u.status == .writeUp { add(5, .writingUp) }
        if u.area != incident.area {
            add(3, .crossesFrom(u.area))
            if let deskOf {
                let mine = deskOf[u.area], theirs = deskOf[incident.area]
                if mine?.desk != theirs?.desk, mine?.person == true || theirs?.person == true {
                    add(10, .otherDesk(u.area))
                }
            }
        }
        if !urgent && u.type == .response && u.status.isDeployable && index.freeResponse[u.area, default: 0] <= 1 {
            add(30, .lastFreeResponse(u.area))
        }
        return true
    }

    /// The full candidate, with its penalties and reason in words.
    func candidate(_ u: PoliceUnit, score: Double, state: DispatchState, travel: TravelModel, speed: Double)
        -> Candidate
    {
        let name = { (a: AreaID) in state.force.area(a)?.name ?? a }
        var p: [Penalty] = []
        _ = penalties(u, index: state.index) { m, kind in p.append(Penalty(minutes: m, reason: kind.reason(name))) }
        let km = state.index.distanceKm(u.position, incident.location)
        let minutes = travel.etaMinutes(km: km, speedKmh: speed)
        var words = ["\(u.callsign) \(Int(minutes.rounded())) min (\(oneDecimal(km)) km)", u.type.label]
        if !u.skills.isEmpty { words.append(u.skillsText) }
        words.append(contentsOf: p.map { "\($0.reason) +\(Int($0.minutes))" })
        return Candidate(
            callsign: u.callsign, type: u.type, distanceKm: km, eta: travel.eta(km: km, speedKmh: speed),
            score: score, penalties: p, reason: words.joined(separator: "; "), lostBecause: nil)
    }

    func whyLost(_ c: Candidate, to best: Candidate) -> String {
        var parts: [String] = []
        let slower = (c.eta - best.eta).minutes
        if slower >= 0.5 { parts.append("\(Int(slower.rounded())) min further than \(best.callsign)") }
        parts.append(
            contentsOf: c.penalties.filter { p in !best.penalties.contains(p) }.map {
                "\($0.reason) (+\(Int($0.minutes)))"
            })
        if parts.isEmpty { parts.append("ties with \(best.callsign); callsign order") }
        return parts.joined(separator: "; ")
    }
}

func oneDecimal(_ x: Double) -> String {
    // A distance from a place off the map (a hand-made event) is said, never a trap.
    guard x.isFinite, abs(x) < 1e12 else { return "?" }
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
}

/// How one unit measures up for an incident by the recommendation's rules: scored like a candidate, or why it may not go.
public enum UnitAssessment: Hashable, Sendable {
    case candidate(Candidate)
    case ineligible(String)
}

extension DispatchState {
    /// Scores `cs` for `ref` as the recommendation would now, so a dispatcher's choice can be set beside the best one.
    public func assess(_ cs: Callsign, for ref: IncidentRef) -> UnitAssessment {
        guard let incident = incidents[ref] else { return .ineligible("\(ref) is not in memory") }
        guard let u = units[cs] else { return .ineligible("\(cs) is not a unit of this force") }
        let rules = RecommendationRules(incident: incident, desks: self)
        var extra = 0.0
        guard rules.penalties(u, index: index, { m, _ in extra += m }) else {
            if let busy = u.incident { return .ineligible("already committed to \(busy)") }
            if u.type == .custodyVan { return .ineligible("custody van: not sent to attend") }
            if u.status == .refreshment { return .ineligible("on refreshment: broken only for grade 1") }
            return .ineligible("\(u.status.label), not free")
        }
        let speed = force.area(incident.area)?.speedKmh ?? 40
        let score =
            force.travel.etaMinutes(km: index.distanceKm(u.position, incident.location), speedKmh: speed) + extra
        return .candidate(rules.candidate(u, score: score, state: self, travel: force.travel, speed: speed))
    }
}
