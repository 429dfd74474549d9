import VigilCore

/// Simulated crews: once assigned they mobilise, travel, work the scene, sometimes transport, clear and close;
/// on patrol they come across work of their own.
struct CrewState {
    /// Each crew's current job; the token tells a stale step from a live one.
    var jobs: [Callsign: (token: Int, incident: IncidentRef)] = [:]
    var nextToken = 0
    /// The job a crew with a prisoner will write up once free.
    var writeUp: [Callsign: Category] = [:]
}

extension Simulation {
    /// An assigned crew sets off after mobilising; a crew taken off or whose incident closed stops.
    mutating func crewsSee(_ e: Event, unitsOf: (IncidentRef) -> [Callsign]) {
        switch e.change {
        case .unitAssigned(let p):
            crews.nextToken += 1
            crews.jobs[p.unit] = (crews.nextToken, p.incident)
            agenda.schedule(
                .crew(p.unit, token: crews.nextToken, .mobile),
                at: e.at + .seconds(wholeSeconds(rng.draw(scenario.mobiliseMinutes) * 60, .towardZero)))
        case .unitUnassigned(let p):
            // A crew with a prisoner keeps its run to custody, whatever becomes of the incident (closing one releases
            // its units in the record first).
            if crews.writeUp[p.unit] == nil { crews.jobs[p.unit] = nil }
        case .incidentClosed, .incidentMerged:
            guard let ref = e.change.incidents.first else { break }
            for cs in unitsOf(ref) { crews.jobs[cs] = nil }
        default:
            break
        }
    }

    mutating func scheduleSelfGenerated() {
        guard scenario.selfGeneratedPerDay > 0 else { return }
        agenda.schedule(
            .selfGenerated,
            at: now + .seconds(wholeSeconds(rng.exponential(mean: 86_400 / scenario.selfGeneratedPerDay)) + 1))
    }

    /// A crew on patrol comes across something: they radio it in, it is raised and they are assigned to it at once.
    mutating func selfGenerated<W: SimWorld>(_ world: inout W) throws {
        // A few draws find a free crew when any are about; scanning the whole shift each time would not scale.
        guard !rota.onShiftList.isEmpty else { return }
        var found: PoliceUnit?
        for _ in 0..<12 {
            if let u = world.state.units[rng.element(rota.onShiftList)], u.incident == nil, u.status.isDeployable {
                found = u; break
            }
        }
        guard let unit = found else { return }
        let category = drawCategory()
        let grade: Grade = rng.chance(0.4) ? .priority : .scheduled
        let place = jitter(unit.position, metres: 150)
        let details = ContactDetails(
            callerName: "\(unit.callsign) (on view)", callerNumber: "radio", location: place,
            address: address(near: world.state.force.beat(nearest: place)),
            account: "Officers on patrol: " + CallerText.account(category, rng: &rng))
        guard let received = try execute(.receiveContact(.nonEmergency, details), as: SimOperators.crews, &world),
            case .contactReceived(let contact)? = received.first?.change,
            try execute(.answerContact(contact.contact), as: SimOperators.crews, &world) != nil,
            let raised = try execute(
                .raiseIncident(from: contact.contact, grade: grade, category: category, location: nil, address: nil),
                as: SimOperators.crews, &world),
            case .incidentRaised(let incident)? = raised.last?.change
        else { return }
        _ = try execute(.assign(incident.incident, [unit.callsign]), as: SimOperators.crews, &world)
    }

    /// What a crew step needs of an incident, read in place: copying an incident, narrative and all, costs more than the step.
    func glance<W: SimWorld>(_ ref: IncidentRef, _ world: W) -> (location: GeoPoint, opening: Category, isOpen: Bool)? {
        guard let i = world.state.incidents.index(forKey: ref) else { return nil }
        return (
            world.state.incidents.values[i].location, world.state.incidents.values[i].opening,
            world.state.incidents.values[i].isOpen
        )
    }

