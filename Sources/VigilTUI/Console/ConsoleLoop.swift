import VigilCore

/// The console's loop: read a key (waiting at most a fraction of a second), act through the log, take in other
/// writers' events, let an in-process simulator move on, and draw only what changed. No busy loop: it sleeps in the
/// terminal's input wait, and redraws once a second or when something happened. The executable only wires it to
/// ncurses and the log; tests drive it whole with an in-memory terminal.
public final class ConsoleLoop {
    let link: any ConsoleLink
    /// Who acts at this console, and the console's name.
    public let actor: Actor
    let banner: Banner
    /// The screen's state, for tests to inspect after a run.
    public private(set) var model: ConsoleModel
    let themes: [Theme]
    var feed: (any ConsoleFeed)?
    let noColour: Bool
    /// Seconds since 1970 by the wall clock: ticks, idle locking and remembering the head are timed by it.
    let wall: () -> Double
    /// Idle seconds after which a live console locks (nil: never); the PIN unlocks it.
    let lockAfter: Double?
    /// The log's latest events for the audit view, read as they arrive.
    var audit: [AuditLine] = []
    var auditSeq: Int64?
    /// The last contact whose caller details were recorded in the access log as shown here.
    var shownContact: ContactID?
    /// This console's own events, for the feed to learn of at the next tick with everyone else's.
    var unobserved: [Event] = []
    /// Whether the last heartbeat could not be written (said once, not on every beat).
    var heartbeatFailed = false
    /// The log's trouble as last said, so a lost and a restored connection are each said once.
    var lastTrouble: String?

    /// A loop for one operator at one console; `wall` is the wall clock in seconds since 1970 (tests pass a fixed one).
    public init(
        link: any ConsoleLink, actor: Actor, banner: Banner, model: ConsoleModel, themes: [Theme],
        feed: (any ConsoleFeed)? = nil, noColour: Bool = false, lockAfter: Double? = nil, wall: @escaping () -> Double
    ) {
        precondition(!themes.isEmpty, "a console needs a theme")
        self.link = link
        self.actor = actor
        self.banner = banner
        self.model = model
        self.themes = themes
        self.feed = feed
        self.noColour = noColour
        self.lockAfter = lockAfter
        self.wall = wall
    }

    /// The console's clock: the simulated shift's when one runs here; else the log's, which is the shift's clock on a
    /// training log (so a trainee's console keeps the trainer's time) and the wall clock on a live one.
    public var now: Instant { feed?.now ?? link.actingTime(wallNow: Instant(seconds: Int64(wall().rounded(.down)))) }

    var theme: Theme {
        let t = themes[model.themeIndex % themes.count]
        return noColour ? t.withoutColour : t
    }

    /// The frame for the current state at a size.
    public func frame(width: Int, height: Int) -> Buffer {
        let training = feed?.training(wantDebrief: model.debriefOpen)
        if let training { model.injectCount = training.injects.count }
        let now = self.now
        // The next key acts on the order this frame shows.
        model.seenAt = now
        var context = RenderContext(
            state: link.state, model: model, now: now, theme: theme, banner: banner,
            sync: "seq \(link.lastSeq)" + (feed != nil ? " · \(link.state.shiftClock.text)" : ""),
            training: training)
        let alerts = [link.trouble != nil ? "LOG OUT OF REACH" : nil, link.standbyWarning].compactMap { $0 }
        context.alert = alerts.isEmpty ? nil : alerts.joined(separator: " · ")
        if model.view == .audit {
            updateAudit()
            context.audit = audit
        }
        if let ref = context.current {
            // The selection follows the incident shown, not the row: once drawn, the top incident stays selected
            // when new work pushes it down the list.
            if model.selectedIncident == nil { model.selectedIncident = ref }
            // What the recommendation panel shows this frame, for the next `a` or digit.
            model.shownOffer = ShownOffer(incident: ref, callsigns: context.offer?.candidates.map(\.callsign) ?? [])
        }
        return ConsoleScreen.render(context, width: width, height: height)
    }

    /// Reads the events the audit view has not seen, keeping the latest thousand.
    func updateAudit() {
        let from = auditSeq ?? max(0, link.lastSeq - 1_000)
        guard let page = try? link.events(after: from, limit: 5_000), let last = page.last else { return }
        audit += page.map { e in
            AuditLine(
                seq: e.seq, at: e.event.at, operatorID: e.event.operatorID, console: e.event.console,
                summary: e.event.change.summary, incidents: e.event.change.incidents)
        }
        if audit.count > 1_000 { audit.removeFirst(audit.count - 1_000) }
        auditSeq = last.seq
    }

