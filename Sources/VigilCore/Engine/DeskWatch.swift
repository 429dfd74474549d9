/// One console's last sign of life, kept beside the log (not in its chain: a heartbeat changes nothing in the world).
public struct Heartbeat: Hashable, Sendable {
    public var console: ConsoleID
    public var operatorID: OperatorID
    /// Wall-clock seconds since 1970 when the console last beat.
    public var wall: Double
    public init(console: ConsoleID, operatorID: OperatorID, wall: Double) {
        self.console = console; self.operatorID = operatorID; self.wall = wall
    }
}

/// A desk to release because its holder's consoles have fallen silent, and the reason the log will give.
public struct SilentDesk: Hashable, Sendable {
    public var desk: DeskID
    public var holder: OperatorID
    public var reason: String
}

/// A call in hand to give back to its queue because its handler's consoles have fallen silent.
public struct SilentCall: Hashable, Sendable {
    public var contact: ContactID
    public var handler: OperatorID
    public var reason: String

    public init(contact: ContactID, handler: OperatorID, reason: String) {
        self.contact = contact; self.handler = handler; self.reason = reason
    }
}

/// Watches held desks for a holder whose consoles have all stopped beating (a crash, a kill, a pulled cable), so a
/// desk is never left held by nobody at a screen. Pure: the heartbeats and the wall clock are passed in.
public struct DeskWatch: Sendable {
    /// How often a console beats, in seconds.
    public static let beatEvery = 5.0
    /// Silence, in seconds, after which a desk is released: six missed beats, so a busy machine is not mistaken for
    /// a dead one.
    public static let silence = 30.0
    /// The words every silent-desk reason starts with, by which consoles tell a release for silence from a choice.
    public static let reasonMark = "console silent"

    /// When this watcher first saw each held desk whose holder has no heartbeat at all, by its own wall clock: a desk
    /// handed to someone whose console is not yet open gets the same grace as one whose console just stopped.
    var silentSince: [DeskID: Double] = [:]

    public init() {}

    /// The desks to release at `wallNow`.
    public mutating func silent(_ state: DispatchState, beats: [Heartbeat], wallNow: Double) -> [SilentDesk] {
        var latest: [OperatorID: Double] = [:]
        // A beat from the future (a clock set wrong, a forged file) would hold a desk for ever: it counts as none.
        for b in beats where b.wall <= wallNow + Self.silence {
            latest[b.operatorID] = max(latest[b.operatorID] ?? b.wall, b.wall)
        }
        var out: [SilentDesk] = []
        for desk in state.force.desks {
            guard let holder = state.deskHolders[desk.id] else { silentSince[desk.id] = nil; continue }
            if let last = latest[holder] {
                // The holder's consoles have beaten: silence is counted from the last beat.
                silentSince[desk.id] = nil
                guard wallNow - last >= Self.silence else { continue }
                out.append(
                    SilentDesk(
                        desk: desk.id, holder: holder,
                        reason: "\(Self.reasonMark): no heartbeat from \(holder) for \(Int(wallNow - last)) s"))
                continue
            }
            // No console of theirs has ever beaten here: the grace runs from when this watcher first saw it.
            let since = silentSince[desk.id] ?? wallNow
            silentSince[desk.id] = since
            guard wallNow - since >= Self.silence else { continue }
            out.append(
                SilentDesk(desk: desk.id, holder: holder, reason: "\(Self.reasonMark): \(holder) has no console open"))
        }
        return out
    }

    /// The calls in hand to give back at `wallNow`: those whose handler's consoles beat here once and have been silent
    /// for `silence`. A handler who never beat (a script, `vigil do`, the simulator's handlers) is left alone.
    public func silentCalls(_ state: DispatchState, beats: [Heartbeat], wallNow: Double) -> [SilentCall] {
        var latest: [OperatorID: Double] = [:]
        for b in beats where b.wall <= wallNow + Self.silence {
            latest[b.operatorID] = max(latest[b.operatorID] ?? b.wall, b.wall)
        }
        return state.contactsInHand.compactMap { id in
            guard let handler = state.contacts[id]?.handler, let last = latest[handler], wallNow - last >= Self.silence
            else { return nil }
            return SilentCall(
                contact: id, handler: handler,
                reason: "\(Self.reasonMark): no heartbeat from \(handler) for \(Int(wallNow - last)) s")
        }
    }
}
