import VigilCore

extension ConsoleModel {
    /// Tells the operator what others did to the shift itself: the trainer pausing or resuming it, or an inject
    /// firing. Trainees at other consoles would otherwise see only the clock stop, or the world change without a word.
    /// Desks changing hands and units lent under mutual aid are told too, and a desk released because its console fell silent is an alert.
    /// `own` includes this console's own events (a release it made for a silent console).
    public mutating func notice(_ events: [Event], state: DispatchState, own: Bool = false) {
        // Releases for silent consoles are said together, so one does not hide another.
        var silent: [String] = []
        defer { if !silent.isEmpty { say(silent.joined(separator: " "), error: true) } }
        // Another agency's update is news whoever imported it, this operator included (at `vigil log import`).
        for e in events where own || e.operatorID != operatorID || e.change.isEIDOUpdate {
            let desk = state.force.deskName
            switch e.change {
            case .deskLeft(let p) where p.cause == .consoleSilent:
                silent.append(
                    "Desk \(desk(p.desk)) released (\(p.reason)). "
                        + (p.operator == operatorID
                            ? "Take it again with `:desk \(p.desk)`." : "The simulator, if one runs, works it now."))
            case .deskLeft(let p) where p.operator == operatorID:
                let why = [p.cause == .left ? "" : p.cause.rawValue, p.reason].filter { !$0.isEmpty }
                say(
                    "You no longer hold desk \(desk(p.desk))" + (why.isEmpty ? "." : ": \(why.joined(separator: " ")).")
                )
            case .deskTaken(let p) where p.operator == operatorID:
                say("\(e.operatorID) handed you desk \(desk(p.desk)): its incidents are yours to resource.")
            case .shiftClockSet(let p) where p.paused:
                say("The shift is paused: the clock stands still until the trainer resumes it.")
            case .shiftClockSet(let p):
                say("The shift runs (\(ShiftClock(paused: false, speed: p.speed).text)).")
            case .injectFired(let p):
                say(
                    "Inject \(p.inject) fired\(p.repeated == true ? " again" : ""): the trainer's scenario has moved on."
                )
            case .incidentRaised(let p) where p.grade == .emergency:
                alertNewGrade1(p.incident, p.category.description, p.area, at: e.at, state: state)
            case .incidentGraded(let p) where p.grade == .emergency:
                if let i = state.incidents[p.incident] {
                    alertNewGrade1(p.incident, i.opening.description, i.area, at: e.at, state: state)
                }
            case .contactReturned(let p) where p.reason.hasPrefix(DeskWatch.reasonMark):
                silent.append("\(p.contact) is back in its queue (\(p.reason)).")
            case .mutualAidArrived(let p):
                let lender = state.force.aidPool(named: p.pool)?.name ?? p.pool
                let at = state.force.station(p.station)?.name ?? p.station
                say("Mutual aid: \(p.units.count) units from \(lender) booked on at \(at) (\(p.units.first ?? "")…).")
            case .eidoImported(let p) where p.update:
                noticeUpdate(p, state: state)
            case .shiftEnded:
                say("The shift is over: the clock has stopped at the scenario's end. The trainer has the debrief.")
            default:
                break
            }
        }
    }

    /// A later version of another agency's incident: an alert when it touches the call in hand (its grade brought up
    /// if the sender now rates it more urgent) or an incident, and when it waits again because the first was closed.
    mutating func noticeUpdate(_ p: EIDOImported, state: DispatchState) {
        let from = p.intake.agency
        let what = (p.changes + p.newNotes).joined(separator: " ")
        let urgent = p.intake.channel == .emergency || p.intake.grade == .emergency
        if let old = p.reopens {
            say("\(from) updated \(old), which was dealt with: it waits again as \(p.contact). \(what)", error: true)
        } else if var f = form, f.contact == p.contact {
            if let g = state.referrals[p.contact]?.sent.grade, g < f.grade {
                f.grade = g
                f.gradeChosen = true
                form = f
            }
            say("\(from) updated this call: \(what)", error: true)
        } else {
            switch state.contacts[p.contact]?.state {
            case .raised(let ref), .linked(let ref):
                guard scope(state).map({ $0.contains(state.incidents[ref]?.area ?? "") }) ?? true else { return }
                say("\(from) updated \(ref.short): \(what)", error: urgent)
            case .waiting:
                say("\(from) updated \(p.contact), still waiting: \(what)", error: urgent)
            default:
                return
            }
        }
        if urgent { bellsPending += 1 }
    }

    /// A new grade 1 in this console's scope rings the bell once and flashes the header for five seconds.
    mutating func alertNewGrade1(_ ref: IncidentRef, _ what: String, _ area: AreaID, at: Instant, state: DispatchState)
    {
        guard alertGrade1, scope(state).map({ $0.contains(area) }) ?? true else { return }
        bellsPending += 1
        flash = Flash(until: at + .seconds(5), text: "NEW GRADE 1 \(ref.short)")
        say("New grade 1: \(ref.short) \(what), \(state.force.areaName(area)).", error: true)
    }
}
