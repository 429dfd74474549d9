import VigilCore

/// The operators the simulator acts as. It registers them (as a supervisor of the force) when a run begins.
public enum SimOperators {
    public static let intake = Operator(id: "SIM-TEL", name: "Simulated telephony and online intake", role: .callHandler)
    public static let handlers = Operator(id: "SIM-CH", name: "Simulated call handlers", role: .callHandler)
    public static let dispatcher = Operator(id: "SIM-DSP", name: "Simulated dispatcher (auto-dispatch)", role: .dispatcher)
    public static let crews = Operator(id: "SIM-CREW", name: "Simulated crews", role: .dispatcher)
    /// Sets the shift clock to the speed a live run was started with, so every console shows the true speed.
    public static let clock = Operator(id: "SIM-CLK", name: "Simulator clock (speed from the command line)", role: .trainer)
    public static let all = [intake, handlers, dispatcher, crews, clock]
}

/// Why a simulation cannot go on.
public struct SimulationError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// A seeded, deterministic simulated control room: callers, call handlers, an auto-dispatcher and crews,
/// all acting through commands on a `SimWorld`. The same scenario, seed and commands give the same events.
public struct Simulation {
    public let scenario: Scenario
    public private(set) var now: Instant
    var rng: SplitMix64
    var agenda = Agenda()
    let console: ConsoleID

    // Demand.
    let contactsPerSecond: Double
    let peakFactor: Double
    let meanHourly: Double
    var surges: [(from: Instant, to: Instant, factor: Double)] = []
    var outages: [(from: Instant, to: Instant)] = []
    var plans: [ContactID: Plan] = [:]
    /// Incidents raised in the last 45 minutes from `recentStart` on, oldest first: what a duplicate caller rings about.
    var recent: [(ref: IncidentRef, at: Instant)] = []
    var recentStart = 0
    var busyHandlers = 0
    var arrivalClock: Double = 0

    // Dispatch.
    var queue: [IncidentRef: Int] = [:]
    var crews: [Callsign: (token: Int, incident: IncidentRef)] = [:]
    var nextToken = 0
    var leaving: Set<Callsign> = []
    var majorRefs: [Int: IncidentRef] = [:]
    /// Each area's running population total and bounding box, for drawing places.
    var places: [(upTo: Double, box: GeoBox)] = []
    /// Injects fired so far, by index, and when.
    public private(set) var fired: [(inject: Int, at: Instant)] = []

    // Shifts.
    var changeovers: [(at: Instant, shift: Int)] = []
    var shiftUnits: [Set<Callsign>] = []
    var onShift: Set<Callsign> = []
    /// The same units in callsign order, for drawing one at random without sorting them every time.
    var onShiftList: [Callsign] = []

    /// What a simulated caller is ringing about.
    enum Plan {
        case incident(Grade, Category, units: Int)
        case duplicate(IncidentRef)
        case advice
        /// A call about a scripted major incident: the first one raises it, the rest link to it.
        case major(inject: Int)
    }

    public init(scenario: Scenario, seed: UInt64? = nil, console: ConsoleID = "sim") {
        self.scenario = scenario
        self.now = scenario.start
        self.rng = SplitMix64(seed: seed ?? scenario.seed)
        self.console = console
        let newIncidentShare = (1 - scenario.duplicateShare) * Channel.allCases.reduce(0.0) { sum, c in
            sum + (scenario.channelMix[c] ?? 0) * (1 - (scenario.resolveShare[c] ?? 0))
        } / max(scenario.channelMix.values.reduce(0, +), 1e-9)
        contactsPerSecond = (scenario.contactsPerDay ?? scenario.incidentsPerDay / max(newIncidentShare, 0.01)) / 86_400
        meanHourly = scenario.hourly.reduce(0, +) / 24
        peakFactor = (scenario.hourly.max() ?? 1) / meanHourly * max(scenario.weekendFactor, 1)
            * max(1, scenario.injects.reduce(1.0) { m, i in if case .surge(let f, _) = i.kind { max(m, f) } else { m } })
    }

