import Foundation
import Testing
import VigilCore
import VigilForce
import VigilStore
import VigilTestSupport
import VigilTUI
@testable import vigil

/// A wall clock the script moves on.
final class WallClock: @unchecked Sendable {
    var seconds: Double
    init(_ seconds: Double) { self.seconds = seconds }
}

@Suite("a desk whose console dies is released and the inspector told")
struct DeskReleaseTests {
    @Test func theInspectorsConsoleReleasesASilentDesk() throws {
        let path = try freshFolder() + "/desk.sqlite"
        let start = ConsoleSessionTests.start
        let store = try EventStore.create(
            path: path, forceText: try DemoForce.text(), createdAt: start - .hours(1), training: false)
        let inspector = try LogSession(store: store)
        let i300 = Actor("I300", console: "tty-inspector")
        try inspector.accept(.signOn, by: i300, at: start)
        // D100 works the Birmingham desk from another console, which beats once and then dies (no sign-off).
        let other = try LogSession(store: try EventStore.open(path: path))
        let d100 = Actor("D100", console: "tty-d100")
        try other.accept(.signOn, by: d100, at: start)
        try other.accept(.takeDesk("birmingham", for: nil), by: d100, at: start)
        // H200 answers a call at a third console, which dies the same way.
        let h200 = Actor("H200", console: "tty-h200")
        try other.accept(.signOn, by: h200, at: start)
        try other.accept(
            .receiveContact(.emergency, ContactDetails(location: GeoPoint(lat: 52.48, lon: -1.9), address: "1 Road")),
            by: h200, at: start)
        try other.accept(.answerContact(nil), by: h200, at: start)
        let wall = WallClock(Double(start.seconds))
        try other.store.beat(Heartbeat(console: d100.console, operatorID: "D100", wall: wall.seconds))
        try other.store.beat(Heartbeat(console: h200.console, operatorID: "H200", wall: wall.seconds))

        var seenAfter = "", said = ""
        var terminal: ScriptedTerminal?
        var running: ConsoleLoop?
        let steps: [ScriptedTerminal.Step] = [
            .idle,
            .run { wall.seconds += 10 }, .idle,
            .run { wall.seconds += 10 }, .idle,
            .run { wall.seconds += 15 }, .idle, .idle,
            .run {
                seenAfter = terminal?.text ?? ""
                said = running?.model.message ?? ""
            },
            .key(.char("q")), .key(.char("y")),
        ]
        let t = ScriptedTerminal(width: 120, height: 40, steps: steps)
        terminal = t
        let loop = ConsoleLoop(
            link: LogLink(session: inspector), actor: i300, banner: .live,
            model: ConsoleModel(operatorID: "I300", view: .inspector), themes: [try ThemeLoader.load("default")],
            wall: { wall.seconds })
        running = loop
        try loop.run(on: t)

        // 35 s after D100's last beat, the inspector's console released the desk, said so, and the log records why.
        #expect(inspector.state.deskHolders.isEmpty)
        let left = try store.read(after: 0, limit: 100).compactMap { r -> (OperatorID, DeskLeft)? in
            guard case .deskLeft(let p) = r.event.change else { return nil }
            return (r.event.operatorID, p)
        }
        #expect(left.count == 1)
        #expect(left.first?.0 == "I300")
        #expect(
            left.first?.1
                == DeskLeft(
                    desk: "birmingham", operator: "D100", cause: .consoleSilent,
                    reason: "console silent: no heartbeat from D100 for 35 s"))
        #expect(
            seenAfter.contains("Desk Birmingham released (console silent: no heartbeat from D100 for 35 s)"),
            "\(seenAfter)")
        // The silent handler's call went back to the queue, in the inspector's name, with why.
        #expect(inspector.state.waitingContacts == [ContactID(1)] && inspector.state.contactsInHand.isEmpty)
        let returned = try store.read(after: 0, limit: 100).compactMap { r -> (OperatorID, ContactReturned)? in
            guard case .contactReturned(let p) = r.event.change else { return nil }
            return (r.event.operatorID, p)
        }
        #expect(
            returned.map(\.0) == ["I300"]
                && returned.first?.1.reason == "console silent: no heartbeat from H200 for 35 s")
        #expect(said.contains("C1 is back in its queue (console silent"), "said with the desk: \(said)")
        // The inspector's own console beats beside the log.
        #expect(store.heartbeats().contains { $0.operatorID == "I300" })
    }
}
