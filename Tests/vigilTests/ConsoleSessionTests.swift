import Foundation
import Testing
import VigilCore
import VigilForce
import VigilStore
import VigilTestSupport
import VigilTUI
@testable import vigil

/// A terminal that plays a script: keys, pauses, resizes and things other writers do between keys.
final class ScriptedTerminal: Terminal {
    enum Step {
        case key(Key)
        /// A read that times out: the loop goes round once (takes in others' work, redraws).
        case idle
        case resize(width: Int, height: Int)
        /// Runs between reads, e.g. another console writing to the log; the loop sees it on its next round.
        case run(() throws -> Void)
    }

    var size: (width: Int, height: Int)
    var steps: [Step]
    private(set) var screen: Buffer?
    private(set) var frames = 0
    var stopSignal: Int32?
    private(set) var bells = 0

    func bell() { bells += 1 }

    init(width: Int, height: Int, steps: [Step]) {
        size = (width, height)
        self.steps = steps
    }

    func draw(_ frame: Buffer) -> Int {
        let n = frame.changes(from: screen).count
        screen = frame
        frames += 1
        return n
    }

    func readKey(timeoutMilliseconds: Int) -> Key? {
        // A script that runs out stops the console, so a loop that never quits fails the test instead of hanging it.
        guard !steps.isEmpty else { stopSignal = 15; return nil }
        switch steps.removeFirst() {
        case .key(let key): return key
        case .idle: return nil
        case .resize(let width, let height):
            size = (width, height)
            return .resize
        case .run(let body):
            do { try body() } catch { Issue.record("a scripted step failed: \(error)") }
            return nil
        }
    }

    /// The screen as text, one line per row.
    var text: String {
        screen?.lines.joined(separator: "\n") ?? ""
    }
}

@Suite("a console session driven in-process")
struct ConsoleSessionTests {
    static let start = Instant(year: 2026, month: 11, day: 25, hour: 10)

    /// A training log with S001 signed on at the console under test and H200 writing from another console.
    static func logs() throws -> (console: LogSession, other: LogSession) {
        let path = try freshFolder() + "/session.sqlite"
        let store = try EventStore.create(
            path: path, forceText: try DemoForce.text(), createdAt: start - .hours(1), training: true)
        let console = try LogSession(store: store)
        try console.accept(.signOn, by: Actor("S001", console: "tty-test"), at: start)
        let other = try LogSession(store: try EventStore.open(path: path))
        try other.accept(.signOn, by: Actor("H200", console: "other"), at: start)
        return (console, other)
    }

