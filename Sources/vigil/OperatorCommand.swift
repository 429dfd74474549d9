import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil {
    /// Administer the operators of a log.
    struct OperatorCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "operator",
            abstract: "Add, list and disable the operators who may sign on to a log, and set their PINs.",
            subcommands: [Add.self, List.self, Disable.self, Pin.self]
        )
    }
}

/// Runs an administration command as the log's supervisor (the first enabled one), signing them on at the command line.
func asSupervisor(_ session: LogSession, _ command: Command, at now: Instant) throws -> [StoredEvent] {
    guard let boss = session.state.operators.values.first(where: { $0.role == .supervisor && !$0.disabled }) else {
        throw Failure(description: "the log has no enabled supervisor to act for; operators cannot be administered")
    }
    let actor = Actor(boss.id, console: "admin")
    if session.state.signedOn[boss.id] == nil {
        _ = try storeJob { () throws(StoreError) in try session.execute(.signOn, by: actor, at: now) }
    }
    switch try storeJob({ () throws(StoreError) in try session.execute(command, by: actor, at: now) }) {
    case .success(let events): return events
    case .failure(let e): throw Failure(description: e.message)
    }
}

extension Vigil.OperatorCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an operator and set their PIN (asked for on a terminal, or one line from standard input with --pin-stdin).")

        @OptionGroup var store: StoreOptions
        @Option(help: "The operator's identifier, e.g. D105.") var id: String
        @Option(help: "call-handler, dispatcher, inspector, trainer or supervisor.") var role: String
        @Option(help: "The operator's name as consoles show it.") var name: String
        @Flag(help: "Read the PIN as one line from standard input.") var pinStdin = false

        func validate() throws {
            if Role(rawValue: role) == nil { throw ValidationError("--role takes \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
            if id.isEmpty || id.contains(where: { $0.isWhitespace }) { throw ValidationError("--id must be one word, e.g. D105") }
        }

        func run() throws {
            let now = try commandTime(nil)
            let log = try store.open()
            let session = try storeJob { () throws(StoreError) in try LogSession(store: log) }
            if session.state.operators[id.uppercased()] != nil || session.state.operators[id] != nil {
                throw Failure(description: "operator \(id) already exists; choose another identifier")
            }
            let secret = try SignOn.newSecret(for: id, fromStdin: pinStdin)
            _ = try asSupervisor(session, .registerOperator(Operator(id: id, name: name, role: Role(rawValue: role)!)), at: now)
            try storeJob { () throws(StoreError) in try session.store.setSecret(secret, for: id, at: now) }
            print("Registered \(id) (\(name), \(role)) with a PIN.".terminalSafe)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the log's operators: role, whether a PIN is set, where signed on.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let log = try store.open()
            let session = try storeJob { () throws(StoreError) in try LogSession(store: log) }
            print("id        role           PIN  state          name")
            for op in session.state.operators.values {
                let pin = try storeJob { () throws(StoreError) in try log.hasSecret(op.id) } ? "set" : "–"
                let state = op.disabled ? "disabled" : session.state.signedOn[op.id].map { "on at \($0)" } ?? "signed off"
                print((op.id.padded(9) + " " + op.role.rawValue.padded(14) + " " + pin.padded(4) + " " + state.padded(14) + " " + op.name).terminalSafe)
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an operator: they can no longer sign on (the record of what they did stays).")
        @OptionGroup var store: StoreOptions
        @Option(help: "The operator to disable.") var id: String

        func run() throws {
            let log = try store.open()
            let session = try storeJob { () throws(StoreError) in try LogSession(store: log) }
            _ = try asSupervisor(session, .disableOperator(id), at: try commandTime(nil))
            print("Disabled \(id).")
        }
    }

    struct Pin: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set or replace an operator's PIN.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The operator.") var id: String
        @Flag(help: "Read the PIN as one line from standard input.") var pinStdin = false

        func run() throws {
            let log = try store.open()
            let session = try storeJob { () throws(StoreError) in try LogSession(store: log) }
            guard session.state.operators[id] != nil else { throw Failure(description: "operator \(id) is not registered in this log") }
            let secret = try SignOn.newSecret(for: id, fromStdin: pinStdin)
            let now = try commandTime(nil)
            try storeJob { () throws(StoreError) in try log.setSecret(secret, for: id, at: now) }
            print("PIN set for \(id).")
        }
    }
}
