/// How wrong PINs lock an operator out. The lock is an event, so it holds across processes and consoles.
public enum SignOnPolicy {
    /// The refusal reason that counts towards a lock-out.
    public static let wrongPIN = SignOnRefusal.wrongPIN
    /// Wrong PINs within `window` that lock an operator out.
    public static let lockAfter = 5
    public static let window = Duration.minutes(15)
    public static let lockFor = Duration.minutes(15)
}

extension DispatchState {
    /// Until when the operator is locked out at `now`, or nil. A lock that begins more than a minute after `now` (an
    /// unsigned lock-out dated in the future) holds nobody yet.
    public func lockedOut(_ id: OperatorID, at now: Instant) -> Instant? {
        guard let until = lockedUntil[id], now < until, until - SignOnPolicy.lockFor <= now + .minutes(1) else {
            return nil
        }
        return until
    }

    /// Wrong PINs for the operator within the window before `now`.
    public func recentFailures(_ id: OperatorID, at now: Instant) -> Int {
        failures(id, at: now).count
    }

    /// The wrong PINs within the window before `now`. One dated more than a minute after `now` is no try at all (a
    /// refusal needs no signature, so one forged into the year 2100 must not hold a supervisor back until then); a
    /// minute's grace keeps the tries of processes that read their clocks moments apart counting together.
    func failures(_ id: OperatorID, at now: Instant) -> [Instant] {
        (signOnFailures[id] ?? []).filter { $0 <= now + .minutes(1) && now - $0 < SignOnPolicy.window }
    }

    /// How long a supervisor, never locked out, waits after each wrong PIN past `lockAfter`: 1, 2, 4… up to 32 s.
    public func supervisorBackoff(_ id: OperatorID, at now: Instant) -> Duration? {
        let failures = recentFailures(id, at: now)
        guard operators[id]?.role == .supervisor, failures >= SignOnPolicy.lockAfter else { return nil }
        return .seconds(Int64(1 << min(5, failures - SignOnPolicy.lockAfter)))
    }

    /// How much of a supervisor's back-off is left at `now`, counted from their last wrong PIN in the log; nil when
    /// none: a try before then is not checked, whichever process makes it.
    public func supervisorWait(_ id: OperatorID, at now: Instant) -> Duration? {
        guard let backoff = supervisorBackoff(id, at: now), let last = failures(id, at: now).max() else { return nil }
        // Counted from no later than now: a refusal written a minute ahead (it needs no signature) holds a
        // supervisor back for the back-off at most, not a minute more.
        let left = min(last, now) + backoff - now
        return left.seconds > 0 ? left : nil
    }

    /// A refusal is recorded for whoever tried, registered or not: that is the point of it. The wrong PIN that makes
    /// `lockAfter` within the window also locks the operator out; supervisors are never locked (the caller slows
    /// them instead), so nobody can lock a room out of its own system.
    func decideRefusal(_ reason: SignOnRefusal, by actor: Actor, at now: Instant) throws(DispatchError) -> [Change] {
        var changes: [Change] = [.signOnRefused(SignOnRefused(reason: reason))]
        if reason == SignOnPolicy.wrongPIN, let op = operators[actor.operatorID], op.role != .supervisor,
            lockedOut(op.id, at: now) == nil, recentFailures(op.id, at: now) + 1 >= SignOnPolicy.lockAfter
        {
            changes.append(.operatorLockedOut(OperatorLockedOut(operator: op.id, until: now + SignOnPolicy.lockFor)))
        }
        return changes
    }
}
