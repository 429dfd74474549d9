import VigilCore

extension ConsoleModel {
    /// Handles one key against the current state: changes the model, and returns what the world should do.
    public mutating func handle(_ key: Key, state: DispatchState, now: Instant) -> [ConsoleEffect] {
        seenAt = now
        if case .resize = key { return [] }
        if locked != nil { return handleLocked(key) }
        if helpOpen {
            switch key {
            case .pageDown, .char(" "), .char("j"), .down:
                let step = key == .pageDown || key == .char(" ") ? 10 : 1
                helpScroll = min(helpScroll + step, HelpOverlay.lines().count)
            case .pageUp, .char("k"), .up: helpScroll = max(0, helpScroll - (key == .pageUp ? 10 : 1))
            default: helpOpen = false
            }
            return []
        }
        if confirmingQuit {
            confirmingQuit = false
            if key == .char("y") || key == .char("Y") { return [.quit] }
            say("Still here.")
            return []
        }
        if let c = confirming {
            confirming = nil
            if key == .char("y") || key == .char("Y") { return [.execute(c.command)] }
            say(c.declined)
            return []
        }
        if commandLine != nil { return editCommandLine(key, state: state, now: now) }
        if editingFilter { editFilter(key); return [] }
        if editingIncidentFilter { editIncidentFilter(key); return [] }
        if focus == .callForm, form != nil, let effects = editForm(key, state: state) { return effects }
        if case .mouse(let x, let y, let button) = key {
            click(x: x, y: y, button: button, state: state)
            return []
        }
        if focus == .map, let pan = panStep(key) {
            map.follow = false
            let c = map.centre ?? state.force.bounds.centre
            map.centre = GeoPoint(lat: c.lat + pan.lat / Double(map.zoom), lon: c.lon + pan.lon / Double(map.zoom))
            return []
        }
        if view == .trainer, let effects = trainerKey(key, state: state) { return effects }
        if view == .dispatcher, let effects = boardKey(key, state: state) { return effects }
        guard let action = KeyMap.action(for: key) else { return [] }
        message = nil
        // A key is not offered to a role that may not take its action: say so rather than send a doomed command.
        if let needed = KeyMap.permission(action), refused(needed, state) { return [] }
        switch action {
        case .help: helpOpen = true; helpScroll = 0
        case .quit:
            confirmingQuit = true
            let mine = callsInHand(state)
            say(
                mine.isEmpty
                    ? "Quit the console? y to quit, any other key to stay."
                    : "You have \(mine.map(\.description).joined(separator: ", ")) in hand. Quit and return "
                        + (mine.count == 1 ? "it to its queue" : "them to their queues")
                        + "? y to quit, any other key to stay."
            )
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
        case .inspectorView: view = .inspector; focus = .areas
        case .trainerView: view = .trainer; focus = .injects
        case .auditView: view = .audit; focus = .auditTrail
        case .cycleTheme: themeIndex += 1; return [.themeChanged]
        case .filterUnits:
            // `/` narrows the list in front of you: the incidents when they have the keyboard, else the units.
            if focus == .incidents || focus == .detail {
                editingIncidentFilter = true
            } else {
                editingFilter = true; if view != .dispatcher { view = .dispatcher }; focus = .board
            }
        case .zoomIn: map.zoom = min(64, map.zoom * 2)
        case .zoomOut: map.zoom = max(1, map.zoom / 2)
        case .zoomToArea:
            let areas = state.force.areas
            guard !areas.isEmpty else { return [] }
            let k = ((map.area ?? -1) + 1) % areas.count
            let whole = state.force.bounds, box = areas[k].outline.bounds
            let ratio = min(
                (whole.maxLat - whole.minLat) / max(box.maxLat - box.minLat, 1e-6),
                (whole.maxLon - whole.minLon) / max(box.maxLon - box.minLon, 1e-6))
            // At least ×2, so even the biggest area is brought closer.
            var zoom = 2
            while zoom * 2 <= Int(ratio), zoom < 64 { zoom *= 2 }
            map.area = k
            map.zoom = zoom
            map.centre = box.centre
            map.follow = false
            if focus != .map, view == .dispatcher { focus = .map }
            say("Map: \(areas[k].name)")
        case .toggleFollow where view == .audit:
            auditIncidentOnly.toggle()
        case .toggleFollow:
            map.follow.toggle(); say(map.follow ? "Map follows the selected incident." : "Map stays where it is.")
        case .toggleASCIIMap: map.ascii.toggle()
        case .toggleSort:
            sort = sort == .needsAction ? .grade : .needsAction
            say(
                sort == .needsAction
                    ? "Incidents by what needs action: waiting first, nearest breach first; then on the way; then at scene."
                    : "Incidents by grade, then oldest; o orders by what needs action again.")
        case .toggleDeskScope:
            guard !state.desks(heldBy: operatorID).isEmpty else {
                say("You hold no desk, so the whole force shows; `:desk NAME` takes one.")
                break
            }
            wholeForce.toggle()
            say(wholeForce ? "Showing the whole force; d shows your desk again." : "Showing your desk only.")
        case .answerNext:
            // One call at a time: answering the next would leave this one on nobody's screen.
            if let held = callsInHand(state).first {
                say(
                    "You have \(held) in hand: raise, link or resolve it first, or give it back with `:return \(held)`.",
                    error: true)
                return []
            }
            return [.execute(.answerContact(nil))]
        case .answerSelected:
            guard focus == .queue, let id = selectedContact ?? Lists.queue(state).first?.id else { return [] }
            return [.execute(.answerContact(id))]
        case .assignTop, .assignChoice:
            guard let ref = currentIncident(state) else { say("No incident selected.", error: true); return [] }
            if focus == .board, action == .assignTop {
                // On the board, a puts the unit under the cursor on the incident.
                guard let cs = selectedUnit ?? Lists.units(state, filter: unitFilter).first else { return [] }
                return [.execute(.assign(ref, [cs]))]
            }
            if focus == .board {
                say("On the board, a puts the selected unit on \(ref.short); the digits pick from the recommendation.")
                return []
            }
            let n: Int
            if case .char(let c) = key, let d = c.wholeNumberValue, action == .assignChoice { n = d } else { n = 1 }
            // The units the screen showed, when it showed this incident's; else the recommendation now.
            let offered =
                shownOffer.flatMap { $0.incident == ref ? $0.callsigns : nil }
                ?? state.recommend(for: ref, limit: 8).candidates.map(\.callsign)
            guard n <= offered.count else {
                say(
                    state.recommend(for: ref, limit: 1).note ?? "There is no recommendation \(n) for \(ref.short).",
                    error: true)
                return []
            }
            return [.execute(.assign(ref, [offered[n - 1]]))]
        }
        return []
    }

