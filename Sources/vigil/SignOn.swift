import Foundation
import VigilCore
import VigilStore

/// Where PINs come from: successive lines of standard input (`--pin-stdin`), or prompts on the terminal with echo off.
/// Tests give answers directly.
struct SecretSource {
    var fromStdin: Bool
    var answers: ((String) -> String?)?

    init(fromStdin: Bool, answers: ((String) -> String?)? = nil) { self.fromStdin = fromStdin; self.answers = answers }

    /// Whether a person at a terminal is answering, who can be asked to confirm.
    var isInteractive: Bool { answers == nil && !fromStdin && isatty(STDIN_FILENO) == 1 }
    /// Whether a wrong or weak answer can be followed by another (not when reading lines a script wrote).
    var canRetry: Bool { answers != nil || isInteractive }

    func ask(_ prompt: String) -> String? {
        if let answers { return answers(prompt) }
        return SignOn.read(prompt, fromStdin: fromStdin)
    }
}

/// Asking for and checking PINs, on the terminal before the console takes it over, or from standard input.
enum SignOn {
    /// Reads a secret: from standard input (one line) with `fromStdin`, else from the terminal with echo off.
    static func read(_ prompt: String, fromStdin: Bool) -> String? {
        if fromStdin { return readLine(strippingNewline: true) }
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        FileHandle.standardError.write(Data(prompt.terminalSafe.utf8))
        var old = termios()
        tcgetattr(STDIN_FILENO, &old)
        var quiet = old
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &old)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true)
    }

    /// A new PIN for `id`, checked against the PIN rules: asked twice on a terminal (and again when too weak), read
    /// once otherwise. Returns it hashed, ready to store.
    static func newCredential(for id: OperatorID, from source: SecretSource) throws -> Credential {
        for _ in 0..<3 {
            guard let first = source.ask("New PIN or passphrase for \(id) (\(PINPolicy.rule)): ") else {
                throw Failure(
                    description:
                        "no new PIN was given for \(id); on a terminal it is asked for, otherwise give it as a line of standard input with --pin-stdin"
                )
            }
            if let weak = PINPolicy.weakness(of: first) {
                guard source.canRetry else { throw Failure(description: weak + "; nothing was changed") }
                FileHandle.standardError.write(Data("\(weak).\n".utf8))
                continue
            }
            if source.isInteractive, source.ask("The same again: ") != first {
                throw Failure(description: "the two PINs differ; nothing was changed")
            }
            return try EventStore.prepareCredential(first, for: id)
        }
        throw Failure(description: "no PIN meeting the rules (\(PINPolicy.rule)) was given; nothing was changed")
    }

    /// Proves the operator's identity on a live log: unknown, disabled, locked-out and PIN-less operators are refused
    /// with one sentence, and every refusal leaves a SignOnRefused record (the fifth wrong PIN within 15 minutes also
    /// locks the operator out, in the log). Supervisors are never locked, but wait longer after each wrong PIN past
    /// the limit. `tries` is how many PINs a person at a terminal may give.
    static func authenticate(
        _ id: OperatorID, session: LogSession, console: ConsoleID, now: Instant, source: SecretSource,
        tries: Int = 3, supervisorDelay: (Int) -> Void = { sleep(UInt32(min(30, $0))) }
    ) throws {
        let store = session.store
        func record(_ reason: SignOnRefusal) throws {
            _ = try session.execute(.recordRefusedSignOn(reason: reason), by: Actor(id, console: console), at: now)
        }
        func refusal(_ reason: SignOnRefusal, _ sentence: String) throws -> Failure {
            try record(reason)
            return Failure(description: sentence)
        }
        guard let op = session.state.operators[id] else {
            throw try refusal(
                .unknownOperator,
                "operator \(id) is not registered in this log; ask a supervisor (`vigil operator add`)")
        }
        if op.disabled { throw try refusal(.operatorDisabled, "operator \(id) is disabled; ask a supervisor") }
        if let until = session.state.lockedOut(id, at: now) {
            throw try refusal(.lockedOut, DispatchError.operatorLockedOut(id, until: until).message)
        }
        if try !store.hasSecret(id) {
            throw try refusal(
                .noPINSet,
                "operator \(id) has no PIN yet; on a live log a supervisor sets it (`vigil operator pin --as SUPERVISOR --id \(id)`)"
            )
        }
        // Signed in to a server as their own role a moment ago: the server has checked the passphrase, and the log's
        // own rules (a lock by others' tries, a supervisor's back-off) are held to it here all the same.
        if let given = takeSignedIn(id),
            try check(given, id, session: session, console: console, now: now, where: "for \(id)", source: source)
        {
            return
        }
        for attempt in 1...max(1, source.canRetry ? tries : 1) {
            // A person is slowed after a wrong PIN here, by the back-off the log's count gives; not before their first
            // try, since that count is anyone's to raise with hand-written refusals.
            if attempt > 1, let backoff = session.state.supervisorBackoff(id, at: now) {
                supervisorDelay(Int(backoff.seconds))
            }
            guard let secret = source.ask("PIN for \(id) (\(op.name)): ") else {
                throw try refusal(
                    .noPINGiven,
                    "no PIN was given for \(id); on a terminal it is asked for, otherwise give it on the first line of standard input with --pin-stdin"
                )
            }
            if try check(secret, id, session: session, console: console, now: now, where: "for \(id)", source: source) {
                return
            }
            if attempt == max(1, source.canRetry ? tries : 1) { break }
            FileHandle.standardError.write(Data("Wrong PIN; try again.\n".utf8))
        }
        throw Failure(description: "wrong PIN for \(id); sign-on refused")
    }

    /// Checks a PIN under the log's append lock (`LogSession.checkPIN`): true when right; false when wrong and
    /// recorded; one sentence when it locked the operator out, they were locked already, or a supervisor tried
    /// again before their back-off ran out.
    static func check(
        _ secret: String, _ id: OperatorID, session: LogSession, console: ConsoleID, now: Instant,
        where place: String, source: SecretSource? = nil
    ) throws -> Bool {
        switch try session.checkPIN(
            id, by: Actor(id, console: console), at: now,
            matches: {
                // The PIN opens the key the store keeps for them, and only the key the chain holds counts.
                try session.prove(secret, for: id)
            })
        {
        case .accepted:
            if session.state.operatorKeys[id]?.oneTime == true {
                try chooseOwnPIN(id, replacing: secret, session: session, console: console, now: now, source: source)
            }
            return true
        case .wrong(nil): return false
        case .wrong(let until?):
            throw Failure(
                description: "wrong PIN \(place); " + DispatchError.operatorLockedOut(id, until: until).message)
        case .lockedOut(let until):
            // Locked by others' tries while this one waited its turn: the PIN was never checked.
            throw Failure(description: DispatchError.operatorLockedOut(id, until: until).message)
        case .tooSoon(let seconds):
            throw Failure(
                description:
                    "wrong PIN for \(id), and too soon after the last: wait \(seconds) s before trying again"
            )
        }
    }

    /// A PIN a supervisor set works once: its holder chooses their own now (asked twice on a terminal, or the next
    /// line of standard input), and the new key is recorded signed by the old, so the supervisor never holds a key
    /// that signs as someone else.
    static func chooseOwnPIN(
        _ id: OperatorID, replacing old: String, session: LogSession, console: ConsoleID, now: Instant,
        source: SecretSource?
    ) throws {
        guard let source else { throw Failure(description: DispatchError.mustChangePIN(id).message) }
        FileHandle.standardError.write(
            Data(("\(id)'s PIN was set by a supervisor and works once: choose your own now.".terminalSafe + "\n").utf8))
        let credential = try newCredential(for: id, from: source)
        if credential.opens(with: old) {
            throw Failure(description: "the new PIN must differ from the one the supervisor set; nothing was changed")
        }
        switch try session.setPIN(credential, by: Actor(id, console: console), at: now) {
        case .success: FileHandle.standardError.write(Data(("PIN changed for \(id).".terminalSafe + "\n").utf8))
        case .failure(let e): throw Failure(description: e.message)
        }
    }

    /// Passphrases operators signed in to a server with, in this process, keyed by lower-cased id: their sign-on
    /// takes the one given for the sign-in rather than reading standard input again.
    nonisolated(unsafe) static var signIns: [String: String] = [:]

    static func signedIn(_ op: OperatorID, secret: String) { signIns[op.lowercased()] = secret }

    static func takeSignedIn(_ op: OperatorID) -> String? { signIns.removeValue(forKey: op.lowercased()) }

    /// Authenticates on a live log only: training and demo logs trust the seat.
    static func authenticateIfLive(
        _ id: OperatorID, session: LogSession, console: ConsoleID, now: Instant, pinStdin: Bool
    ) throws {
        guard try !session.store.header().training else { return }
        try authenticate(id, session: session, console: console, now: now, source: SecretSource(fromStdin: pinStdin))
    }

    /// Runs commands for an operator who is not at a console (`vigil do`, `vigil operator`): signed on only for the
    /// commit and off again in it, so a console can still sign them on; one transaction, all or nothing.
    /// The commands wrapped in a sign-on and sign-off unless the operator is already on (at a console).
    static func around(_ commands: [Command], session: LogSession, by actor: Actor) -> [Command] {
        session.state.signedOn[actor.operatorID] != nil ? commands : [.signOn] + commands + [.signOff]
    }

    static func actOnce(
        _ commands: [Command], session: LogSession, by actor: Actor, at now: Instant,
        credential: Credential? = nil, only explicit: Command? = nil
    ) throws -> [StoredEvent] {
        // An explicit sign-on or sign-off is taken as asked.
        let all = explicit.map { [$0] } ?? around(commands, session: session, by: actor)
        switch try session.executeAll(all, by: actor, at: now, credential: credential) {
        case .success(let events): return events
        case .failure(let e): throw Failure(description: e.message)
        }
    }
}
