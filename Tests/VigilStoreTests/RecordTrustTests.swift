import Foundation
import GRDB
import Testing
import VigilCore
import VigilForce
@testable import VigilStore
import VigilTestSupport

/// What an attacker with the file, or an unlucky administrator, does to a log; each is caught or refused.
@Suite("the record under attack", .serialized)
struct RecordTrustTests {
    func busy(_ store: EventStore) throws -> LogSession {
        let session = try LogSession(store: store)
        try session.accept(.signOn, by: trainer, at: start)
        for i in 0..<4 {
            try session.accept(
                .receiveContact(.online, ContactDetails(address: "\(i) Mill Lane")), by: trainer, at: start)
        }
        return session
    }

    @Test func flippingTheTrainingMarkIsRefusedOnOpenAndFailsVerify() throws {
        let store = try newLog()
        try busy(store).close()
        let raw = try DatabaseQueue(path: store.path)
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER meta_is_write_once_update")
            try db.execute(sql: "UPDATE meta SET value = '1' WHERE key = 'training'")
        }
        #expect(throws: StoreError.self) { _ = try EventStore.open(path: store.path) }
        do { _ = try EventStore.open(path: store.path) } catch {
            #expect(
                error.message.contains(
                    "has been tampered with: its header (force, creation time or training mark) does not match the chain's genesis"
                ))
        }
        #expect(throws: StoreError.self) { _ = try EventStore.openReadOnly(path: store.path) }
    }

    @Test func aTriggerKeptByNameButEmptiedIsNamed() throws {
        let store = try newLog()
        try busy(store).close()
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "DROP TRIGGER event_is_append_only_delete")
            try db.execute(sql: "CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event BEGIN SELECT 1; END")
        }
        #expect(
            try EventStore.openReadOnly(path: store.path).verify().summary
                == "FAILED: schema: trigger event_is_append_only_delete is not as Vigil made it (the log may have been tampered with)"
        )
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "DROP TRIGGER event_is_append_only_delete")
            try db.execute(sql: LogSchema.reference["trigger event_is_append_only_delete"]!)
            try db.execute(sql: "CREATE TRIGGER sneaky AFTER INSERT ON event BEGIN SELECT 1; END")
        }
        #expect(
            try EventStore.openReadOnly(path: store.path).verify().summary
                == "FAILED: schema: trigger sneaky was added (the log may have been tampered with)")
    }

    @Test func everyFileIsForItsOwnerAlone() throws {
        let old = umask(0o022)
        defer { umask(old) }
        let store = try newLog()
        let session = try busy(store)
        for suffix in ["", "-wal", "-shm"] {
            var info = stat()
            #expect(stat(store.path + suffix, &info) == 0, "\(suffix) exists while open")
            #expect(info.st_mode & 0o777 == 0o600, "\(suffix) is \(String(info.st_mode & 0o777, radix: 8))")
        }
        try session.close()
        chmod(store.path, 0o644)
        #expect(
            try EventStore.open(path: store.path).warnings.first?.contains("can be read by other users (mode 644)")
                == true)
    }

    @Test func aFifoAFolderAndAnEmptyStubGetOneSentence() throws {
        let fifo = temporaryPath("fifo.sqlite")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: StoreError.notAFile(path: fifo)) { _ = try EventStore.open(path: fifo) }
        let folder = temporaryPath("folder.sqlite")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(throws: StoreError.notAFile(path: folder)) { _ = try EventStore.open(path: folder) }
        let stub = temporaryPath("stub.sqlite")
        _ = FileManager.default.createFile(atPath: stub, contents: Data())
        #expect(throws: StoreError.empty(path: stub)) { _ = try EventStore.open(path: stub) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: stub)).isEmpty, "left as it was")
    }

    @Test func aCleanCloseLeavesEverythingInTheMainFile() throws {
        let store = try newLog()
        let session = try busy(store)
        let copy = temporaryPath("copy.sqlite")
        try session.close()
        // The obvious backup: the .db file alone.
        try FileManager.default.copyItem(atPath: store.path, toPath: copy)
        let restored = try EventStore.openReadOnly(path: copy)
        #expect(try restored.lastSeq() == 5)
        #expect(try restored.verify().isIntact)
    }

    @Test func aMissingWalIsNamed() throws {
        let store = try newLog()
        let session = try busy(store)
        // Killed before any checkpoint: the events are in the -wal, and someone copies only the .db.
        let copy = temporaryPath("copy.sqlite")
        try FileManager.default.copyItem(atPath: store.path, toPath: copy)
        _ = session
        var opened: StoreError?
        do { _ = try EventStore.open(path: copy) } catch { opened = error }
        // Creation checkpoints, so the copy holds the schema and opens; it has lost the events, which only the
        // remembered head or a checkpoint can show. A file whose WAL held even the schema says so.
        #expect(opened == nil)
        let bare = temporaryPath("bare.sqlite")
        let q = try DatabasePool(path: bare)
        try q.write { try $0.execute(sql: "CREATE TABLE t(x)") }
        try FileManager.default.copyItem(atPath: bare, toPath: bare + ".copy")
        #expect(throws: StoreError.walMissing(path: bare + ".copy")) { _ = try EventStore.open(path: bare + ".copy") }
    }

    @Test func adminWritesAreOneTransactionEvenOnAFullDisk() throws {
        let path = try newLog().path
        let session = try LogSession(store: EventStore.open(path: path))
        try session.accept(.signOn, by: Actor("S001", console: "admin"), at: start)
        let pages = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA page_count") } ?? 1
        let full = try LogSession(
            store: EventStore.open(
                path: path, durability: nil, wallClock: { start }, pragmas: ["PRAGMA max_page_count = \(pages)"]))
        let credential = try EventStore.prepareCredential("a long passphrase", for: "D105")
        let before = try full.store.lastSeq()
        var failure: StoreError?
        do {
            for i in 0..<2000 {
                _ = try full.executeAll(
                    [
                        .registerOperator(
                            Operator(id: "D\(200 + i)", name: String(repeating: "n", count: 80), role: .dispatcher))
                    ],
                    by: Actor("S001", console: "admin"), at: start, credential: credential)
            }
        } catch { failure = error }
        #expect(failure == .full(path: path))
        // Whatever the last attempt was, its event and its credential went together or not at all.
        let reopened = try EventStore.openReadOnly(path: path)
        let registered = Set(
            try reopened.read(after: before, limit: .max).compactMap { e -> String? in
                if case .operatorRegistered(let r) = e.event.change { return r.operator.id } else { return nil }
            })
        #expect(!registered.isEmpty)
        #expect(try reopened.hasSecret("D105"), "the credential of the registrations that committed is there")
        #expect(try reopened.verify().isIntact)
    }
}

