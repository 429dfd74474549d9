import VigilCore

/// The public: contacts arrive at the day's rate (hourly profile, weekends, surges, outages), each a new incident,
/// a duplicate of a recent one, or a request for advice.
struct CallerState {
    /// What a simulated caller is ringing about.
    enum Plan {
        case incident(Grade, Category, units: Int)
        case duplicate(IncidentRef)
        case advice
        /// A call about a scripted major incident: the first one raises it, the rest link to it.
        case major(inject: Int)
    }

    let contactsPerSecond: Double
    let peakFactor: Double
    let meanHourly: Double
    var surges: [(from: Instant, to: Instant, factor: Double)] = []
    var outages: [(from: Instant, to: Instant)] = []
    /// Why each contact still in the system rang, until a call handler deals with it.
    var plans: [ContactID: Plan] = [:]
    /// Incidents raised in the last 45 minutes from `recentStart` on, oldest first: what a duplicate caller rings about.
    var recent: [(ref: IncidentRef, at: Instant)] = []
    var recentStart = 0
    var arrivalClock: Double = 0
    /// Each area's running population total and bounding box, for drawing places.
    var places: [(upTo: Double, box: GeoBox)] = []
    /// Each beat's streets in the gazetteer, and its town when two areas share the beat's name (Willenhall in
    /// Coventry and in Walsall), for callers' addresses: looked up once per call by the beat's id.
    var addresses: [BeatID: (streets: [String], town: String?)] = [:]

    init(_ scenario: Scenario) {
        let newIncidentShare =
            (1 - scenario.duplicateShare)
            * Channel.allCases.reduce(0.0) { sum, c in
                sum + (scenario.channelMix[c] ?? 0) * (1 - (scenario.resolveShare[c] ?? 0))
            } / max(scenario.channelMix.values.reduce(0, +), 1e-9)
        contactsPerSecond = (scenario.contactsPerDay ?? scenario.incidentsPerDay / max(newIncidentShare, 0.01)) / 86_400
        meanHourly = scenario.hourly.reduce(0, +) / 24
        peakFactor =
            (scenario.hourly.max() ?? 1) / meanHourly * max(scenario.weekendFactor, 1)
            * max(
                1, scenario.injects.reduce(1.0) { m, i in if case .surge(let f, _) = i.kind { max(m, f) } else { m } })
    }
}

extension Simulation {
    /// Callers remember what was raised, to ring again about it.
    mutating func callersSee(_ e: Event) {
        if case .incidentRaised(let p) = e.change { callers.recent.append((p.incident, e.at)) }
    }

    /// Demand at `t` relative to the day's mean: the hourly profile, weekends, surges and outages.
    func rateFactor(at t: Instant) -> Double {
        if callers.outages.contains(where: { $0.from <= t && t < $0.to }) { return 0 }
        let local = t.ukLocal
        var f = scenario.hourly[local.hour] / callers.meanHourly
        let weekday = local.date.weekday
        if weekday == 0 || weekday == 6 { f *= scenario.weekendFactor }
        for s in callers.surges where s.from <= t && t < s.to { f *= s.factor }
        return f
    }

    mutating func scheduleNextArrival() {
        // Thinning: candidates arrive at the peak rate and each is kept with the current rate's share of it.
        // The arrival clock keeps fractions of a second, so rounding to whole seconds does not thin the stream.
        callers.arrivalClock =
            max(callers.arrivalClock, Double(now.seconds))
            + min(rng.exponential(mean: 1 / (callers.contactsPerSecond * callers.peakFactor)), 1e9)
        agenda.schedule(.arrival, at: Instant(seconds: Int64(callers.arrivalClock.rounded(.down))))
    }

    mutating func newContact<W: SimWorld>(_ world: inout W) throws {
        // The caller is made up from a borrowed state that must be gone before the command runs: a copy still alive
        // while `apply` appends would make it copy every contact in memory.
        let (channel, details, plan) = makeCaller(world.state)
        try receive(channel, details, plan: plan, &world)
    }

    mutating func makeCaller(_ state: DispatchState) -> (Channel, ContactDetails, CallerState.Plan) {
        let channels = Channel.allCases
        let channel = channels[rng.pick(weights: channels.map { scenario.channelMix[$0] ?? 0 })]
        var plan: CallerState.Plan
        var location: GeoPoint
        // Old ones leave from the front, so the cost does not grow with the size of the force.
        while callers.recentStart < callers.recent.count, now - callers.recent[callers.recentStart].at > .minutes(45) {
            callers.recentStart += 1
        }
        if callers.recentStart > 4096, callers.recentStart * 2 > callers.recent.count {
            callers.recent.removeFirst(callers.recentStart)
            callers.recentStart = 0
        }
        if callers.recentStart < callers.recent.count, rng.chance(scenario.duplicateShare),
            let i = drawRecentOpen(state)
        {
            plan = .duplicate(i.ref)
            location = jitter(i.location, metres: 60)
        } else if rng.chance(scenario.resolveShare[channel] ?? 0) {
            plan = .advice
            location = randomPlace(state.force)
        } else {
            plan = .incident(drawGrade(), drawCategory(), units: 1)
            location = randomPlace(state.force)
        }
        if channel == .online, case .incident(.emergency, let c, let n) = plan {
            plan = .incident(.priority, c, units: n)
        }
        let caller = CallerText.caller(rng: &rng)
        let category: Category
        switch plan {
        case .incident(_, let c, _): category = c
        case .duplicate(let ref): category = state.incidents[ref]?.opening ?? Category(.admin, "information")
        case .advice, .major: category = drawCategory()
        }
        let details = ContactDetails(
            callerName: caller.name, callerNumber: caller.number, location: location,
            address: address(near: state.force.beat(nearest: location)),
            account: CallerText.account(category, rng: &rng))
        return (channel, details, plan)
    }