    /// The incident the dispatcher is working on: the selection, or the top of the list.
    public func currentIncident(_ state: DispatchState) -> IncidentRef? {
        if let s = selectedIncident, state.incidents[s]?.isOpen == true { return s }
        return Lists.firstIncident(state, in: scope(state), now: seenAt, order: sort, filter: incidentFilter)
    }

    /// Tells the model how a command it asked for went; returns any follow-up (a call-taking note after a raise).
    public mutating func didExecute(_ command: Command, _ result: Result<[Event], DispatchError>, state: DispatchState)
        -> [ConsoleEffect]
    {
        switch result {
        case .failure(let e):
            say(e.message, error: true)
            return []
        case .success(let events):
            say(events.last.map { $0.change.summary } ?? "Nothing to do.")
            for e in events {
                switch e.change {
                case .contactAnswered(let p) where e.operatorID == operatorID:
                    form = CallForm(contact: p.contact)
                    // Another agency's incident: their type and priority stand until the handler changes them.
                    if let r = state.referrals[p.contact] {
                        if let category = r.sent.category { form?.category = category.description }
                        if let grade = r.sent.grade {
                            form?.grade = grade
                            form?.gradeChosen = true
                        }
                    }
                    view = .callHandler
                    focus = .callForm
                    selectedContact = nil
                case .incidentRaised(let p) where form?.contact == p.contact:
                    let ref = p.incident
                    let note = form?.note.trimmingSpaces ?? ""
                    let thrive = form?.thriveAssessment
                    form = nil
                    focus = .queue
                    selectedIncident = ref
                    // THRIVE carries the note as its text; without THRIVE the note goes into the narrative.
                    if let thrive { return [.execute(.recordThrive(ref, thrive))] }
                    if !note.isEmpty { return [.execute(.addNarrative(ref, note))] }
                case .contactLinked, .contactResolved:
                    if let contact = form?.contact, e.change.contacts.contains(contact) { form = nil; focus = .queue }
                case .unitAssigned(let p):
                    selectedUnit = p.unit
                case .deskTaken(let p):
                    let name = state.force.deskName(p.desk)
                    say(
                        p.operator == operatorID
                            ? "You hold desk \(name): its incidents are yours, and the simulator leaves them to you."
                            : "Desk \(name) handed to \(p.operator).")
                    wholeForce = false
                case .deskLeft(let p):
                    let name = state.force.deskName(p.desk)
                    say(
                        p.operator == operatorID
                            ? "You left desk \(name); the simulator, if one runs, works it now."
                            : "Desk \(name) taken from \(p.operator).")
                default:
                    break
                }
            }
            return []
        }
    }

    /// Whether this console's operator may not take `action`; if so, says so in one sentence.
    mutating func refused(_ action: Action, _ state: DispatchState) -> Bool {
        guard let role = state.operators[operatorID]?.role, !role.may(action) else { return false }
        say("A \(role.label) may not \(action.rawValue) from this console.", error: true)
        return true
    }

    mutating func say(_ text: String, error: Bool = false) {
        message = text
        messageIsError = error
    }

