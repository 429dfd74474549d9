extension Change {
    /// One line for logs, tails and scripts, e.g. `UnitAssigned BW11 → WM-20261125-0014`.
    public var summary: String {
        switch self {
        case .operatorRegistered(let op): "\(typeName) \(op.id) \(op.role.rawValue) \(quote(op.name))"
        case .operatorSignedOn, .operatorSignedOff: typeName
        case .contactReceived(let id, let channel, let d):
            "\(typeName) \(id) \(channel.rawValue)" + (d.address.isEmpty ? "" : " \(quote(d.address))")
        case .contactAnswered(let id): "\(typeName) \(id)"
        case .incidentRaised(let ref, let contact, let grade, let category, _, let address, let area, _, _, let flags):
            "\(typeName) \(ref) from \(contact) grade \(grade.rawValue) \(category) " + (area.isEmpty ? Force.outside : "in \(area)")
                + (address.isEmpty ? "" : " \(quote(address))") + (flags.isEmpty ? "" : " flags " + flags.map(\.kind.tag).joined(separator: ","))
        case .contactLinked(let id, let ref): "\(typeName) \(id) → \(ref)"
        case .incidentMerged(let a, let b): "\(typeName) \(a) → \(b)"
        case .contactResolved(let id, let advice): "\(typeName) \(id) \(quote(advice))"
        case .incidentGraded(let ref, let g, let reason): "\(typeName) \(ref) grade \(g.rawValue) \(quote(reason))"
        case .thriveRecorded(let ref, let t): "\(typeName) \(ref) \(t.summary)"
        case .narrativeAdded(let ref, let text): "\(typeName) \(ref) \(quote(text))"
        case .unitAssigned(let cs, let ref): "\(typeName) \(cs) → \(ref)"
        case .unitUnassigned(let cs, let ref, let reason): "\(typeName) \(cs) ← \(ref)" + (reason.isEmpty ? "" : " (\(reason))")
        case .unitStatusChanged(let cs, let s, let at): "\(typeName) \(cs) \(s.label)" + (at.map { " at \($0)" } ?? "")
        case .unitMoved(let cs, let area): "\(typeName) \(cs) → \(area)"
        case .incidentClosed(let ref, let cat, let outcome): "\(typeName) \(ref) \(cat)" + (outcome.isEmpty ? "" : " \(quote(outcome))")
        case .flagAdded(let f): "\(typeName) F\(f.id) \(f.kind.tag) \(quote(f.address))"
        case .flagExpired(let id): "\(typeName) F\(id)"
        case .shiftClockSet(let paused, let speed): "\(typeName) \(ShiftClock(paused: paused, speed: speed).text)"
        case .injectFired(let n): "\(typeName) \(n)"
        case .operatorDisabled(let id): "\(typeName) \(id)"
        case .signOnRefused(let reason): "\(typeName) \(quote(reason))"
        case .majorIncidentDeclared(let n, let name, let refs): "\(typeName) \(n) \(quote(name)) " + refs.map(\.description).joined(separator: " ")
        case .majorIncidentNoted(let n, let text): "\(typeName) \(n) \(quote(text))"
        case .operatorLockedOut(let id, let until): "\(typeName) \(id) until \(until.ukLocal.timeText)"
        case .operatorUnlocked(let id): "\(typeName) \(id)"
        case .operatorPINSet(let id): "\(typeName) \(id)"
        case .snapshotTaken(let seq, let digest): "\(typeName) after seq \(seq) \(digest.prefix(12))…"
        }
    }
}

extension Event {
    /// `14:05:09 D100@console-1 UnitAssigned BW11 → WM-20261125-0014`, in UK local time.
    public var line: String { "\(at.ukLocal.timeText) \(operatorID)@\(console) \(change.summary)" }
}
