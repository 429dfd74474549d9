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
    /// Works out the changeovers across the run and which units work each shift. The roster is by area: each shift's
    /// response and neighbourhood numbers are shared among the areas in proportion to the units each area homes, and
    /// each area's shifts take the next block of its own units in callsign order, so consecutive shifts are different
    /// people and no area is left empty while another has its whole strength on.
    mutating func planShifts(_ state: DispatchState) {
        func byArea(_ type: UnitType) -> [(area: AreaID, units: [Callsign])] {
            var groups: [AreaID: [Callsign]] = [:]
            for u in state.units.values where u.type == type && state.force.lender(of: u.callsign) == nil {
                groups[u.homeArea, default: []].append(u.callsign)
            }
            return groups.keys.sorted().map { ($0, groups[$0]!.sorted()) }
        }
        let response = byArea(.response), neighbourhood = byArea(.neighbourhood)
        var offsets: [UnitType: [Int]] = [
            .response: Array(repeating: 0, count: response.count),
            .neighbourhood: Array(repeating: 0, count: neighbourhood.count),
        ]
        func take(
            _ n: Int, of groups: [(area: AreaID, units: [Callsign])], _ type: UnitType, set byArea: [AreaID: Int],
            into set: inout Set<Callsign>
        ) {
            // Areas with set numbers take them; the others share what is left in proportion to their units.
            let fixed = groups.indices.filter { byArea[groups[$0].area] != nil }
            let left = max(0, n - fixed.reduce(0) { $0 + byArea[groups[$1].area]! })
            var quotas = Self.shares(left, of: groups.map { byArea[$0.area] == nil ? $0.units.count : 0 })
            for g in fixed { quotas[g] = byArea[groups[g].area]! }
            for (g, group) in groups.enumerated() where !group.units.isEmpty {
                let start = offsets[type]![g]
                for k in 0..<min(quotas[g], group.units.count) {
                    set.insert(group.units[(start + k) % group.units.count])
                }
                offsets[type]![g] = start + quotas[g]
            }
        }
        rota.shiftUnits = scenario.shifts.map { shift in
            var set = Set<Callsign>()
            take(
                shift.response, of: response, .response, set: shift.byArea.compactMapValues(\.response), into: &set)
            take(
                shift.neighbourhood, of: neighbourhood, .neighbourhood,
                set: shift.byArea.compactMapValues(\.neighbourhood), into: &set)
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

    /// `n` shared in proportion to `sizes` by largest remainder, never more than a group holds (the rest spills to
    /// the groups with room, largest first).
    static func shares(_ n: Int, of sizes: [Int]) -> [Int] {
        let total = sizes.reduce(0, +)
        guard total > 0, n > 0 else { return sizes.map { _ in 0 } }
        let want = min(n, total)
        var out = sizes.map { want * $0 / total }
        var left = want - out.reduce(0, +)
        let order = sizes.indices.sorted { a, b in
            let ra = want * sizes[a] % total, rb = want * sizes[b] % total
            return ra != rb ? ra > rb : a < b
        }
        for i in order where left > 0 && out[i] < sizes[i] {
            out[i] += 1
            left -= 1
        }
        return out
    }

    /// Units of shift `k` come on duty; response and neighbourhood units not on it go off (at once if free,
    /// otherwise when they clear). Specialist units are always on.
    mutating func setShift<W: SimWorld>(_ k: Int, _ world: inout W) throws {
        let incoming = rota.shiftUnits[k]
        for cs in world.state.units.keys {
            // Lent units are not on the force's rota: they stay until their own force's time is up.
            guard let u = world.state.units[cs], u.type == .response || u.type == .neighbourhood,
                world.state.force.lender(of: cs) == nil
            else { continue }
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
        planRefreshments(k)
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
