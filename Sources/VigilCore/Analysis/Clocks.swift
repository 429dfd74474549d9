/// Where an incident stands against its grade target.
public struct TargetClock: Hashable, Sendable {
    public var age: Duration
    /// The arrival target for the grade, nil for grade 4.
    public var target: Duration?
    /// Time left until the target (negative once breached); nil when no target or already met.
    public var remaining: Duration?
    public var breached: Bool
    /// A unit arrived within target.
    public var met: Bool
}

extension Incident {
    /// The grade clock at `now`: target runs from the call (or the last regrade) to the first unit at scene.
    public func clock(at now: Instant) -> TargetClock {
        let end = closedAt ?? now
        let age = end - createdAt
        guard let target = grade.target(rural: rural) else {
            return TargetClock(age: age, target: nil, remaining: nil, breached: false, met: false)
        }
        // Regrading starts the new grade's clock at the regrade, but never earlier than the call. A booked grade 3 runs
        // to its appointment (with a little grace), not to the 48 hours.
        let start = max(createdAt, gradedAt)
        let due = bookedFor.map { $0 + IncidentBooked.grace } ?? start + target
        if let arrived = firstOnSceneAt {
            let met = arrived <= due
            return TargetClock(age: age, target: target, remaining: nil, breached: !met, met: met)
        }
        let remaining = due - end
        return TargetClock(age: age, target: target, remaining: remaining, breached: remaining.seconds < 0, met: false)
    }

    /// Open with no unit assigned.
    public var isUnresourced: Bool { isOpen && units.isEmpty && grade != .resolution }

    /// Waiting for a unit at `now`: unresourced, and not booked for later (a booked incident waits from its time).
    public func isWaiting(at now: Instant) -> Bool { isUnresourced && (bookedFor.map { now >= $0 } ?? true) }
}
