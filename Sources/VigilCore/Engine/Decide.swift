/// Validates `command` against `state` and returns the events it causes, or why it is refused.
public func decide(_ state: DispatchState, _ command: Command, by actor: Actor, at now: Instant) -> Result<
    [Event], DispatchError
> {
    state.decide(command, by: actor, at: now)
}

extension DispatchState {
    /// Validates a command from `actor` at `now`; the events returned, applied in order, are its whole effect.
    public func decide(_ command: Command, by actor: Actor, at now: Instant) -> Result<[Event], DispatchError> {
        do {
            let changes = try decideChanges(command, by: actor, at: now)
            return .success(changes.map { Event(at: now, by: actor, $0) })
        } catch {
            return .failure(error)
        }
    }

    /// `roles: false` leaves the role's permission to the caller (a reader, which holds an event to every action
    /// that may make it) and checks the rest: a registered, enabled operator, signed on.
    func decideChanges(_ command: Command, by actor: Actor, at now: Instant, roles: Bool = true) throws(DispatchError)
        -> [Change]
    {
        try StoredText.check(command, by: actor)
        if command.needsAuthorisation { try authorise(command, actor, roles: roles) }
        switch command {
        case .signOn:
            if let until = lockedOut(actor.operatorID, at: now) {
                throw .operatorLockedOut(actor.operatorID, until: until)
            }
            if let console = signedOn[actor.operatorID], console != actor.console {
                throw .alreadySignedOn(actor.operatorID, console)
            }
            return signedOn[actor.operatorID] == actor.console ? [] : [.operatorSignedOn(OperatorSignedOn())]
        case .signOff:
            return desksLeft(by: actor.operatorID, cause: .signedOff, reason: "")
                + callsReturned(by: actor.operatorID, reason: "signed off") + [.operatorSignedOff(OperatorSignedOff())]
        case .correctContact(let id, let name, let number):
            guard let c = contacts[id] else { throw isArchived(id) ? .contactArchived(id) : .unknownContact(id) }
            let newName = name?.trimmingSpaces, newNumber = number?.trimmingSpaces
            let changedName = newName.flatMap { $0 == c.details.callerName ? nil : $0 }
            let changedNumber = newNumber.flatMap { $0 == c.details.callerNumber ? nil : $0 }
            guard changedName != nil || changedNumber != nil else { throw .nothingToCorrect(id) }
            try ownCall(c, id, actor)
            return [
                .contactCorrected(ContactCorrected(contact: id, callerName: changedName, callerNumber: changedNumber))
            ]
        case .returnContact(let id, let reason):
            guard let c = contacts[id] else { throw isArchived(id) ? .contactArchived(id) : .unknownContact(id) }
            guard c.state == .answered else { throw .contactNotInHand(id) }
            try ownCall(c, id, actor)
            return [.contactReturned(ContactReturned(contact: id, reason: reason.trimmingSpaces))]
        case .registerOperator(let new):
            // d100 beside D100 would be two people answering to one typed id.
            let taken = operatorID(matching: new.id)
            guard operators[taken] == nil, taken.lowercased() != logAdministrator.lowercased() else {
                throw .operatorExists(taken)
            }
            return [.operatorRegistered(OperatorRegistered(operator: new))]
        case .receiveContact(let channel, let details, let trueGrade):
            try onEarth(details.location)
            return [
                .contactReceived(
                    ContactReceived(
                        contact: ContactID(nextContact), channel: channel, details: details, trueGrade: trueGrade))
            ]
        case .answerContact(let id):
            return try decideAnswer(id)
        case .importEIDO(let intake):
            return try decideImport(intake, at: now)
        case .raiseIncident(let contact, let grade, let category, let location, let address, let accuracy):
            return try decideRaise(
                contact, grade: grade, category: category, location: location, address: address,
                accuracy: location == nil ? nil : accuracy, by: actor, now: now)
        case .linkContact(let contact, let ref):
            guard let c = contacts[contact] else {
                throw isArchived(contact) ? .contactArchived(contact) : .unknownContact(contact)
            }
            guard c.state == .answered || c.state == .waiting else { throw .contactNotInHand(contact) }
            try ownCall(c, contact, actor)
            _ = try openIncident(ref)
            var changes: [Change] = []
            if c.state == .waiting { changes.append(.contactAnswered(ContactAnswered(contact: contact))) }
            changes.append(.contactLinked(ContactLinked(contact: contact, incident: ref)))
            return changes
        case .mergeIncident(let from, let into):
            guard from != into else { throw .mergeIntoSelf(from) }
            let source = try openIncident(from)
            _ = try openIncident(into)
            guard source.units.isEmpty else { throw .incidentHasUnits(from, source.units) }
            return [.incidentMerged(IncidentMerged(incident: from, into: into))]
        case .resolveContact(let contact, let advice):
            guard let c = contacts[contact] else {
                throw isArchived(contact) ? .contactArchived(contact) : .unknownContact(contact)
            }
            guard c.state == .answered || c.state == .waiting else { throw .contactNotInHand(contact) }
            try ownCall(c, contact, actor)
            let text = try nonEmpty(advice, "advice")
            return (c.state == .waiting ? [.contactAnswered(ContactAnswered(contact: contact))] : []) + [
                .contactResolved(ContactResolved(contact: contact, advice: text))
            ]
        case .grade(let ref, let grade, let reason):
            let incident = try openIncident(ref)
            guard incident.grade != grade else { throw .sameGrade(ref, grade) }
            let text = reason.trimmingSpaces
            guard !text.isEmpty else { throw .reasonRequired(ref) }
            // Grade 4 sends no unit, so a downgrade to 4 stands the assigned units down.
            let release: [Change] =
                grade == .resolution
                ? incident.units.map {
                    .unitUnassigned(UnitUnassigned(unit: $0, incident: ref, reason: "regraded to 4"))
                } : []
            return release + [.incidentGraded(IncidentGraded(incident: ref, grade: grade, reason: text))]
        case .recordThrive(let ref, let thrive):
            _ = try openIncident(ref)
            return [.thriveRecorded(ThriveRecorded(incident: ref, thrive: thrive))]
        case .addNarrative(let ref, let text):
            _ = try incident(named: ref)
            return [.narrativeAdded(NarrativeAdded(incident: ref, text: try nonEmpty(text, "note")))]
        case .assign(let ref, let callsigns):
            return try decideAssign(ref, callsigns)
        case .unassign(let cs, let ref):
            guard let unit = units[cs] else { throw .unknownUnit(cs) }
            guard let current = unit.incident, ref == nil || ref == current else { throw .unitNotOnIncident(cs, ref) }
            return [.unitUnassigned(UnitUnassigned(unit: cs, incident: current, reason: ""))]
        case .setStatus(let cs, let status, let position):
            return try decideStatus(cs, status, position: position)
        case .moveUnit(let cs, let area):
            guard let unit = units[cs] else { throw .unknownUnit(cs) }
            guard force.area(area) != nil else { throw .unknownArea(area) }
            guard unit.area != area else { throw .sameArea(cs, area) }
            return [.unitMoved(UnitMoved(unit: cs, area: area))]
        case .closeIncident(let ref, let category, let outcome):
            let incident = try openIncident(ref)
            // Units still on it are released in the record first, so none reappears free without a trace.
            let released = incident.units.map {
                Change.unitUnassigned(UnitUnassigned(unit: $0, incident: ref, reason: "incident closed"))
            }
            return released + [
                .incidentClosed(IncidentClosed(incident: ref, category: category, outcome: outcome.trimmingSpaces))
            ]
        case .addFlag(let kind, let address, let location, let note, let expires):
            try onEarth(location)
            return [
                .flagAdded(
                    FlagAdded(
                        flag: AddressFlag(
                            id: nextFlag, kind: kind, address: try nonEmpty(address, "address"),
                            location: location, note: note.trimmingSpaces, expires: expires)))
            ]
        case .expireFlag(let id):
            guard let flag = flags[id] else { throw .unknownFlag(id) }
            guard flag.isActive(at: now) else { throw .flagAlreadyExpired(id) }
            return [.flagExpired(FlagExpired(flag: id))]
        case .endShift(let scenario):
            guard !shiftEnded else { throw .shiftAlreadyEnded }
            return [.shiftEnded(ShiftEnded(scenario: scenario))]
        case .setSimHandlers(let n):
            guard (0...SimHandlersSet.most).contains(n) else { throw .badHandlerCount(n) }
            return [.simHandlersSet(SimHandlersSet(count: n))]
        case .book(let ref, let time):
            let incident = try openIncident(ref)
            guard incident.grade == .scheduled else { throw .bookOnlyGrade3(ref, incident.grade) }
            guard time > now else { throw .bookingInPast(ref, time) }
            guard time - now <= IncidentBooked.furthest else { throw .bookingTooFar(ref, time) }
            guard incident.firstOnSceneAt == nil else { throw .alreadyAttended(ref) }
            return [.incidentBooked(IncidentBooked(incident: ref, time: time))]
        case .requestAid(let id, let n):
            return try decideRequestAid(id, units: n)
        case .standDownAid(let id):
            return try decideStandDownAid(id)
        case .takeDesk(let id, let target):
            return try decideTakeDesk(id, for: target, by: actor)
        case .leaveDesk(let id, let reason, let silent):
            return try decideLeaveDesk(id, reason: reason, silent: silent, by: actor)
        case .pauseShift:
            guard !shiftClock.paused else { throw .shiftAlreadyPaused }
            return [.shiftClockSet(ShiftClockSet(paused: true, speed: shiftClock.speed))]
        case .resumeShift:
            guard shiftClock.paused else { throw .shiftNotPaused }
            return [.shiftClockSet(ShiftClockSet(paused: false, speed: shiftClock.speed))]
        case .setShiftSpeed(let speed):
            guard ShiftClock.speeds.contains(speed) else { throw .badShiftSpeed(speed) }
            guard speed != shiftClock.speed else { throw .shiftSpeedUnchanged(shiftClock) }
            return [.shiftClockSet(ShiftClockSet(paused: shiftClock.paused, speed: speed))]
        case .fireInject(let n, let again):
            guard n >= 1 else { throw .badInject(n) }
            let repeated = firedInjects.contains(n)
            guard !repeated || again else { throw .injectAlreadyFired(n) }
            return [.injectFired(InjectFired(inject: n, repeated: repeated ? true : nil))]
        case .disableOperator(let id):
            guard let op = operators[id] else { throw .unknownOperator(id) }
            guard !op.disabled else { throw .operatorDisabled(id) }
            guard id != actor.operatorID else { throw .cannotDisableSelf }
            return desksLeft(by: id, cause: .disabled, reason: "by \(actor.operatorID)")
                + callsReturned(by: id, reason: "disabled by \(actor.operatorID)") + [
                    .operatorDisabled(OperatorDisabled(operator: id))
                ]
        case .recordRefusedSignOn(let reason):
            // A refusal is recorded for whoever tried, registered or not: that is the point of it.
            return try decideRefusal(reason, by: actor, at: now)
        case .recordSnapshot(let seq, let digest):
            // Recorded by whichever registered operator's process is appending, or by a server's administrator in
            // the log's name; it changes nothing in the world.
            if actor.operatorID != logAdministrator {
                guard let op = operators[actor.operatorID] else { throw .unknownOperator(actor.operatorID) }
                guard !op.disabled else { throw .operatorDisabled(op.id) }
            }
            guard seq >= 0, digest.utf8.count == 64,
                digest.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
            else {
                throw .emptyText("snapshot digest")
            }
            return [.snapshotTaken(SnapshotTaken(seq: seq, digest: digest))]
        case .recordPINSet(let id, let key):
            guard operators[id] != nil else { throw .unknownOperator(id) }
            if let key { guard key.utf8.count == 44, key.hasSuffix("=") else { throw .emptyText("signing key") } }
            // Anyone may change their own PIN; only an administrator someone else's.
            if id != actor.operatorID, let role = operators[actor.operatorID]?.role, !role.may(.administer) {
                throw .notPermitted(role, .administer, askInstead: "a supervisor")
            }
            return [.operatorPINSet(OperatorPINSet(operator: id, key: key))]
        case .recordCopy(let seq, let hash, let from):
            guard seq >= 0, hash.utf8.count == 64,
                hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
            else { throw .emptyText("copied head") }
            return [.logCopied(LogCopied(seq: seq, hash: hash, from: from))]
        case .unlockOperator(let id):
            guard operators[id] != nil else { throw .unknownOperator(id) }
            guard lockedUntil[id] != nil || !(signOnFailures[id] ?? []).isEmpty else { throw .operatorNotLockedOut(id) }
            return [.operatorUnlocked(OperatorUnlocked(operator: id))]
        case .declareMajorIncident(let name, let refs):
            let title = try nonEmpty(name, "name")
            guard !refs.isEmpty else { throw .noIncidentsNamed }
            for ref in refs { _ = try openIncident(ref) }
            // Declaring again under the same name adds to that major incident.
            let existing = majorIncidents.values.first { $0.name.lowercased() == title.lowercased() }
            if let existing, refs.allSatisfy(existing.incidents.contains) {
                throw .alreadyInMajorIncident(existing.number)
            }
            return [
                .majorIncidentDeclared(
                    MajorIncidentDeclared(
                        major: existing?.number ?? (majorIncidents.keys.max() ?? 0) + 1, name: existing?.name ?? title,
                        incidents: refs))
            ]
        case .noteMajorIncident(let n, let text):
            guard majorIncidents[n] != nil else { throw .unknownMajorIncident(n) }
            return [.majorIncidentNoted(MajorIncidentNoted(major: n, text: try nonEmpty(text, "note")))]
        }
    }

