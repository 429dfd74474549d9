import VigilCore

/// How the log behind the console is marked, shown on every screen so training is never mistaken for live.
public enum Banner: String, Hashable, Sendable {
    case live = "LIVE", training = "TRAINING", demo = "DEMO"
}

/// Everything one frame is rendered from.
public struct RenderContext: Sendable {
    public var state: DispatchState
    public var model: ConsoleModel
    public var now: Instant
    public var theme: Theme
    public var banner: Banner
    /// e.g. `seq 1234 · in step`.
    public var sync: String
    /// What is wrong with the log just now (`LOG OUT OF REACH`, `NO STANDBY`): shown on every screen, never dropped.
    public var alert: String?
    /// Set on a console that runs a simulated shift.
    public var training: TrainingInfo?
    /// The latest events of the log, for the audit view.
    public var audit: [AuditLine] = []
    /// Worked out once a frame, as several panels need them.
    let incidentOrder: [IncidentRef]
    let current: IncidentRef?
    /// The recommendation for the current incident, as the panel shows it and as `a` and the digits pick from it.
    let offer: Recommendation?

    public init(
        state: DispatchState, model: ConsoleModel, now: Instant, theme: Theme, banner: Banner, sync: String,
        training: TrainingInfo? = nil
    ) {
        self.state = state; self.model = model; self.now = now; self.theme = theme; self.banner = banner;
        self.sync = sync
        self.training = training
        var seen = model
        seen.seenAt = now
        incidentOrder = Lists.incidents(
            state, in: model.scope(state), now: now, order: model.sort, filter: model.incidentFilter)
        current = seen.currentIncident(state)
        offer = current.map { state.recommend(for: $0, limit: 8) }
    }

    /// Whether this console's operator is offered a key's action (their role may take it).
    func offered(_ action: KeyAction) -> Bool {
        guard let needed = KeyMap.permission(action), let role = state.operators[model.operatorID]?.role else {
            return true
        }
        return role.may(needed)
    }

    /// A status's style.
    func style(_ s: UnitStatus) -> Style {
        switch s {
        case .available, .atStation: theme[.available]
        case .assigned: theme[.assigned]
        case .enRoute: theme[.enRoute]
        case .atScene: theme[.atScene]
        case .transporting: theme[.transporting]
        case .refreshment, .writeUp: theme[.refreshment]
        case .offDuty: theme[.offDuty]
        case .unavailable: theme[.unavailable]
        }
    }
}

/// `4:05` under an hour, `2h05` beyond; negative spans get a minus.
func clockText(_ d: Duration) -> String {
    let s = d.seconds
    let a = abs(s)
    let body = a >= 3600 ? "\(a / 3600)h\(two(a % 3600 / 60))" : "\(a / 60):\(two(a % 60))"
    return s < 0 ? "-" + body : body
}

func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
