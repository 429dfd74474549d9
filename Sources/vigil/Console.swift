import ArgumentParser
import Foundation
import VigilCore
import VigilForce
import VigilSim
import VigilStore
import VigilTUI

extension Vigil {
    /// The console on a log: a call handler's or dispatcher's screen.
    struct Console: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Open the console on an event log: call queues, incidents, recommendations, the unit board and the map.",
            discussion: """
                The operator is signed on at this console and off again on quit. Other consoles and a simulator on the same \
                log appear within a second. Keys: ? lists them all; : opens the command line; F2 and F3 switch views.
                With no subcommand at all, `vigil` opens this console on a fresh demo log with a simulated weekday running.
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "The operator signing on, e.g. D100.")
        var `operator`: String

        @Option(
            help: ArgumentHelp(
                "The view to start in: call-handler, dispatcher, inspector or trainer (default: from the operator's role).",
                valueName: "role"))
        var role: String?

        @Option(
            help: ArgumentHelp(
                "Take this dispatch desk on signing on (its areas' incidents are yours; the simulator leaves them).",
                valueName: "desk"))
        var desk: String?

        @Option(
            help: ArgumentHelp(
                "A theme: \(ThemeLoader.builtIns.joined(separator: ", ")), or a theme file.", valueName: "theme"))
        var theme = "default"

        @Option(
            help: ArgumentHelp(
                "On a live log, lock the console after this many minutes without a key (0: never); the PIN unlocks it.",
                valueName: "minutes"))
        var lockAfter = 10.0

        func validate() throws {
            if !(0...240).contains(lockAfter) { throw ValidationError("--lock-after takes 0 to 240 minutes") }
            if let role, !["call-handler", "dispatcher", "inspector", "trainer"].contains(role) {
                throw ValidationError("--role takes call-handler, dispatcher, inspector or trainer")
            }
        }

        func run() throws {
            let log = try store.open(as: `operator`, pinStdin: false)
            let header = try log.header()
            let session = try LogSession(store: log, trusted: Heads.trusted(log))
            let view: ConsoleView? = role.map {
                [
                    "call-handler": .callHandler, "dispatcher": .dispatcher, "inspector": .inspector,
                    "trainer": .trainer,
                ][$0]!
            }
            try ConsoleStart.open(
                session: session, operatorID: session.state.operatorID(matching: `operator`), view: view,
                theme: theme, banner: header.training ? .training : .live, feed: nil,
                lockAfterMinutes: lockAfter, desk: desk)
        }
    }
}

/// Shared by `vigil console` and the demo: sign on, take the terminal, run, give it back, sign off.
enum ConsoleStart {
    static func open(
        session: LogSession, operatorID: OperatorID, view: ConsoleView?, theme: String, banner: Banner,
        feed: SimFeed?, lockAfterMinutes: Double = 10, desk: String? = nil
    ) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw Failure(description: "the console needs a terminal; run it in one (for scripts, use `vigil do`)")
        }
        var themes: [Theme] = []
        do {
            let first = try ThemeLoader.load(theme)
            themes =
                [first]
                + (try ThemeLoader.builtIns.filter { $0 != theme }.map { name throws(TOMLFileError) in
                    try ThemeLoader.load(name)
                })
        } catch {
            throw Failure(description: error.description)
        }
        let actor = Actor(operatorID, console: ConsoleName.random())
        let now = feed?.now ?? session.actingTime(wallNow: Instant(seconds: Int64(Date().timeIntervalSince1970)))
        // Live logs ask for the operator's PIN, which a supervisor set; training and demo logs trust the seat.
        if banner == .live {
            try SignOn.authenticate(
                operatorID, session: session, console: actor.console, now: now, source: SecretSource(fromStdin: false))
        }
        guard let op = session.state.operators[operatorID], !op.disabled else {
            throw Failure(
                description: "operator \(operatorID) is not registered in this log (or is disabled); ask a supervisor")
        }
        if session.state.signedOn[operatorID] != actor.console {
            if case .failure(let e) = try session.execute(.signOn, by: actor, at: now) {
                throw Failure(description: e.message)
            }
        }
        if let desk { try take(desk, session: session, actor: actor, now: now) }
        let startView =
            view
            ?? {
                switch op.role {
                case .callHandler: .callHandler;
                case .inspector: .inspector;
                case .trainer: .trainer;
                default: .dispatcher
                }
            }()
        // Only a live console locks: training and demo logs have no PINs to unlock with.
        let lockAfter = banner == .live && lockAfterMinutes > 0 ? lockAfterMinutes * 60 : nil
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        var model = ConsoleModel(operatorID: operatorID, view: startView)
        // A new grade 1 rings the bell and flashes the header unless VIGIL_NO_BELL is set (a quiet room, a test run).
        model.alertGrade1 = ProcessInfo.processInfo.environment["VIGIL_NO_BELL"].map { $0.isEmpty } ?? true
        // Snapshots passed over and unreadable events passed over are said on screen, not only on standard error.
        if let first = session.warnings.first {
            model.message =
                session.warnings.count > 1 ? "\(first) (and \(session.warnings.count - 1) more)" : first
            model.messageIsError = true
        }
        let loop = ConsoleLoop(
            link: LogLink(session: session), actor: actor, banner: banner,
            model: model, themes: themes, feed: feed,
            noColour: noColour, lockAfter: lockAfter, wall: { Date().timeIntervalSince1970 })
        let terminal = NCursesTerminal()
        var failure: (any Error)?
        do { try loop.run(on: terminal) } catch { failure = error }
        terminal.end()
        _ = try? session.execute(.signOff, by: actor, at: loop.now)
        session.store.endBeat(console: actor.console, operatorID: actor.operatorID)
        try? session.close()
        if let failure { throw failure }
        if let s = terminal.stopSignal { throw ExitCode(128 + s) }
    }

    /// Takes the desk named on the command line; holding it already (a console restarted in time) is fine.
    static func take(_ name: String, session: LogSession, actor: Actor, now: Instant) throws {
        let force = session.state.force
        guard let desk = force.desk(named: name) else {
            throw Failure(description: DispatchError.unknownDesk(name, known: force.desks.map(\.name)).message)
        }
        if session.state.deskHolders[desk.id] == actor.operatorID { return }
        if case .failure(let e) = try session.execute(.takeDesk(desk.id, for: nil), by: actor, at: now) {
            throw Failure(description: e.message)
        }
    }
}
