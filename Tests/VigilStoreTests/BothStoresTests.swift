import Foundation
import Testing
import VigilCore
import VigilForce
@testable import VigilStore
import VigilTestSupport

/// What every log promises, held to on both stores.
@Suite("one log, two stores")
struct BothStoresTests {
    let signOn = Event(at: start, by: trainer, .operatorSignedOn(OperatorSignedOn()))

    @Test(arguments: StoreKind.all) func appendVerifyReopenAndReplay(kind: StoreKind) throws {
        let store = try kind.newLog()
        let session = try LogSession(store: store)
        _ = try session.execute(.signOn, by: trainer, at: start).get()
        try session.accept(
            .receiveContact(.emergency, ContactDetails(location: GeoPoint(lat: 52.48, lon: -1.9))), by: trainer,
            at: start
        )
        #expect(try store.lastSeq() == 2)
        let read = try store.read(after: 0)
        #expect(read.map(\.event.change.typeName) == ["OperatorSignedOn", "ContactReceived"])
        #expect(read[1].prevHash == read[0].hash)
        #expect(try store.verify().summary == "OK: 2 events, chain intact, last seq 2")
        let again = try EventStore.open(path: store.path)
        #expect(try again.head() == store.head())
        #expect(try again.replay().state == session.state)
        #expect(try again.header().training == false)
    }

