import VigilCore

/// What checking a PIN under the log's append lock found.
public enum PINCheck: Hashable, Sendable {
    case accepted
    /// Wrong, and recorded; `lockedUntil` when this one locked the operator out.
    case wrong(lockedUntil: Instant?)
    /// Locked out already: the PIN was not checked.
    case lockedOut(until: Instant)
    /// A supervisor's wrong PIN came before their back-off ran out: recorded, and the wait still to run.
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
                // Dated as every write is, never before the event before (see `executeAll`).
                let now = max(now, self.state.lastEventAt ?? now)
                if let until = self.state.lockedOut(id, at: now) {
                    outcome = .lockedOut(until: until)
                    // The try is recorded (the PIN is not checked): every refusal leaves its record.
                    return (
                        try self.state.decide(.recordRefusedSignOn(reason: .lockedOut), by: actor, at: now).get(), ()
                    )
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
                // A supervisor's right PIN gets in even inside their back-off: refusals need no signature, so anyone
                // with the file wrote one every two seconds and kept a supervisor out for as long as they liked
                // (found by the eighth attacker). A wrong one inside it is recorded, and says how long to wait.
                if let wait = self.state.supervisorWait(id, at: now) {
                    outcome = .tooSoon(seconds: wait.seconds)
                } else {
                    outcome = .wrong(lockedUntil: after.lockedOut(id, at: now))
                }
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

extension LogSession {
    /// Sets `op`'s PIN as `actor`, who proved theirs through this session: a supervisor for anyone (a key that then
    /// works once, for `op` to choose their own), or `op` for themselves. A fresh key is sealed under the PIN and its
    /// public half recorded in the chain, signed by the actor, in one commit with the sealed key.
    public func setPIN(_ secret: String, for op: OperatorID, by actor: Actor, at now: Instant) throws(StoreError)
        -> Result<[StoredEvent], DispatchError>
    {
        let credential = try EventStore.prepareCredential(secret, for: op)
        return try setPIN(credential, by: actor, at: now)
    }

    /// As above, with a credential prepared before (scrypt is slow, so outside any transaction).
    public func setPIN(_ credential: Credential, by actor: Actor, at now: Instant) throws(StoreError)
        -> Result<[StoredEvent], DispatchError>
    {
        let record = Command.recordPINSet(credential.operatorID, key: signs ? credential.publicKey : nil)
        let me = actor.operatorID
        // A one-time key chooses its own PIN without signing on; anyone else acts signed on, for this commit only.
        let alone = state.signedOn[me] != nil || state.operatorKeys[me]?.oneTime == true
        return try executeAll(
            alone ? [record] : [.signOn, record, .signOff], by: actor, at: now, credential: credential)
    }
}
