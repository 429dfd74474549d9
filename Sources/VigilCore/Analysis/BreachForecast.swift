/// An open grade 1 or 2 incident that will miss its target on current resourcing.
public struct BreachRisk: Hashable, Sendable {
    public var incident: IncidentRef
    public var grade: Grade
    public var area: AreaID
    /// Time left to the target (negative once breached).
    public var remaining: Duration
    /// The soonest a unit could be there: the nearest assigned unit's remaining travel, else the best free unit's.
    public var soonest: Duration?
    /// Why, in a few words.
    public var reason: String
}

extension DispatchState {
    /// Grade 1 and 2 incidents not yet attended that are already past target, or will be within `horizon`: nobody
    /// is sent, or the units sent cannot be there in time. The inspector's "breaching now and next".
    public func breachForecast(at now: Instant, horizon: Duration = .minutes(15)) -> (
        now: [BreachRisk], next: [BreachRisk]
    ) {
        var breached: [BreachRisk] = [], coming: [BreachRisk] = []
        for ref in openIncidents {
            guard let i = incidents[ref], i.grade <= .priority, i.firstOnSceneAt == nil else { continue }
            let clock = i.clock(at: now)
            guard let remaining = clock.remaining else { continue }
            if remaining.seconds < 0 {
                breached.append(
                    BreachRisk(
                        incident: ref, grade: i.grade, area: i.area, remaining: remaining, soonest: nil,
                        reason: i.units.isEmpty
                            ? "no unit assigned" : "units on the way: \(i.units.joined(separator: " "))"))
                continue
            }
            guard remaining <= horizon else { continue }
            let speed = force.area(i.area)?.speedKmh ?? 40
            var soonest: Duration?
            var reason: String
            if i.units.isEmpty {
                soonest = recommend(for: ref, limit: 1).best?.eta
                reason =
                    soonest.map { "nothing assigned; nearest free unit \(clockWords($0)) away" }
                    ?? "nothing assigned and no free unit"
            } else {
                let etas = i.units.compactMap { cs -> Duration? in
                    guard let p = estimatedPosition(of: cs, at: now) else { return nil }
                    return force.travel.eta(km: p.distanceKm(to: i.location), speedKmh: speed)
                }
                soonest = etas.min()
                reason = "\(i.units.joined(separator: " ")) \(soonest.map(clockWords) ?? "?") away"
            }
            // An unresourced one breaches unless someone acts, however near a free unit is; an attended one only
            // when its units cannot get there in time.
            if i.units.isEmpty || soonest.map({ $0 > remaining }) ?? true {
                coming.append(
                    BreachRisk(
                        incident: ref, grade: i.grade, area: i.area, remaining: remaining, soonest: soonest,
                        reason: reason))
            }
        }
        return (breached.sorted { $0.remaining < $1.remaining }, coming.sorted { $0.remaining < $1.remaining })
    }

    /// Incidents raised in each of the last `buckets` spans of `width`, per area (oldest first): the inspector's sparklines.
    public func raisedHistory(at now: Instant, buckets: Int, width: Duration) -> [AreaID: [Int]] {
        var out = Dictionary(uniqueKeysWithValues: force.areas.map { ($0.id, [Int](repeating: 0, count: buckets)) })
        let start = now - .seconds(width.seconds * Int64(buckets))
        for i in incidents.values where i.createdAt >= start && i.createdAt < now {
            let k = Int((i.createdAt - start).seconds / max(1, width.seconds))
            if k >= 0, k < buckets { out[i.area]?[k] += 1 }
        }
        return out
    }
}

func clockWords(_ d: Duration) -> String { "\(Int((Double(d.seconds) / 60).rounded())) min" }