    mutating func crewStep<W: SimWorld>(_ cs: Callsign, _ ref: IncidentRef, _ step: Agenda.CrewStep, _ world: inout W)
        throws
    {
        guard let unit = world.state.units[cs], let token = crews.jobs[cs]?.token else { return }
        switch step {
        case .mobile:
            guard unit.incident == ref, let incident = glance(ref, world) else { crews.jobs[cs] = nil; return }
            guard try execute(.setStatus(cs, .enRoute, position: nil), as: SimOperators.crews, &world) != nil else {
                return
            }
            let speed = world.state.force.area(unit.area)?.speedKmh ?? 40
            let eta = world.state.force.travel.eta(km: unit.position.distanceKm(to: incident.location), speedKmh: speed)
            agenda.schedule(.crew(cs, token: token, .arrive), at: now + eta)
        case .arrive:
            guard unit.incident == ref, let incident = glance(ref, world) else { crews.jobs[cs] = nil; return }
            guard
                try execute(.setStatus(cs, .atScene, position: incident.location), as: SimOperators.crews, &world)
                    != nil
            else { return }
            let spread = scenario.onSceneMinutes[incident.opening.kind] ?? Spread(median: 40, p90: 100)
            let minutes = rng.draw(spread) + (try sceneExtra(cs, ref, incident.opening, &world))
            agenda.schedule(
                .crew(cs, token: token, .leaveScene), at: now + .seconds(wholeSeconds(minutes * 60, .towardZero)))
        case .leaveScene:
            guard unit.incident == ref, let incident = glance(ref, world) else { crews.jobs[cs] = nil; return }
            if let custody = arrest(incident.opening) {
                _ = try execute(.setStatus(cs, .transporting, position: nil), as: SimOperators.crews, &world)
                if scenario.workload.arrestShare.isEmpty == false {
                    _ = try execute(
                        .addNarrative(ref, "\(cs) arrested one; to custody for booking in"), as: SimOperators.crews,
                        &world)
                }
                crews.writeUp[cs] = incident.opening
                agenda.schedule(
                    .crew(cs, token: token, .endTransport), at: now + .seconds(wholeSeconds(custody * 60, .towardZero)))
            } else {
                crews.jobs[cs] = nil
                try clear(cs, after: incident.opening, &world)
            }
            try closeIfDone(ref, &world)
        case .endTransport:
            crews.jobs[cs] = nil
            let station = world.state.force.station(unit.homeStation)?.location
            try clear(cs, at: station, after: crews.writeUp.removeValue(forKey: cs), &world)
        }
    }

    /// The crew is free again, or goes off duty if its shift has ended; after some jobs it writes up first.
    mutating func clear<W: SimWorld>(
        _ cs: Callsign, at position: GeoPoint? = nil, after job: Category? = nil, _ world: inout W
    ) throws {
        _ = try execute(.setStatus(cs, .available, position: position), as: SimOperators.crews, &world)
        if rota.leaving.remove(cs) != nil {
            _ = try execute(.setStatus(cs, .offDuty, position: nil), as: SimOperators.crews, &world)
        } else if let job {
            try writeUp(cs, after: job, &world)
        }
    }

    /// Closes an incident once no unit is still on the way or at scene.
    mutating func closeIfDone<W: SimWorld>(_ ref: IncidentRef, _ world: inout W) throws {
        guard dispatch.queue[ref] == nil, let slot = world.state.incidents.index(forKey: ref),
            world.state.incidents.values[slot].isOpen
        else { return }
        let working = world.state.incidents.values[slot].units.contains { cs in
            guard let u = world.state.units.index(forKey: cs) else { return false }
            let status = world.state.units.values[u].status
            return status == .assigned || status == .enRoute || status == .atScene
        }
        guard !working else { return }
        let opening = world.state.incidents.values[slot].opening
        _ = try execute(
            .closeIncident(ref, opening, outcome: "Dealt with by attending officers"), as: SimOperators.crews, &world)
    }
}
