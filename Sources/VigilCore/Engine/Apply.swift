extension DispatchState {
    /// Folds one event into the state. Events are facts already decided, so this never fails; events naming
    /// things the state does not hold change nothing. It formats no text and looks each key up once, because
    /// replaying a long log runs through here millions of times.
    public mutating func apply(_ event: Event) {
        eventCount += 1
        // A refused sign-on or a lock-out needs no signature, so its time is anyone's to write: it moves neither the
        // log's clock (which every later event is stamped at or after) nor its archiving. One dated in the year 9999
        // froze every later event there, and kept everyone locked out (found by the seventh attacker).
        if !event.change.needsNoSigner {
            lastEventAt = event.at
            archiveIfDue(at: event.at)
        }
        let now = event.at
        let by = event.operatorID
        switch event.change {
        case .operatorRegistered(let e):
            operators[e.operator.id] = e.operator
        case .operatorSignedOn:
            signedOn[by] = event.console
            signOnFailures[by] = nil
        case .operatorSignedOff:
            signedOn[by] = nil
        case .contactReceived(let e):
            admit(Contact(id: e.contact, channel: e.channel, details: e.details, receivedAt: now))
        case .contactAnswered(let e):
            guard let slot = contacts.index(forKey: e.contact) else { break }
            contacts.values[slot].state = .answered
            contacts.values[slot].answeredAt = now
            contacts.values[slot].handler = by
            waitingSlots.remove(slot)
            waitingByChannel[contacts.values[slot].channel.priority].remove(slot)
            inHandSlots.insert(slot)
        case .incidentRaised(let e):
            var incident = Incident(
                ref: e.incident, grade: e.grade, opening: e.category, location: e.location, address: e.address,
                area: e.area, beat: e.beat, rural: e.rural, flags: e.flags, contacts: [e.contact], createdAt: now)
            incident.accuracy = e.accuracy
            // A typical incident logs six to eight lines (raised, assigned, en route, at scene, cleared, closed); one
            // allocation up front beats three regrowths, and room for more would be held by a day of incidents.
            incident.narrative.reserveCapacity(8)
            incident.narrative.append(
                NarrativeEntry(at: now, author: by, .raised(contact: e.contact, grade: e.grade, category: e.category)))
            let slot = incidents.upsert(incident, forKey: e.incident)
            openSlots.insert(slot)
            updateContact(e.contact) { $0.state = .raised(e.incident) }
            dayCounters[e.incident.day] = max(dayCounters[e.incident.day] ?? 0, e.incident.number)
        case .contactLinked(let e):
            updateContact(e.contact) { $0.state = .linked(e.incident) }
            updateIncident(e.incident) { i in
                if !i.contacts.contains(e.contact) { i.contacts.append(e.contact) }
                i.narrative.append(NarrativeEntry(at: now, author: by, .linked(e.contact)))
            }
        case .incidentMerged(let e):
            let (from, into) = (e.incident, e.into)
            let moved = incidents[from]?.contacts ?? []
            for c in moved { updateContact(c) { $0.state = .linked(into) } }
            updateIncident(into) { i in
                for c in moved where !i.contacts.contains(c) { i.contacts.append(c) }
                i.narrative.append(NarrativeEntry(at: now, author: by, .merged(from)))
            }
            updateIncident(from) { $0.narrative.append(NarrativeEntry(at: now, author: by, .duplicateOf(into))) }
            close(from, category: Category(.admin, "duplicate"), outcome: "Duplicate of \(into)", at: now, by: by)
        case .eidoImported(let e):
            applyImport(e, at: now, by: by)
        case .contactCorrected(let e):
            guard let i = contacts.index(forKey: e.contact) else { break }
            if let name = e.callerName { contacts.values[i].details.callerName = name }
            if let number = e.callerNumber { contacts.values[i].details.callerNumber = number }
        case .contactReturned(let e):
            guard let i = contacts.index(forKey: e.contact), contacts.values[i].state == .answered else { break }
            contacts.values[i].state = .waiting
            contacts.values[i].handler = nil
            inHandSlots.remove(i)
            waitingSlots.insert(i)
            waitingByChannel[contacts.values[i].channel.priority].insert(i)
        case .contactResolved(let e):
            updateContact(e.contact) { c in
                c.state = .resolved
                c.resolution = e.advice
            }
        case .incidentGraded(let e):
            updateIncident(e.incident) { i in
                i.narrative.append(
                    NarrativeEntry(at: now, author: by, .regraded(from: i.grade, to: e.grade, reason: e.reason)))
                i.grade = e.grade
                i.gradedAt = now
            }
        case .thriveRecorded(let e):
            updateIncident(e.incident) { i in
                i.thrive = e.thrive
                i.narrative.append(NarrativeEntry(at: now, author: by, .thrive(e.thrive)))
            }
        case .narrativeAdded(let e):
            updateIncident(e.incident) { $0.narrative.append(NarrativeEntry(at: now, author: by, .note(e.text))) }
        case .unitAssigned(let e):
            let (cs, ref) = (e.unit, e.incident)
            guard let slot = incidents.index(forKey: ref), units.index(forKey: cs) != nil else { break }
            updateUnit(cs) { u in
                u.incident = ref
                u.status = .assigned
                u.statusSince = now
            }
            incidents.values[slot].units.append(cs)
            if incidents.values[slot].firstAssignedAt == nil { incidents.values[slot].firstAssignedAt = now }
            incidents.values[slot].narrative.append(NarrativeEntry(at: now, author: by, .assigned(cs)))
        case .unitUnassigned(let e):
            guard let slot = incidents.index(forKey: e.incident) else { break }
            release(e.unit, fromSlot: slot, at: now)
            incidents.values[slot].narrative.append(
                NarrativeEntry(at: now, author: by, .unassigned(e.unit, reason: e.reason)))
        case .unitStatusChanged(let e):
            let (cs, status) = (e.unit, e.status)
            var onIncident: IncidentRef?
            updateUnit(cs) { u in
                u.status = status
                u.statusSince = now
                if let position = e.position { u.position = position }
                onIncident = u.incident
            }
            if let ref = onIncident {
                updateIncident(ref) { i in
                    if status == .atScene && i.firstOnSceneAt == nil { i.firstOnSceneAt = now }
                    i.narrative.append(NarrativeEntry(at: now, author: by, .unitStatus(cs, status)))
                }
            }
        case .unitMoved(let e):
            updateUnit(e.unit) { $0.area = e.area }
        case .incidentClosed(let e):
            guard let slot = incidents.index(forKey: e.incident) else { break }
            for cs in incidents.values[slot].units { release(cs, fromSlot: slot, at: now) }
            close(e.incident, category: e.category, outcome: e.outcome, at: now, by: by)
        case .flagAdded(let e):
            let flag = e.flag
            flags[flag.id] = flag
            flagKeys[flag.id] = normalizedAddress(flag.address)
            nextFlag = max(nextFlag, flag.id + 1)
        case .flagExpired(let e):
            flags[e.flag]?.expired = true
        case .shiftClockSet(let e):
            shiftClock = ShiftClock(paused: e.paused, speed: e.speed)
        case .injectFired(let e):
            firedInjects.insert(e.inject)
        case .shiftEnded:
            shiftEnded = true
        case .simHandlersSet(let e):
            simHandlers = e.count
        case .incidentBooked(let e):
            updateIncident(e.incident) {
                $0.bookedFor = e.time
                $0.narrative.append(
                    NarrativeEntry(
                        at: now, author: by,
                        .note("Booked for \(e.time.ukLocal.date) \(e.time.ukLocal.shortTimeText)")))
            }
        case .mutualAidArrived(let e):
            guard let station = force.station(e.station) else { break }
            for cs in e.units {
                if units[cs] == nil {
                    let unit = PoliceUnit(
                        callsign: cs, type: .response, homeArea: station.area, homeStation: station.id,
                        status: .atStation, statusSince: now, position: station.location)
                    // Units are only ever appended, so the new one's slot is the last.
                    let slot = units.upsert(unit, forKey: cs)
                    index.insert(unit, slot: slot)
                } else {
                    updateUnit(cs) { u in
                        u.status = .atStation
                        u.statusSince = now
                        u.position = station.location
                        u.area = station.area
                    }
                }
            }
        case .deskTaken(let e):
            deskHolders[e.desk] = e.operator
        case .deskLeft(let e):
            if deskHolders[e.desk] == e.operator { deskHolders[e.desk] = nil }
        case .majorIncidentDeclared(let e):
            let (n, name, refs) = (e.major, e.name, e.incidents)
            var m =
                majorIncidents[n]
                ?? MajorIncident(number: n, name: name, declaredAt: now, declaredBy: by, incidents: [])
            let added = refs.filter { !m.incidents.contains($0) }
            m.incidents += added
            m.log.append(
                NarrativeEntry(
                    at: now, author: by,
                    .note(
                        majorIncidents[n] == nil
                            ? "Declared \(name) over \(refs.map(\.short).joined(separator: " "))"
                            : "Added \(added.map(\.short).joined(separator: " "))")))
            majorIncidents[n] = m
            for ref in added {
                updateIncident(ref) {
                    $0.narrative.append(
                        NarrativeEntry(at: now, author: by, .note("Part of major incident \(n): \(name)")))
                }
            }
        case .majorIncidentNoted(let e):
            majorIncidents[e.major]?.log.append(NarrativeEntry(at: now, author: by, .note(e.text)))
        case .operatorDisabled(let e):
            operators[e.operator]?.disabled = true
            signedOn[e.operator] = nil
        case .signOnRefused(let e):
            guard e.reason == SignOnPolicy.wrongPIN, operators[by] != nil else { break }
            signOnFailures[by, default: []] = failures(by, at: now) + [now]
        case .operatorLockedOut(let e):
            // Supervisors are never locked: a lock-out needs no signature, so one naming them is passed over.
            // And it only ever locks: for no longer than a lock-out does (one written into 2100 is fifteen minutes
            // long), never shortening a lock in force, and never clearing the wrong PINs that made it (they leave
            // the window as the lock ends), so a lock-out written with an `until` already past unlocks nobody and
            // buys no more guesses.
            guard operators[e.operator]?.role != .supervisor, e.until > now else { break }
            let until = min(e.until, now + SignOnPolicy.lockFor)
            lockedUntil[e.operator] = lockedUntil[e.operator].map { max($0, until) } ?? until
        case .operatorUnlocked(let e):
            lockedUntil[e.operator] = nil
            signOnFailures[e.operator] = nil
        case .operatorPINSet(let e):
            if keysCount, let key = e.key {
                operatorKeys[e.operator] = OperatorKey(key: key, oneTime: by != e.operator)
            }
        case .snapshotTaken, .logCopied:
            break
        }
    }

    /// Applies events in order.
    public mutating func apply<S: Sequence>(_ events: S) where S.Element == Event {
        for e in events { apply(e) }
    }

    /// Applies an array of events in order, lending each from the array rather than copying it out: a copy retains
    /// and releases every string an event holds.
    public mutating func apply(_ events: [Event]) {
        events.withUnsafeBufferPointer { buffer in
            for i in buffer.indices { apply(buffer[i]) }
        }
    }

    /// Changes a unit in place while keeping the spatial index in step.
    mutating func updateUnit(_ cs: Callsign, _ body: (inout PoliceUnit) -> Void) {
        guard let i = units.index(forKey: cs) else { return }
        // Work on the element in place: reading it through the subscript would copy the whole unit.
        index.remove(
            slot: i, status: units.values[i].status,
            free: units.values[i].incident == nil, type: units.values[i].type, area: units.values[i].area)
        body(&units.values[i])
        index.insert(
            slot: i, position: units.values[i].position, status: units.values[i].status,
            free: units.values[i].incident == nil, type: units.values[i].type, area: units.values[i].area)
    }

    mutating func updateIncident(_ ref: IncidentRef, _ body: (inout Incident) -> Void) {
        guard let i = incidents.index(forKey: ref) else { return }
        body(&incidents.values[i])
    }

    /// Takes a new contact in: into its queue when it waits, and past the numbers handed out.
    mutating func admit(_ contact: Contact) {
        let slot = contacts.upsert(contact, forKey: contact.id)
        if contact.state == .waiting {
            waitingSlots.insert(slot)
            waitingByChannel[contact.channel.priority].insert(slot)
        }
        nextContact = max(nextContact, contact.id.value + 1)
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

    mutating func close(_ ref: IncidentRef, category: Category, outcome: String, at now: Instant, by author: OperatorID)
    {
        guard let slot = incidents.index(forKey: ref) else { return }
        guard incidents.values[slot].closedAt == nil else { return }
        incidents.values[slot].closing = category
        incidents.values[slot].outcome = outcome
        incidents.values[slot].closedAt = now
        incidents.values[slot].narrative.append(
            NarrativeEntry(at: now, author: author, .closed(category, outcome: outcome)))
        openSlots.remove(slot)
    }
}
