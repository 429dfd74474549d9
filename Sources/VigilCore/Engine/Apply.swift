extension DispatchState {
    /// Folds one event into the state. Events are facts already decided, so this never fails; events naming
    /// things the state does not hold change nothing.
    public mutating func apply(_ event: Event) {
        eventCount += 1
        lastEventAt = event.at
        let now = event.at
        switch event.change {
        case .operatorRegistered(let op):
            operators[op.id] = op
        case .operatorSignedOn:
            signedOn[event.operatorID] = event.console
        case .operatorSignedOff:
            signedOn[event.operatorID] = nil
        case .contactReceived(let id, let channel, let details):
            contacts[id] = Contact(id: id, channel: channel, details: details, receivedAt: now)
            waitingContacts.append(id)
            nextContact = max(nextContact, id.value + 1)
        case .contactAnswered(let id):
            contacts[id]?.state = .answered
            contacts[id]?.answeredAt = now
            contacts[id]?.handler = event.operatorID
            waitingContacts.remove(id)
            contactsInHand.append(id)
        case .incidentRaised(let ref, let contact, let grade, let category, let location, let address, let area, let beat, let rural, let flags):
            var incident = Incident(ref: ref, grade: grade, opening: category, location: location, address: address, area: area,
                                    beat: beat, rural: rural, flags: flags, contacts: [contact], createdAt: now)
            incident.narrative.append(NarrativeEntry(at: now, author: event.operatorID,
                                                     text: "Raised from \(contact) as grade \(grade.rawValue) \(category)"))
            incidents[ref] = incident
            openIncidents.append(ref)
            contacts[contact]?.state = .raised(ref)
            contactsInHand.remove(contact)
            dayCounters[ref.day] = max(dayCounters[ref.day] ?? 0, ref.number)
        case .contactLinked(let contact, let ref):
            contacts[contact]?.state = .linked(ref)
            contactsInHand.remove(contact)
            if incidents[ref]?.contacts.contains(contact) == false { incidents[ref]?.contacts.append(contact) }
            incidents[ref]?.narrative.append(NarrativeEntry(at: now, author: event.operatorID, text: "Linked call \(contact)"))
        case .incidentMerged(let from, let into):
            let moved = incidents[from]?.contacts ?? []
            for c in moved {
                contacts[c]?.state = .linked(into)
                if incidents[into]?.contacts.contains(c) == false { incidents[into]?.contacts.append(c) }
            }
            incidents[into]?.narrative.append(NarrativeEntry(at: now, author: event.operatorID, text: "Merged duplicate \(from)"))
            incidents[from]?.narrative.append(NarrativeEntry(at: now, author: event.operatorID, text: "Duplicate of \(into)"))
            close(from, category: Category(.admin, "duplicate"), outcome: "Duplicate of \(into)", at: now, by: event.operatorID)
        case .contactResolved(let contact, let advice):
            contacts[contact]?.state = .resolved
            contacts[contact]?.resolution = advice
            waitingContacts.remove(contact)
            contactsInHand.remove(contact)
        case .incidentGraded(let ref, let grade, let reason):
            guard let old = incidents[ref]?.grade else { break }
            incidents[ref]?.grade = grade
            incidents[ref]?.gradedAt = now
            incidents[ref]?.narrative.append(NarrativeEntry(at: now, author: event.operatorID,
                                                            text: "Regraded \(old.rawValue) → \(grade.rawValue): \(reason)"))
        case .thriveRecorded(let ref, let thrive):
            incidents[ref]?.thrive = thrive
            incidents[ref]?.narrative.append(NarrativeEntry(at: now, author: event.operatorID, text: "THRIVE \(thrive.summary) \(thrive.text)"))
        case .narrativeAdded(let ref, let text):
            incidents[ref]?.narrative.append(NarrativeEntry(at: now, author: event.operatorID, text: text))
        case .unitAssigned(let cs, let ref):
            guard incidents[ref] != nil, units[cs] != nil else { break }
            updateUnit(cs) { u in
                u.incident = ref
                u.status = .assigned
                u.statusSince = now
            }
            incidents[ref]?.units.append(cs)
            if incidents[ref]?.firstAssignedAt == nil { incidents[ref]?.firstAssignedAt = now }
            incidents[ref]?.narrative.append(NarrativeEntry(at: now, author: event.operatorID, text: "Assigned \(cs)"))
        case .unitUnassigned(let cs, let ref, let reason):
            release(cs, from: ref, at: now)
            incidents[ref]?.narrative.append(NarrativeEntry(at: now, author: event.operatorID,
                                                            text: reason.isEmpty ? "Unassigned \(cs)" : "Unassigned \(cs): \(reason)"))
        case .unitStatusChanged(let cs, let status, let position):
            updateUnit(cs) { u in
                u.status = status
                u.statusSince = now
                if let position { u.position = position }
            }
            if status == .atScene, let ref = units[cs]?.incident, incidents[ref]?.firstOnSceneAt == nil {
                incidents[ref]?.firstOnSceneAt = now
            }
        case .unitMoved(let cs, let area):
            updateUnit(cs) { $0.area = area }
        case .incidentClosed(let ref, let category, let outcome):
            for cs in incidents[ref]?.units ?? [] { release(cs, from: ref, at: now) }
            close(ref, category: category, outcome: outcome, at: now, by: event.operatorID)
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

    /// Changes a unit while keeping the spatial index in step.
    mutating func updateUnit(_ cs: Callsign, _ body: (inout PoliceUnit) -> Void) {
        guard let i = units.index(forKey: cs) else { return }
        index.remove(units.values[i])
        body(&units.values[i])
        index.insert(units.values[i])
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
        incidents[ref]?.units.removeAll { $0 == cs }
    }

    mutating func close(_ ref: IncidentRef, category: Category, outcome: String, at now: Instant, by author: OperatorID) {
        guard incidents[ref]?.isOpen == true else { return }
        incidents[ref]?.closing = category
        incidents[ref]?.outcome = outcome
        incidents[ref]?.closedAt = now
        incidents[ref]?.narrative.append(NarrativeEntry(at: now, author: author, text: "Closed as \(category)\(outcome.isEmpty ? "" : ": " + outcome)"))
        openIncidents.remove(ref)
    }
}