    func actor(_ op: Operator) -> Actor { Actor(op.id, console: console) }

    /// About how many contacts the run will take, with a margin: for making room up front.
    public var expectedContacts: Int {
        Int(((contactsPerSecond * 86_400 + scenario.selfGeneratedPerDay) * scenario.hours / 24 * 1.15).rounded(.up))
    }

    // MARK: Starting

    /// Registers and signs on the simulator's operators, sets the first shift on duty and schedules the shift's work.
    public mutating func begin<W: SimWorld>(_ world: inout W) throws {
        now = scenario.start
        let missing = SimOperators.all.filter { world.state.operators[$0.id] == nil }
        if !missing.isEmpty {
            guard let boss = world.state.operators.values.first(where: { $0.role == .supervisor && !$0.disabled }) else {
                throw SimulationError(description: "the force has no supervisor to register the simulator's operators; add one to the force file")
            }
            let bossActor = Actor(boss.id, console: console)
            let wasOn = world.state.signedOn[boss.id] != nil
            if !wasOn { try must(world.execute(.signOn, by: bossActor, at: now)) }
            for op in missing { try must(world.execute(.registerOperator(op), by: bossActor, at: now)) }
            if !wasOn { try must(world.execute(.signOff, by: bossActor, at: now)) }
        }
        for op in SimOperators.all where world.state.signedOn[op.id] == nil {
            try must(world.execute(.signOn, by: actor(op), at: now))
        }
        planShifts(world.state)
        if let current = changeovers.last(where: { $0.at <= now }) {
            try setShift(current.shift, &world)
        }
        for (i, c) in changeovers.enumerated() where c.at > now {
            agenda.schedule(.handoverStart(i), at: c.at - .minutes(Int64(scenario.handoverMinutes)))
            agenda.schedule(.changeover(i), at: c.at)
        }
        for (i, inject) in scenario.injects.enumerated() where inject.at >= now { agenda.schedule(.inject(i, byTrainer: false), at: inject.at) }
        scheduleNextArrival()
        scheduleSelfGenerated()
        // Work already open when the run starts is taken on as if just raised.
        for ref in world.state.openIncidents where world.state.incidents[ref]?.units.isEmpty == true && world.state.incidents[ref]?.grade != .resolution {
            queue[ref] = 1
        }
        agenda.schedule(.dispatch, at: now)
    }

    func must(_ r: Result<[Event], DispatchError>) throws {
        if case .failure(let e) = r { throw SimulationError(description: "the simulator could not start: \(e.message)") }
    }

    // MARK: Running

    /// Does everything due up to `t`, in order, and leaves the clock at `t`.
    public mutating func run<W: SimWorld>(until t: Instant, world: inout W) throws {
        while let (at, task) = agenda.popDue(by: t) {
            now = at
            try perform(task, &world)
        }
        now = max(now, t)
    }

    mutating func execute<W: SimWorld>(_ command: Command, as op: Operator, _ world: inout W) throws -> [Event]? {
        switch try world.execute(command, by: actor(op), at: now) {
        case .success(let events):
            // Only closing events need the state, and only an incident's units: handing over the whole state here
            // would copy it on every command.
            observe(events) { ref in world.state.incidents.index(forKey: ref).map { world.state.incidents.values[$0].units } ?? [] }
            return events
        case .failure:
            return nil
        }
    }

