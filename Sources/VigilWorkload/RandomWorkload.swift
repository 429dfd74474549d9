import VigilCore

/// A seeded stream of commands against a state: mostly sensible, some deliberately wrong. Property tests,
/// fuzzing and benchmarks use it; every command it makes still goes through `decide`.
public struct RandomWorkload {
    public var rng: SplitMix64
    public var actors: [Actor]
    /// Share of commands drawn at random from everything rather than from what makes sense now.
    public var chaos: Double

    public init(seed: UInt64, actors: [Actor], chaos: Double = 0.15) {
        rng = SplitMix64(seed: seed); self.actors = actors; self.chaos = chaos
    }

    /// The next command and who issues it.
    public mutating func next(in state: DispatchState, now: Instant) -> (Command, Actor) {
        let actor = actors[Int(rng.next() % UInt64(actors.count))]
        return (command(in: state, now: now), actor)
    }

    mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element? where C.Index == Int {
        items.isEmpty ? nil : items[items.startIndex + Int(rng.next() % UInt64(items.count))]
    }
    mutating func chance(_ p: Double) -> Bool { rng.unit() < p }

    mutating func point(in state: DispatchState) -> GeoPoint {
        let area = pick(state.force.areas)!
        let box = area.outline.bounds
        return GeoPoint(
            lat: box.minLat + rng.unit() * (box.maxLat - box.minLat),
            lon: box.minLon + rng.unit() * (box.maxLon - box.minLon))
    }

    mutating func command(in state: DispatchState, now: Instant) -> Command {
        let wild = chance(chaos)
        let open = Array(state.openIncidents)
        let anyIncident = wild ? pick(state.incidents.keys) : pick(open)
        let unitKeys = state.units.keys
        let randomUnit = { (g: inout RandomWorkload) -> Callsign in unitKeys[Int(g.rng.next() % UInt64(unitKeys.count))]
        }
        let inHand = Array(state.contactsInHand)
        var roll = rng.next() % 100
        // Keep a long run near a steady state, as a real shift is: work is closed about as fast as it arrives.
        if state.openIncidentCount > 300, (24..<36).contains(roll) { roll = 88 }
        if state.waitingCount > 100, roll < 14 { roll = 14 }
        switch roll {
        case 0..<14:
            let channel = pick(Channel.allCases)!
            return .receiveContact(
                channel,
                ContactDetails(
                    callerName: "Caller \(rng.next() % 1000)", callerNumber: "07700 900\(rng.next() % 1000)",
                    location: chance(0.95) ? point(in: state) : nil,
                    address: "\(rng.next() % 200 + 1) High Street", account: "Report \(rng.next() % 10_000)"))
        case 14..<24:
            return .answerContact(wild ? ContactID(Int(rng.next() % 50) + 1) : nil)
        case 24..<36:
            guard let c = wild ? pick(state.contacts.keys) : pick(inHand) else { return .answerContact(nil) }
            let kind = pick(CategoryKind.allCases)!
            return .raiseIncident(
                from: c, grade: pick(Grade.allCases)!, category: Category(kind, pick(kind.details)),
                location: chance(0.2) ? point(in: state) : nil, address: nil)
        case 36..<39:
            guard let c = pick(inHand), let ref = anyIncident else { return .signOn }
            return .linkContact(c, to: ref)
        case 39..<41:
            guard let c = pick(inHand) else { return .signOn }
            return .resolveContact(c, advice: chance(0.9) ? "Advice given" : " ")
        case 41..<45:
            guard let ref = anyIncident else { return .signOn }
            return .grade(ref, pick(Grade.allCases)!, reason: chance(0.9) ? "New information" : "")
        case 45..<48:
            guard let ref = anyIncident else { return .signOn }
            return .recordThrive(
                ref,
                Thrive(
                    threat: pick(Level.allCases)!, harm: .medium, risk: pick(Level.allCases)!,
                    vulnerability: pick(Level.allCases)!, text: "Assessed"))
        case 48..<52:
            guard let ref = anyIncident else { return .signOn }
            return .addNarrative(ref, "Update \(rng.next() % 100)")
        case 52..<66:
            guard let ref = anyIncident else { return .signOn }
            if !wild, let best = state.recommend(for: ref, limit: 3).best { return .assign(ref, [best.callsign]) }
            return .assign(ref, [randomUnit(&self)])
        case 66..<70:
            let committed = state.units.values.filter { $0.incident != nil }.map(\.callsign)
            guard let cs = wild ? randomUnit(&self) : pick(committed) else { return .signOn }
            return .unassign(cs, from: nil)
        case 70..<86:
            let committed = state.units.values.filter { $0.incident != nil }.map(\.callsign)
            let cs = (wild ? nil : pick(committed)) ?? randomUnit(&self)
            let status: UnitStatus
            switch state.units[cs]?.status {
            case .assigned?: status = .enRoute
            case .enRoute?: status = .atScene
            case .atScene?: status = chance(0.8) ? .available : .transporting
            default: status = pick(UnitStatus.allCases)!
            }
            return .setStatus(cs, status, position: chance(0.5) ? point(in: state) : nil)
        case 86..<88:
            return .moveUnit(randomUnit(&self), to: pick(state.force.areas)!.id)
        case 88..<96:
            guard let ref = anyIncident else { return .signOn }
            let kind = pick(CategoryKind.allCases)!
            return .closeIncident(ref, Category(kind, pick(kind.details)), outcome: "Dealt with")
        case 96..<98:
            guard let a = pick(open), let b = pick(open) else { return .signOn }
            return .mergeIncident(a, into: b)
        case 98:
            return .addFlag(
                pick(FlagKind.allCases)!, address: "1 Test Road", location: point(in: state), note: "", expires: nil)
        default:
            return .expireFlag(Int(rng.next() % 40) + 1)
        }
    }
}
