extension DispatchState {
    /// `aid POOL N`: N units a neighbouring force lends book on at its reporting station. Units of the pool stood
    /// down earlier come back first (the same crews), then new callsigns, up to what the pool can lend.
    func decideRequestAid(_ id: AidPoolID, units n: Int) throws(DispatchError) -> [Change] {
        let pool = try aidPool(id)
        guard n > 0 else { throw .badAidCount(n) }
        var callsigns: [Callsign] = []
        var lent = 0
        for k in stride(from: 1, through: pool.units, by: 1) {
            let cs = pool.callsign(k)
            if let u = units[cs], u.status != .offDuty {
                lent += 1
            } else if callsigns.count < n {
                callsigns.append(cs)
            }
        }
        guard callsigns.count == n else { throw .aidExhausted(pool, lent: lent) }
        return [.mutualAidArrived(MutualAidArrived(pool: pool.id, units: callsigns, station: pool.station))]
    }

    /// `aid off POOL`: the pool's free lent units go off duty; those committed to an incident stay on it.
    func decideStandDownAid(_ id: AidPoolID) throws(DispatchError) -> [Change] {
        let pool = try aidPool(id)
        let lent = lentUnits(of: pool)
        let free = lent.filter { $0.incident == nil && $0.status != .transporting }
        guard !free.isEmpty else { throw .noAidToStandDown(pool, committed: lent.map(\.callsign)) }
        return free.map { .unitStatusChanged(UnitStatusChanged(unit: $0.callsign, status: .offDuty, position: nil)) }
    }

    func aidPool(_ id: AidPoolID) throws(DispatchError) -> AidPool {
        guard let pool = force.aidPool(named: id) else { throw .unknownAidPool(id, known: force.aid.map(\.name)) }
        return pool
    }
}
