import Crypto
import Foundation
import GRDB
import Testing
import VigilCore
import VigilWorkload
import VigilForce
@testable import VigilStore
import VigilTestSupport

/// A fresh temporary folder per test.
func temporaryPath(_ name: String = "log.sqlite") -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

let start = Instant(year: 2026, month: 11, day: 25, hour: 9)
let trainer = Actor("T400", console: "test")

func newLog(_ path: String = temporaryPath()) throws -> EventStore {
    try EventStore.create(path: path, forceText: try DemoForce.text(), createdAt: start, wallClock: { start })
}

@Suite("the event log")
struct EventStoreTests {
    @Test func appendReadAndVerify() throws {
        let store = try newLog()
        let session = try LogSession(store: store)
        _ = try session.execute(.signOn, by: trainer, at: start).get()
        let received = try session.execute(
            .receiveContact(.emergency, ContactDetails(location: GeoPoint(lat: 52.48, lon: -1.9))), by: trainer,
            at: start
        ).get()
        #expect(received.map(\.seq) == [2])
        #expect(try store.lastSeq() == 2)
        let read = try store.read(after: 0)
        #expect(read.map(\.event.change.typeName) == ["OperatorSignedOn", "ContactReceived"])
        #expect(read[1].prevHash == read[0].hash)
        #expect(try store.verify().summary == "OK: 2 events, chain intact, last seq 2")
    }

    @Test func refusedCommandsWriteNothing() throws {
        let store = try newLog()
        let session = try LogSession(store: store)
        let refused = try session.execute(
            .assign(IncidentRef(force: "WM", day: 20261125, number: 1), ["BC11"]), by: trainer, at: start)
        #expect(refused.failure == .notSignedOn("T400"))
        #expect(try store.lastSeq() == 0)
    }

    @Test func replayEqualsTheLiveStateFieldForField() throws {
        let store = try newLog()
        let session = try LogSession(store: store)
        try session.accept(.signOn, by: trainer, at: start)
        var workload = RandomWorkload(seed: 21, actors: [trainer], chaos: 0.1)
        var now = start
        var accepted = 0
        for _ in 0..<2_000 {
            now = now + .seconds(11)
            let (command, actor) = workload.next(in: session.state, now: now)
            if case .success = try session.execute(command, by: actor, at: now) { accepted += 1 }
        }
        #expect(accepted > 1_000)
        let (rebuilt, last) = try EventStore.open(path: store.path).replay()
        #expect(last == session.lastSeq)
        #expect(rebuilt == session.state)
        #expect(try store.verify().isIntact)
    }

