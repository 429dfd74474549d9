import VigilCore

/// Simulated call handlers: they answer the queue in the core's order and raise, link or resolve each call.
struct HandlerState {
    var busy = 0
    /// The incident raised for each scripted major incident, by inject.
    var majorRefs: [Int: IncidentRef] = [:]
}

extension Simulation {
    /// How many simulated handlers answer now: as many as the trainer set (`handlers N`); otherwise the scenario's
    /// while no person is signed on as a call handler, and none once one is, so the calls are theirs to take.
    func simulatedHandlers(_ state: DispatchState) -> Int {
        if let n = state.simHandlers { return n }
        let people = state.signedOn.keys.contains { id in
            state.operators[id]?.role == .callHandler && !SimOperators.ids.contains(id)
        }
        return people ? 0 : scenario.callHandlers
    }

    /// Free simulated handlers answer the queue; the core picks the contact (999 before 101 before online, then longest).
    mutating func answerWaiting<W: SimWorld>(_ world: inout W) throws {
        while handlers.busy < simulatedHandlers(world.state), world.state.hasWaitingContacts {
            var pick: ContactID?
            if scenario.answerAfterSeconds > 0 {
                // Only calls that have rung long enough, in queue order; people at consoles get the first chance.
                let ready = world.state.waitingContacts.compactMap { world.state.contacts[$0] }
                    .filter { Double((now - $0.receivedAt).seconds) >= scenario.answerAfterSeconds }
                guard let next = ready.min(by: { QueueOrder($0) < QueueOrder($1) }) else { return }
                pick = next.id
            }
            guard let events = try execute(.answerContact(pick), as: SimOperators.handlers, &world),
                case .contactAnswered(let answered)? = events.first?.change,
                let c = world.state.contacts[answered.contact]
            else { return }
            let id = answered.contact
            handlers.busy += 1
            let mean = scenario.handlingSeconds[c.channel] ?? 300
            agenda.schedule(.callDone(id), at: now + .seconds(max(1, wholeSeconds(rng.exponential(mean: mean)))))
        }
    }

    mutating func finishCall<W: SimWorld>(_ id: ContactID, _ world: inout W) throws {
        guard let c = world.state.contacts[id], c.isInHand else { callers.plans[id] = nil; return }
        var plan = callers.plans.removeValue(forKey: id) ?? .incident(drawGrade(), drawCategory(), units: 1)
        var major: Int?
        if case .major(let i) = plan,
            case .majorIncident(_, _, let category, _, _, let units) = scenario.injects[i].kind
        {
            if let ref = handlers.majorRefs[i], world.state.incidents[ref]?.isOpen == true {
                plan = .duplicate(ref)
            } else {
                plan = .incident(.emergency, category, units: units)
                major = i
            }
        }
        switch plan {
        case .duplicate(let ref):
            if try execute(.linkContact(id, to: ref), as: SimOperators.handlers, &world) == nil {
                _ = try execute(
                    .resolveContact(id, advice: "Incident already dealt with; caller updated"),
                    as: SimOperators.handlers, &world)
            }
        case .advice:
            _ = try execute(
                .resolveContact(id, advice: "Advice given; no police attendance needed"), as: SimOperators.handlers,
                &world)
        case .incident(let grade, let category, let units):
            guard
                let events = try execute(
                    .raiseIncident(from: id, grade: grade, category: category, location: nil, address: nil),
                    as: SimOperators.handlers, &world)
            else {
                _ = try execute(
                    .resolveContact(id, advice: "Could not be raised; caller advised"), as: SimOperators.handlers,
                    &world)
                return
            }
            if case .incidentRaised(let raised)? = events.last?.change {
                if units > 1 { dispatch.queue[raised.incident] = units }
                if let major { handlers.majorRefs[major] = raised.incident }
            }
        case .major:
            break
        }
    }
}
