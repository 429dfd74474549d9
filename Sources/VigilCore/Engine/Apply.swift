extension DispatchState {
    /// Folds one event into the state. Events are facts already decided, so this never fails; events naming
    /// things the state does not hold change nothing. It formats no text and looks each key up once, because
    /// replaying a long log runs through here millions of times.
    public mutating func apply(_ event: Event) {
        eventCount += 1
        lastEventAt = event.at
        archiveIfDue(at: event.at)
        let now = event.at
        let by = event.operatorID
        switch event.change {
        case .operatorRegistered(let op):
            operators[op.id] = op
        case .operatorSignedOn:
            signedOn[by] = event.console
            signOnFailures[by] = nil
        case .operatorSignedOff:
            signedOn[by] = nil
        case .contactReceived(let id, let channel, let details):
            let slot = contacts.upsert(Contact(id: id, channel: channel, details: details, receivedAt: now), forKey: id)
            waitingSlots.insert(slot)
            waitingByChannel[channel.priority].insert(slot)
            nextContact = max(nextContact, id.value + 1)
        case .contactAnswered(let id):
            guard let slot = contacts.index(forKey: id) else { break }
            contacts.values[slot].state = .answered
            contacts.values[slot].answeredAt = now
            contacts.values[slot].handler = by
            waitingSlots.remove(slot)
            waitingByChannel[contacts.values[slot].channel.priority].remove(slot)
            inHandSlots.insert(slot)
        case .incidentRaised(let ref, let contact, let grade, let category, let location, let address, let area, let beat, let rural, let flags):
            var incident = Incident(ref: ref, grade: grade, opening: category, location: location, address: address, area: area,
                                    beat: beat, rural: rural, flags: flags, contacts: [contact], createdAt: now)
            // A typical incident logs six to eight lines (raised, assigned, en route, at scene, cleared, closed); one
            // allocation up front beats three regrowths, and room for more would be held by a day of incidents.
            incident.narrative.reserveCapacity(8)
            incident.narrative.append(NarrativeEntry(at: now, author: by, .raised(contact: contact, grade: grade, category: category)))
            let slot = incidents.upsert(incident, forKey: ref)
            openSlots.insert(slot)
            updateContact(contact) { $0.state = .raised(ref) }
            dayCounters[ref.day] = max(dayCounters[ref.day] ?? 0, ref.number)
        case .contactLinked(let contact, let ref):
            updateContact(contact) { $0.state = .linked(ref) }
            updateIncident(ref) { i in
                if !i.contacts.contains(contact) { i.contacts.append(contact) }
                i.narrative.append(NarrativeEntry(at: now, author: by, .linked(contact)))
            }
        case .incidentMerged(let from, let into):
            let moved = incidents[from]?.contacts ?? []
            for c in moved { updateContact(c) { $0.state = .linked(into) } }
            updateIncident(into) { i in
                for c in moved where !i.contacts.contains(c) { i.contacts.append(c) }
                i.narrative.append(NarrativeEntry(at: now, author: by, .merged(from)))
            }
            updateIncident(from) { $0.narrative.append(NarrativeEntry(at: now, author: by, .duplicateOf(into))) }
            close(from, category: Category(.admin, "duplicate"), outcome: "Duplicate of \(into)", at: now, by: by)
        case .contactResolved(let contact, let advice):
            updateContact(contact) { c in
                c.state = .resolved
                c.resolution = advice
            }
        case .incidentGraded(let ref, let grade, let reason):
            updateIncident(ref) { i in
                i.narrative.append(NarrativeEntry(at: now, author: by, .regraded(from: i.grade, to: grade, reason: reason)))
                i.grade = grade
                i.gradedAt = now
            }
        case .thriveRecorded(let ref, let thrive):
            updateIncident(ref) { i in
                i.thrive = thrive
                i.narrative.append(NarrativeEntry(at: now, author: by, .thrive(thrive)))
            }
        case .narrativeAdded(let ref, let text):
            updateIncident(ref) { $0.narrative.append(NarrativeEntry(at: now, author: by, .note(text))) }
        case .unitAssigned(let cs, let ref):
            guard let slot = incidents.index(forKey: ref), units.index(forKey: cs) != nil else { break }
            updateUnit(cs) { u in
                u.incident = ref
                u.status = .assigned
                u.statusSince = now
            }
            incidents.values[slot].units.append(cs)
            if incidents.values[slot].firstAssignedAt == nil { incidents.values[slot].firstAssignedAt = now }
            incidents.values[slot].narrative.append(NarrativeEntry(at: now, author: by, .assigned(cs)))
        case .unitUnassigned(let cs, let ref, let reason):
            guard let slot = incidents.index(forKey: ref) else { break }
            release(cs, fromSlot: slot, at: now)
            incidents.values[slot].narrative.append(NarrativeEntry(at: now, author: by, .unassigned(cs, reason: reason)))
        case .unitStatusChanged(let cs, let status, let position):
            var onIncident: IncidentRef?
            updateUnit(cs) { u in
                u.status = status
                u.statusSince = now
                if let position { u.position = position }
                onIncident = u.incident
            }
            if let ref = onIncident {
                updateIncident(ref) { i in
                    if status == .atScene && i.firstOnSceneAt == nil { i.firstOnSceneAt = now }
                    i.narrative.append(NarrativeEntry(at: now, author: by, .unitStatus(cs, status)))
                }
            }
        case .unitMoved(let cs, let area):
            updateUnit(cs) { $0.area = area }
        case .incidentClosed(let ref, let category, let outcome):
            guard let slot = incidents.index(forKey: ref) else { break }
            for cs in incidents.values[slot].units { release(cs, fromSlot: slot, at: now) }
            close(ref, category: category, outcome: outcome, at: now, by: by)
        case .flagAdded(let flag):
            flags[flag.id] = flag
            flagKeys[flag.id] = normalizedAddress(flag.address)
            nextFlag = max(nextFlag, flag.id + 1)
        case .flagExpired(let id):
            flags[id]?.expired = true
        case .shiftClockSet(let paused, let speed):
            shiftClock = ShiftClock(paused: paused, speed: speed)
        case .injectFired:
            break
        case .majorIncidentDeclared(let n, let name, let refs):
            var m = majorIncidents[n] ?? MajorIncident(number: n, name: name, declaredAt: now, declaredBy: by, incidents: [])
            let added = refs.filter { !m.incidents.contains($0) }
            m.incidents += added
            m.log.append(NarrativeEntry(at: now, author: by, .note(majorIncidents[n] == nil
                ? "Declared \(name) over \(refs.map(\.short).joined(separator: " "))" : "Added \(added.map(\.short).joined(separator: " "))")))
            majorIncidents[n] = m
            for ref in added { updateIncident(ref) { $0.narrative.append(NarrativeEntry(at: now, author: by, .note("Part of major incident \(n): \(name)"))) } }
        case .majorIncidentNoted(let n, let text):
            majorIncidents[n]?.log.append(NarrativeEntry(at: now, author: by, .note(text)))
        case .operatorDisabled(let id):
            operators[id]?.disabled = true
            signedOn[id] = nil
        case .signOnRefused(let reason):
            guard reason == SignOnPolicy.wrongPIN, operators[by] != nil else { break }
            signOnFailures[by, default: []] = (signOnFailures[by] ?? []).filter { now - $0 < SignOnPolicy.window } + [now]
        case .operatorLockedOut(let id, let until):
            lockedUntil[id] = until
            signOnFailures[id] = nil
        case .operatorUnlocked(let id):
            lockedUntil[id] = nil
            signOnFailures[id] = nil
        case .snapshotTaken, .operatorPINSet:
            break
        }
    }

    /// Applies events in order.
    public mutating func apply<S: Sequence>(_ events: S) where S.Element == Event {
        for e in events { apply(e) }
    }

    /// Changes a unit in place while keeping the spatial index in step.
    mutating func updateUnit(_ cs: Callsign, _ body: (inout PoliceUnit) -> Void) {
        guard let i = units.index(forKey: cs) else { return }
        // Work on the element in place: reading it through the subscript would copy the whole unit.
        index.remove(slot: i, status: units.values[i].status,
                     free: units.values[i].incident == nil, type: units.values[i].type, area: units.values[i].area)
        body(&units.values[i])
        index.insert(slot: i, position: units.values[i].position, status: units.values[i].status,
                     free: units.values[i].incident == nil, type: units.values[i].type, area: units.values[i].area)
    }

    mutating func updateIncident(_ ref: IncidentRef, _ body: (inout Incident) -> Void) {
        guard let i = incidents.index(forKey: ref) else { return }
        body(&incidents.values[i])
    }

    /// Changes a contact in place; a contact leaving the queue or the handler's hands leaves those sets.
    mutating func updateContact(_ id: ContactID, _ body: (inout Contact) -> Void) {
        guard let i = contacts.index(forKey: id) else { return }
        body(&contacts.values[i])
        switch contacts.values[i].state {
        case .waiting: break
        case .answered:
            waitingSlots.remove(i)
            waitingByChannel[contacts.values[i].channel.priority].remove(i)
        case .raised, .linked, .resolved:
            waitingSlots.remove(i)
            waitingByChannel[contacts.values[i].channel.priority].remove(i)
            inHandSlots.remove(i)
        }
    }

    /// Frees a unit from the incident at `slot`; units still committed to it return to patrol.
    mutating func release(_ cs: Callsign, fromSlot slot: Int, at now: Instant) {
        let ref = incidents.keys[slot]
        var released = false
        // A unit stood down on the way is wherever it had got to, not back where it set off. The status is read in
        // place: copying the unit for it would cost every release.
        let enRoute = units.index(forKey: cs).map { units.values[$0].status == .enRoute } ?? false
        let whereNow = enRoute ? estimatedPosition(of: cs, at: now) : nil
        updateUnit(cs) { u in
            guard u.incident == ref else { return }
            released = true
            u.incident = nil
            if let whereNow { u.position = whereNow }
            if u.status == .assigned || u.status == .enRoute || u.status == .atScene {
                u.status = .available
                u.statusSince = now
            }
        }
        if released { incidents.values[slot].units.removeAll { $0 == cs } }
    }

    mutating func close(_ ref: IncidentRef, category: Category, outcome: String, at now: Instant, by author: OperatorID) {
        guard let slot = incidents.index(forKey: ref) else { return }
        guard incidents.values[slot].closedAt == nil else { return }
        incidents.values[slot].closing = category
        incidents.values[slot].outcome = outcome
        incidents.values[slot].closedAt = now
        incidents.values[slot].narrative.append(NarrativeEntry(at: now, author: author, .closed(category, outcome: outcome)))
        openSlots.remove(slot)
    }
}