    mutating func move(_ by: Int, _ state: DispatchState) {
        switch focus {
        case .incidents, .recommendation, .map:
            let list = Lists.incidents(state, in: scope(state), now: seenAt, order: sort, filter: incidentFilter)
            selectedIncident = step(list, from: currentIncident(state), by: by)
            detailScroll = 0
        case .detail:
            // Up goes back into older narrative.
            detailScroll = max(0, detailScroll - by)
        case .queue:
            let list = Lists.queue(state).map(\.id)
            selectedContact = step(list, from: selectedContact ?? list.first, by: by)
        case .board:
            let list = Lists.units(state, filter: unitFilter)
            selectedUnit = step(list, from: selectedUnit ?? list.first, by: by)
        case .injects:
            selectedInject = min(max(0, selectedInject + by), max(0, injectCount - 1))
        case .debrief:
            debriefScroll = max(0, debriefScroll + by)
        case .callForm, .areas, .breaches, .shiftClock, .scores, .auditTrail:
            break
        }
    }

    /// The trainer's own keys: Space pauses or resumes, < and > change speed, Enter fires the selected inject, r the debrief.
    mutating func trainerKey(_ key: Key, state: DispatchState) -> [ConsoleEffect]? {
        if debriefOpen {
            switch key {
            case .char("r"), .escape: debriefOpen = false; focus = .injects
            case .up, .char("k"): debriefScroll = max(0, debriefScroll - 1)
            case .down, .char("j"): debriefScroll += 1
            case .pageUp: debriefScroll = max(0, debriefScroll - 10)
            case .pageDown: debriefScroll += 10
            default: return nil
            }
            return []
        }
        switch key {
        case .char(" "):
            return [.execute(state.shiftClock.paused ? .resumeShift : .pauseShift)]
        case .char("<"), .char(">"):
            let faster = key == .char(">")
            guard let next = (ShiftSpeed(rawValue: state.shiftClock.speed) ?? .one).stepped(faster ? 1 : -1) else {
                say(faster ? "Already as fast as it goes." : "Already at the slowest speed, ×1."); return []
            }
            return [.execute(.setShiftSpeed(next.rawValue))]
        case .enter where focus == .injects:
            guard injectCount > 0 else { say("This scenario has no injects.", error: true); return [] }
            let n = selectedInject + 1
            // An inject fires once; a second time only on purpose.
            if state.firedInjects.contains(n) {
                confirming = Confirmation(.fireInject(n, again: true), declined: "Inject \(n) not fired again.")
                say("Inject \(n) has already fired. Fire it again? y to fire, any other key to leave it.")
                return []
            }
            return [.execute(.fireInject(n))]
        case .char("r"):
            debriefOpen = true
            debriefScroll = 0
            focus = .debrief
            return []
        default:
            return nil
        }
    }

    /// A click focuses the panel under it and selects the row clicked; the wheel moves the selection.
    mutating func click(x: Int, y: Int, button: Int, state: DispatchState) {
        guard
            let (panel, rect) = ConsoleScreen.layout(view, width: screenWidth, height: screenHeight).first(where: {
                $0.1.contains(x: x, y: y)
            })
        else { return }
        if panels.contains(panel) { focus = panel } else if panel == .detail { focus = .incidents }
        if button == 4 { move(-3, state); return }
        if button == 5 { move(3, state); return }
        let inner = rect.inset(1)
        switch panel {
        case .incidents:
            let list = Lists.incidents(state, in: scope(state), now: seenAt, order: sort, filter: incidentFilter)
            let rows = inner.height - 1
            let at = currentIncident(state).flatMap { list.firstIndex(of: $0) } ?? 0
            let k = Scroll.first(at: at, rows: rows, count: list.count) + (y - inner.y - 1)
            if y > inner.y, list.indices.contains(k) { selectedIncident = list[k] }
        case .queue:
            let list = Lists.queue(state).map(\.id)
            let at = (selectedContact ?? list.first).flatMap { list.firstIndex(of: $0) } ?? 0
            let k = Scroll.first(at: at, rows: inner.height, count: list.count) + (y - inner.y)
            if list.indices.contains(k) { selectedContact = list[k] }
        case .board:
            let list = Lists.units(state, filter: unitFilter)
            let page = max(1, inner.height * max(1, inner.width / UnitBoard.columnWidth))
            let at = (selectedUnit ?? list.first).flatMap { list.firstIndex(of: $0) } ?? 0
            let k = (at / page) * page + ((x - inner.x) / UnitBoard.columnWidth) * inner.height + (y - inner.y)
            if list.indices.contains(k) { selectedUnit = list[k] }
        default:
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

    mutating func editIncidentFilter(_ key: Key) {
        switch key {
        case .enter: editingIncidentFilter = false
        case .escape: editingIncidentFilter = false; incidentFilter = ""
        case .backspace: if !incidentFilter.isEmpty { incidentFilter.removeLast() }
        case .char(let c): incidentFilter.append(c)
        default: break
        }
        selectedIncident = nil
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
