import VigilCore

/// The rota: shifts change over at their times, outgoing units head in before the handover, and units still busy
/// at the end of their shift go off duty when they clear.
struct RotaState {
    var changeovers: [(at: Instant, shift: Int)] = []
    var shiftUnits: [Set<Callsign>] = []
    var onShift: Set<Callsign> = []
    /// The same units in callsign order, for drawing one at random without sorting them every time.
    var onShiftList: [Callsign] = []
    /// Units to stand down when they clear.
    var leaving: Set<Callsign> = []
}

extension Simulation {
    /// Works out the changeovers across the run and which units work each shift: each shift takes the next block
    /// of response and neighbourhood units in callsign order, so consecutive shifts are different people.
    mutating func planShifts(_ state: DispatchState) {
        let response = state.units.values.filter { $0.type == .response }.map(\.callsign).sorted()
        let neighbourhood = state.units.values.filter { $0.type == .neighbourhood }.map(\.callsign).sorted()
        var r = 0, n = 0
        rota.shiftUnits = scenario.shifts.map { shift in
            var set = Set<Callsign>()
            for k in 0..<min(shift.response, response.count) { set.insert(response[(r + k) % response.count]) }
            for k in 0..<min(shift.neighbourhood, neighbourhood.count) {
                set.insert(neighbourhood[(n + k) % neighbourhood.count])
            }
            r += shift.response
            n += shift.neighbourhood
            return set
        }
        let firstDay = (scenario.start - .hours(24)).ukLocal.date
        for d in 0..<(Int(scenario.hours / 24) + 3) {
            let date = CivilDate(daysSinceEpoch: firstDay.daysSinceEpoch + d)
            for (i, s) in scenario.shifts.enumerated() {
                let at = Instant(ukDate: date, hour: s.startMinute / 60, minute: s.startMinute % 60)
                if at <= scenario.end { rota.changeovers.append((at, i)) }
            }
        }
        rota.changeovers.sort { $0.at < $1.at }
    }

    /// Units of shift `k` come on duty; response and neighbourhood units not on it go off (at once if free,
    /// otherwise when they clear). Specialist units are always on.
    mutating func setShift<W: SimWorld>(_ k: Int, _ world: inout W) throws {
        let incoming = rota.shiftUnits[k]
        for cs in world.state.units.keys {
            guard let u = world.state.units[cs], u.type == .response || u.type == .neighbourhood else { continue }
            if incoming.contains(cs) {
                rota.leaving.remove(cs)
                if u.status == .offDuty {
                    let home = world.state.force.station(u.homeStation)?.location
                    _ = try execute(.setStatus(cs, .atStation, position: home), as: SimOperators.crews, &world)
                }
            } else if u.status != .offDuty {
                if u.incident == nil, u.status != .transporting {
                    _ = try execute(.setStatus(cs, .offDuty, position: nil), as: SimOperators.crews, &world)
                } else {
                    rota.leaving.insert(cs)
                }
            }
        }
        rota.onShift = incoming
        rota.onShiftList = incoming.sorted()
    }

    /// Before a changeover the outgoing units head in, the incoming ones are still in briefing: the handover dip.
    mutating func startHandover<W: SimWorld>(to k: Int, _ world: inout W) throws {
        let staying = rota.shiftUnits[k]
        // In callsign order: a Set iterates in a per-process hash order, which made runs differ between processes.
        for cs in rota.onShiftList where !staying.contains(cs) {
            guard let u = world.state.units[cs], u.status.isDeployable else { continue }
            _ = try execute(.setStatus(cs, .offDuty, position: nil), as: SimOperators.crews, &world)
        }
    }
}
