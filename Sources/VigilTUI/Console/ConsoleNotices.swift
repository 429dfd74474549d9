import VigilCore

extension ConsoleModel {
    /// Tells the operator what others did to the shift itself: the trainer pausing or resuming it, or an inject
    /// firing. Trainees at other consoles would otherwise see only the clock stop, or the world change without a word.
    public mutating func notice(_ events: [Event]) {
        for e in events where e.operatorID != operatorID {
            switch e.change {
            case .shiftClockSet(let p) where p.paused:
                say("The shift is paused: the clock stands still until the trainer resumes it.")
            case .shiftClockSet(let p):
                say("The shift runs (\(ShiftClock(paused: false, speed: p.speed).text)).")
            case .injectFired(let p):
                say(
                    "Inject \(p.inject) fired\(p.repeated == true ? " again" : ""): the trainer's scenario has moved on."
                )
            case .shiftEnded:
                say("The shift is over: the clock has stopped at the scenario's end. The trainer has the debrief.")
            default:
                break
            }
        }
    }
}
