import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil {
    /// Administer the operators of a log.
    struct OperatorCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "operator",
            abstract: "Add, list, disable and unlock the operators who may sign on to a log, and set their PINs.",
            discussion: """
                On a live log every change is made by a supervisor who proves who they are: `--as S001` asks for their PIN \
                (or reads it from the first line of standard input with --pin-stdin), and a new PIN comes next (a second \
                prompt, or the next line). An operator may change their own PIN with `--as` and `--id` both naming them.
                """,
            subcommands: [Add.self, List.self, Disable.self, Pin.self, Unlock.self]
        )
    }
}

/// Who administers: `--as`, and the PIN source shared by the operator subcommands.
struct AdminOptions: ParsableArguments {
    @Option(
        name: .customLong("as"), help: ArgumentHelp("The supervisor acting (required on live logs).", valueName: "id"))
    var actingAs: String?

    @Flag(help: "Read PINs from standard input, one per line: the acting operator's first, then any new PIN.")
    var pinStdin = false
}

/// An administrator proved to be who they say, with the session they act in.
struct Admin {
    let session: LogSession
    let actor: Actor
    let now: Instant
    let source: SecretSource
    let live: Bool
    /// Whether signing on just had the actor choose their own PIN (a supervisor's works once).
    let choseOwnPIN: Bool

    /// Opens the log and authenticates `--as` on a live log; on a training log `--as` defaults to its first supervisor.
    init(_ store: StoreOptions, _ options: AdminOptions) throws {
        let log = try store.open(as: options.actingAs, pinStdin: options.pinStdin)
        session = try LogSession(store: log, trusted: Heads.trusted(log))
        live = !session.training
        // On a training log the shift's clock, like every other action there.
        now = session.actingTime(wallNow: try commandTime(nil))
        source = SecretSource(fromStdin: options.pinStdin)
        let state = session.state
        let id: OperatorID
        if let given = options.actingAs {
            id = state.operatorID(matching: given)
        } else if !live, let boss = state.firstSupervisor {
            id = boss.id
        } else {
            throw Failure(description: "on a live log, say who is acting with --as SUPERVISOR; their PIN is asked for")
        }
        actor = Actor(id, console: "admin")
        let oneTime = state.operatorKeys[id]?.oneTime == true
        if live { try SignOn.authenticate(id, session: session, console: "admin", now: now, source: source) }
        choseOwnPIN = live && oneTime
    }

    /// Runs a command as the acting operator, signed on for that commit only.
    @discardableResult
    func act(_ command: Command, credential: Credential? = nil) throws -> [StoredEvent] {
        try SignOn.actOnce([command], session: session, by: actor, at: now, credential: credential)
    }
}

extension Vigil.OperatorCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an operator and set their first PIN, in one commit: both are written or neither is.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var admin: AdminOptions
        @Option(help: "The operator's identifier, e.g. D105.") var id: String
        @Option(help: "call-handler, dispatcher, inspector, trainer or supervisor.") var role: String
        @Option(help: "The operator's name as consoles show it.") var name: String

        func validate() throws {
            if Role(rawValue: role) == nil {
                throw ValidationError("--role takes \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if id.isEmpty || id.count > 16
                || !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            {
                throw ValidationError("--id must be one word of up to 16 letters, digits or dashes, e.g. D105")
            }
            if name.unicodeScalars.contains(where: \.isTerminalControl) {
                throw ValidationError("--name may not hold control characters")
            }
        }

        func run() throws {
            let a = try Admin(store, admin)
            if a.session.state.operators[id.uppercased()] != nil || a.session.state.operators[id] != nil {
                throw Failure(description: "operator \(id) already exists; choose another identifier")
            }
            let credential = try SignOn.newCredential(for: id, from: a.source)
            // The register and the first key (which works once, for them to choose their own PIN) commit together.
            _ = try SignOn.actOnce(
                [
                    .registerOperator(Operator(id: id, name: name, role: Role(rawValue: role)!)),
                    .recordPINSet(id, key: a.session.store.signsEvents ? credential.publicKey : nil),
                ], session: a.session, by: a.actor, at: a.now, credential: credential)
            print("Registered \(id) (\(name), \(role)) with a PIN.".terminalSafe)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the log's operators: role, whether a PIN is set, where signed on, locks.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let log = try store.openReadOnly()
            let session = try LogSession(store: log, trusted: Heads.trusted(log))
            // Locks are judged on the log's own clock: a training shift's time, not today's.
            let now = session.actingTime(wallNow: try commandTime(nil))
            print("id        role           PIN  state          name")
            for op in session.state.operators.values {
                let pin = try log.hasSecret(op.id) ? "set" : "–"
                let state =
                    op.disabled
                    ? "disabled"
                    : session.state.lockedOut(op.id, at: now).map { "locked → \($0.ukLocal.timeText)" }
                        ?? session.state.signedOn[op.id].map { "on at \($0)" } ?? "signed off"
                print(
                    (op.id.padded(9) + " " + op.role.rawValue.padded(14) + " " + pin.padded(4) + " " + state.padded(14)
                        + " " + op.name).terminalSafe)
            }
            say("\(session.state.operators.count) operators")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an operator: they can no longer sign on (the record of what they did stays).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var admin: AdminOptions
        @Option(help: "The operator to disable.") var id: String

        func run() throws {
            let a = try Admin(store, admin)
            let id = a.session.state.operatorID(matching: id)
            try a.act(.disableOperator(id))
            print("Disabled \(id).".terminalSafe)
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift the lock-out of an operator after too many wrong PINs.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var admin: AdminOptions
        @Option(help: "The operator to unlock.") var id: String

        func run() throws {
            let a = try Admin(store, admin)
            let id = a.session.state.operatorID(matching: id)
            try a.act(.unlockOperator(id))
            print("Unlocked \(id).".terminalSafe)
        }
    }

    struct Pin: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Set or replace an operator's PIN: a supervisor for anyone, or an operator for themselves with their old PIN."
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var admin: AdminOptions
        @Option(help: "The operator.") var id: String

        func run() throws {
            let a = try Admin(store, admin)
            let id = a.session.state.operatorID(matching: id)
            guard a.session.state.operators[id] != nil else {
                throw Failure(description: "operator \(id) is not registered in this log")
            }
            let acting = a.session.state.operators[a.actor.operatorID]
            guard a.actor.operatorID == id || acting?.role.may(.administer) == true else {
                throw Failure(
                    description:
                        "only a supervisor sets another operator's PIN; \(a.actor.operatorID) may change only their own"
                )
            }
            if a.choseOwnPIN, id == a.actor.operatorID {
                print("PIN set for \(id).".terminalSafe)
                return
            }
            let credential = try SignOn.newCredential(for: id, from: a.source)
            // The new secret and the record of who set it (with the new key's public half) commit together.
            _ = try a.session.setPIN(credential, by: a.actor, at: a.now).mapError { Failure(description: $0.message) }
                .get()
            print("PIN set for \(id).".terminalSafe)
        }
    }
}