@Suite("cut-off and rollback are caught")
struct HeadTests {
    func memory() -> HeadMemory { HeadMemory(folder: NSTemporaryDirectory() + "vigil-state-\(UUID().uuidString)") }

    func log(events: Int) throws -> (EventStore, LogSession) {
        let store = try newLog()
        let session = try LogSession(store: store)
        try session.accept(.signOn, by: trainer, at: start)
        for _ in 1..<events {
            try session.accept(.receiveContact(.online, ContactDetails()), by: trainer, at: start)
        }
        return (store, session)
    }

    @Test func deletingTheLastEventsIsCaughtAgainstTheRememberedHead() throws {
        let m = memory()
        let (store, _) = try log(events: 6)
        #expect(try m.standing(of: store) == .unknown)
        try m.remember(try store.head(), for: try store.header().genesis)
        #expect(try m.standing(of: store) == .current)
        // The attacker deletes the last two events: the chain that is left still verifies...
        try DatabaseQueue(path: store.path).write { db in
            let kept = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE name = 'event_is_append_only_delete'")!
            try db.execute(sql: "DROP TRIGGER event_is_append_only_delete")
            try db.execute(sql: "DELETE FROM event WHERE seq > 4")
            try db.execute(sql: kept)
        }
        let cut = try EventStore.openReadOnly(path: store.path)
        #expect(try cut.verify().isIntact, "a cut chain is still a chain")
        // ...but not against what this machine saw.
        guard case .behind(let remembered, let found) = try m.standing(of: cut) else {
            Issue.record("not caught"); return
        }
        #expect(remembered.seq == 6 && found.seq == 4)
        // Remembering never lowers the head.
        try m.remember(try cut.head(), for: try cut.header().genesis)
        #expect(try m.remembered(try cut.header().genesis)?.seq == 6)
    }