    mutating func perform<W: SimWorld>(_ task: Agenda.Task, _ world: inout W) throws {
        switch task {
        case .arrival:
            if rng.unit() * peakFactor < rateFactor(at: now) { try newContact(&world) }
            scheduleNextArrival()
        case .selfGenerated:
            try selfGenerated(&world)
            scheduleSelfGenerated()
        case .callDone(let id):
            busyHandlers -= 1
            try finishCall(id, &world)
            try answerWaiting(&world)
        case .answerCheck:
            try answerWaiting(&world)
        case .crew(let cs, let token, let step):
            guard let crew = crews[cs], crew.token == token else { return }
            try crewStep(cs, crew.incident, step, &world)
        case .deskClose(let ref):
            guard let i = world.state.incidents[ref], i.isOpen, i.units.isEmpty else { return }
            _ = try execute(.closeIncident(ref, i.opening, outcome: "Resolved by phone; no attendance needed"), as: SimOperators.dispatcher, &world)
        case .handoverStart(let i):
            try startHandover(to: changeovers[i].shift, &world)
        case .changeover(let i):
            try setShift(changeovers[i].shift, &world)
        case .inject(let i, let byTrainer):
            if byTrainer || !fired.contains(where: { $0.inject == i }) { try fire(i, &world) }
        case .majorCall(let i, let number):
            try majorCall(i, number: number, &world)
        case .dispatch:
            try dispatchWaiting(&world)
        }
    }

    // MARK: Callers and call handlers

    /// Demand at `t` relative to the day's mean: the hourly profile, weekends, surges and outages.
    func rateFactor(at t: Instant) -> Double {
        if outages.contains(where: { $0.from <= t && t < $0.to }) { return 0 }
        let local = t.ukLocal
        var f = scenario.hourly[local.hour] / meanHourly
        let weekday = local.date.weekday
        if weekday == 0 || weekday == 6 { f *= scenario.weekendFactor }
        for s in surges where s.from <= t && t < s.to { f *= s.factor }
        return f
    }

    mutating func scheduleNextArrival() {
        // Thinning: candidates arrive at the peak rate and each is kept with the current rate's share of it.
        // The arrival clock keeps fractions of a second, so rounding to whole seconds does not thin the stream.
        arrivalClock = max(arrivalClock, Double(now.seconds)) + min(rng.exponential(mean: 1 / (contactsPerSecond * peakFactor)), 1e9)
        agenda.schedule(.arrival, at: Instant(seconds: Int64(arrivalClock.rounded(.down))))
    }

    mutating func scheduleSelfGenerated() {
        guard scenario.selfGeneratedPerDay > 0 else { return }
        agenda.schedule(.selfGenerated, at: now + .seconds(wholeSeconds(rng.exponential(mean: 86_400 / scenario.selfGeneratedPerDay)) + 1))
    }

    /// A crew on patrol comes across something: they radio it in, it is raised and they are assigned to it at once.
    mutating func selfGenerated<W: SimWorld>(_ world: inout W) throws {
        // A few draws find a free crew when any are about; scanning the whole shift each time would not scale.
        guard !onShiftList.isEmpty else { return }
        var found: PoliceUnit?
        for _ in 0..<12 {
            if let u = world.state.units[rng.element(onShiftList)], u.incident == nil, u.status.isDeployable { found = u; break }
        }
        guard let unit = found else { return }
        let category = drawCategory()
        let grade: Grade = rng.chance(0.4) ? .priority : .scheduled
        let place = jitter(unit.position, metres: 150)
        let details = ContactDetails(callerName: "\(unit.callsign) (on view)", callerNumber: "radio", location: place,
                                     address: Callers.address(near: world.state.force.beat(nearest: place), rng: &rng),
                                     account: "Officers on patrol: " + Callers.account(category, rng: &rng))
        guard let received = try execute(.receiveContact(.nonEmergency, details), as: SimOperators.crews, &world),
              case .contactReceived(let contact)? = received.first?.change,
              try execute(.answerContact(contact.contact), as: SimOperators.crews, &world) != nil,
              let raised = try execute(.raiseIncident(from: contact.contact, grade: grade, category: category, location: nil, address: nil), as: SimOperators.crews, &world),
              case .incidentRaised(let incident)? = raised.last?.change else { return }
        _ = try execute(.assign(incident.incident, [unit.callsign]), as: SimOperators.crews, &world)
    }

