import VigilCore

/// Scenario injects: surges, phone outages, breakdowns and major incidents, at their time or when the trainer fires them.
struct InjectState {
    /// Injects fired so far, by index, and when.
    var fired: [(inject: Int, at: Instant)] = []
}

extension Simulation {
    /// An inject the log says fired (the trainer's, or the simulator's at its scripted time) happens now.
    mutating func injectsSee(_ e: Event) {
        guard case .injectFired(let p) = e.change, scenario.injects.indices.contains(p.inject - 1) else { return }
        agenda.schedule(.inject(p.inject - 1, recorded: true), at: max(e.at, now))
    }

    /// Fires inject `i` now: at its scripted time, or when the trainer fires it.
    public mutating func fire<W: SimWorld>(_ i: Int, _ world: inout W) throws {
        let inject = scenario.injects[i]
        switch inject.kind {
        case .surge(let f, let minutes): callers.surges.append((now, now + .minutes(Int64(minutes)), f))
        case .phoneOutage(let minutes): callers.outages.append((now, now + .minutes(Int64(minutes))))
        case .majorIncident(_, _, _, let calls, let over, _):
            for n in 0..<calls {
                let offset = n == 0 ? 0 : Int64(rng.unit() * Double(over * 60))
                agenda.schedule(.majorCall(inject: i, number: n), at: now + .seconds(offset))
            }
        case .mutualAid(_, _, let arrive, _):
            agenda.schedule(.aidArrives(inject: i), at: now + .minutes(Int64(arrive)))
        case .breakdown(let cs):
            if world.state.units[cs]?.incident != nil {
                _ = try execute(.unassign(cs, from: nil), as: SimOperators.dispatcher, &world)
            }
            crews.jobs[cs] = nil
            _ = try execute(.setStatus(cs, .unavailable, position: nil), as: SimOperators.crews, &world)
        }
        injects.fired.append((i, now))
    }

    /// A neighbouring force's units report at its station: the simulated force incident manager books them on, and
    /// they go home after the inject's hours, each when it clears.
    mutating func aidArrives<W: SimWorld>(_ i: Int, _ world: inout W) throws {
        guard case .mutualAid(let partner, let n, _, let hours) = scenario.injects[i].kind else { return }
        guard let events = try execute(.requestAid(partner, units: n), as: SimOperators.incidentManager, &world),
            case .mutualAidArrived(let p)? = events.first?.change
        else { return }
        agenda.schedule(.aidLeaves(p.units), at: now + .seconds(Int64(hours * 3600)))
    }

    /// Lent units go home: at once when free, otherwise when they clear (as units whose shift has ended do).
    mutating func aidLeaves<W: SimWorld>(_ units: [Callsign], _ world: inout W) throws {
        for cs in units {
            guard let u = world.state.units[cs], u.status != .offDuty else { continue }
            if u.incident == nil, u.status != .transporting {
                crews.writeUp[cs] = nil
                _ = try execute(.setStatus(cs, .offDuty, position: nil), as: SimOperators.crews, &world)
            } else {
                rota.leaving.insert(cs)
            }
        }
    }

    mutating func majorCall<W: SimWorld>(_ i: Int, number: Int, _ world: inout W) throws {
        guard case .majorIncident(let location, let address, let category, _, _, _) = scenario.injects[i].kind else {
            return
        }
        let caller = CallerText.caller(rng: &rng)
        let details = ContactDetails(
            callerName: caller.name, callerNumber: caller.number, location: jitter(location, metres: 150),
            address: address, account: CallerText.account(category, rng: &rng))
        try receive(.emergency, details, plan: .major(inject: i), &world)
    }
}
