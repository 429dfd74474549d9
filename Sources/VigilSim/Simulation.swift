import VigilCore

/// A seeded, deterministic simulated control room. It coordinates small actors, each in its own file under
/// `Actors/` with its own state: callers, call handlers, the auto-dispatcher, crews, the rota and injects. They
/// share the clock, the agenda, the seeded RNG and the world through this struct, act only through commands on a
/// `SimWorld`, and learn of every event in one place, `observe`. The same scenario, seed and commands give the
/// same events.
public struct Simulation {
    public let scenario: Scenario
    public private(set) var now: Instant
    var rng: SplitMix64
    var agenda = Agenda()
    let console: ConsoleID

    var callers: CallerState
    var handlers = HandlerState()
    var dispatch = DispatcherState()
    var crews = CrewState()
    var rota = RotaState()
    var injects = InjectState()

    /// Injects fired so far, by index, and when.
    public var fired: [(inject: Int, at: Instant)] { injects.fired }

    public init(scenario: Scenario, seed: UInt64? = nil, console: ConsoleID = "sim") {
        self.scenario = scenario
        self.now = scenario.start
        self.rng = SplitMix64(seed: seed ?? scenario.seed)
        self.console = console
        self.callers = CallerState(scenario)
    }

    func actor(_ op: Operator) -> Actor { Actor(op.id, console: console) }

    /// About how many contacts the run will take, with a margin: for making room up front.
    public var expectedContacts: Int {
        Int(
            ((callers.contactsPerSecond * 86_400 + scenario.selfGeneratedPerDay) * scenario.hours / 24 * 1.15).rounded(
                .up))
    }

    // MARK: Starting