    mutating func newContact<W: SimWorld>(_ world: inout W) throws {
        // The caller is made up from a borrowed state that must be gone before the command runs: a copy still alive
        // while `apply` appends would make it copy every contact in memory.
        let (channel, details, plan) = makeCaller(world.state)
        try receive(channel, details, plan: plan, &world)
    }

    mutating func makeCaller(_ state: DispatchState) -> (Channel, ContactDetails, Plan) {
        let channels = Channel.allCases
        let channel = channels[rng.pick(weights: channels.map { scenario.channelMix[$0] ?? 0 })]
        var plan: Plan
        var location: GeoPoint
        // Old ones leave from the front, so the cost does not grow with the size of the force.
        while recentStart < recent.count, now - recent[recentStart].at > .minutes(45) { recentStart += 1 }
        if recentStart > 4096, recentStart * 2 > recent.count {
            recent.removeFirst(recentStart)
            recentStart = 0
        }
        if recentStart < recent.count, rng.chance(scenario.duplicateShare), let i = drawRecentOpen(state) {
            plan = .duplicate(i.ref)
            location = jitter(i.location, metres: 60)
        } else if rng.chance(scenario.resolveShare[channel] ?? 0) {
            plan = .advice
            location = randomPlace(state.force)
        } else {
            plan = .incident(drawGrade(), drawCategory(), units: 1)
            location = randomPlace(state.force)
        }
        if channel == .online, case .incident(.emergency, let c, let n) = plan { plan = .incident(.priority, c, units: n) }
        let caller = Callers.caller(rng: &rng)
        let category: Category
        switch plan {
        case .incident(_, let c, _): category = c
        case .duplicate(let ref): category = state.incidents[ref]?.opening ?? Category(.admin, "information")
        case .advice, .major: category = drawCategory()
        }
        let details = ContactDetails(callerName: caller.name, callerNumber: caller.number, location: location,
                                     address: Callers.address(near: state.force.beat(nearest: location), rng: &rng),
                                     account: Callers.account(category, rng: &rng))
        return (channel, details, plan)
    }

    mutating func receive<W: SimWorld>(_ channel: Channel, _ details: ContactDetails, plan: Plan, _ world: inout W) throws {
        guard let events = try execute(.receiveContact(channel, details), as: SimOperators.intake, &world),
              case .contactReceived(let contact)? = events.first?.change else { return }
        plans[contact.contact] = plan
        if scenario.answerAfterSeconds > 0 { agenda.schedule(.answerCheck, at: now + .seconds(Int64(scenario.answerAfterSeconds.rounded(.up)))) }
        try answerWaiting(&world)
    }

