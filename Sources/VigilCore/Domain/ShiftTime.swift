/// The time on a training shift's clock as a console without the simulator sees it: the shift time of the log's last
/// event, moved on by the wall time since it was written at the clock's speed. It stands still while the shift is
/// paused, at "as fast as possible" (the simulator's own events carry the time then), and when nothing has been
/// written for `staleAfter`: then no shift is running, and the log's last event gives the time.
public enum ShiftTime {
    /// Wall time without a new event after which a shift counts as no longer running.
    public static let staleAfter = Duration.minutes(2)

    /// Shift time now, given the log's last event (its shift time and when it was written, by the wall clock).
    public static func now(lastEventAt: Instant, writtenAt: Instant, clock: ShiftClock, wallNow: Instant) -> Instant {
        let since = wallNow - writtenAt
        guard !clock.paused, clock.speed > 0, since.seconds > 0, since < staleAfter else { return lastEventAt }
        return lastEventAt + .seconds(since.seconds * Int64(clock.speed))
    }
}
