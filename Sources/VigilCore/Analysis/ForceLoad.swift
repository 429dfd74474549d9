import OrderedCollections

/// Load in one area (or the whole force): what a duty inspector watches.
public struct AreaLoad: Hashable, Sendable {
    public var area: AreaID
    public var name: String
    /// Open incidents by grade 1...4 (index 0 is grade 1).
    public var openByGrade: [Int] = [0, 0, 0, 0]
    public var unresourced = 0
    public var oldestUnresourced: Duration?
    public var breached = 0
    /// Units working in the area, by status.
    public var unitsByStatus: [UnitStatus: Int] = [:]
    public var overdueUnits = 0

    public var open: Int { openByGrade.reduce(0, +) }
    public var unitsOnDuty: Int { unitsByStatus.filter { $0.key.isOnDuty }.values.reduce(0, +) }
    public var unitsFree: Int { (unitsByStatus[.available] ?? 0) + (unitsByStatus[.atStation] ?? 0) }
    public var unitsCommitted: Int { unitsByStatus.filter { $0.key.isCommitted }.values.reduce(0, +) }
    public var unitTotal: Int { unitsByStatus.values.reduce(0, +) }

    /// Adds another area's load into this one (a desk is the sum of its areas).
    mutating func add(_ other: AreaLoad) {
        openByGrade = zip(openByGrade, other.openByGrade).map { $0 + $1 }
        unresourced += other.unresourced
        if let o = other.oldestUnresourced { oldestUnresourced = max(oldestUnresourced ?? o, o) }
        breached += other.breached
        unitsByStatus.merge(other.unitsByStatus, uniquingKeysWith: +)
        overdueUnits += other.overdueUnits
    }
}

/// One dispatch desk's load, and who works it: a person, or nobody (the simulator, when one runs).
public struct DeskLoad: Hashable, Sendable {
    public var load: AreaLoad
    public var holder: OperatorID?
}

/// Queue length and longest wait for one channel.
public struct QueueLoad: Hashable, Sendable {
    public var channel: Channel
    public var waiting = 0
    public var longestWait: Duration?
}

/// Force-wide load at one moment.
public struct ForceLoad: Hashable, Sendable {
    public var at: Instant
    public var areas: [AreaLoad]
    /// Each dispatch desk's load (the sum of its areas), with who holds it; empty when the force has no desks.
    public var desks: [DeskLoad] = []
    public var total: AreaLoad
    public var queues: [QueueLoad]
}

extension DispatchState {
    /// Open incidents by grade, unresourced queue, units by status and queues, per area and force-wide.
    public func load(at now: Instant) -> ForceLoad {
        var areas = OrderedDictionary(
            uniqueKeysWithValues: force.areas.map { ($0.id, AreaLoad(area: $0.id, name: $0.name)) })
        var total = AreaLoad(area: "*", name: "Force")
        func add(_ area: AreaID, _ body: (inout AreaLoad) -> Void) {
            if areas[area] != nil { body(&areas[area]!) }
            body(&total)
        }
        for ref in openIncidents {
            guard let i = incidents[ref] else { continue }
            let clock = i.clock(at: now)
            add(i.area) { l in
                l.openByGrade[i.grade.rawValue - 1] += 1
                if clock.breached { l.breached += 1 }
                if i.isWaiting(at: now) {
                    l.unresourced += 1
                    l.oldestUnresourced = max(l.oldestUnresourced ?? .seconds(0), clock.age)
                }
            }
        }
        for u in units.values {
            let overdue = u.overdueFlag(at: now) != nil
            add(u.area) { l in
                l.unitsByStatus[u.status, default: 0] += 1
                if overdue { l.overdueUnits += 1 }
            }
        }
        var queues = Channel.allCases.map { QueueLoad(channel: $0) }
        for id in waitingContacts {
            guard let c = contacts[id], let q = queues.firstIndex(where: { $0.channel == c.channel }) else { continue }
            queues[q].waiting += 1
            queues[q].longestWait = max(queues[q].longestWait ?? .seconds(0), c.wait(at: now))
        }
        let desks = force.desks.map { d in
            var sum = AreaLoad(area: d.id, name: d.name)
            for a in d.areas { if let l = areas[a] { sum.add(l) } }
            return DeskLoad(load: sum, holder: deskHolders[d.id])
        }
        return ForceLoad(at: now, areas: Array(areas.values), desks: desks, total: total, queues: queues)
    }
}
