import VigilCore

/// The auto-dispatcher: it assigns the recommended unit to waiting incidents and closes desk-resolved ones. It works
/// only the dispatch desks no person holds: a human's desk waits for the human.
struct DispatcherState {
    /// Incidents waiting for units, with how many they still need.
    var queue: [IncidentRef: Int] = [:]
    /// The same incidents by area, each area's in dispatch order, kept sorted as they join (entries that left the
    /// queue are dropped when met). Sorting the whole queue on every change of unit status made a long queue
    /// quadratic; by area, a round passes over an area that keeps its last units back without reading its queue.
    var order: [AreaID: [IncidentOrder]] = [:]
    /// When a dispatch round is already due; more requests before then are folded into it.
    var pendingAt: Instant?
    /// Units the simulator sent to grade 3 jobs and that are not there yet: the ones a grade 1 may take.
    var toGrade3 = Grade3Runs()
    /// Grade 1s waiting, whichever area, in dispatch order: any free unit may be theirs, so every round reads them.
    var urgent: [IncidentOrder] = []
    /// What changed since the last round, so a round reads only the areas where something may now be dispatched:
    /// areas with new work, units freed (resolved to their areas then), incidents closed (their units freed).
    var dirty: Set<AreaID> = []
    var freed: [Callsign] = []
    var closed: [IncidentRef] = []
    var allDirty = false
}

extension Simulation {
    /// Puts an incident in the queue needing `need` units, in dispatch order.
    mutating func enqueue(_ ref: IncidentRef, need: Int, grade: Grade, createdAt: Instant, area: AreaID) {
        if dispatch.queue[ref] == nil {
            let key = IncidentOrder(grade: grade, createdAt: createdAt, ref: ref)
            if grade == .emergency {
                Self.insert(key, into: &dispatch.urgent)
            } else {
                var list = dispatch.order.removeValue(forKey: area) ?? []
                Self.insert(key, into: &list)
                dispatch.order[area] = list
                dispatch.dirty.insert(area)
            }
        }
        dispatch.queue[ref] = max(dispatch.queue[ref] ?? 0, need)
        requestDispatch(at: now)
    }

    /// Inserts a key into a list kept in dispatch order.
    static func insert(_ key: IncidentOrder, into list: inout [IncidentOrder]) {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        list.insert(key, at: lo)
    }

    /// Asks for a dispatch round at `t`, unless one is already due by then.
    mutating func requestDispatch(at t: Instant) {
        if let due = dispatch.pendingAt, due <= t { return }
        dispatch.pendingAt = t
        agenda.schedule(.dispatch, at: t)
    }

    /// New and regraded incidents join or leave the queue; anything that frees a unit sends the dispatcher round again.
    mutating func dispatcherSees(_ e: Event) {
        switch e.change {
        case .incidentRaised(let p):
            let ref = p.incident
            if p.grade == .resolution {
                agenda.schedule(
                    .deskClose(ref),
                    at: e.at + .seconds(wholeSeconds(rng.draw(scenario.deskResolutionMinutes) * 60, .towardZero)))
            } else if p.grade == .scheduled, e.operatorID == SimOperators.handlers.id,
                scenario.workload.appointmentShare > 0, rng.chance(scenario.workload.appointmentShare)
            {
                // The simulated call handler books it as an appointment instead of queueing it.
                agenda.schedule(.book(ref), at: e.at)
            } else if scenario.autoDispatch, dispatch.queue[ref] == nil {
                // Domestic abuse, weapons and injury crashes are attended by two units, as the scenario says.
                enqueue(
                    ref, need: scenario.workload.units(for: p.category), grade: p.grade, createdAt: e.at, area: p.area)
            }
        case .incidentGraded(let p):
            if p.grade == .resolution {
                dispatch.queue[p.incident] = nil
                agenda.schedule(
                    .deskClose(p.incident),
                    at: e.at + .seconds(wholeSeconds(rng.draw(scenario.deskResolutionMinutes) * 60, .towardZero)))
            }
        case .unitAssigned(let p):
            if let need = dispatch.queue[p.incident] { dispatch.queue[p.incident] = need > 1 ? need - 1 : nil }
        case .unitUnassigned(let p):
            dispatch.toGrade3.remove(p.unit)
            dispatch.freed.append(p.unit)
            requestDispatch(at: e.at)
        case .mutualAidArrived(let p):
            dispatch.freed.append(contentsOf: p.units)
            requestDispatch(at: e.at)
        case .deskLeft:
            dispatch.allDirty = true
            requestDispatch(at: e.at)
        case .incidentClosed, .incidentMerged:
            guard let ref = e.change.incidents.first else { break }
            dispatch.queue[ref] = nil
            dispatch.closed.append(ref)
            requestDispatch(at: e.at)
        case .unitStatusChanged(let p):
            if p.status != .enRoute { dispatch.toGrade3.remove(p.unit) }
            if p.status.isDeployable {
                dispatch.freed.append(p.unit)
                requestDispatch(at: e.at)
            }
        default:
            break
        }
    }

