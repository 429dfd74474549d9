import VigilCore

/// How the incident list is ordered: by what needs doing now, or by grade then age.
public enum IncidentSort: String, Hashable, Sendable {
    case needsAction = "needs action", grade = "by grade"
}

/// An incident's place in the "needs action" order: first what waits for a unit (breached and nearest its target
/// first), then what has units on the way (assigned but not mobile, then en route), then what has a unit at scene,
/// then what is not yet due (a booked appointment) or sends nobody (grade 4). A grade 1 at scene for an hour no
/// longer pushes new work off the screen.
struct ActionOrder: Comparable {
    var rank: Int
    var remaining: Int64
    var grade: Int
    var createdAt: Int64
    var number: Int

    init(_ i: Incident, _ s: DispatchState, now: Instant) {
        let clock = i.clock(at: now)
        remaining = clock.remaining?.seconds ?? .max
        grade = i.grade.rawValue
        createdAt = i.createdAt.seconds
        number = i.ref.day * 100_000 + i.ref.number
        if i.isWaiting(at: now) {
            rank = 0
        } else if i.units.isEmpty {
            rank = 4
        } else if i.firstOnSceneAt != nil || i.units.contains(where: { s.units[$0]?.status == .atScene }) {
            rank = 3
        } else if i.units.contains(where: { s.units[$0]?.status == .enRoute }) {
            rank = 2
        } else {
            rank = 1
        }
    }

    /// Grade, then oldest: the order before "needs action".
    init(byGrade i: Incident) {
        rank = 0; remaining = 0; grade = i.grade.rawValue; createdAt = i.createdAt.seconds
        number = i.ref.day * 100_000 + i.ref.number
    }

    static func < (a: ActionOrder, b: ActionOrder) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        // Waiting work by time left; work in hand by grade first.
        if a.rank == 0 {
            return (a.remaining, a.grade, a.createdAt, a.number) < (b.remaining, b.grade, b.createdAt, b.number)
        }
        return (a.grade, a.remaining, a.createdAt, a.number) < (b.grade, b.remaining, b.createdAt, b.number)
    }
}
