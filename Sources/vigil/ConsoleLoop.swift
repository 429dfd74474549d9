import Foundation
import VigilCore
import VigilSim
import VigilStore
import VigilTUI

/// The console's loop: read a key (waiting at most a fraction of a second), act through the log, take in other
/// consoles' events, let an in-process simulator move on, and draw only what changed. No busy loop: it sleeps in
/// the terminal's input wait, and redraws once a second or when something happened.
final class ConsoleLoop {
    let session: LogSession
    let actor: Actor
    let banner: Banner
    var model: ConsoleModel
    let themes: [Theme]
    var world: LogWorld
    var sim: Simulation?
    var pacer: ShiftPacer?
    /// Set for a training shift run at this console.
    var tracker: TrainingTracker?
    /// The log's latest events for the audit view, read as they arrive.
    var audit: [AuditLine] = []
    var auditSeq: Int64?
    /// Idle time after which a live console locks (nil: never); the PIN unlocks it.
    var lockAfter: TimeInterval?
    /// The last contact whose caller details were recorded in the access log as shown here.
    var shownContact: ContactID?

    init(session: LogSession, actor: Actor, banner: Banner, model: ConsoleModel, themes: [Theme], sim: Simulation? = nil, pacer: ShiftPacer? = nil) {
        self.session = session
        self.actor = actor
        self.banner = banner
        self.model = model
        self.themes = themes
        self.sim = sim
        self.pacer = pacer
        world = LogWorld(session: session)
        session.keepsAbsorbed = true
    }

    /// The console's clock: the simulated shift's when one runs here, else the wall clock.
    var now: Instant { sim?.now ?? Instant(seconds: Int64(Date().timeIntervalSince1970)) }

    var theme: Theme {
        let t = themes[model.themeIndex % themes.count]
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return noColour ? t.withoutColour : t
    }

    func frame(width: Int, height: Int) -> Buffer {
        let training = try? tracker?.info(sim: sim, wantDebrief: model.debriefOpen || (sim.map { $0.now >= $0.scenario.end } ?? false))
        if let training { model.injectCount = training.injects.count }
        var context = RenderContext(state: session.state, model: model, now: now, theme: theme, banner: banner,
                                    sync: "seq \(session.lastSeq)" + (sim != nil ? " · \(session.state.shiftClock.text)" : ""), training: training)
        if model.view == .audit {
            updateAudit()
            context.audit = audit
        }
        return ConsoleScreen.render(context, width: width, height: height)
    }

    /// Reads the events the audit view has not seen, keeping the latest thousand.
    func updateAudit() {
        let store = session.store
        let from = auditSeq ?? max(0, session.lastSeq - 1_000)
        guard let page = try? store.read(after: from, limit: 5_000), let last = page.last else { return }
        audit += page.map { e in
            AuditLine(seq: e.seq, at: e.event.at, operatorID: e.event.operatorID, console: e.event.console,
                      summary: e.event.change.summary, incidents: e.event.change.incidents)
        }
        if audit.count > 1_000 { audit.removeFirst(audit.count - 1_000) }
        auditSeq = last.seq
    }

    /// Runs until the operator quits or a signal arrives; the terminal is restored by the caller.
    func run(on terminal: NCursesTerminal) throws {
        var lastTick = Date()
        var drawnSecond: Int64 = -1
        var drawnSeq: Int64 = -1
        var dirty = true
        var lastKey = Date()
        var remembered = Date()
        while terminal.stopSignal == nil {
            // Where the log ends is remembered as the shift goes, not only at a clean exit (a console may be killed).
            if Date().timeIntervalSince(remembered) >= 60 {
                Heads.remember(session.store)
                remembered = Date()
            }
            if let lockAfter, model.locked == nil, Date().timeIntervalSince(lastKey) >= lockAfter {
                model.lock(idleMinutes: max(1, Int((lockAfter / 60).rounded())))
                dirty = true
            }
            recordCallerDetailsShown()
            let others = session.takeAbsorbed() + (try storeJob { () throws(StoreError) in try session.refresh() })
            if !others.isEmpty { sim?.observe(session.state, events: others.map(\.event)) }
            if var s = sim, var p = pacer {
                p.follow(session.state.shiftClock)
                let tick = Date()
                let target = p.advance(realSeconds: tick.timeIntervalSince(lastTick), simulatedNow: s.now)
                lastTick = tick
                try s.run(until: target, world: &world)
                sim = s
                pacer = p
            }
            let size = terminal.size
            if dirty || now.seconds != drawnSecond || session.lastSeq != drawnSeq {
                terminal.draw(frame(width: size.width, height: size.height))
                drawnSecond = now.seconds
                drawnSeq = session.lastSeq
                dirty = false
            }
            guard let key = terminal.readKey(timeoutMilliseconds: 250) else { continue }
            if case .resize = key {} else { lastKey = Date() }
            dirty = true
            (model.screenWidth, model.screenHeight) = terminal.size
            var effects = model.handle(key, state: session.state, now: now)
            while !effects.isEmpty {
                let effect = effects.removeFirst()
                switch effect {
                case .quit:
                    return
                case .themeChanged:
                    model.message = "Theme: \(theme.name)"
                case .unlock(let pin):
                    try unlock(pin)
                case .execute(let command):
                    let result = try storeJob { () throws(StoreError) in try session.execute(command, by: actor, at: now) }
                    let events = result.map { $0.map(\.event) }
                    if case .success(let done) = events { sim?.observe(session.state, events: done) }
                    effects += model.didExecute(command, events, state: session.state)
                }
            }
        }
    }

    /// Checks the PIN typed at the lock screen; a wrong one is a refused sign-on like any other, so five in a row lock
    /// the operator out, and then the console closes (signing them off).
    func unlock(_ pin: String) throws {
        let id = actor.operatorID
        if try storeJob({ () throws(StoreError) in try session.store.checkSecret(pin, for: id) }) {
            model.unlockResult(true)
            return
        }
        try SignOn.recordWrongPIN(id, session: session, console: actor.console, now: now, where: "at the locked console")
        model.unlockResult(false)
    }

    /// Each call whose caller details come on screen is recorded once in the access log: who, which, when, where.
    func recordCallerDetailsShown() {
        let shown = model.callerDetailsShown
        defer { shownContact = shown }
        guard let shown, shown != shownContact else { return }
        let entry = AccessEntry(at: now, operatorID: actor.operatorID, console: actor.console, record: shown.description, what: "caller details")
        do { try session.store.recordAccess(entry) } catch { model.message = "The access log could not be written: \(error.message)"; model.messageIsError = true }
    }
}
