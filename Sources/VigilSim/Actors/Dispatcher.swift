import VigilCore

/// The auto-dispatcher: it assigns the recommended unit to waiting incidents and closes desk-resolved ones. It works
/// only the dispatch desks no person holds: a human's desk waits for the human.
struct DispatcherState {
    /// Incidents waiting for units, with how many they still need.
    var queue: [IncidentRef: Int] = [:]
}

extension Simulation {
    /// New and regraded incidents join or leave the queue; anything that frees a unit sends the dispatcher round again.
    mutating func dispatcherSees(_ e: Event) {
        switch e.change {
        case .incidentRaised(let p):
            let ref = p.incident
            if p.grade == .resolution {
                agenda.schedule(
                    .deskClose(ref),
                    at: e.at + .seconds(wholeSeconds(rng.draw(scenario.deskResolutionMinutes) * 60, .towardZero)))
            } else if scenario.autoDispatch, dispatch.queue[ref] == nil {
                // Domestic abuse, weapons and injury crashes are attended by two units, as the scenario says.
                dispatch.queue[ref] = scenario.workload.units(for: p.category)
                agenda.schedule(.dispatch, at: e.at)
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
        case .unitUnassigned, .deskLeft:
            agenda.schedule(.dispatch, at: e.at)
        case .incidentClosed, .incidentMerged:
            guard let ref = e.change.incidents.first else { break }
            dispatch.queue[ref] = nil
            agenda.schedule(.dispatch, at: e.at)
        case .unitStatusChanged(let p) where p.status.isDeployable:
            agenda.schedule(.dispatch, at: e.at)
        default:
            break
        }
    }

    /// A resolution-grade incident nobody attended is closed once the desk has dealt with it.
    mutating func deskClose<W: SimWorld>(_ ref: IncidentRef, _ world: inout W) throws {
        guard let i = world.state.incidents[ref], i.isOpen, i.units.isEmpty else { return }
        _ = try execute(
            .closeIncident(ref, i.opening, outcome: "Resolved by phone; no attendance needed"),
            as: SimOperators.dispatcher, &world)
    }

    /// For a grade 1 with no free unit near, takes the nearest unit on its way to a grade 3 job, as dispatchers do:
    /// the grade 3 goes back in the queue. True when a unit was diverted.
    mutating func divert<W: SimWorld>(to ref: IncidentRef, _ world: inout W) throws -> Bool {
        guard let slot = world.state.incidents.index(forKey: ref) else { return false }
        let incident = world.state.incidents.values[slot]
        guard incident.grade == .emergency, incident.units.isEmpty else { return false }
        let best = world.state.recommend(for: ref, limit: 1).best
        if let best, best.eta <= .minutes(10) { return false }
        var pick: (cs: Callsign, from: IncidentRef, km: Double)?
        for u in world.state.units.values where u.type == .response {
            guard let job = u.incident, u.status == .assigned || u.status == .enRoute,
                world.state.incidents[job]?.grade == .scheduled
            else { continue }
            let km = u.position.distanceKm(to: incident.location)
            if km < (pick?.km ?? .infinity) { pick = (u.callsign, job, km) }
        }
        guard let pick else { return false }
        let speed = world.state.force.area(incident.area)?.speedKmh ?? 40
        if let best, world.state.force.travel.eta(km: pick.km, speedKmh: speed) >= best.eta { return false }
        guard try execute(.unassign(pick.cs, from: pick.from), as: SimOperators.dispatcher, &world) != nil else {
            return false
        }
        dispatch.queue[pick.from] = max(dispatch.queue[pick.from] ?? 0, 1)
        return try execute(.assign(ref, [pick.cs]), as: SimOperators.dispatcher, &world) != nil
    }

    /// Assigns the recommended unit to waiting incidents, most urgent and oldest first; gives up on an incident
    /// nobody suitable is free for, and stops after a few misses in a row so a long queue stays cheap.
    mutating func dispatchWaiting<W: SimWorld>(_ world: inout W) throws {
        guard scenario.autoDispatch, !dispatch.queue.isEmpty else { return }
        // Closed work leaves the queue here (assigning closes nothing). Sort keys are read in place: this runs on every
        // change of unit status, and copying each waiting incident with its narrative to sort it cost more than the sort.
        var order: [IncidentOrder] = []
        let held = !world.state.deskHolders.isEmpty
        for ref in dispatch.queue.keys {
            guard let slot = world.state.incidents.index(forKey: ref) else { dispatch.queue[ref] = nil; continue }
            guard world.state.incidents.values[slot].isOpen else { dispatch.queue[ref] = nil; continue }
            // A person's desk keeps its incidents; they stay queued in case the desk comes back to the simulator.
            if held, world.state.holder(ofArea: world.state.incidents.values[slot].area) != nil { continue }
            order.append(
                IncidentOrder(
                    grade: world.state.incidents.values[slot].grade,
                    createdAt: world.state.incidents.values[slot].createdAt,
                    ref: ref))
        }
        order.sort()
        var misses = 0
        for ref in order.map(\.ref) {
            guard world.state.index.count > 0, misses < 3 else { break }
            var need = dispatch.queue[ref] ?? 0
            if need > 0, try divert(to: ref, &world) { need -= 1 }
            // Grade 2 leaves the area's last few free response units for grade 1; it waits, and is not a miss.
            if scenario.workload.reserveForGrade1 > 0, let slot = world.state.incidents.index(forKey: ref),
                world.state.incidents.values[slot].grade == .priority,
                (world.state.index.freeResponse[world.state.incidents.values[slot].area] ?? 0)
                    <= scenario.workload.reserveForGrade1
            {
                continue
            }
            while need > 0, let best = world.state.recommend(for: ref, limit: 1).best {
                guard try execute(.assign(ref, [best.callsign]), as: SimOperators.dispatcher, &world) != nil else {
                    break
                }
                need -= 1
            }
            misses = need > 0 ? misses + 1 : 0
        }
    }
}
