import VigilCore

extension ConsoleModel {
    /// `:go 0014` jumps to an incident: the dispatcher's list selects it (clearing a filter that hides it) and the
    /// incident view shows it. It changes nothing in the world, so it is the console's, not a command.
    mutating func go(_ target: String, _ line: String, state: DispatchState, now: Instant) -> [ConsoleEffect] {
        guard !target.isEmpty else {
            say("Go where? e.g. :go 0014", error: true)
            return []
        }
        switch CommandParser(state: state, now: now).incident(named: target) {
        case .failure(let e):
            say(e.message, error: true)
        case .success(let ref):
            history.append(line)
            commandLine = nil
            guard state.incidents[ref]?.isOpen == true else {
                say("\(ref.short) is closed; the list shows open incidents.", error: true)
                return []
            }
            if view != .dispatcher && view != .callHandler { view = .dispatcher }
            focus = .incidents
            let area = state.incidents[ref]?.area ?? ""
            if let desks = scope(state), !desks.contains(area) { wholeForce = true }
            if !incidentFilter.isEmpty, let i = state.incidents[ref],
                !Lists.matches(i, Lists.filterWords(incidentFilter), state)
            {
                incidentFilter = ""
            }
            selectedIncident = ref
            detailScroll = 0
            say("\(ref.short) selected.")
        }
        return []
    }
}
