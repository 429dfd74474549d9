import VigilCore

/// What checking a PIN under the log's append lock found.
public enum PINCheck: Hashable, Sendable {
    case accepted
    /// Wrong, and recorded; `lockedUntil` when this one locked the operator out.
    case wrong(lockedUntil: Instant?)
    /// Locked out already: the PIN was not checked.
    case lockedOut(until: Instant)
    /// A supervisor's next try came before their back-off ran out: not checked, not recorded.
    case tooSoon(seconds: Int64)
}

extension LogSession {
    /// Checks a PIN inside one write transaction: the lock state is read from the latest log, the PIN checked, and a
    /// wrong one recorded (with the lock it brings) before the transaction lets the next try in. However many
    /// processes try at once, they take turns, each seeing the others' wrong PINs: at most `lockAfter` wrong PINs are
    /// checked before the lock, and a supervisor's back-off is held to the log's own record of their tries.
    public func checkPIN(
        _ id: OperatorID, by actor: Actor, at now: Instant, matches: () throws -> Bool
    ) throws(StoreError) -> PINCheck {
        var outcome = PINCheck.accepted
        do {
            let (_, stored, _) = try store.transact(after: lastSeq) { newer -> ([Event], Void) in
                self.absorb(newer)
                if let until = self.state.lockedOut(id, at: now) {
                    outcome = .lockedOut(until: until)
                    return ([], ())
                }
                if let wait = self.state.supervisorWait(id, at: now) {
                    outcome = .tooSoon(seconds: wait.seconds)
                    return ([], ())
                }
                if try matches() {
                    outcome = .accepted
                    return ([], ())
                }
                let events = try self.state.decide(
                    .recordRefusedSignOn(reason: SignOnPolicy.wrongPIN), by: actor, at: now
                ).get()
                var after = self.state
                after.apply(events)
                outcome = .wrong(lockedUntil: after.lockedOut(id, at: now))
                return (events, ())
            }
            absorb(stored, own: true)
        } catch let e as StoreError {
            throw e
        } catch {
            throw .other("\(error)")
        }
        return outcome
    }
}
