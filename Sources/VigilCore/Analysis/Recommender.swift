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
            return Recommendation(incident: ref, candidates: [], considered: 0, note: "Grade 4: resolution without deployment")
        }
        let speed = force.area(incident.area)?.speedKmh ?? 40
        let travel = force.travel
        let rules = RecommendationRules(incident: incident, areaNames: Dictionary(force.areas.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
        // Kept unsorted and trimmed in batches, so a full ranking stays O(n log n).
        var top: [Candidate] = []
        var worst = Double.infinity
        var considered = 0
        let centre = index.cell(incident.location)
        let cap = max(1, limit)
        let trimAt = cap >= Int.max / 2 ? Int.max : 2 * cap
        let ordered = { (a: Candidate, b: Candidate) in (a.score, a.callsign) < (b.score, b.callsign) }
        for ring in 0...index.maxRing {
            // Every unit in this ring is at least (ring-1) cells away; stop when that cannot beat the worst kept.
            if worst < .infinity, ring >= 2 {
                let lowerKm = Double(ring - 1) * index.cellKm
                if travel.etaMinutes(km: lowerKm, speedKmh: speed) > worst { break }
            }
            index.ring(ring, around: centre) { cs in
                guard let unit = units[cs] else { return }
                considered += 1
                guard let c = rules.score(unit, index: index, travel: travel, speed: speed), c.score <= worst else { return }
                top.append(c)
                if top.count >= trimAt {
                    top.sort(by: ordered)
                    top.removeLast(top.count - cap)
                    worst = top[cap - 1].score
                }
            }
            if top.count >= cap, worst == .infinity || top.count > cap {
                top.sort(by: ordered)
                if top.count > cap { top.removeLast(top.count - cap) }
                worst = top[cap - 1].score
            }
        }
        top.sort(by: ordered)
        if top.count > cap { top.removeLast(top.count - cap) }
        if let best = top.first {
            for i in top.indices.dropFirst() { top[i].lostBecause = rules.whyLost(top[i], to: best) }
        }
        return Recommendation(incident: ref, candidates: top, considered: considered,
                              note: top.isEmpty ? "No free unit may attend; consider moving units in from another area" : nil)
    }
}

/// The scoring rules for one incident.
struct RecommendationRules {
    let incident: Incident
    let areaNames: [AreaID: String]
    let urgent: Bool
    let firearms: Bool
    let officerSafety: Bool
    let weapon: Bool

    init(incident: Incident, areaNames: [AreaID: String]) {
        self.incident = incident
        self.areaNames = areaNames
        urgent = incident.grade <= .priority
        firearms = incident.flags.contains { $0.kind == .firearms }
        officerSafety = incident.flags.contains { $0.kind == .officerSafety }
        weapon = incident.opening.qualifiers.contains(.weapon) || incident.opening.detail == "weapons"
    }

    func score(_ u: PoliceUnit, index: UnitIndex, travel: TravelModel, speed: Double) -> Candidate? {
        guard u.incident == nil else { return nil }
        switch u.status {
        case .available, .atStation: break
        case .refreshment: guard incident.grade == .emergency else { return nil }
        default: return nil
        }
        if u.type == .custodyVan { return nil }
        var p: [Penalty] = []
        switch (u.type, urgent) {
        case (.response, true): break
        case (.response, false): p.append(Penalty(minutes: 5, reason: "response unit on a scheduled job"))
        case (.neighbourhood, true): p.append(Penalty(minutes: 10, reason: "neighbourhood unit: urgent work only when nothing else is near"))
        case (.neighbourhood, false):
            if let beat = u.homeBeat, beat != incident.beat { p.append(Penalty(minutes: 3, reason: "outside its own beat")) }
        case (.armed, _): if !firearms { p.append(Penalty(minutes: 8, reason: "armed unit kept for firearms work")) }
        case (.roads, _): if incident.opening.kind != .transport { p.append(Penalty(minutes: 4, reason: "roads policing unit")) }
        case (.dog, _): p.append(Penalty(minutes: 6, reason: "dog unit kept for searches"))
        case (.custodyVan, _): return nil
        }
        if !urgent && (u.type == .armed || u.type == .roads || u.type == .dog) {
            p.append(Penalty(minutes: 20, reason: "specialist unit on a scheduled job"))
        }
        if firearms && urgent && !u.skills.contains(.firearms) {
            p.append(Penalty(minutes: 15, reason: "no firearms officers; address flagged firearms known"))
        }
        if weapon && urgent && !u.skills.contains(.taser) && !u.skills.contains(.firearms) {
            p.append(Penalty(minutes: 5, reason: "no taser; weapon reported"))
        }
        if officerSafety && u.crew < 2 { p.append(Penalty(minutes: 5, reason: "single-crewed at an officer-safety address")) }
        if u.status == .refreshment { p.append(Penalty(minutes: 5, reason: "on refreshment")) }
        if u.area != incident.area {
            p.append(Penalty(minutes: 3, reason: "crosses from \(areaNames[u.area] ?? u.area)"))
        }
        if !urgent && u.type == .response && u.status.isDeployable && index.freeResponse[u.area, default: 0] <= 1 {
            p.append(Penalty(minutes: 30, reason: "last free response unit in \(areaNames[u.area] ?? u.area)"))
        }
        let km = index.distanceKm(u.position, incident.location)
        let minutes = travel.etaMinutes(km: km, speedKmh: speed)
        let score = minutes + p.reduce(0) { $0 + $1.minutes }
        var words = ["\(u.callsign) \(Int(minutes.rounded())) min (\(oneDecimal(km)) km)", u.type.label]
        if !u.skills.isEmpty { words.append(u.skillsText) }
        words.append(contentsOf: p.map { "\($0.reason) +\(Int($0.minutes))" })
        return Candidate(callsign: u.callsign, type: u.type, distanceKm: km, eta: travel.eta(km: km, speedKmh: speed),
                         score: score, penalties: p, reason: words.joined(separator: "; "), lostBecause: nil)
    }

    func whyLost(_ c: Candidate, to best: Candidate) -> String {
        var parts: [String] = []
        let slower = (c.eta - best.eta).minutes
        if slower >= 0.5 { parts.append("\(Int(slower.rounded())) min further than \(best.callsign)") }
        parts.append(contentsOf: c.penalties.filter { p in !best.penalties.contains(p) }.map { "\($0.reason) (+\(Int($0.minutes)))" })
        if parts.isEmpty { parts.append("ties with \(best.callsign); callsign order") }
        return parts.joined(separator: "; ")
    }
}

func oneDecimal(_ x: Double) -> String {
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
}
