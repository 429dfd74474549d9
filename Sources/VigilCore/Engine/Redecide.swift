extension DispatchState {
    /// Why `event` is not what `decide` would make, by its operator, at its time, with this state (the state just
    /// before it: events its own command made before it, such as the `ContactAnswered` before a raise, are applied),
    /// or nil when it is, or when it is a record `decide` makes for anyone (sign-ons, refusals, snapshots, keys).
    /// Readers of a signed log hold every signed event to it, so a hand-made one (a second raise from a raised call,
    /// a link into a closed incident, a colleague's desk left) is applied by nobody. The role is not checked here: an
    /// event some command makes on the side (a unit stood down as aid goes home) is held to every action that may
    /// make it, by `Change.permittedBy`.
    public func whyNotDecided(_ event: Event) -> String? {
        guard let command = Self.command(making: event.change, in: self), !justCleared(event) else { return nil }
        let actor = Actor(event.operatorID, console: event.console)
        do {
            let made = try decideChanges(command, by: actor, at: event.at, roles: false)
            return made.contains { Self.same($0, event.change) }
                ? nil : "it is not what the command that makes it would make"
        } catch {
            return "no command makes it now: \(error.message)"
        }
    }

    /// A unit cleared from a job is released first, which frees it at once; the status its command then records
    /// (available, at station) is already its own, set at this very time.
    func justCleared(_ event: Event) -> Bool {
        guard case .unitStatusChanged(let e) = event.change, e.status == .available || e.status == .atStation,
            let unit = units[e.unit]
        else { return false }
        return unit.status == e.status && unit.statusSince == event.at && unit.incident == nil
    }

    /// The command that, decided now, makes `change` (and perhaps events already applied before it), or nil for the
    /// records `decide` makes for anyone, which readers check otherwise.
    static func command(making change: Change, in state: DispatchState) -> Command? {
        switch change {
        case .operatorRegistered(let e): .registerOperator(e.operator)
        case .operatorDisabled(let e): .disableOperator(e.operator)
        case .operatorUnlocked(let e): .unlockOperator(e.operator)
        case .contactReceived(let e): .receiveContact(e.channel, e.details, trueGrade: e.trueGrade)
        case .contactAnswered(let e): .answerContact(e.contact)
        case .contactCorrected(let e):
            .correctContact(e.contact, callerName: e.callerName, callerNumber: e.callerNumber)
        case .contactReturned(let e): .returnContact(e.contact, reason: e.reason)
        case .contactLinked(let e): .linkContact(e.contact, to: e.incident)
        case .contactResolved(let e): .resolveContact(e.contact, advice: e.advice)
        case .incidentRaised(let e):
            .raiseIncident(
                from: e.contact, grade: e.grade, category: e.category, location: e.location,
                address: e.address == state.contacts[e.contact]?.details.address ? nil : e.address,
                accuracy: e.accuracy)
        case .incidentMerged(let e): .mergeIncident(e.incident, into: e.into)
        case .incidentBooked(let e): .book(e.incident, at: e.time)
        case .incidentGraded(let e): .grade(e.incident, e.grade, reason: e.reason)
        case .incidentClosed(let e): .closeIncident(e.incident, e.category, outcome: e.outcome)
        case .eidoImported(let e): .importEIDO(e.intake)
        case .thriveRecorded(let e): .recordThrive(e.incident, e.thrive)
        case .narrativeAdded(let e): .addNarrative(e.incident, e.text)
        case .unitAssigned(let e): .assign(e.incident, [e.unit])
        case .unitUnassigned(let e): .unassign(e.unit, from: e.incident)
        case .unitStatusChanged(let e): .setStatus(e.unit, e.status, position: e.position)
        case .unitMoved(let e): .moveUnit(e.unit, to: e.area)
        case .mutualAidArrived(let e): .requestAid(e.pool, units: e.units.count)
        case .flagAdded(let e):
            .addFlag(
                e.flag.kind, address: e.flag.address, location: e.flag.location, note: e.flag.note,
                expires: e.flag.expires)
        case .flagExpired(let e): .expireFlag(e.flag)
        case .shiftClockSet(let e):
            e.paused != state.shiftClock.paused ? (e.paused ? .pauseShift : .resumeShift) : .setShiftSpeed(e.speed)
        case .injectFired(let e): .fireInject(e.inject, again: e.repeated == true)
        case .shiftEnded(let e): .endShift(scenario: e.scenario)
        case .simHandlersSet(let e): .setSimHandlers(e.count)
        case .deskTaken(let e): .takeDesk(e.desk, for: e.operator)
        case .deskLeft(let e): .leaveDesk(e.desk, reason: e.reason, silent: e.cause == .consoleSilent)
        case .majorIncidentDeclared(let e): .declareMajorIncident(name: e.name, incidents: e.incidents)
        case .majorIncidentNoted(let e): .noteMajorIncident(e.major, e.text)
        case .operatorSignedOn: .signOn
        case .operatorSignedOff: .signOff
        case .operatorPINSet, .signOnRefused, .operatorLockedOut, .snapshotTaken, .logCopied: nil
        }
    }

    /// Whether `made` is `change`. An event several commands make on the side is matched on what it does, not the
    /// words each gives: a unit released when its incident closes, a desk left when its holder signs off.
    static func same(_ made: Change, _ change: Change) -> Bool {
        switch (made, change) {
        case (.unitUnassigned(let a), .unitUnassigned(let b)): a.unit == b.unit && a.incident == b.incident
        case (.deskLeft(let a), .deskLeft(let b)): a.desk == b.desk && a.operator == b.operator
        default: made == change
        }
    }
}
