import VigilCore

/// Turns real time into simulated time for a live run, at the speed the trainer last set (or the command line's),
/// holding still while paused. Pure, so the pacing can be tested without waiting.
public struct ShiftPacer: Sendable {
    public let start: Instant
    public let end: Instant
    public private(set) var clock: ShiftClock
    /// Simulated seconds since `start` that the run may reach.
    var elapsed: Double = 0
    var lastSeen: ShiftClock

    /// `initial` is the command line's choice; `logged` the clock already in the log, which a trainer set.
    public init(start: Instant, end: Instant, initial: ShiftClock, logged: ShiftClock) {
        self.start = start
        self.end = end
        clock = ShiftClock(paused: logged.paused, speed: initial.speed)
        lastSeen = logged
    }

    /// Takes the log's clock: a change there is the trainer's, and wins.
    public mutating func follow(_ logged: ShiftClock) {
        guard logged != lastSeen else { return }
        lastSeen = logged
        clock = logged
    }

    /// How far the simulation may run after `realSeconds` more of wall time, given where it is now.
    public mutating func advance(realSeconds: Double, simulatedNow: Instant) -> Instant {
        let reached = Double((simulatedNow - start).seconds)
        if !clock.paused {
            // As fast as possible: a minute at a time, so other consoles' events are taken in between.
            elapsed = clock.speed == 0 ? reached + 60 : max(elapsed, reached) + realSeconds * Double(clock.speed)
        } else {
            elapsed = reached
        }
        return min(end, start + .seconds(Int64(elapsed)))
    }
}