    /// Runs until the operator quits or the terminal reports a stop signal; the terminal is restored by the caller.
    public func run<T: Terminal>(on terminal: T) throws {
        var lastTick = wall()
        var drawnSecond: Int64 = -1
        var drawnSeq: Int64 = -1
        var dirty = true
        var lastKey = wall()
        var remembered = wall()
        var beaten = -Double.infinity
        while terminal.stopSignal == nil {
            if wall() - beaten >= DeskWatch.beatEvery {
                beaten = wall()
                try watchDesks()
            }
            // Where the log ends is remembered as the shift goes, not only at a clean exit (a console may be killed).
            if wall() - remembered >= 60 {
                link.remember()
                remembered = wall()
            }
            if let lockAfter, model.locked == nil, wall() - lastKey >= lockAfter {
                model.lock(idleMinutes: max(1, Int((lockAfter / 60).rounded())))
                dirty = true
            }
            recordCallerDetailsShown()
            // The one place the simulator hears of what people did, here and at other consoles.
            let others = try link.takeOthers()
            if link.trouble != lastTrouble {
                lastTrouble = link.trouble
                if let trouble = lastTrouble {
                    model.say("\(trouble); what you do now is not saved until it is back.", error: true)
                } else {
                    model.say("Back in touch with the log; caught up to seq \(link.lastSeq).")
                }
                dirty = true
            }
            if !others.isEmpty {
                model.notice(others, state: link.state)
                dirty = true
            }
            if var f = feed {
                f.observe(unobserved + others, in: link.state)
                let tick = wall()
                try f.advance(realSeconds: tick - lastTick, clock: link.state.shiftClock)
                lastTick = tick
                feed = f
            }
            unobserved.removeAll()
            if model.bellsPending > 0 {
                terminal.bell()
                model.bellsPending = 0
            }
            let size = terminal.size
            if dirty || now.seconds != drawnSecond || link.lastSeq != drawnSeq {
                terminal.draw(frame(width: size.width, height: size.height))
                drawnSecond = now.seconds
                drawnSeq = link.lastSeq
                dirty = false
            }
            guard let key = terminal.readKey(timeoutMilliseconds: 250) else { continue }
            if case .resize = key {} else { lastKey = wall() }
            dirty = true
            (model.screenWidth, model.screenHeight) = terminal.size
            if try !handle(key) { return }
        }
    }

    /// Beats, and releases desks whose consoles fell silent: the simulator takes them back when it runs here, and a
    /// trainer's, supervisor's or inspector's console releases them otherwise. A heartbeat that cannot be written is
    /// said once, not fatal: the desk is then released elsewhere, which is the safe way round.
    func watchDesks() throws {
        let silent: [SilentDesk]
        do {
            silent = try link.heartbeat(actor, wallNow: wall())
            heartbeatFailed = false
        } catch {
            if !heartbeatFailed { model.say("\(error); other consoles may release your desk.", error: true) }
            heartbeatFailed = true
            return
        }
        // A silent handler's calls in hand go back to the queue too, so none is left with nobody at a screen.
        let calls = link.silentCalls(wallNow: wall())
        guard !silent.isEmpty || !calls.isEmpty else { return }
        if var f = feed {
            model.notice(try f.takeBack(silent, calls: calls), state: link.state, own: true)
            feed = f
        } else if let role = link.state.operators[actor.operatorID]?.role, DispatchState.deskManagers.contains(role) {
            let commands =
                silent.map { Command.leaveDesk($0.desk, reason: $0.reason, silent: true) }
                + calls.map { Command.returnContact($0.contact, reason: $0.reason) }
            var done: [Event] = []
            for command in commands {
                if case .success(let events) = try link.execute(command, by: actor, at: now) { done += events }
            }
            model.notice(done, state: link.state, own: true)
        }
    }

    /// Acts on a key and every effect that follows from it; false when the operator quit.
    func handle(_ key: Key) throws -> Bool {
        var effects = model.handle(key, state: link.state, now: now)
        while !effects.isEmpty {
            let effect = effects.removeFirst()
            switch effect {
            case .quit:
                return false
            case .themeChanged:
                model.message = "Theme: \(theme.name)"
            case .unlock(let pin):
                try unlock(pin)
            case .execute(let command):
                let result: Result<[Event], DispatchError>
                do {
                    result = try link.execute(command, by: actor, at: now)
                } catch {
                    // The log refused or could not be reached: nothing was done, the console stays, and says so.
                    model.say("Not done: \(error)", error: true)
                    continue
                }
                if case .success(let done) = result { unobserved += done }
                effects += model.didExecute(command, result, state: link.state)
            }
        }
        return true
    }

    /// Checks the PIN typed at the lock screen; a wrong one is a refused sign-on like any other, so five in a row lock
    /// the operator out, and then the console closes (signing them off).
    func unlock(_ pin: String) throws {
        model.unlockResult(try link.unlock(pin, by: actor, at: now))
    }

    /// Each call whose caller details come on screen is recorded once in the access log: who, which, when, where.
    func recordCallerDetailsShown() {
        let shown = model.callerDetailsShown
        defer { shownContact = shown }
        guard let shown, shown != shownContact else { return }
        do { try link.recordShown(shown, by: actor, at: now) } catch {
            model.message = "The access log could not be written: \(error)"
            model.messageIsError = true
        }
    }
}