    @Test func tamperingIsNamedBySeq() throws {
        let store = try newLog()
        let session = try LogSession(store: store)
        try session.accept(.signOn, by: trainer, at: start)
        for i in 0..<5 {
            try session.accept(
                .receiveContact(.nonEmergency, ContactDetails(address: "\(i) Mill Lane")), by: trainer, at: start)
        }
        // The triggers refuse an honest edit...
        let raw = try DatabaseQueue(path: store.path)
        #expect(throws: (any Error).self) {
            try raw.write { try $0.execute(sql: "UPDATE event SET payload = payload WHERE seq = 3") }
        }
        // ...so an attacker with the file drops them and changes one byte.
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER event_is_append_only_update")
            try db.execute(sql: "UPDATE event SET payload = replace(payload, '2 Mill', '3 Mill') WHERE seq = 4")
            try db.execute(
                sql: """
                    CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    """)
        }
        let report = try EventStore.open(path: store.path).verify()
        #expect(report.problem?.seq == 4)
        #expect(
            report.summary
                == "FAILED at seq 4: its hash does not match its contents; the event was altered after it was written")
    }

    @Test func deletingAnEventBreaksTheChain() throws {
        let store = try newLog()
        let session = try LogSession(store: store)
        try session.accept(.signOn, by: trainer, at: start)
        for _ in 0..<3 { try session.accept(.receiveContact(.online, ContactDetails()), by: trainer, at: start) }
        let raw = try DatabaseQueue(path: store.path)
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER event_is_append_only_delete")
            try db.execute(sql: "DELETE FROM event WHERE seq = 2")
        }
        let report = try EventStore.open(path: store.path).verify()
        #expect(
            report.summary
                == "FAILED: schema: trigger event_is_append_only_delete is missing (the log may have been tampered with)"
        )
    }

    @Test func staleConsolesAreCheckedAgainstTheLatestState() throws {
        let store = try newLog()
        let a = try LogSession(store: store)
        let b = try LogSession(store: EventStore.open(path: store.path))
        try a.accept(.signOn, by: trainer, at: start)
        let place = GeoPoint(lat: 52.48, lon: -1.90)
        try a.accept(.receiveContact(.emergency, ContactDetails(location: place)), by: trainer, at: start)
        try a.accept(
            .raiseIncident(
                from: ContactID(1), grade: .emergency, category: Category(.crime), location: nil, address: nil),
            by: trainer, at: start)
        try a.accept(.receiveContact(.emergency, ContactDetails(location: place)), by: trainer, at: start)
        try a.accept(
            .raiseIncident(
                from: ContactID(2), grade: .emergency, category: Category(.crime), location: nil, address: nil),
            by: trainer, at: start)
        let first = IncidentRef(force: "WM", day: 20261125, number: 1),
            second = IncidentRef(force: "WM", day: 20261125, number: 2)
        // B has not looked since it opened, yet its command is decided against what A did.
        #expect(b.state.incidents.count == 0)
        let assignedByA = try a.execute(.assign(first, ["BC11"]), by: trainer, at: start)
        #expect(assignedByA.failure == nil)
        let byB = try b.execute(.assign(second, ["BC11"]), by: trainer, at: start)
        #expect(byB.failure == .unitCommitted("BC11", .assigned, first))
        #expect(b.state == a.state, "B caught up while committing")
    }

    @Test func badFilesGetOneSentenceAndStayUntouched() throws {
        let missing = temporaryPath()
        #expect(throws: StoreError.missing(path: missing)) { try EventStore.open(path: missing) }

        let garbage = temporaryPath("garbage.sqlite")
        let bytes = Data(repeating: 0x41, count: 8192)
        try bytes.write(to: URL(fileURLWithPath: garbage))
        #expect(throws: StoreError.notSQLite(path: garbage)) { try EventStore.open(path: garbage) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: garbage)) == bytes, "a foreign file is never changed")

        let foreign = temporaryPath("other.sqlite")
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE t(x)") }
        let foreignBytes = try Data(contentsOf: URL(fileURLWithPath: foreign))
        #expect(throws: StoreError.notAVigilLog(path: foreign)) { try EventStore.open(path: foreign) }
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: foreign)) == foreignBytes,
            "another program's database is left exactly as it was")
        #expect(!FileManager.default.fileExists(atPath: foreign + "-wal"))

        let newer = try newLog()
        try DatabaseQueue(path: newer.path).write { try $0.execute(sql: "PRAGMA user_version = 99") }
        #expect(throws: StoreError.newerFormat(path: newer.path, found: 99, supported: 3)) {
            try EventStore.open(path: newer.path)
        }

        let existing = try newLog()
        #expect(throws: StoreError.exists(path: existing.path)) {
            try EventStore.create(path: existing.path, forceText: try DemoForce.text(), createdAt: start)
        }
    }

    @Test func aFullDatabaseLosesNothingAcknowledged() throws {
        let path = try newLog().path
        let pages = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA page_count")! }
        let store = try EventStore.open(
            path: path, durability: .live, wallClock: { start }, pragmas: ["PRAGMA max_page_count = \(pages + 3)"])
        let session = try LogSession(store: store)
        try session.accept(.signOn, by: trainer, at: start)
        var acknowledged: Int64 = 0
        var failure: StoreError?
        for i in 0..<500 {
            do {
                let r = try session.execute(
                    .receiveContact(
                        .online, ContactDetails(account: String(repeating: "long account \(i) ", count: 40))),
                    by: trainer, at: start)
                acknowledged = try r.get().last!.seq
            } catch let e as StoreError {
                failure = e
                break
            }
        }
        #expect(failure == .full(path: path))
        #expect(failure?.message.contains("nothing was written") == true)
        let report = try EventStore.open(path: path).verify()
        #expect(report.isIntact)
        #expect(report.lastSeq == acknowledged)
    }

    @Test func trainingLogsCommitFastAndLiveLogsFull() throws {
        let live = try newLog()
        let training = try EventStore.create(
            path: temporaryPath(), forceText: try DemoForce.text(), createdAt: start, training: true,
            durability: .fast, wallClock: { start })
        func synchronous(_ store: EventStore) throws -> Int? {
            try #require(store.backend as? SQLiteLog).pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        }
        // Opened again as any console would, each log keeps the durability its header calls for.
        let reopenedLive = try EventStore.open(path: live.path),
            reopenedTraining = try EventStore.open(path: training.path)
        #expect(reopenedLive.durability == .live)
        #expect(try synchronous(reopenedLive) == 2, "FULL")
        #expect(reopenedTraining.durability == .fast)
        #expect(try synchronous(reopenedTraining) == 1, "NORMAL")
        #expect(try reopenedTraining.header().training)
    }

    @Test func metadataIsWriteOnce() throws {
        let store = try newLog()
        #expect(throws: (any Error).self) {
            try DatabaseQueue(path: store.path).write {
                try $0.execute(sql: "UPDATE meta SET value = 'x' WHERE key = 'force'")
            }
        }
        #expect(try store.header().training == false)
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { return f }; return nil }
}