    @Test func answerRaiseAssignSeeAnotherWriterResizeAndQuit() throws {
        let (session, other) = try Self.logs()
        let caller = ContactDetails(
            callerName: "Ann Jones", callerNumber: "07700 900123", location: GeoPoint(lat: 52.4796, lon: -1.9026),
            address: "14 Broad Street", account: "Someone is breaking in downstairs.")
        try other.accept(.receiveContact(.emergency, caller), by: Actor("H200", console: "other"), at: Self.start)
        let typed = "crime/burglary".map { ScriptedTerminal.Step.key(.char($0)) }
        var seenBeforeQuit = ""
        var terminal: ScriptedTerminal?
        let script: [ScriptedTerminal.Step] =
            [
                .idle,
                .key(.char("n")),
                .key(.up), .key(.char("1")), .key(.down),
            ] + typed + [
                .key(.enter),
                .key(.function(3)),
                .key(.char("a")),
                .idle,
                .run {
                    try other.accept(
                        .receiveContact(
                            .nonEmergency, ContactDetails(address: "2 Mill Lane", account: "Shed broken into.")),
                        by: Actor("H200", console: "other"), at: Self.start + .minutes(2))
                },
                .idle,
                .key(.function(6)),
                .idle,
                .run { seenBeforeQuit = terminal?.text ?? "" },
                .resize(width: 80, height: 24),
                .idle,
                .key(.char("q")),
                .key(.char("y")),
            ]
        let t = ScriptedTerminal(width: 160, height: 48, steps: script)
        terminal = t
        let wall = Double(Self.start.seconds)
        let loop = ConsoleLoop(
            link: LogLink(session: session), actor: Actor("S001", console: "tty-test"), banner: .training,
            model: ConsoleModel(operatorID: "S001", view: .callHandler), themes: [try ThemeLoader.load("default")],
            wall: { wall })
        try loop.run(on: t)

        #expect(t.stopSignal == nil, "the console quit at the script's q y, not because the script ran out")
        #expect(t.steps.isEmpty)
        let state = session.state
        // Answered and raised at this console, from the caller's location.
        let incident = try #require(state.incidents.values.first { $0.address == "14 Broad Street" })
        #expect(incident.grade == .emergency && incident.opening == Category(.crime, "burglary"))
        #expect(state.contacts[ContactID(1)]?.handler == "S001")
        // The recommendation assigned.
        #expect(incident.units.count == 1, "the top recommendation is assigned: \(incident.units)")
        // Another writer's event arrived and shows in the audit view.
        #expect(state.contacts.values.contains { $0.details.address == "2 Mill Lane" })
        #expect(
            seenBeforeQuit.contains("ContactReceived C2 101"),
            "the audit view shows the other console's contact:\n\(seenBeforeQuit)")
        #expect(seenBeforeQuit.contains("H200@other") || seenBeforeQuit.contains("H200"), "with who wrote it")
        // Resized: the last frame is 80×24.
        #expect(t.screen?.width == 80 && t.screen?.height == 24)
        // Each event this console saw was folded in once: the state matches a replay of the log.
        #expect(try session.store.replay().state == state)
    }

    @Test func aNewGradeOneRingsTheBellAndFlashesTheHeader() throws {
        for alert in [true, false] {
            let (session, other) = try Self.logs()
            let h = Actor("H200", console: "other")
            var header = ""
            var terminal: ScriptedTerminal?
            let script: [ScriptedTerminal.Step] = [
                .idle,
                .run {
                    let place = GeoPoint(lat: 52.4796, lon: -1.9026)
                    try other.accept(
                        .receiveContact(.emergency, ContactDetails(location: place, address: "1 Broad Street")), by: h,
                        at: Self.start)
                    try other.accept(.answerContact(nil), by: h, at: Self.start)
                    try other.accept(
                        .raiseIncident(
                            from: ContactID(1), grade: .emergency, category: Category(.crime, "weapons"), location: nil,
                            address: nil), by: h, at: Self.start)
                },
                .idle,
                .run { header = terminal?.screen?.lines.first ?? "" },
                .key(.char("q")), .key(.char("y")),
            ]
            let t = ScriptedTerminal(width: 120, height: 40, steps: script)
            terminal = t
            var model = ConsoleModel(operatorID: "S001", view: .dispatcher)
            model.alertGrade1 = alert
            let wall = Double(Self.start.seconds)
            try ConsoleLoop(
                link: LogLink(session: session), actor: Actor("S001", console: "tty-test"), banner: .training,
                model: model, themes: [try ThemeLoader.load("default")], wall: { wall }
            ).run(on: t)
            #expect(t.bells == (alert ? 1 : 0), "one bell for one new grade 1, none when the setting is off")
            #expect(header.contains("NEW GRADE 1 0001") == alert, "\(header)")
        }
    }

    @Test func theSelectionFollowsTheIncidentWhenNewWorkReordersTheList() throws {
        let (session, other) = try Self.logs()
        let h = Actor("H200", console: "other")
        func raise(_ grade: Grade, _ category: Category, at place: GeoPoint, _ t: Instant) throws {
            try other.accept(
                .receiveContact(.emergency, ContactDetails(location: place, address: "1 Road")), by: h, at: t)
            try other.accept(.answerContact(nil), by: h, at: t)
            let c = ContactID(other.state.nextContact - 1)
            try other.accept(
                .raiseIncident(from: c, grade: grade, category: category, location: nil, address: nil), by: h, at: t)
        }
        try raise(.scheduled, Category(.asb, "nuisance"), at: GeoPoint(lat: 52.58, lon: -1.98), Self.start)
        let script: [ScriptedTerminal.Step] = [
            .idle,
            // A grade 1 arrives and goes to the top of the list while the dispatcher looks at the grade 3.
            .run {
                try raise(.emergency, Category(.crime, "weapons"), at: GeoPoint(lat: 52.48, lon: -1.90), Self.start)
            },
            .idle,
            .key(.char("a")),
            .idle,
            .key(.char("q")), .key(.char("y")),
        ]
        let t = ScriptedTerminal(width: 120, height: 40, steps: script)
        var model = ConsoleModel(operatorID: "S001", view: .dispatcher)
        model.alertGrade1 = false
        let wall = Double(Self.start.seconds)
        try ConsoleLoop(
            link: LogLink(session: session), actor: Actor("S001", console: "tty-test"), banner: .training, model: model,
            themes: [try ThemeLoader.load("default")], wall: { wall }
        ).run(on: t)
        let first = IncidentRef(force: "WM", day: 20261125, number: 1)
        let second = IncidentRef(force: "WM", day: 20261125, number: 2)
        #expect(session.state.incidents[first]?.units.count == 1, "a acted on the incident that was selected")
        #expect(session.state.incidents[second]?.units.isEmpty == true, "not on the one that arrived above it")
    }

    @Test func othersEventsTakenInWhileCommittingAreReturnedOnce() throws {
        let (session, other) = try Self.logs()
        try other.accept(
            .receiveContact(.online, ContactDetails(account: "first")), by: Actor("H200", console: "other"),
            at: Self.start)
        // This console commits before it looks: the other console's contact is folded in by the commit itself.
        try session.accept(
            .receiveContact(.online, ContactDetails(account: "mine")), by: Actor("S001", console: "tty-test"),
            at: Self.start)
        let seen = try session.refresh()
        #expect(
            seen.map(\.event.change.typeName) == ["OperatorSignedOn", "ContactReceived"],
            "the other console's, not this one's")
        #expect(try session.refresh().isEmpty, "returned once")
        #expect(try session.store.replay().state == session.state, "and applied once")
    }
}
