import Crypto
import Foundation
import Testing
import VigilCore
import VigilForce
@testable import VigilStore

/// A small log holding every kind of event, written by this code and committed under `Tests/Fixtures`, so a change
/// to how events are coded (issue 14's one file per event) can be held to the bytes already on disk. Rewrite it only
/// deliberately: `VIGIL_WRITE_FIXTURE=1 swift test --filter FixtureLogTests`.
@Suite("the committed log with every event", .serialized)
struct FixtureLogTests {
    /// Kinds of event added after the fixture was written (issue 14), so it cannot hold them: a new kind goes here,
    /// and its JSON is held to Foundation's by `EventJSONTests`.
    static let addedSince: Set<String> = [
        "ShiftEnded", "SimHandlersSet", "DeskTaken", "DeskLeft", "IncidentBooked",
        "MutualAidArrived", "ContactReturned", "ContactCorrected", "EidoImported", "LogCopied",
    ]

    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/every-event.sqlite").path

    /// Drives the demo force through commands that between them make all 29 kinds of event.
    static func write(to path: String) throws {
        let t0 = Instant(year: 2026, month: 11, day: 25, hour: 21)
        var t = t0
        let store = try EventStore.create(
            path: path, forceText: try DemoForce.text(), createdAt: t0, training: true, wallClock: { t0 })
        let session = try LogSession(store: store)
        func run(_ c: Command, _ who: OperatorID, console: String = "fixture") throws {
            t = t + .seconds(30)
            _ = try session.execute(c, by: Actor(who, console: console), at: t).get()
        }
        let here = GeoPoint(lat: 52.4776, lon: -1.9102), near = GeoPoint(lat: 52.4780, lon: -1.9100)
        for op in ["S001", "H200", "D100", "I300", "T400"] { try run(.signOn, op) }
        try run(.registerOperator(Operator(id: "D105", name: "Sam \"Sid\" Patel", role: .dispatcher)), "S001")
        try run(.recordPINSet("D105"), "S001")
        try run(
            .receiveContact(
                .emergency,
                ContactDetails(
                    callerName: "Jade Khan", callerNumber: "07700 900123", location: here,
                    address: "14 Broad Street, Ladywood", account: "Fight outside the bar é 🚓")), "H200")
        try run(.answerContact(nil), "H200")
        try run(
            .raiseIncident(
                from: ContactID(1), grade: .emergency, category: Category(.crime, "assault", qualifiers: [.alcohol]),
                location: nil, address: nil), "H200")
        let first = IncidentRef(force: "WM", day: 20261125, number: 1)
        try run(.receiveContact(.nonEmergency, ContactDetails(location: near, address: "16 Broad Street")), "H200")
        try run(.linkContact(ContactID(2), to: first), "H200")
        try run(.receiveContact(.online, ContactDetails(location: near, address: "Broad Street")), "H200")
        try run(.answerContact(ContactID(3)), "H200")
        try run(
            .raiseIncident(
                from: ContactID(3), grade: .priority, category: Category(.asb, "nuisance"), location: nil, address: nil),
            "H200")
        let second = IncidentRef(force: "WM", day: 20261125, number: 2)
        try run(.mergeIncident(second, into: first), "D100")
        try run(.receiveContact(.nonEmergency, ContactDetails(address: "3 Park Road", account: "Lost cat")), "H200")
        try run(.resolveContact(ContactID(4), advice: "Advised to contact the council"), "H200")
        try run(.grade(first, .priority, reason: "no weapon seen"), "D100")
        try run(
            .recordThrive(
                first,
                Thrive(
                    threat: .high, harm: .medium, risk: .high, investigation: .low, vulnerability: .high,
                    engagement: .medium, text: "child present")), "D100")
        try run(.addNarrative(first, "Caller \"hung up\"\nthen rang back"), "D100")
        let unit = session.state.recommend(for: first, limit: 1).candidates.first!.callsign
        try run(.assign(first, [unit]), "D100")
        try run(.setStatus(unit, .enRoute, position: nil), "D100")
        try run(.unassign(unit, from: first), "D100")
        try run(.setStatus(unit, .available, position: near), "D100")
        try run(.moveUnit(unit, to: "coventry"), "I300")
        try run(
            .addFlag(.vulnerable, address: "14 Broad Street", location: here, note: "elderly resident", expires: nil),
            "D100")
        try run(.expireFlag(session.state.flags.keys.max()!), "D100")
        try run(.declareMajorIncident(name: "Broad Street disorder", incidents: [first]), "I300")
        try run(.noteMajorIncident(1, "Silver at the scene"), "I300")
        try run(.pauseShift, "T400")
        try run(.fireInject(1), "T400")
        try run(.closeIncident(first, Category(.crime, "assault"), outcome: "Arrest made"), "D100")
        for console in ["a", "b", "c", "d", "e"] {
            try run(.recordRefusedSignOn(reason: SignOnPolicy.wrongPIN), "H200", console: console)
        }
        try run(.unlockOperator("H200"), "S001")
        try run(.disableOperator("D105"), "S001")
        try run(.signOff, "T400")
        session.snapshotOnCloseAfter = 1
        try session.close()
    }