    /// A payload over 1 MiB is refused on either store, with a sentence, and nothing is written.
    @Test(arguments: StoreKind.all) func aGiantPayloadIsRefused(kind: StoreKind) throws {
        let store = try kind.newLog()
        func note(_ n: Int) -> Change {
            .contactReceived(
                ContactReceived(
                    contact: ContactID(1), channel: .online,
                    details: ContactDetails(account: String(repeating: "x", count: n))))
        }
        let error = #expect(throws: StoreError.self) {
            try store.append([Event(at: start, by: trainer, note(EventCoding.payloadLimit))])
        }
        #expect(error?.message.contains("over the log's limit of 1048576 bytes (1 MiB)") == true)
        #expect(try store.lastSeq() == 0)
        #expect(try store.append([Event(at: start, by: trainer, note(EventCoding.payloadLimit - 200))]).count == 1)
    }

    /// Eight writers, each on its own connection, append 500 events each: seq runs 1…4000 with no gap or repeat,
    /// and the chain verifies.
    @Test(arguments: StoreKind.all) func eightWritersLeaveNoGap(kind: StoreKind) throws {
        let store = try kind.newLog(training: true)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { w in
            do {
                let mine = try EventStore.open(path: store.path)
                defer { mine.close() }
                for _ in 0..<500 {
                    try mine.append([Event(at: start, by: Actor("W\(w)", console: "w\(w)"), signOn.change)])
                }
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty)
        let events = try store.read(after: 0, limit: .max)
        #expect(events.count == 4000)
        #expect(events.enumerated().allSatisfy { $0.element.seq == Int64($0.offset + 1) }, "1…4000, no gap or repeat")
        #expect(Dictionary(grouping: events, by: \.event.operatorID).mapValues(\.count).values.allSatisfy { $0 == 500 })
        #expect(try store.verify().summary == "OK: 4000 events, chain intact, last seq 4000")
    }

    /// Two consoles race to assign one unit to two incidents: exactly one wins, and the other is told why.
    @Test(arguments: StoreKind.all) func twoRacingAssignsOfOneUnitHaveOneWinner(kind: StoreKind) throws {
        let store = try kind.newLog()
        let setup = try LogSession(store: store)
        _ = try setup.execute(.signOn, by: trainer, at: start).get()
        for n in 1...2 {
            try setup.accept(
                .receiveContact(.emergency, ContactDetails(location: GeoPoint(lat: 52.48, lon: -1.90))), by: trainer,
                at: start
            )
            try setup.accept(
                .raiseIncident(
                    from: ContactID(n), grade: .emergency, category: Category(.crime), location: nil, address: nil),
                by: trainer, at: start
            )
        }
        for _ in 0..<5 {
            let sessions = Unchecked(try (0..<2).map { _ in try LogSession(store: EventStore.open(path: store.path)) })
            let unit = "BC11"
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let incident = IncidentRef(force: "WM", day: 20261125, number: i + 1)
                let r = try? sessions.value[i].execute(.assign(incident, [unit]), by: trainer, at: start)
                outcomes.add(r?.failure == nil)
            }
            #expect(outcomes.all.filter { $0 }.count == 1)
            // Stand the unit down again for the next round.
            let s = try LogSession(store: EventStore.open(path: store.path))
            _ = try s.execute(.unassign(unit, from: nil), by: trainer, at: start).get()
        }
        #expect(try store.verify().isIntact)
    }

    /// A watcher hears other writers' commits, each event once and in order, and reads nothing when nothing came.
    @Test(arguments: StoreKind.all) func aWatchSeesOtherWritersInOrder(kind: StoreKind) throws {
        let store = try kind.newLog()
        let writer = try LogSession(store: EventStore.open(path: store.path))
        let watch = try store.watch(after: 0)
        _ = try watch.poll()
        try writer.accept(.signOn, by: trainer, at: start)
        try writer.accept(.receiveContact(.emergency, ContactDetails()), by: trainer, at: start)
        #expect(try poll(watch, until: 2).map(\.seq) == [1, 2])
        #expect(try watch.poll().isEmpty, "nothing new, nothing read")
        try writer.accept(.answerContact(nil), by: trainer, at: start)
        #expect(try poll(watch, until: 1).map(\.event.change.typeName) == ["ContactAnswered"])
    }

    @Test(arguments: StoreKind.all) func snapshotsAreTakenRecordedAndRestored(kind: StoreKind) throws {
        let store = try kind.newLog()
        let session = try LogSession(store: store, snapshotEvery: 5)
        try session.accept(.signOn, by: trainer, at: start)
        for _ in 0..<12 {
            try session.accept(.receiveContact(.emergency, ContactDetails()), by: trainer, at: start)
        }
        let restored = try EventStore.open(path: store.path).restore()
        #expect(restored.snapshotSeq != nil)
        #expect(restored.warnings.isEmpty)
        #expect(restored.state == session.state)
        #expect(try store.verify().isIntact)
    }

    @Test(arguments: StoreKind.all) func secretsLooksAndHeartbeats(kind: StoreKind) throws {
        let store = try kind.newLog()
        #expect(try store.hasSecret("S001") == false)
        if store.signsEvents {
            // A file sets a PIN only with its key in the chain: the first, as `log init` does, signs itself.
            let session = try LogSession(store: store)
            let first = try EventStore.prepareCredential("correct horse battery", for: "S001")
            _ = try session.setPIN(first, by: Actor("S001", console: "c1"), at: start).get()
        } else {
            try store.setSecret("correct horse battery", for: "S001", at: start)
        }
        #expect(try store.hasSecret("S001"))
        #expect(try store.checkSecret("correct horse battery", for: "S001"))
        #expect(try store.checkSecret("wrong horse battery", for: "S001") == false)
        try store.recordAccess(
            AccessEntry(at: start, operatorID: "D100", console: "c1", record: "C12", what: "caller details"))
        #expect(try store.accessLog(record: "C12").map(\.operatorID) == ["D100"])
        #expect(try store.accessLog(operator: "S001").isEmpty)
        try store.beat(Heartbeat(console: "c1", operatorID: "D100", wall: 1_000))
        try store.beat(Heartbeat(console: "c1", operatorID: "D100", wall: 1_005))
        #expect(store.heartbeats() == [Heartbeat(console: "c1", operatorID: "D100", wall: 1_005)])
        store.endBeat(console: "c1", operatorID: "D100")
        #expect(store.heartbeats().isEmpty)
    }

    /// Polls until `count` events have come, for a store whose wake-ups arrive a moment after the commit.
    func poll(_ watch: EventStore.Watch, until count: Int) throws -> [StoredEvent] {
        var seen: [StoredEvent] = []
        let deadline = Date().addingTimeInterval(5)
        while seen.count < count, Date() < deadline {
            seen += try watch.poll()
            if seen.count < count { usleep(20_000) }
        }
        return seen
    }
}

/// Collects failures from concurrent workers.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Collects outcomes from concurrent workers.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Bool] = []
    func add(_ b: Bool) { lock.lock(); items.append(b); lock.unlock() }
    var all: [Bool] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Hands a value each worker uses alone to concurrent workers.
final class Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