    /// Registers and signs on the simulator's operators, sets the first shift on duty and schedules the shift's work.
    public mutating func begin<W: SimWorld>(_ world: inout W) throws {
        now = scenario.start
        let missing = SimOperators.all.filter { world.state.operators[$0.id] == nil }
        if !missing.isEmpty {
            guard let boss = world.state.firstSupervisor else {
                throw SimulationError(
                    description:
                        "the force has no supervisor to register the simulator's operators; add one to the force file")
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
        for shift in scenario.shifts {
            for area in shift.byArea.keys.sorted() where world.state.force.area(area) == nil {
                throw SimulationError(
                    description:
                        "the scenario staffs area `\(area)` on a shift, but this force has no such area; use one of \(world.state.force.areas.map(\.id).joined(separator: ", "))"
                )
            }
        }
        for inject in scenario.injects {
            guard case .mutualAid(let partner, _, _, _) = inject.kind, world.state.force.aidPool(named: partner) == nil
            else { continue }
            let known = world.state.force.aid.map(\.id)
            throw SimulationError(
                description: known.isEmpty
                    ? "the scenario calls on mutual aid from `\(partner)`, but this force has no [[mutual_aid]] partners"
                    : "the scenario calls on mutual aid from `\(partner)`, but this force's partners are \(known.joined(separator: ", "))"
            )
        }
        planShifts(world.state)
        learnStreets(world.state.force)
        if let current = rota.changeovers.last(where: { $0.at <= now }) {
            try setShift(current.shift, &world)
        }
        for (i, c) in rota.changeovers.enumerated() where c.at > now {
            agenda.schedule(.handoverStart(i), at: c.at - .minutes(Int64(scenario.handoverMinutes)))
            agenda.schedule(.changeover(i), at: c.at)
        }
        for (i, inject) in scenario.injects.enumerated() where inject.at >= now {
            agenda.schedule(.inject(i, recorded: false), at: inject.at)
        }
        scheduleNextArrival()
        scheduleSelfGenerated()
        // Work already open when the run starts is taken on as if just raised.
        for ref in world.state.openIncidents {
            guard let i = world.state.incidents[ref], i.units.isEmpty, i.grade != .resolution else { continue }
            enqueue(ref, need: 1, grade: i.grade, createdAt: i.createdAt, area: i.area)
        }
        requestDispatch(at: now)
    }

    func must(_ r: Result<[Event], DispatchError>) throws {
        if case .failure(let e) = r {
            throw SimulationError(description: "the simulator could not start: \(e.message)")
        }
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

    /// Runs one command as one of the simulator's operators; its events are observed before anything else happens.
    mutating func execute<W: SimWorld>(_ command: Command, as op: Operator, _ world: inout W) throws -> [Event]? {
        switch try world.execute(command, by: actor(op), at: now) {
        case .success(let events):
            // Only closing events need the state, and only an incident's units: handing over the whole state here
            // would copy it on every command.
            observe(events) { ref in
                world.state.incidents.index(forKey: ref).map { world.state.incidents.values[$0].units } ?? []
            }
            return events
        case .failure:
            return nil
        }
    }

    /// At the scenario's end, records once that the shift is over, so every console stops and says so. Live runs
    /// (the trainer's console, `vigil sim --db`) call it; a headless run has no one to tell.
    public mutating func endIfOver<W: SimWorld>(_ world: inout W) throws {
        guard now >= scenario.end, !world.state.shiftEnded else { return }
        _ = try execute(.endShift(scenario: scenario.name), as: SimOperators.clock, &world)
    }

    /// Releases desks whose consoles fell silent, as the simulator's clock operator, so its dispatcher works them
    /// again; a desk another console released first is passed over. Returns the events, already observed.
    public mutating func takeBack<W: SimWorld>(
        _ desks: [SilentDesk], calls: [SilentCall] = [], _ world: inout W
    ) throws -> [Event] {
        var out: [Event] = []
        for d in desks {
            out += try execute(.leaveDesk(d.desk, reason: d.reason, silent: true), as: SimOperators.clock, &world) ?? []
        }
        // A silent handler's calls go back to the queue, where people or the simulated handlers take them.
        for c in calls {
            out += try execute(.returnContact(c.contact, reason: c.reason), as: SimOperators.clock, &world) ?? []
        }
        return out
    }

    mutating func perform<W: SimWorld>(_ task: Agenda.Task, _ world: inout W) throws {
        switch task {
        case .arrival:
            if rng.unit() * callers.peakFactor < rateFactor(at: now) { try newContact(&world) }
            scheduleNextArrival()
        case .selfGenerated:
            try selfGenerated(&world)
            scheduleSelfGenerated()
        case .callDone(let id):
            handlers.busy -= 1
            try finishCall(id, &world)
            try answerWaiting(&world)
        case .answerCheck:
            try answerWaiting(&world)
        case .crew(let cs, let token, let step):
            guard let job = crews.jobs[cs], job.token == token else { return }
            try crewStep(cs, job.incident, step, &world)
        case .deskClose(let ref):
            try deskClose(ref, &world)
        case .handoverStart(let i):
            try startHandover(to: rota.changeovers[i].shift, &world)
        case .changeover(let i):
            try setShift(rota.changeovers[i].shift, &world)
        case .inject(let i, let recorded):
            if recorded {
                try fire(i, &world)
            } else {
                // At its scripted time an inject is recorded as the trainer's are, and only once: one the trainer fired
                // early is refused here. Its record, observed like any event, fires it.
                _ = try execute(.fireInject(i + 1), as: SimOperators.clock, &world)
            }
        case .aidArrives(let i):
            try aidArrives(i, &world)
        case .aidLeaves(let units):
            try aidLeaves(units, &world)
        case .majorCall(let i, let number):
            try majorCall(i, number: number, &world)
        case .dispatch:
            dispatch.pendingAt = nil
            try dispatchWaiting(&world)
        case .writeUpDone(let cs):
            try writeUpDone(cs, &world)
        case .refreshment(let cs, let shift):
            try takeRefreshment(cs, shift: shift, &world)
        case .refreshmentDone(let cs):
            try endRefreshment(cs, &world)
        case .book(let ref):
            try book(ref, &world)
        case .appointmentDue(let ref):
            appointmentDue(ref, world.state)
        }
    }

    // MARK: Watching what happens

    /// Tells every actor about events, the simulator's own or other consoles': the one place the simulator learns
    /// what happened. Live feeds call it with the events they read from the log.
    public mutating func observe(_ state: DispatchState, events: some Sequence<Event>) {
        observe(events) { state.incidents[$0]?.units ?? [] }
    }

    mutating func observe(_ events: some Sequence<Event>, unitsOf: (IncidentRef) -> [Callsign]) {
        // The order is fixed (callers, dispatcher, crews, injects): reactions draw from the shared RNG.
        for e in events {
            callersSee(e)
            dispatcherSees(e)
            crewsSee(e, unitsOf: unitsOf)
            injectsSee(e)
        }
    }
}