    @Test func aRewrittenTailIsCaughtAsDiverged() throws {
        let m = memory()
        let (store, session) = try log(events: 4)
        try m.remember(try store.head(), for: try store.header().genesis)
        try session.close()
        // Rewritten: the last event replaced by another, the chain recomputed from there.
        try DatabaseQueue(path: store.path).write { db in
            let kept = try String.fetchAll(
                db,
                sql:
                    "SELECT sql FROM sqlite_master WHERE name IN ('event_is_append_only_delete', 'snapshot_is_append_only_delete')"
            )
            try db.execute(sql: "DROP TRIGGER event_is_append_only_delete")
            try db.execute(sql: "DROP TRIGGER snapshot_is_append_only_delete")
            try db.execute(sql: "DELETE FROM event WHERE seq = 4")
            try db.execute(sql: "DELETE FROM snapshot")
            for sql in kept { try db.execute(sql: sql) }
        }
        let reopened = try LogSession(store: EventStore.open(path: store.path))
        try reopened.accept(.receiveContact(.emergency, ContactDetails(address: "forged")), by: trainer, at: start)
        try reopened.accept(.receiveContact(.emergency, ContactDetails(address: "more")), by: trainer, at: start)
        guard case .diverged(let remembered, _) = try m.standing(of: reopened.store) else {
            Issue.record("not caught"); return
        }
        #expect(remembered.seq == 4)
    }

    /// A file copied and written to is a second log with the same genesis: the genuine one is never called rolled
    /// back because the copy moved on, and each names the other as a fork once they disagree.
    @Test func aCopyThatMovesOnIsAForkNotARollback() throws {
        let m = memory()
        let (store, session) = try log(events: 3)
        try session.close()
        let here = HeadMemory.places(of: store).last!
        try m.remember(try store.head(), for: try store.header().genesis, at: [here])
        let copyPath = temporaryPath("copy.sqlite")
        try FileManager.default.copyItem(atPath: store.path, toPath: copyPath)
        let copy = try LogSession(store: EventStore.open(path: copyPath))
        try copy.accept(.receiveContact(.online, ContactDetails(address: "on the copy")), by: trainer, at: start)
        try m.remember(
            try copy.store.head(), for: try copy.store.header().genesis, at: HeadMemory.places(of: copy.store))
        #expect(try m.standing(of: store) == .current, "the genuine log is not rolled back")
        #expect(try m.standing(of: copy.store) == .current)
        #expect(try m.forks(of: store).isEmpty, "it cannot yet tell: it is behind where the copy was seen")
        let genuine = try LogSession(store: EventStore.open(path: store.path))
        try genuine.accept(
            .receiveContact(.online, ContactDetails(address: "on the original")), by: trainer, at: start)
        #expect(try m.forks(of: genuine.store).map(\.location) == [HeadMemory.places(of: copy.store).last!])
        try m.remember(try genuine.store.head(), for: try genuine.store.header().genesis, at: [here])
        #expect(try m.forks(of: copy.store).map(\.location) == [here])
        #expect(try m.standing(of: genuine.store) == .current)
    }

