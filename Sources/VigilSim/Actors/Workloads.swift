import VigilCore

/// What keeps crews from the next call besides travel and time at scene (the scenario's `[workload]`): hospital waits
/// and scene guards lengthen a job, an arrest takes the crew to custody, a write-up follows, and a refreshment break
/// is taken once a shift when the area can spare the unit.
extension Simulation {
    /// Extra minutes at scene: waiting at hospital with the person, or guarding the scene. Each is noted in the
    /// incident's narrative, so consoles show why the unit is still there.
    mutating func sceneExtra<W: SimWorld>(_ cs: Callsign, _ ref: IncidentRef, _ job: Category, _ world: inout W) throws
        -> Double
    {
        let w = scenario.workload
        var extra = 0.0
        if rng.chance(w.share(w.hospitalShare, job)) {
            extra += rng.draw(w.hospitalMinutes)
            _ = try execute(
                .addNarrative(ref, "\(cs) waiting at hospital with the person"), as: SimOperators.crews, &world)
        } else if rng.chance(w.share(w.sceneGuardShare, job)) {
            extra += rng.draw(w.sceneGuardMinutes)
            _ = try execute(.addNarrative(ref, "\(cs) holding the scene (scene guard)"), as: SimOperators.crews, &world)
        }
        return extra
    }

    /// Minutes with a prisoner if the job ends in an arrest, else nil. Without an arrest table the older
    /// `transport_share` of crime jobs applies.
    mutating func arrest(_ job: Category) -> Double? {
        let w = scenario.workload
        if w.arrestShare.isEmpty {
            guard job.kind == .crime, rng.chance(scenario.transportShare / 0.5) else { return nil }
            return rng.draw(scenario.transportMinutes)
        }
        guard rng.chance(w.share(w.arrestShare, job)) else { return nil }
        return rng.draw(w.custodyMinutes)
    }

    /// Statements and reports after a job: the unit takes grade 1 only until done.
    mutating func writeUp<W: SimWorld>(_ cs: Callsign, after job: Category, _ world: inout W) throws {
        let w = scenario.workload
        guard rng.chance(w.share(w.writeUpShare, job)) else { return }
        guard try execute(.setStatus(cs, .writeUp, position: nil), as: SimOperators.crews, &world) != nil else {
            return
        }
        agenda.schedule(
            .writeUpDone(cs), at: now + .seconds(wholeSeconds(rng.draw(w.writeUpMinutes) * 60, .towardZero)))
    }

    /// The write-up is done; a grade 1 that took the unit meanwhile ended it already.
    mutating func writeUpDone<W: SimWorld>(_ cs: Callsign, _ world: inout W) throws {
        guard world.state.units[cs]?.status == .writeUp else { return }
        try clear(cs, &world)
    }

    /// Plans each incoming unit's break, a few hours into the shift at a random minute.
    mutating func planRefreshments(_ k: Int) {
        guard scenario.workload.refreshmentMinutes > 0 else { return }
        for cs in rota.onShiftList {
            let after = 150 + rng.unit() * 150
            agenda.schedule(.refreshment(cs, shift: k), at: now + .seconds(Int64(after * 60)))
        }
    }

    /// Takes the break if the unit is free and its area can spare it; else tries again in 20 minutes while its shift
    /// lasts. A grade 1 assigned during the break ends it, and it is not taken again.
    mutating func takeRefreshment<W: SimWorld>(_ cs: Callsign, shift k: Int, _ world: inout W) throws {
        guard rota.shiftUnits.indices.contains(k), rota.shiftUnits[k].contains(cs), rota.onShift.contains(cs),
            !rota.leaving.contains(cs), let u = world.state.units[cs]
        else { return }
        let spare = (world.state.index.freeResponse[u.area] ?? 0) > scenario.workload.refreshmentWhenFree
        guard u.incident == nil, u.status.isDeployable, spare else {
            agenda.schedule(.refreshment(cs, shift: k), at: now + .minutes(20))
            return
        }
        guard try execute(.setStatus(cs, .refreshment, position: nil), as: SimOperators.crews, &world) != nil else {
            return
        }
        agenda.schedule(
            .refreshmentDone(cs), at: now + .seconds(Int64(scenario.workload.refreshmentMinutes * 60)))
    }

    mutating func endRefreshment<W: SimWorld>(_ cs: Callsign, _ world: inout W) throws {
        guard world.state.units[cs]?.status == .refreshment else { return }
        try clear(cs, &world)
    }
}