    /// Books a grade 3 for a time to come, on the quarter hour; refused (say it was regraded meanwhile), it joins the
    /// queue as any other.
    mutating func book<W: SimWorld>(_ ref: IncidentRef, _ world: inout W) throws {
        guard world.state.incidents[ref]?.isUnresourced == true else { return }
        let hours = max(1, rng.draw(scenario.workload.appointmentHours))
        let quarter: Int64 = 15 * 60
        let raw = (now + .seconds(Int64(hours * 3600))).seconds
        let time = Instant(seconds: (raw + quarter - 1) / quarter * quarter)
        if try execute(.book(ref, at: time), as: SimOperators.handlers, &world) != nil {
            agenda.schedule(.appointmentDue(ref), at: time - .minutes(20))
        } else if scenario.autoDispatch, let i = world.state.incidents[ref], i.isUnresourced {
            enqueue(ref, need: 1, grade: i.grade, createdAt: i.createdAt, area: i.area)
        }
    }

    /// An appointment is near: a unit is sent in time to keep it.
    mutating func appointmentDue(_ ref: IncidentRef, _ state: DispatchState) {
        guard scenario.autoDispatch, let i = state.incidents[ref], i.isUnresourced else { return }
        enqueue(ref, need: 1, grade: i.grade, createdAt: i.createdAt, area: i.area)
    }

    /// A resolution-grade incident nobody attended is closed once the desk has dealt with it.
    mutating func deskClose<W: SimWorld>(_ ref: IncidentRef, _ world: inout W) throws {
        guard let i = world.state.incidents[ref], i.isOpen, i.units.isEmpty else { return }
        _ = try execute(
            .closeIncident(ref, i.opening, outcome: "Resolved by phone; no attendance needed"),
            as: SimOperators.dispatcher, &world)
    }

    /// For a grade 1 with no free unit near, takes the nearest unit on its way to a grade 3 job from the cells around
    /// it (10 to 20 km), as dispatchers do: the grade 3 goes back in the queue. True when a unit was diverted.
    /// `best` is the free unit the recommendation offers, worked out once by the caller.
    mutating func divert<W: SimWorld>(to ref: IncidentRef, unlessNear best: Candidate?, _ world: inout W) throws -> Bool
    {
        guard let slot = world.state.incidents.index(forKey: ref) else { return false }
        let incident = world.state.incidents.values[slot]
        guard incident.grade == .emergency, incident.units.isEmpty, !dispatch.toGrade3.isEmpty else { return false }
        if let best, best.eta <= .minutes(10) { return false }
        var pick: (cs: Callsign, from: IncidentRef, km: Double)?
        var stale: [Callsign] = []
        for (cs, job) in dispatch.toGrade3.near(incident.location) {
            guard let u = world.state.units[cs], u.incident == job, u.status == .assigned || u.status == .enRoute,
                world.state.incidents[job]?.grade == .scheduled
            else { stale.append(cs); continue }
            let km = u.position.distanceKm(to: incident.location)
            // Nearest, then callsign: the same choice whatever order the dictionary keeps.
            if let p = pick, (p.km, p.cs) <= (km, cs) { continue }
            pick = (cs, job, km)
        }
        for cs in stale { dispatch.toGrade3.remove(cs) }
        guard let pick else { return false }
        let speed = world.state.force.area(incident.area)?.speedKmh ?? 40
        if let best, world.state.force.travel.eta(km: pick.km, speedKmh: speed) >= best.eta { return false }
        guard try execute(.unassign(pick.cs, from: pick.from), as: SimOperators.dispatcher, &world) != nil else {
            return false
        }
        if let from = world.state.incidents[pick.from] {
            enqueue(pick.from, need: 1, grade: from.grade, createdAt: from.createdAt, area: from.area)
        }
        return try execute(.assign(ref, [pick.cs]), as: SimOperators.dispatcher, &world) != nil
    }