    /// Refuses a position that is not a place on Earth, whoever sends it (the parser refuses them too; the simulator,
    /// an import or a script must not get past here).
    func onEarth(_ p: GeoPoint?) throws(DispatchError) {
        if let p, !p.isOnEarth { throw .notOnEarth(p) }
    }

    /// Checks the operator exists, is enabled, is signed on (except to sign on) and may take the action.
    func authorise(_ command: Command, _ actor: Actor, roles: Bool = true) throws(DispatchError) {
        guard let op = operators[actor.operatorID] else { throw .unknownOperator(actor.operatorID) }
        guard !op.disabled else { throw .operatorDisabled(op.id) }
        // A key a supervisor set works once: for its holder to choose their own PIN, signed on or not.
        if operatorKeys[op.id]?.oneTime == true {
            guard case .recordPINSet(let id, _) = command, id == op.id else { throw .mustChangePIN(op.id) }
            return
        }
        if command != .signOn {
            guard signedOn[op.id] != nil else { throw .notSignedOn(op.id) }
        }
        guard !roles || op.role.may(command.action) else {
            throw .notPermitted(op.role, command.action, askInstead: op.role.whoMay(command.action))
        }
    }

    func incident(named ref: IncidentRef) throws(DispatchError) -> Incident {
        guard let i = incidents[ref] else {
            throw isArchived(ref) ? .incidentArchived(ref) : .unknownIncident(ref.description)
        }
        return i
    }

