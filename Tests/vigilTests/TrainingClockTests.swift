import Foundation
import Testing
import VigilCore
import VigilForce
import VigilStore
import VigilTestSupport
import VigilTUI
@testable import vigil

/// A trainee at another console, or with `vigil do`, works on the training shift's clock: today's wall clock is days
/// after the shift, and a console on it showed ages of 117 hours and numbered incidents for today.
@Suite("training runs on the shift's clock", .serialized)
struct TrainingClockTests {
    static let shift = Instant(year: 2026, month: 11, day: 25, hour: 21, minute: 40)

    /// A training log whose last event, written just now, happened at 21:40 on the shift's day.
    static func trainingLog() throws -> String {
        let path = try freshFolder() + "/training.sqlite"
        let store = try EventStore.create(
            path: path, forceText: try DemoForce.text(), createdAt: shift - .hours(1), training: true)
        let session = try LogSession(store: store)
        try session.accept(.signOn, by: Actor("T400", console: "trainer"), at: shift)
        try session.close()
        return path
    }

    @Test func vigilDoStampsAndNumbersInShiftTime() throws {
        let db = try Self.trainingLog()
        for command in [
            "receive 999 at=52.4776,-1.9102 address=\"14 Broad Street\"", "answer C1", "raise C1 1 crime/assault",
        ] {
            let r = try Binary.capture(["do", "--db", db, "--operator", "H200", command])
            #expect(r.status == 0, "\(command): \(r.err)")
        }
        let events = try EventStore.openReadOnly(path: db).read(after: 0, limit: .max).map(\.event)
        let raised = try #require(
            events.compactMap { e -> IncidentRaised? in
                if case .incidentRaised(let p) = e.change { p } else { nil }
            }.first)
        #expect(raised.incident.description == "WM-20261125-0001", "numbered for the shift's day, not today's")
        for e in events {
            #expect(e.at >= Self.shift && e.at < Self.shift + .minutes(5), "\(e.line) carries shift time")
        }
    }

    @Test func aTraineeConsoleShowsTheShiftsTime() throws {
        let db = try Self.trainingLog()
        let session = try LogSession(store: try EventStore.open(path: db))
        try session.accept(
            .signOn, by: Actor("D100", console: "trainee"), at: session.actingTime(wallNow: .wallNow))
        let terminal = ScriptedTerminal(width: 120, height: 40, steps: [.idle, .key(.char("q")), .key(.char("y"))])
        let loop = ConsoleLoop(
            link: LogLink(session: session), actor: Actor("D100", console: "trainee"), banner: .training,
            model: ConsoleModel(operatorID: "D100", view: .dispatcher), themes: [try ThemeLoader.load("default")],
            wall: { Date().timeIntervalSince1970 })
        try loop.run(on: terminal)
        let header = try #require(terminal.screen?.lines.first)
        #expect(header.contains("2026-11-25 21:4"), "the header shows the shift's date and time: \(header)")
        #expect(loop.now < Self.shift + .minutes(5))
    }
}

extension TrainingClockTests {
    /// A trainee is told when the trainer pauses the shift (and it stays marked PAUSED), when an inject fires, and
    /// when the shift is over.
    @Test func traineesAreToldOfAPauseAndAnInject() throws {
        let db = try Self.trainingLog()
        let session = try LogSession(store: try EventStore.open(path: db))
        try session.accept(
            .signOn, by: Actor("D100", console: "trainee"), at: session.actingTime(wallNow: .wallNow))
        let trainer = try LogSession(store: try EventStore.open(path: db))
        let t400 = Actor("T400", console: "trainer")
        var paused = "", fired = "", over = ""
        var terminal: ScriptedTerminal?
        let steps: [ScriptedTerminal.Step] = [
            .idle,
            .run { try trainer.accept(.pauseShift, by: t400, at: trainer.actingTime(wallNow: .wallNow)) },
            .idle,
            .run { paused = terminal?.text ?? "" },
            .run { try trainer.accept(.fireInject(2), by: t400, at: trainer.actingTime(wallNow: .wallNow)) },
            .idle,
            .run { fired = terminal?.text ?? "" },
            .run {
                try trainer.accept(
                    .endShift(scenario: "weekday"), by: t400, at: trainer.actingTime(wallNow: .wallNow))
            },
            .idle,
            .run { over = terminal?.text ?? "" },
            .key(.char("q")), .key(.char("y")),
        ]
        let t = ScriptedTerminal(width: 120, height: 40, steps: steps)
        terminal = t
        let loop = ConsoleLoop(
            link: LogLink(session: session), actor: Actor("D100", console: "trainee"), banner: .training,
            model: ConsoleModel(operatorID: "D100", view: .dispatcher), themes: [try ThemeLoader.load("default")],
            wall: { Date().timeIntervalSince1970 })
        try loop.run(on: t)
        #expect(paused.split(separator: "\n").first?.contains("TRAINING  PAUSED") == true, "\(paused.prefix(130))")
        #expect(paused.contains("The shift is paused"), "\(paused)")
        #expect(fired.contains("Inject 2 fired"), "\(fired)")
        #expect(over.split(separator: "\n").first?.contains("TRAINING  SHIFT OVER") == true, "\(over.prefix(130))")
        #expect(over.contains("The shift is over"), "\(over)")
        let end = session.actingTime(wallNow: .wallNow + .minutes(1))
        #expect(end == session.state.lastEventAt, "the clock stands at the shift's end")
    }
}

extension Instant {
    /// The wall clock now.
    static var wallNow: Instant { Instant(seconds: Int64(Date().timeIntervalSince1970)) }
}
