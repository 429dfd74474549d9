import Foundation
import VigilCore

/// Whether an event may be taken as its operator's: the one rule `log verify`, every console and every replay hold
/// events to. On a signed log, once its first key is in the chain, an event counts only when its hash is of its
/// contents and it carries its operator's signature over that hash, by the key the chain held for them then.
enum EventCheck {
    /// Records made on behalf of someone who could not sign (a wrong PIN): they need no signature. A lock-out that
    /// names a supervisor is passed over by `apply`, so an unsigned one locks out nobody who could lift it. And a
    /// server's snapshot, recorded by its administrator in the log's name (no person's), changes nothing.
    static func exempt(_ change: Change, by op: OperatorID) -> Bool {
        switch change {
        case .snapshotTaken: op == logAdministrator
        default: change.needsNoSigner
        }
    }

    /// Why an unsigned record made for someone who could not sign is not one Vigil writes, or nil: the operator id
    /// and console name keep the text rule every writer keeps, and a refusal is of a kind Vigil records (an older
    /// log's free-text reason reads as `other`, which nothing signed writes now).
    static func unsignedProblem(_ event: Event) -> String? {
        for text in [event.operatorID, event.console]
        where text.unicodeScalars.count > 64 || text.unicodeScalars.contains(where: \.isTerminalControl) {
            return "its operator id or console name holds control characters or is over 64 characters"
        }
        if case .signOnRefused(let e) = event.change, e.reason == .other {
            return "it records a refusal of no kind Vigil writes"
        }
        return nil
    }

    /// Changes only an administrator may sign: who operates, and with which key.
    static func administrative(_ change: Change, by op: OperatorID) -> Bool {
        switch change {
        case .operatorRegistered, .operatorDisabled, .operatorUnlocked: true
        case .operatorPINSet(let e): e.operator != op
        default: false
        }
    }

    /// Why `event`, on a log that signs its events (a live log of format 3 in a file), is not its operator's, or nil
    /// when it is. Before the log's first key (the supervisor's, set at `log init` or `log upgrade`) nothing is.
    static func problem(
        _ event: Event, hash: Data, signature: Data, intact: Bool, state: DispatchState
    ) -> String? {
        let op = event.operatorID
        let who = op.terminalSafe
        guard !state.operatorKeys.isEmpty else {
            // The first key signs itself: the supervisor setting it holds it, and nobody else can make its signature.
            guard case .operatorPINSet(let e) = event.change, let key = e.key else { return nil }
            guard e.operator == op else { return "it sets the log's first signing key for someone else than \(who)" }
            return SigningKey.verify(signature, of: hash, by: Data(base64Encoded: key) ?? Data())
                ? nil : "it sets the log's first signing key, for \(who), without that key's signature"
        }
        guard intact else { return "its hash does not match its contents, so no signature can vouch for it" }
        // Writers stamp no event before the one before it, so a signed answer dated before its call rang, or a
        // sign-on dated before its operator's lock-out, is hand-made.
        if let last = state.lastEventAt, event.at < last {
            return
                "it is dated \(event.at.ukLocal.timeAndDateText), before the event before it (\(last.ukLocal.timeAndDateText))"
        }
        if exempt(event.change, by: op), signature.isEmpty { return unsignedProblem(event) }
        guard let key = state.operatorKeys[op], let publicKey = Data(base64Encoded: key.key) else {
            return "\(who) has no signing key in the chain, so nothing is signed as them"
        }
        guard SigningKey.verify(signature, of: hash, by: publicKey) else {
            return signature.isEmpty ? "it is not signed (it claims \(who))" : "its signature is not \(who)'s"
        }
        if key.oneTime {
            guard case .operatorPINSet(let e) = event.change, e.operator == op else {
                return "it is signed with \(who)'s one-time key, which only chooses their own PIN"
            }
        }
        if let person = state.operators[op], person.disabled {
            return "\(who) is disabled, so nothing is signed as them"
        }
        if administrative(event.change, by: op), state.operators[op]?.role.may(.administer) != true {
            return "\(who) may not administer operators"
        }
        return roleProblem(event, state: state) ?? reuseProblem(event.change, state: state)
            ?? stateProblem(event, state: state) ?? state.whyNotDecided(event).map(\.terminalSafe)
    }

    /// Why a signed event does what `decide` never would with the state as it stands, or nil: a place off the
    /// Earth, a call answered that is already in someone's hand, a desk given to a role that holds none.
    static func stateProblem(_ event: Event, state: DispatchState) -> String? {
        if let p = event.change.places.first(where: { !$0.isOnEarth }) {
            return "it puts something at \(p.lat), \(p.lon), which is not a place on Earth"
        }
        switch event.change {
        case .contactAnswered(let e) where state.contacts[e.contact].map({ $0.state != .waiting }) ?? false:
            return "it answers contact \(e.contact), which is not waiting to be answered"
        case .deskTaken(let e) where state.operators[e.operator].map({ !$0.role.may(.desk) }) ?? false:
            return "it gives a desk to \(e.operator.terminalSafe), whose role holds none"
        default: return nil
        }
    }

    /// Why an event that makes a record would make it over another's, or nil: `decide` never reuses an incident's,
    /// a contact's or an operator's id, so a signed one that does (a call handler's second `IncidentRaised` for a
    /// grade-1 incident, as grade 3 elsewhere) is hand-made, and would rewrite someone else's work.
    static func reuseProblem(_ change: Change, state: DispatchState) -> String? {
        switch change {
        case .incidentRaised(let e) where state.incidents[e.incident] != nil || state.isArchived(e.incident):
            "it raises incident \(e.incident) again, over the one already raised"
        case .contactReceived(let e) where state.contacts[e.contact] != nil || state.isArchived(e.contact):
            "it receives contact \(e.contact) again, over the one already received"
        case .operatorRegistered(let e) where state.operators[state.operatorID(matching: e.operator.id)] != nil:
            "it registers operator \(e.operator.id.terminalSafe) again"
        default: nil
        }
    }

    /// Why `event`'s operator's role may not write it (`Change.permittedBy`, as `decide` grants), or nil.
    static func roleProblem(_ event: Event, state: DispatchState) -> String? {
        guard let actions = event.change.permittedBy, let role = state.operators[event.operatorID]?.role,
            !actions.contains(where: role.may)
        else { return nil }
        return "\(event.operatorID.terminalSafe), a \(role.label), may not \(actions[0].rawValue)"
    }
}