    func openIncident(_ ref: IncidentRef) throws(DispatchError) -> Incident {
        let i = try incident(named: ref)
        guard i.isOpen else { throw .incidentClosed(ref) }
        return i
    }

    /// Refuses to act on a call another operator has in hand (raise, link, resolve, correct or return it), unless the
    /// actor manages the room: two people working one caller would each record what the other never heard.
    func ownCall(_ c: Contact, _ id: ContactID, _ actor: Actor) throws(DispatchError) {
        guard c.state == .answered, let handler = c.handler, handler != actor.operatorID else { return }
        let role = operators[actor.operatorID]?.role ?? .callHandler
        guard Self.deskManagers.contains(role) else { throw .contactIsAnothers(id, handler) }
    }

    func decideAnswer(_ id: ContactID?) throws(DispatchError) -> [Change] {
        guard let id = id ?? nextContactToAnswer else { throw .noContactWaiting }
        guard let c = contacts[id] else { throw isArchived(id) ? .contactArchived(id) : .unknownContact(id) }
        guard c.isWaiting else { throw .contactNotWaiting(id) }
        return [.contactAnswered(ContactAnswered(contact: id))]
    }

    func decideRaise(
        _ id: ContactID, grade: Grade, category: Category, location: GeoPoint?, address: String?,
        accuracy: LocationAccuracy? = nil, by actor: Actor, now: Instant
    ) throws(DispatchError) -> [Change] {
        guard let c = contacts[id] else { throw isArchived(id) ? .contactArchived(id) : .unknownContact(id) }
        guard c.state == .answered || c.state == .waiting else { throw .contactNotInHand(id) }
        try ownCall(c, id, actor)
        guard let place = location ?? c.details.location else { throw .contactHasNoLocation(id) }
        try onEarth(place)
        let addressText = (address ?? c.details.address).trimmingSpaces
        let day = now.ukLocal.date.compact
        let ref = IncidentRef(force: force.code, day: day, number: (dayCounters[day] ?? 0) + 1)
        // One polygon search serves area, beat and the rural test. A place outside every outline is raised with no
        // area, which screens and summaries show as "outside the force area".
        let area = force.area(inside: place)
        let changes: [Change] = [
            .incidentRaised(
                IncidentRaised(
                    incident: ref, contact: id, grade: grade, category: category, location: place, address: addressText,
                    area: area?.id ?? "", beat: area.flatMap { force.beat(nearest: place, in: $0) }?.id,
                    rural: area.map { force.isRural(place, in: $0) } ?? false,
                    flags: flags(at: place, address: addressText, now: now), accuracy: accuracy))
        ]
        return (c.state == .waiting ? [.contactAnswered(ContactAnswered(contact: id))] : []) + changes
    }