    /// Every event as sorted-key JSONL (seq, type, operator, console, time and payload), for comparing across refactors.
    static func jsonl(_ store: EventStore) throws -> String {
        try store.read(after: 0, limit: .max).map {
            "\($0.seq)\t\($0.event.change.typeName)\t\($0.event.operatorID)\t\($0.event.console)\t\($0.event.at.seconds)\t\($0.event.change.json)"
        }.joined(separator: "\n")
    }

    /// Works on a copy, so nothing is ever appended to the committed file.
    static func copy() throws -> String {
        let target = temporaryPath("every-event.sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: target)
        return target
    }

    @Test func theFixtureOpensVerifiesAndReplays() throws {
        if ProcessInfo.processInfo.environment["VIGIL_WRITE_FIXTURE"] == "1" {
            for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: Self.path + s) }
            try Self.write(to: Self.path)
            for s in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: Self.path + s) }
        }
        let store = try EventStore.openReadOnly(path: try Self.copy())
        #expect(try store.verify().isIntact)
        let kinds = Set(try store.read(after: 0, limit: .max).map(\.event.change.typeName))
        let expected = Set(Change.typeNames).subtracting(Self.addedSince)
        #expect(kinds == expected, "every kind of event: \(expected.subtracting(kinds).sorted())")
        // Its snapshot was written in format 4 (enums by position), so it is passed over with a warning and the log
        // replayed to the same state.
        let restored = try store.restore()
        #expect(restored.snapshotSeq == nil)
        #expect(
            restored.warnings.count == 1
                && restored.warnings.first?.contains("is version 4, not \(DispatchState.snapshotVersion)") == true,
            "\(restored.warnings)")
        let (replayed, last) = try store.replay()
        #expect(replayed == restored.state && last == restored.lastSeq)
        // The bytes on disk, pinned: any coding change must read and write them exactly as now.
        let text = try Self.jsonl(store)
        let digest = SHA256.hash(data: Data(text.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        #expect(digest == "7f5f8ebfb6f60481", "\(digest)")
    }

    @Test func anOldSnapshotIsRebuiltByTheNextWriter() throws {
        let path = try Self.copy()
        // A format-2 log is read as it is, and written to only once upgraded.
        #expect(throws: StoreError.olderFormat(path: path, found: 2)) { try EventStore.open(path: path) }
        let session = try LogSession(store: try EventStore.upgrade(path: path))
        #expect(session.warnings.count == 1, "the format-4 snapshot is ignored: \(session.warnings)")
        session.snapshotOnCloseAfter = 1
        let free = try #require(
            session.state.operators.values.filter { !$0.disabled && session.state.signedOn[$0.id] == nil }
                .map(\.id).sorted().first)
        let at = session.state.lastEventAt ?? Instant(seconds: 0)
        _ = try #require(try session.execute(.signOn, by: Actor(free, console: "rebuild"), at: at).get().first)
        try session.close()
        let restored = try EventStore.openReadOnly(path: path).restore()
        #expect(
            restored.snapshotSeq != nil && restored.warnings.isEmpty, "a current snapshot now: \(restored.warnings)")
        #expect(restored.state == (try EventStore.openReadOnly(path: path).replay().state))
    }
}
