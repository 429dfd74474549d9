extension DispatchState {
    /// Folds one event into the state. Events are facts already decided, so this never fails; events naming
    /// things the state does not hold change nothing. It formats no text and looks each key up once, because
    /// replaying a long log runs through here millions of times.
    public mutating func apply(_ event: Event) {
        eventCount += 1
        lastEventAt = event.at
        let now = event.at
        let by = event.operatorID
        switch event.change {
        case .operatorRegistered(let op):
            operators[op.id] = op
        case .operatorSignedOn:
            signedOn[by] = event.console
        case .operatorSignedOff:
            signedOn[by] = nil
        case .contactReceived(let id, let channel, let details):
            contacts[id] = Contact(id: id, channel: channel, details: details, receivedAt: now)
            waitingContacts.append(id)
            nextContact = max(nextContact, id.value + 1)
        case .contactAnswered(let id):
            updateContact(id) { c in
                c.state = .answered
                c.answeredAt = now
                c.handler = by
            }
            waitingContacts.remove(id)
            contactsInHand.append(id)
        case .incidentRaised(let ref, let contact, let grade, let category, let location, let address, let area, let beat, let rural, let flags):
            var incident = Incident(ref: ref, grade: grade, opening: category, location: location, address: address, area: area,
                                    beat: beat, rural: rural, flags: flags, contacts: [contact], createdAt: now)
            incident.narrative.append(NarrativeEntry(at: now, author: by, .raised(contact: contact, grade: grade, category: category)))
            incidents[ref] = incident
            openIncidents.append(ref)
            updateContact(contact) { $0.state = .raised(ref) }
            contactsInHand.remove(contact)
            dayCounters[ref.day] = max(dayCounters[ref.day] ?? 0, ref.number)
        case .contactLinked(let contact, let ref):
            updateContact(contact) { $0.state = .linked(ref) }
            contactsInHand.remove(contact)
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
            waitingContacts.remove(contact)
            contactsInHand.remove(contact)
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
            guard incidents[ref] != nil, units[cs] != nil else { break }
            updateUnit(cs) { u in
                u.incident = ref
                u.status = .assigned
                u.statusSince = now
            }
            updateIncident(ref) { i in
                i.units.append(cs)
                if i.firstAssignedAt == nil { i.firstAssignedAt = now }
                i.narrative.append(NarrativeEntry(at: now, author: by, .assigned(cs)))
            }
        case .unitUnassigned(let cs, let ref, let reason):
            release(cs, from: ref, at: now)
            updateIncident(ref) { $0.narrative.append(NarrativeEntry(at: now, author: by, .unassigned(cs, reason: reason))) }
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
            for cs in incidents[ref]?.units ?? [] { release(cs, from: ref, at: now) }
            close(ref, category: category, outcome: outcome, at: now, by: by)
        case .flagAdded(let flag):
            flags[flag.id] = flag
            nextFlag = max(nextFlag, flag.id + 1)
        case .flagExpired(let id):
            flags[id]?.expired = true
        }
    }

    /// Applies events in order.
    public mutating func apply<S: Sequence>(_ events: S) where S.Element == Event {
        for e in events { apply(e) }
    }

    /// Changes a unit in place while keeping the spatial index in step.
    mutating func updateUnit(_ cs: Callsign, _ body: (inout PoliceUnit) -> Void) {
        guard let i = units.index(forKey: cs) else { return }
        index.remove(units.values[i], slot: i)
        body(&units.values[i])
        index.insert(units.values[i], slot: i)
    }

    mutating func updateIncident(_ ref: IncidentRef, _ body: (inout Incident) -> Void) {
        guard let i = incidents.index(forKey: ref) else { return }
        body(&incidents.values[i])
    }

    mutating func updateContact(_ id: ContactID, _ body: (inout Contact) -> Void) {
        guard let i = contacts.index(forKey: id) else { return }
        body(&contacts.values[i])
    }

    /// Frees a unit from an incident; units still committed to it return to patrol.
    mutating func release(_ cs: Callsign, from ref: IncidentRef, at now: Instant) {
        guard units[cs]?.incident == ref else { return }
        updateUnit(cs) { u in
            u.incident = nil
            if u.status == .assigned || u.status == .enRoute || u.status == .atScene {
                u.status = .available
                u.statusSince = now
            }
        }
        updateIncident(ref) { $0.units.removeAll { $0 == cs } }
    }

    mutating func close(_ ref: IncidentRef, category: Category, outcome: String, at now: Instant, by author: OperatorID) {
        guard incidents[ref]?.isOpen == true else { return }
        updateIncident(ref) { i in
            i.closing = category
            i.outcome = outcome
            i.closedAt = now
            i.narrative.append(NarrativeEntry(at: now, author: author, .closed(category, outcome: outcome)))
        }
        openIncidents.remove(ref)
    }
}