    mutating func receive<W: SimWorld>(
        _ channel: Channel, _ details: ContactDetails, plan: CallerState.Plan, _ world: inout W
    ) throws {
        // What the call really warrants, recorded so a trainee's grading can be scored against it.
        let trueGrade: Grade? =
            switch plan {
            case .incident(let grade, _, _): grade
            case .major: .emergency
            case .duplicate, .advice: nil
            }
        guard
            let events = try execute(
                .receiveContact(channel, details, trueGrade: trueGrade), as: SimOperators.intake, &world),
            case .contactReceived(let contact)? = events.first?.change
        else { return }
        callers.plans[contact.contact] = plan
        if scenario.answerAfterSeconds > 0 {
            agenda.schedule(.answerCheck, at: now + .seconds(Int64(scenario.answerAfterSeconds.rounded(.up))))
        }
        try answerWaiting(&world)
    }

    /// A recently raised incident that is still open (closed ones are passed over, a few tries at most).
    mutating func drawRecentOpen(_ state: DispatchState) -> Incident? {
        for _ in 0..<3 {
            let k = callers.recentStart + Int(rng.next() % UInt64(callers.recent.count - callers.recentStart))
            if let i = state.incidents[callers.recent[k].ref], i.isOpen { return i }
        }
        return nil
    }

    mutating func drawGrade() -> Grade {
        let grades = Grade.allCases
        return grades[rng.pick(weights: grades.map { scenario.gradeMix[$0] ?? 0 })]
    }

    mutating func drawCategory() -> Category {
        scenario.categories[rng.pick(weights: scenario.categories.map(\.weight))].category
    }

    /// A random point in the force, areas weighted by population.
    mutating func randomPlace(_ force: Force) -> GeoPoint {
        // The areas never change during a run, so their weights and boxes are worked out once.
        if callers.places.count != force.areas.count {
            var total = 0.0
            callers.places = force.areas.map {
                total += Double($0.population); return (total, $0.outline.bounds)
            }
        }
        let r = rng.unit() * (callers.places.last?.upTo ?? 0)
        var lo = 0, hi = callers.places.count - 1
        while lo < hi { let mid = (lo + hi) / 2; if callers.places[mid].upTo > r { hi = mid } else { lo = mid + 1 } }
        let area = force.areas[lo]
        let box = callers.places[lo].box
        for _ in 0..<20 {
            let p = GeoPoint(
                lat: box.minLat + rng.unit() * (box.maxLat - box.minLat),
                lon: box.minLon + rng.unit() * (box.maxLon - box.minLon))
            if area.outline.contains(p) { return p }
        }
        return area.centre
    }

    mutating func jitter(_ p: GeoPoint, metres: Double) -> GeoPoint {
        let dLat = (rng.unit() * 2 - 1) * metres / 111_000
        let dLon = (rng.unit() * 2 - 1) * metres / 68_000
        return GeoPoint(lat: p.lat + dLat, lon: p.lon + dLon)
    }
}

extension Simulation {
    /// A caller's address near `beat`, on a street the force's gazetteer holds there when it has any.
    mutating func address(near beat: Beat?) -> String {
        let local = beat.flatMap { callers.addresses[$0.id] }
        return CallerText.address(near: beat, streets: local?.streets, town: local?.town, rng: &rng)
    }

    /// Files the gazetteer's streets by beat once, at the start of a run.
    mutating func learnStreets(_ force: Force) {
        var byPlace: [String: [String]] = [:]
        for e in force.gazetteer.entries where e.kind == .street && !e.locality.isEmpty {
            byPlace["\(e.area)/\(e.locality)", default: []].append(e.name)
        }
        var areasOfName: [String: Set<AreaID>] = [:]
        for b in force.beats { areasOfName[b.name, default: []].insert(b.area) }
        callers.addresses = [:]
        for b in force.beats {
            let shared = (areasOfName[b.name]?.count ?? 0) > 1
            callers.addresses[b.id] = (byPlace["\(b.area)/\(b.name)"] ?? [], shared ? force.area(b.area)?.name : nil)
        }
    }
}