    func decideAssign(_ ref: IncidentRef, _ callsigns: [Callsign]) throws(DispatchError) -> [Change] {
        let incident = try openIncident(ref)
        guard incident.grade != .resolution else { throw .noDeploymentForGrade4(ref) }
        guard !callsigns.isEmpty else { throw .noUnitsNamed }
        var changes: [Change] = []
        var seen = Set<Callsign>()
        for cs in callsigns where seen.insert(cs).inserted {
            guard let unit = units[cs] else { throw .unknownUnit(cs) }
            if let current = unit.incident {
                if current == ref { throw .unitAlreadyAssigned(cs, ref) }
                throw .unitCommitted(cs, unit.status, current)
            }
            switch unit.status {
            case .available, .atStation: break
            case .refreshment: guard incident.grade == .emergency else { throw .unitOnRefreshment(cs) }
            case .writeUp: guard incident.grade == .emergency else { throw .unitWritingUp(cs) }
            default: throw .unitNotDeployable(cs, unit.status)
            }
            changes.append(.unitAssigned(UnitAssigned(unit: cs, incident: ref)))
        }
        return changes
    }

    func decideStatus(_ cs: Callsign, _ status: UnitStatus, position: GeoPoint?) throws(DispatchError) -> [Change] {
        guard let unit = units[cs] else { throw .unknownUnit(cs) }
        try onEarth(position)
        guard status != unit.status || (position != nil && position != unit.position) else {
            throw .statusUnchanged(cs, status)
        }
        switch status {
        case .assigned:
            guard unit.status == .assigned else { throw .assignedIsSetByAssign(cs) }
        case .enRoute, .atScene:
            guard unit.incident != nil else { throw .statusNeedsIncident(cs, status) }
        case .transporting:
            break
        case .available, .atStation:
            // Clearing from a job: the unit is released from its incident first, as a dispatcher expects.
            if let ref = unit.incident {
                return [
                    .unitUnassigned(UnitUnassigned(unit: cs, incident: ref, reason: "cleared \(status.label)")),
                    .unitStatusChanged(UnitStatusChanged(unit: cs, status: status, position: position)),
                ]
            }
        case .refreshment, .offDuty, .unavailable, .writeUp:
            if let ref = unit.incident { throw .statusWhileCommitted(cs, status, ref) }
        }
        return [.unitStatusChanged(UnitStatusChanged(unit: cs, status: status, position: position))]
    }
}

func nonEmpty(_ s: String, _ what: String) throws(DispatchError) -> String {
    let t = s.trimmingSpaces
    guard !t.isEmpty else { throw .emptyText(what) }
    return t
}
