extension DispatchState {
    /// Roles that may hand desks on and release others' (the inspector releases a silent console's desk).
    public static let deskManagers: Set<Role> = [.trainer, .supervisor, .inspector]

    /// `desk NAME [for OPERATOR]`: a dispatcher takes a free desk; a trainer or supervisor may take one from its holder
    /// or hand it to someone, which the log records as the old holder leaving it.
    func decideTakeDesk(_ id: DeskID, for target: OperatorID?, by actor: Actor) throws(DispatchError) -> [Change] {
        let desk = try desk(id)
        let holder = target ?? actor.operatorID
        guard let op = operators[holder] else { throw .unknownOperator(holder) }
        guard !op.disabled else { throw .operatorDisabled(holder) }
        guard op.role.may(.desk) else { throw .cannotHoldDesk(holder, op.role) }
        let actorRole = operators[actor.operatorID]?.role ?? .dispatcher
        let manages = actorRole == .trainer || actorRole == .supervisor
        if holder != actor.operatorID, !manages { throw .deskIsAnothers(actorRole) }
        var changes: [Change] = []
        if let current = deskHolders[desk.id] {
            guard current != holder else { throw .deskAlreadyHeld(desk, by: current) }
            guard manages else { throw .deskHeld(desk, by: current) }
            changes.append(
                .deskLeft(
                    DeskLeft(
                        desk: desk.id, operator: current, cause: .handedOver,
                        reason: "to \(holder) by \(actor.operatorID)")))
        }
        return changes + [.deskTaken(DeskTaken(desk: desk.id, operator: holder))]
    }

    /// `desk off [NAME]`: the holder leaves their desks, or a manager releases one, giving it back to the simulator.
    func decideLeaveDesk(_ id: DeskID?, reason: String, silent: Bool, by actor: Actor) throws(DispatchError)
        -> [Change]
    {
        let why = reason.trimmingSpaces
        guard let id else {
            let mine = desks(heldBy: actor.operatorID)
            guard !mine.isEmpty else { throw .noDeskHeld(actor.operatorID) }
            return mine.map {
                .deskLeft(
                    DeskLeft(
                        desk: $0.id, operator: actor.operatorID, cause: silent ? .consoleSilent : .left, reason: why))
            }
        }
        let desk = try desk(id)
        guard let holder = deskHolders[desk.id] else { throw .deskNotHeld(desk) }
        if holder != actor.operatorID {
            let role = operators[actor.operatorID]?.role ?? .dispatcher
            guard Self.deskManagers.contains(role) else { throw .deskIsAnothers(role) }
        }
        let cause: DeskRelease = silent ? .consoleSilent : holder == actor.operatorID ? .left : .released
        return [.deskLeft(DeskLeft(desk: desk.id, operator: holder, cause: cause, reason: why))]
    }

    /// The desks an operator leaves when they sign off or are disabled, so none stays held by nobody at a console.
    func desksLeft(by op: OperatorID, cause: DeskRelease, reason: String) -> [Change] {
        desks(heldBy: op).map { .deskLeft(DeskLeft(desk: $0.id, operator: op, cause: cause, reason: reason)) }
    }

    /// The calls an operator has in hand go back to their queues when they sign off or are disabled.
    func callsReturned(by op: OperatorID, reason: String) -> [Change] {
        contactsInHand.compactMap { id in
            contacts[id]?.handler == op ? .contactReturned(ContactReturned(contact: id, reason: reason)) : nil
        }
    }

    func desk(_ id: DeskID) throws(DispatchError) -> Desk {
        guard let desk = force.desk(named: id) else {
            throw .unknownDesk(id, known: force.desks.map(\.name))
        }
        return desk
    }
}