    /// A recently raised incident that is still open (closed ones are passed over, a few tries at most).
    mutating func drawRecentOpen(_ state: DispatchState) -> Incident? {
        for _ in 0..<3 {
            let k = recentStart + Int(rng.next() % UInt64(recent.count - recentStart))
            if let i = state.incidents[recent[k].ref], i.isOpen { return i }
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

    /// Free simulated handlers answer the queue; the core picks the contact (999 before 101 before online, then longest).
    mutating func answerWaiting<W: SimWorld>(_ world: inout W) throws {
        while busyHandlers < scenario.callHandlers, world.state.hasWaitingContacts {
            var pick: ContactID?
            if scenario.answerAfterSeconds > 0 {
                // Only calls that have rung long enough, in queue order; people at consoles get the first chance.
                let ready = world.state.waitingContacts.compactMap { world.state.contacts[$0] }
                    .filter { Double((now - $0.receivedAt).seconds) >= scenario.answerAfterSeconds }
                guard let next = ready.min(by: { ($0.channel.priority, $0.receivedAt, $0.id.value) < ($1.channel.priority, $1.receivedAt, $1.id.value) }) else { return }
                pick = next.id
            }
            guard let events = try execute(.answerContact(pick), as: SimOperators.handlers, &world),
                  case .contactAnswered(let answered)? = events.first?.change, let c = world.state.contacts[answered.contact] else { return }
            let id = answered.contact
            busyHandlers += 1
            let mean = scenario.handlingSeconds[c.channel] ?? 300
            agenda.schedule(.callDone(id), at: now + .seconds(max(1, wholeSeconds(rng.exponential(mean: mean)))))
        }
    }

    mutating func finishCall<W: SimWorld>(_ id: ContactID, _ world: inout W) throws {
        guard let c = world.state.contacts[id], c.isInHand else { plans[id] = nil; return }
        var plan = plans.removeValue(forKey: id) ?? .incident(drawGrade(), drawCategory(), units: 1)
        var major: Int?
        if case .major(let i) = plan, case .majorIncident(_, _, let category, _, _, let units) = scenario.injects[i].kind {
            if let ref = majorRefs[i], world.state.incidents[ref]?.isOpen == true { plan = .duplicate(ref) } else {
                plan = .incident(.emergency, category, units: units)
                major = i
            }
        }
        switch plan {
        case .duplicate(let ref):
            if try execute(.linkContact(id, to: ref), as: SimOperators.handlers, &world) == nil {
                _ = try execute(.resolveContact(id, advice: "Incident already dealt with; caller updated"), as: SimOperators.handlers, &world)
            }
        case .advice:
            _ = try execute(.resolveContact(id, advice: "Advice given; no police attendance needed"), as: SimOperators.handlers, &world)
        case .incident(let grade, let category, let units):
            guard let events = try execute(.raiseIncident(from: id, grade: grade, category: category, location: nil, address: nil),
                                           as: SimOperators.handlers, &world) else {
                _ = try execute(.resolveContact(id, advice: "Could not be raised; caller advised"), as: SimOperators.handlers, &world)
                return
            }
            if case .incidentRaised(let raised)? = events.last?.change {
                if units > 1 { queue[raised.incident] = units }
                if let major { majorRefs[major] = raised.incident }
            }
        case .major:
            break
        }
    }

    // MARK: Watching what happens

    /// Reacts to events, the simulator's own or other consoles': new incidents join the dispatch queue, assigned
    /// units set off, released units stop. Live feeds call it with the events they read from the log.
    public mutating func observe(_ state: DispatchState, events: some Sequence<Event>) {
        observe(events) { state.incidents[$0]?.units ?? [] }
    }

    mutating func observe(_ events: some Sequence<Event>, unitsOf: (IncidentRef) -> [Callsign]) {
        for e in events {
            switch e.change {
            case .incidentRaised(let p):
                let ref = p.incident
                recent.append((ref, e.at))
                if p.grade == .resolution {
                    agenda.schedule(.deskClose(ref), at: e.at + .seconds(wholeSeconds(rng.draw(scenario.deskResolutionMinutes) * 60, .towardZero)))
                } else if scenario.autoDispatch, queue[ref] == nil {
                    queue[ref] = 1
                    agenda.schedule(.dispatch, at: e.at)
                }
            case .incidentGraded(let p):
                if p.grade == .resolution {
                    queue[p.incident] = nil
                    agenda.schedule(.deskClose(p.incident), at: e.at + .seconds(wholeSeconds(rng.draw(scenario.deskResolutionMinutes) * 60, .towardZero)))
                }
            case .unitAssigned(let p):
                let (cs, ref) = (p.unit, p.incident)
                nextToken += 1
                crews[cs] = (nextToken, ref)
                if let need = queue[ref] { queue[ref] = need > 1 ? need - 1 : nil }
                agenda.schedule(.crew(cs, token: nextToken, .mobile), at: e.at + .seconds(wholeSeconds(rng.draw(scenario.mobiliseMinutes) * 60, .towardZero)))
            case .unitUnassigned(let p):
                crews[p.unit] = nil
                agenda.schedule(.dispatch, at: e.at)
            case .incidentClosed, .incidentMerged:
                guard let ref = e.change.incidents.first else { break }
                queue[ref] = nil
                for cs in unitsOf(ref) { crews[cs] = nil }
                agenda.schedule(.dispatch, at: e.at)
            case .unitStatusChanged(let p) where p.status.isDeployable:
                agenda.schedule(.dispatch, at: e.at)
            case .injectFired(let p) where scenario.injects.indices.contains(p.inject - 1):
                let n = p.inject
                // The trainer fired it: it happens now, whatever time the scenario gave it.
                agenda.schedule(.inject(n - 1, byTrainer: true), at: max(e.at, now))
            default:
                break
            }
        }
    }

    // MARK: Dispatch and crews

    /// Assigns the recommended unit to waiting incidents, most urgent and oldest first; gives up on an incident
    /// nobody suitable is free for, and stops after a few misses in a row so a long queue stays cheap.
    mutating func dispatchWaiting<W: SimWorld>(_ world: inout W) throws {
        guard scenario.autoDispatch, !queue.isEmpty else { return }
        // Closed work leaves the queue here (assigning closes nothing). Sort keys are read in place: this runs on every
        // change of unit status, and copying each waiting incident with its narrative to sort it cost more than the sort.
        var order: [(grade: Grade, createdAt: Instant, ref: IncidentRef)] = []
        for ref in queue.keys {
            guard let slot = world.state.incidents.index(forKey: ref) else { queue[ref] = nil; continue }
            guard world.state.incidents.values[slot].isOpen else { queue[ref] = nil; continue }
            order.append((world.state.incidents.values[slot].grade, world.state.incidents.values[slot].createdAt, ref))
        }
        order.sort { ($0.grade, $0.createdAt, $0.ref) < ($1.grade, $1.createdAt, $1.ref) }
        var misses = 0
        for (_, _, ref) in order {
            guard world.state.index.count > 0, misses < 3 else { break }
            var need = queue[ref] ?? 0
            while need > 0, let best = world.state.recommend(for: ref, limit: 1).best {
                guard try execute(.assign(ref, [best.callsign]), as: SimOperators.dispatcher, &world) != nil else { break }
                need -= 1
            }
            misses = need > 0 ? misses + 1 : 0
        }
    }

    /// What a crew step needs of an incident, read in place: copying an incident, narrative and all, costs more than the step.
    func glance<W: SimWorld>(_ ref: IncidentRef, _ world: W) -> (location: GeoPoint, opening: Category, isOpen: Bool)? {
        guard let i = world.state.incidents.index(forKey: ref) else { return nil }
        return (world.state.incidents.values[i].location, world.state.incidents.values[i].opening, world.state.incidents.values[i].isOpen)
    }

    mutating func crewStep<W: SimWorld>(_ cs: Callsign, _ ref: IncidentRef, _ step: Agenda.CrewStep, _ world: inout W) throws {
        guard let unit = world.state.units[cs], let token = crews[cs]?.token else { return }
        switch step {
        case .mobile:
            guard unit.incident == ref, let incident = glance(ref, world) else { crews[cs] = nil; return }
            guard try execute(.setStatus(cs, .enRoute, position: nil), as: SimOperators.crews, &world) != nil else { return }
            let speed = world.state.force.area(unit.area)?.speedKmh ?? 40
            let eta = world.state.force.travel.eta(km: unit.position.distanceKm(to: incident.location), speedKmh: speed)
            agenda.schedule(.crew(cs, token: token, .arrive), at: now + eta)
        case .arrive:
            guard unit.incident == ref, let incident = glance(ref, world) else { crews[cs] = nil; return }
            guard try execute(.setStatus(cs, .atScene, position: incident.location), as: SimOperators.crews, &world) != nil else { return }
            let spread = scenario.onSceneMinutes[incident.opening.kind] ?? Spread(median: 40, p90: 100)
            agenda.schedule(.crew(cs, token: token, .leaveScene), at: now + .seconds(wholeSeconds(rng.draw(spread) * 60, .towardZero)))
        case .leaveScene:
            guard unit.incident == ref, let incident = glance(ref, world) else { crews[cs] = nil; return }
            let transport = incident.opening.kind == .crime && rng.chance(scenario.transportShare / 0.5)
            if transport {
                _ = try execute(.setStatus(cs, .transporting, position: nil), as: SimOperators.crews, &world)
                agenda.schedule(.crew(cs, token: token, .endTransport), at: now + .seconds(wholeSeconds(rng.draw(scenario.transportMinutes) * 60, .towardZero)))
            } else {
                crews[cs] = nil
                try clear(cs, &world)
            }
            try closeIfDone(ref, &world)
        case .endTransport:
            crews[cs] = nil
            let station = world.state.force.station(unit.homeStation)?.location
            try clear(cs, at: station, &world)
        }
    }

    /// The crew is free again, or goes off duty if its shift has ended.
    mutating func clear<W: SimWorld>(_ cs: Callsign, at position: GeoPoint? = nil, _ world: inout W) throws {
        _ = try execute(.setStatus(cs, .available, position: position), as: SimOperators.crews, &world)
        if leaving.remove(cs) != nil { _ = try execute(.setStatus(cs, .offDuty, position: nil), as: SimOperators.crews, &world) }
    }

    /// Closes an incident once no unit is still on the way or at scene.
    mutating func closeIfDone<W: SimWorld>(_ ref: IncidentRef, _ world: inout W) throws {
        guard queue[ref] == nil, let slot = world.state.incidents.index(forKey: ref), world.state.incidents.values[slot].isOpen else { return }
        let working = world.state.incidents.values[slot].units.contains { cs in
            guard let u = world.state.units.index(forKey: cs) else { return false }
            let status = world.state.units.values[u].status
            return status == .assigned || status == .enRoute || status == .atScene
        }
        guard !working else { return }
        let opening = world.state.incidents.values[slot].opening
        _ = try execute(.closeIncident(ref, opening, outcome: "Dealt with by attending officers"), as: SimOperators.crews, &world)
    }

    // MARK: Shifts

    /// Works out the changeovers across the run and which units work each shift: each shift takes the next block
    /// of response and neighbourhood units in callsign order, so consecutive shifts are different people.
    mutating func planShifts(_ state: DispatchState) {
        let response = state.units.values.filter { $0.type == .response }.map(\.callsign).sorted()
        let neighbourhood = state.units.values.filter { $0.type == .neighbourhood }.map(\.callsign).sorted()
        var r = 0, n = 0
        shiftUnits = scenario.shifts.map { shift in
            var set = Set<Callsign>()
            for k in 0..<min(shift.response, response.count) { set.insert(response[(r + k) % response.count]) }
            for k in 0..<min(shift.neighbourhood, neighbourhood.count) { set.insert(neighbourhood[(n + k) % neighbourhood.count]) }
            r += shift.response
            n += shift.neighbourhood
            return set
        }
        let firstDay = (scenario.start - .hours(24)).ukLocal.date
        for d in 0..<(Int(scenario.hours / 24) + 3) {
            let date = CivilDate(daysSinceEpoch: firstDay.daysSinceEpoch + d)
            for (i, s) in scenario.shifts.enumerated() {
                let at = Instant(ukDate: date, hour: s.startMinute / 60, minute: s.startMinute % 60)
                if at <= scenario.end { changeovers.append((at, i)) }
            }
        }
        changeovers.sort { $0.at < $1.at }
    }

    /// Units of shift `k` come on duty; response and neighbourhood units not on it go off (at once if free,
    /// otherwise when they clear). Specialist units are always on.
    mutating func setShift<W: SimWorld>(_ k: Int, _ world: inout W) throws {
        let incoming = shiftUnits[k]
        for cs in world.state.units.keys {
            guard let u = world.state.units[cs], u.type == .response || u.type == .neighbourhood else { continue }
            if incoming.contains(cs) {
                leaving.remove(cs)
                if u.status == .offDuty {
                    let home = world.state.force.station(u.homeStation)?.location
                    _ = try execute(.setStatus(cs, .atStation, position: home), as: SimOperators.crews, &world)
                }
            } else if u.status != .offDuty {
                if u.incident == nil, u.status != .transporting {
                    _ = try execute(.setStatus(cs, .offDuty, position: nil), as: SimOperators.crews, &world)
                } else {
                    leaving.insert(cs)
                }
            }
        }
        onShift = incoming
        onShiftList = incoming.sorted()
    }

    /// Before a changeover the outgoing units head in, the incoming ones are still in briefing: the handover dip.
    mutating func startHandover<W: SimWorld>(to k: Int, _ world: inout W) throws {
        let staying = shiftUnits[k]
        // In callsign order: a Set iterates in a per-process hash order, which made runs differ between processes.
        for cs in onShiftList where !staying.contains(cs) {
            guard let u = world.state.units[cs], u.status.isDeployable else { continue }
            _ = try execute(.setStatus(cs, .offDuty, position: nil), as: SimOperators.crews, &world)
        }
    }

    // MARK: Injects

    /// Fires inject `i` now: at its scripted time, or when the trainer fires it.
    public mutating func fire<W: SimWorld>(_ i: Int, _ world: inout W) throws {
        let inject = scenario.injects[i]
        switch inject.kind {
        case .surge(let f, let minutes): surges.append((now, now + .minutes(Int64(minutes)), f))
        case .phoneOutage(let minutes): outages.append((now, now + .minutes(Int64(minutes))))
        case .majorIncident(_, _, _, let calls, let over, _):
            for n in 0..<calls {
                let offset = n == 0 ? 0 : Int64(rng.unit() * Double(over * 60))
                agenda.schedule(.majorCall(inject: i, number: n), at: now + .seconds(offset))
            }
        case .breakdown(let cs):
            if world.state.units[cs]?.incident != nil {
                _ = try execute(.unassign(cs, from: nil), as: SimOperators.dispatcher, &world)
            }
            crews[cs] = nil
            _ = try execute(.setStatus(cs, .unavailable, position: nil), as: SimOperators.crews, &world)
        }
        fired.append((i, now))
    }

    mutating func majorCall<W: SimWorld>(_ i: Int, number: Int, _ world: inout W) throws {
        guard case .majorIncident(let location, let address, let category, _, _, _) = scenario.injects[i].kind else { return }
        let caller = Callers.caller(rng: &rng)
        let details = ContactDetails(callerName: caller.name, callerNumber: caller.number, location: jitter(location, metres: 150),
                                     address: address, account: Callers.account(category, rng: &rng))
        try receive(.emergency, details, plan: .major(inject: i), &world)
    }

    // MARK: Places

    /// A random point in the force, areas weighted by population.
    mutating func randomPlace(_ force: Force) -> GeoPoint {
        // The areas never change during a run, so their weights and boxes are worked out once.
        if places.count != force.areas.count {
            var total = 0.0
            places = force.areas.map { total += Double($0.population); return (total, $0.outline.bounds) }
        }
        let r = rng.unit() * (places.last?.upTo ?? 0)
        var lo = 0, hi = places.count - 1
        while lo < hi { let mid = (lo + hi) / 2; if places[mid].upTo > r { hi = mid } else { lo = mid + 1 } }
        let area = force.areas[lo]
        let box = places[lo].box
        for _ in 0..<20 {
            let p = GeoPoint(lat: box.minLat + rng.unit() * (box.maxLat - box.minLat), lon: box.minLon + rng.unit() * (box.maxLon - box.minLon))
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
