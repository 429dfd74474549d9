import VigilCore

extension ConsoleModel {
    /// Handles one key against the current state: changes the model, and returns what the world should do.
    public mutating func handle(_ key: Key, state: DispatchState, now: Instant) -> [ConsoleEffect] {
        if case .resize = key { return [] }
        if helpOpen {
            helpOpen = false
            return []
        }
        if confirmingQuit {
            confirmingQuit = false
            if key == .char("y") || key == .char("Y") { return [.quit] }
            say("Still here.")
            return []
        }
        if commandLine != nil { return editCommandLine(key, state: state, now: now) }
        if editingFilter { editFilter(key); return [] }
        if focus == .callForm, form != nil, let effects = editForm(key, state: state) { return effects }
        if case .mouse(_, _, let button) = key {
            if button == 4 { move(-3, state) } else if button == 5 { move(3, state) }
            return []
        }
        if focus == .map, let pan = panStep(key) {
            map.follow = false
            let c = map.centre ?? state.force.bounds.centre
            map.centre = GeoPoint(lat: c.lat + pan.lat / Double(map.zoom), lon: c.lon + pan.lon / Double(map.zoom))
            return []
        }
        guard let action = KeyMap.action(for: key) else { return [] }
        message = nil
        switch action {
        case .help: helpOpen = true
        case .quit: confirmingQuit = true; say("Quit the console? y to quit, any other key to stay.")
        case .commandLine: commandLine = ""; historyIndex = nil
        case .nextPanel, .previousPanel:
            let ps = panels
            let i = ps.firstIndex(of: focus) ?? 0
            focus = ps[(i + (action == .nextPanel ? 1 : ps.count - 1)) % ps.count]
        case .up: move(-1, state)
        case .down: move(1, state)
        case .pageUp: move(-10, state)
        case .pageDown: move(10, state)
        case .callHandlerView: view = .callHandler; focus = form == nil ? .queue : .callForm
        case .dispatcherView: view = .dispatcher; focus = .incidents
        case .cycleTheme: themeIndex += 1; return [.themeChanged]
        case .filterUnits: editingFilter = true; if view != .dispatcher { view = .dispatcher }; focus = .board
        case .zoomIn: map.zoom = min(64, map.zoom * 2)
        case .zoomOut: map.zoom = max(1, map.zoom / 2)
        case .toggleFollow: map.follow.toggle(); say(map.follow ? "Map follows the selected incident." : "Map stays where it is.")
        case .toggleASCIIMap: map.ascii.toggle()
        case .answerNext: return [.execute(.answerContact(nil))]
        case .answerSelected:
            guard focus == .queue, let id = selectedContact ?? Lists.queue(state).first?.id else { return [] }
            return [.execute(.answerContact(id))]
        case .assignTop, .assignChoice:
            guard let ref = currentIncident(state) else { say("No incident selected.", error: true); return [] }
            let n: Int
            if case .char(let c) = key, let d = c.wholeNumberValue, action == .assignChoice { n = d } else { n = 1 }
            let offered = state.recommend(for: ref, limit: 8)
            guard n <= offered.candidates.count else {
                say(offered.note ?? "There is no recommendation \(n) for \(ref.short).", error: true)
                return []
            }
            return [.execute(.assign(ref, [offered.candidates[n - 1].callsign]))]
        }
        return []
    }

    /// The incident the dispatcher is working on: the selection, or the top of the list.
    public func currentIncident(_ state: DispatchState) -> IncidentRef? {
        if let s = selectedIncident, state.incidents[s]?.isOpen == true { return s }
        return Lists.firstIncident(state)
    }

    /// Tells the model how a command it asked for went; returns any follow-up (a call-taking note after a raise).
    public mutating func didExecute(_ command: Command, _ result: Result<[Event], DispatchError>, state: DispatchState) -> [ConsoleEffect] {
        switch result {
        case .failure(let e):
            say(e.message, error: true)
            return []
        case .success(let events):
            say(events.last.map { $0.change.summary } ?? "Nothing to do.")
            for e in events {
                switch e.change {
                case .contactAnswered(let id) where e.operatorID == operatorID:
                    form = CallForm(contact: id)
                    view = .callHandler
                    focus = .callForm
                    selectedContact = nil
                case .incidentRaised(let ref, let contact, _, _, _, _, _, _, _, _) where form?.contact == contact:
                    let note = form?.note.trimmingSpaces ?? ""
                    form = nil
                    focus = .queue
                    selectedIncident = ref
                    if !note.isEmpty { return [.execute(.addNarrative(ref, note))] }
                case .contactLinked(let contact, _), .contactResolved(let contact, _):
                    if form?.contact == contact { form = nil; focus = .queue }
                case .unitAssigned(let cs, _):
                    selectedUnit = cs
                default:
                    break
                }
            }
            return []
        }
    }

    mutating func say(_ text: String, error: Bool = false) {
        message = text
        messageIsError = error
    }

    mutating func move(_ by: Int, _ state: DispatchState) {
        switch focus {
        case .incidents, .recommendation, .map:
            let list = Lists.incidents(state)
            selectedIncident = step(list, from: currentIncident(state), by: by)
        case .queue:
            let list = Lists.queue(state).map(\.id)
            selectedContact = step(list, from: selectedContact ?? list.first, by: by)
        case .board:
            let list = Lists.units(state, filter: unitFilter)
            selectedUnit = step(list, from: selectedUnit ?? list.first, by: by)
        case .callForm:
            break
        }
    }

    func step<T: Equatable>(_ list: [T], from current: T?, by: Int) -> T? {
        guard !list.isEmpty else { return nil }
        let i = current.flatMap { list.firstIndex(of: $0) } ?? 0
        return list[min(max(0, i + by), list.count - 1)]
    }

    func panStep(_ key: Key) -> (lat: Double, lon: Double)? {
        switch key {
        case .left, .char("h"): (0, -0.05)
        case .right, .char("l"): (0, 0.05)
        case .up: (0.03, 0)
        case .down: (-0.03, 0)
        default: nil
        }
    }

    mutating func editFilter(_ key: Key) {
        switch key {
        case .enter: editingFilter = false
        case .escape: editingFilter = false; unitFilter = ""
        case .backspace: if !unitFilter.isEmpty { unitFilter.removeLast() }
        case .char(let c): unitFilter.append(c)
        default: break
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