    /// Found by an attacker: a link swapped to point at a rolled-back copy was held to the copy's own place, so nothing
    /// noticed; and a brand-new log written over the file was another genesis, never compared. Now a log is held to
    /// what was seen under the name consoles use, and another log at a known place is named a replacement.
    @Test func aSwappedLinkOrAReplacedFileIsCaught() throws {
        let m = memory()
        let (store, session) = try log(events: 4)
        try session.close()
        let link = store.path
        let folder = (link as NSString).deletingLastPathComponent
        let real = folder + "/real.sqlite", old = folder + "/old.sqlite"
        try FileManager.default.moveItem(atPath: link, toPath: real)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let viaLink = try EventStore.openReadOnly(path: link)
        let genesis = try viaLink.header().genesis
        try m.remember(try viaLink.head(), for: genesis, at: HeadMemory.places(of: viaLink))
        try FileManager.default.copyItem(atPath: real, toPath: old)
        try DatabaseQueue(path: old).write { db in
            let kept = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE name = 'event_is_append_only_delete'")!
            try db.execute(sql: "DROP TRIGGER event_is_append_only_delete")
            try db.execute(sql: "DELETE FROM event WHERE seq > 2")
            try db.execute(sql: kept)
        }
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: old)
        guard case .behind(let remembered, let found) = try m.standing(of: try EventStore.openReadOnly(path: link))
        else {
            Issue.record("a rolled-back copy behind a swapped link went unnoticed"); return
        }
        #expect(remembered.seq == 4 && found.seq == 2)
        let other = try newLog()
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: other.path)
        guard case .replaced(_, let seen) = try m.standing(of: try EventStore.openReadOnly(path: link)) else {
            Issue.record("another log at a known place went unnoticed"); return
        }
        #expect(seen.seq == 4)
        // A log made there on purpose claims the place.
        let replacement = try EventStore.openReadOnly(path: link)
        try m.remember(
            try replacement.head(), for: try replacement.header().genesis, at: HeadMemory.places(of: replacement),
            claiming: true)
        #expect(try m.standing(of: replacement) == .current)
    }

    /// A server's log is one place whoever signs in: found when the administrator's `log init` claimed the URL with
    /// its user, and consoles' URL without one still held an older log's head.
    @Test(.enabled(if: StoreKind.serverURL != nil)) func aServersPlaceIsItsHostsAndDatabase() throws {
        let store = try StoreKind.postgres.newLog()
        var plain = try ServerAddress(url: store.path)
        plain.user = nil
        plain.password = nil
        #expect(HeadMemory.places(of: store) == [plain.redacted])
        #expect(!HeadMemory.places(of: store)[0].contains("@"))
        // Found by a second CI run: a standby's URL alone after a failover is one of the log's places, so a log made
        // again on those hosts claims it too.
        var both = try ServerAddress(url: try TestServer.ownerURL(store.path))
        both.hosts = both.hosts + [("127.0.0.1", 1)]
        let twoHosts = try EventStore.open(path: both.url)
        #expect(HeadMemory.places(of: twoHosts).count == 2)
        #expect(HeadMemory.places(of: twoHosts).first == plain.redacted)
    }

    @Test func concurrentRemembersKeepTheHighest() throws {
        let m = memory()
        let genesis = Data(repeating: 7, count: 32)
        DispatchQueue.concurrentPerform(iterations: 40) { i in
            try? m.remember(LogHead(seq: Int64(i), hash: Data(repeating: UInt8(i), count: 32)), for: genesis)
        }
        #expect(try m.remembered(genesis)?.seq == 39)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: m.folder).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func aSignedCheckpointProvesTheHeadWithAKeyFromOutside() throws {
        let folder = NSTemporaryDirectory() + "vigil-key-\(UUID().uuidString)"
        let key = try CheckpointKey.loadOrCreate(folder: folder)
        var info = stat()
        #expect(stat(folder + "/checkpoint-key", &info) == 0 && info.st_mode & 0o777 == 0o600)
        let (store, session) = try log(events: 5)
        let c = try store.checkpoint(signedWith: key, at: start)
        let publicKey = try CheckpointKey.publicKey(from: folder + "/checkpoint-key.pub")
        #expect(try store.problem(with: c, key: publicKey) == nil)
        try session.accept(.receiveContact(.online, ContactDetails()), by: trainer, at: start)
        #expect(try store.problem(with: c, key: publicKey) == nil, "a longer log still holds the signed head")
        // Another key, an altered checkpoint, a cut log: each is refused.
        let other = try CheckpointKey.loadOrCreate(folder: folder + "-other")
        #expect(try store.problem(with: c, key: other.publicKey)?.contains("does not verify") == true)
        var altered = c
        altered.seq = 2
        #expect(try store.problem(with: altered, key: publicKey)?.contains("does not verify") == true)
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "DROP TRIGGER event_is_append_only_delete")
            try db.execute(sql: "DELETE FROM event WHERE seq > 3")
        }
        #expect(try store.problem(with: c, key: publicKey)?.contains("events have been cut off") == true)
    }

    @Test func aBackupIsConsistentWhileWritingAndVerifiesReadOnly() throws {
        let (store, session) = try log(events: 50)
        let target = temporaryPath("backup.sqlite")
        let report = try store.backup(to: target)
        #expect(report.isIntact && report.lastSeq == 50)
        _ = session
        var info = stat()
        #expect(stat(target, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(!FileManager.default.fileExists(atPath: target + "-wal"), "the copy is whole in one file")
        #expect(throws: StoreError.exists(path: target)) { _ = try store.backup(to: target) }
    }
}

@Suite("the access log")
struct AccessLogTests {
    @Test func looksAreListedAndCannotBeEdited() throws {
        let store = try newLog()
        try store.recordAccess(
            AccessEntry(at: start, operatorID: "H200", console: "tty1", record: "C1", what: "caller details"))
        try store.recordAccess(
            AccessEntry(
                at: start + .minutes(1), operatorID: "D100", console: "tty2", record: "C2", what: "caller details"))
        #expect(try store.accessLog().map(\.record) == ["C1", "C2"])
        #expect(try store.accessLog(operator: "D100").map(\.console) == ["tty2"])
        #expect(try store.accessLog(record: "C1").map(\.operatorID) == ["H200"])
        let raw = try DatabaseQueue(path: store.path)
        #expect(throws: (any Error).self) { try raw.write { try $0.execute(sql: "DELETE FROM access") } }
        #expect(throws: (any Error).self) { try raw.write { try $0.execute(sql: "UPDATE access SET operator = 'X'") } }
        #expect(try store.lastSeq() == 0, "looking is not in the event chain")
        #expect(try store.verify().isIntact)
    }
}
