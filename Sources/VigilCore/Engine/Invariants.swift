extension DispatchState {
    /// Broken invariants, as sentences; empty when the state is sound. Tests check this after every accepted command.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        var seen: [Callsign: IncidentRef] = [:]
        for i in incidents.values {
            if !i.isOpen && !i.units.isEmpty { problems.append("closed \(i.ref) holds \(i.units)") }
            if i.isOpen != openSlots.contains(incidents.index(forKey: i.ref)!) {
                problems.append("\(i.ref) open-set mismatch")
            }
            for cs in i.units {
                if let other = seen[cs] { problems.append("\(cs) on both \(other) and \(i.ref)") }
                seen[cs] = i.ref
                if units[cs]?.incident != i.ref {
                    problems.append("\(i.ref) lists \(cs) but the unit says \(String(describing: units[cs]?.incident))")
                }
            }
        }
        var free = 0
        for u in units.values {
            if let ref = u.incident {
                guard let i = incidents[ref] else { problems.append("\(u.callsign) on unknown \(ref)"); continue }
                if !i.isOpen { problems.append("\(u.callsign) on closed \(ref)") }
                if !i.units.contains(u.callsign) {
                    problems.append("\(u.callsign) says \(ref) but is not listed there")
                }
            } else if u.status == .assigned || u.status == .enRoute || u.status == .atScene {
                problems.append("\(u.callsign) is \(u.status.label) with no incident")
            }
            if UnitIndex.holds(u) { free += 1 }
        }
        if free != index.count { problems.append("index holds \(index.count) units, \(free) are free") }
        let byStatus = Dictionary(grouping: units.values, by: \.status).mapValues(\.count)
        if byStatus.values.reduce(0, +) != units.count { problems.append("status counts do not add up") }
        let waiting = contacts.values.filter(\.isWaiting).map(\.id)
        if Set(waiting) != Set(waitingContacts) { problems.append("waiting queue mismatch") }
        let inHand = contacts.values.filter(\.isInHand).map(\.id)
        if Set(inHand) != Set(contactsInHand) { problems.append("in-hand contacts mismatch") }
        return problems
    }
}