    /// Assigns the recommended unit to waiting incidents, most urgent and oldest first; gives up on an incident
    /// nobody suitable is free for, and stops after a few misses in a row so a long queue stays cheap.
    mutating func dispatchWaiting<W: SimWorld>(_ world: inout W) throws {
        guard scenario.autoDispatch, !dispatch.queue.isEmpty else { return }
        // First every grade 1, oldest first, whichever area; then each area's grades 2 and 3 in order, unless the area
        // is down to the free response units it keeps for grade 1 (they wait, and are not misses), or a person holds
        // its desk (its incidents stay queued in case the desk comes back to the simulator).
        let held = !world.state.deskHolders.isEmpty
        let reserve = scenario.workload.reserveForGrade1
        var misses = 0
        var urgent = dispatch.urgent
        dispatch.urgent = []
        var keep: [IncidentOrder] = []
        for key in urgent {
            guard dispatch.queue[key.ref] != nil,
                let slot = world.state.incidents.index(forKey: key.ref), world.state.incidents.values[slot].isOpen
            else { dispatch.queue[key.ref] = nil; continue }
            keep.append(key)
            if held, world.state.holder(ofArea: world.state.incidents.values[slot].area) != nil { continue }
            guard world.state.index.count > 0, misses < 3 else { continue }
            misses = try serve(key, &world) ? 0 : misses + 1
        }
        // Grade 1s raised during the round (none are, but a diverted job could be one) join the kept ones.
        urgent = dispatch.urgent
        dispatch.urgent = keep
        for key in urgent { Self.insert(key, into: &dispatch.urgent) }
        var visit = dispatch.dirty
        for cs in dispatch.freed { if let u = world.state.units[cs] { visit.insert(u.area) } }
        for ref in dispatch.closed {
            if let i = world.state.incidents.index(forKey: ref) { visit.insert(world.state.incidents.values[i].area) }
        }
        let areas = dispatch.allDirty ? Array(dispatch.order.keys) : Array(visit)
        dispatch.dirty = []; dispatch.freed = []; dispatch.closed = []; dispatch.allDirty = false
        for area in areas.sorted() {
            if held, world.state.holder(ofArea: area) != nil { continue }
            guard var list = dispatch.order.removeValue(forKey: area) else { continue }
            misses = 0
            // Entries that left the queue (resourced, closed, regraded to 4) are dropped as they are met, compacting
            // only the part read: a round that stops early leaves the rest of a long queue untouched.
            var write = 0, read = 0
            while read < list.count {
                let key = list[read]
                guard dispatch.queue[key.ref] != nil,
                    let slot = world.state.incidents.index(forKey: key.ref), world.state.incidents.values[slot].isOpen
                else {
                    dispatch.queue[key.ref] = nil
                    read += 1
                    continue
                }
                guard world.state.index.count > 0, misses < 3,
                    reserve == 0 || (world.state.index.freeResponse[area] ?? 0) > reserve
                else { break }
                misses = try serve(key, &world) ? 0 : misses + 1
                if write != read { list[write] = key }
                write += 1
                read += 1
            }
            if write < read { list.removeSubrange(write..<read) }
            // Work put back in this area's queue during the round (a grade 3 whose unit was diverted) joins in order.
            for key in dispatch.order.removeValue(forKey: area) ?? [] { Self.insert(key, into: &list) }
            if !list.isEmpty { dispatch.order[area] = list }
        }
    }

    /// Sends the units an incident still needs, by the recommendation; true when it needs no more.
    mutating func serve<W: SimWorld>(_ key: IncidentOrder, _ world: inout W) throws -> Bool {
        var need = dispatch.queue[key.ref] ?? 0
        guard need > 0 else { return true }
        // A grade 1's recommendation serves both the diversion check and, when nobody is diverted, the first pick.
        var first: Candidate??
        if key.grade == .emergency {
            let best = world.state.recommend(for: key.ref, limit: 1).best
            if try divert(to: key.ref, unlessNear: best, &world) { need -= 1 } else { first = .some(best) }
        }
        while need > 0, let best = first.take() ?? world.state.recommend(for: key.ref, limit: 1).best {
            guard try execute(.assign(key.ref, [best.callsign]), as: SimOperators.dispatcher, &world) != nil else {
                break
            }
            if key.grade == .scheduled, let from = world.state.units[best.callsign]?.position {
                dispatch.toGrade3.insert(best.callsign, to: key.ref, from: from)
            }
            need -= 1
        }
        return need == 0
    }
}