@Suite("watching for other consoles")
struct WatchTests {
    @Test func pollSeesOtherWritersAndIsQuietOtherwise() throws {
        let store = try newLog()
        let writer = try LogSession(store: EventStore.open(path: store.path))
        let watch = try store.watch(after: 0)
        #expect(try watch.poll().isEmpty)
        try writer.accept(.signOn, by: trainer, at: start)
        try writer.accept(.receiveContact(.emergency, ContactDetails()), by: trainer, at: start)
        #expect(try watch.poll().map(\.seq) == [1, 2])
        #expect(try watch.poll().isEmpty, "nothing new, nothing read")
        try writer.accept(.answerContact(nil), by: trainer, at: start)
        #expect(try watch.poll().map(\.event.change.typeName) == ["ContactAnswered"])
    }
}

@Suite("read-only logs")
struct ReadOnlyTests {
    /// Runs a shell command, returning its exit status.
    @discardableResult
    func sh(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        try? p.run()
        while p.isRunning { usleep(2_000) }
        return p.terminationStatus
    }

    @Test func aReadOnlyFolderIsRefusedAndLeftAlone() throws {
        let store = try newLog()
        let session = try LogSession(store: store)
        try session.accept(.signOn, by: trainer, at: start)
        let folder = (store.path as NSString).deletingLastPathComponent
        let view: String
        if geteuid() == 0 {
            // Root ignores file modes, so the folder is shown through a read-only bind mount instead.
            view = folder + "-ro"
            try FileManager.default.createDirectory(atPath: view, withIntermediateDirectories: true)
            #expect(
                sh("mount --bind '\(folder)' '\(view)' && mount -o remount,ro,bind '\(view)'") == 0,
                "needs mount rights as root")
        } else {
            view = folder
            #expect(sh("chmod a-w '\(folder)' '\(store.path)'") == 0)
        }
        defer { if geteuid() == 0 { sh("umount -l '\(view)'") } else { sh("chmod u+w '\(folder)' '\(store.path)'") } }
        let path = view + "/log.sqlite"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            let readOnly = try EventStore.open(path: path)
            _ = try readOnly.append([Event(at: start, by: trainer, .operatorSignedOff(OperatorSignedOff()))])
            Issue.record("appended to a read-only log")
        } catch {
            #expect(error == .readOnly(path: path), "\(error.message)")
            #expect(error.message == "\(path) cannot be written (read-only file or folder); check its permissions.")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// An evidential copy handed to an inquiry on write-protected media, with no -wal or -shm beside it, verifies; so
    /// does a plain copy of a live log's .db (still marked WAL), opened as immutable.
    @Test func aCopyOnWriteProtectedMediaVerifies() throws {
        // The bind mount needs root; as another user chmod would not stop root anyway.
        guard geteuid() == 0 else { return }
        let store = try newLog()
        let session = try LogSession(store: store)
        try session.accept(.signOn, by: trainer, at: start)
        try session.accept(.receiveContact(.online, ContactDetails()), by: trainer, at: start)
        try session.close()
        let folder = (store.path as NSString).deletingLastPathComponent + "/evidence"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = try store.backup(to: folder + "/backup.sqlite")
        try FileManager.default.copyItem(atPath: store.path, toPath: folder + "/plain.sqlite")
        let view = folder + "-ro"
        try FileManager.default.createDirectory(atPath: view, withIntermediateDirectories: true)
        #expect(sh("mount --bind '\(folder)' '\(view)' && mount -o remount,ro,bind '\(view)'") == 0)
        defer { sh("umount -l '\(view)'") }
        for name in ["backup.sqlite", "plain.sqlite"] {
            #expect(!FileManager.default.fileExists(atPath: view + "/\(name)-wal"))
            let copy = try EventStore.openReadOnly(path: view + "/\(name)")
            #expect(try copy.verify().summary == "OK: 2 events, chain intact, last seq 2", "\(name)")
        }
    }

    @Test func verifyRunsWhileAWriterHoldsItsLock() throws {
        let store = try newLog()
        let session = try LogSession(store: store)
        try session.accept(.signOn, by: trainer, at: start)
        let writer = try DatabaseQueue(path: store.path)
        try writer.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let report = try EventStore.openReadOnly(path: store.path).verify()
            #expect(report.isIntact && report.lastSeq == 1)
            try db.execute(sql: "ROLLBACK")
        }
    }
}
