import Foundation
import GRDB
import Testing
import VigilCore
import VigilForce
@testable import VigilStore

/// What an attacker with the file, or an unlucky administrator, does to a log; each is caught or refused.
@Suite("the record under attack", .serialized)
struct RecordTrustTests {
    func busy(_ store: EventStore) throws -> LogSession {
        let session = try LogSession(store: store)
        _ = try session.execute(.signOn, by: trainer, at: start)
        for i in 0..<4 { _ = try session.execute(.receiveContact(.online, ContactDetails(address: "\(i) Mill Lane")), by: trainer, at: start) }
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
            #expect(error.message.contains("has been tampered with: its header (force, creation time or training mark) does not match the chain's genesis"))
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
        #expect(try EventStore.openReadOnly(path: store.path).verify().summary
                == "FAILED: schema: trigger event_is_append_only_delete is not as Vigil made it (the log may have been tampered with)")
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "DROP TRIGGER event_is_append_only_delete")
            try db.execute(sql: LogSchema.reference["trigger event_is_append_only_delete"]!)
            try db.execute(sql: "CREATE TRIGGER sneaky AFTER INSERT ON event BEGIN SELECT 1; END")
        }
        #expect(try EventStore.openReadOnly(path: store.path).verify().summary
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
        #expect(try EventStore.open(path: store.path).warnings.first?.contains("can be read by other users (mode 644)") == true)
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
        _ = try session.execute(.signOn, by: Actor("S001", console: "admin"), at: start)
        let pages = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA page_count") } ?? 1
        let full = try LogSession(store: EventStore.open(path: path, durability: nil, wallClock: { start }, pragmas: ["PRAGMA max_page_count = \(pages)"]))
        let credential = try EventStore.prepareCredential("a long passphrase", for: "D105")
        let before = try full.store.lastSeq()
        var failure: StoreError?
        do {
            for i in 0..<200 {
                _ = try full.executeAll([.registerOperator(Operator(id: "D\(200 + i)", name: String(repeating: "n", count: 3000), role: .dispatcher))],
                                        by: Actor("S001", console: "admin"), at: start, credential: credential)
            }
        } catch { failure = error }
        #expect(failure == .full(path: path))
        // Whatever the last attempt was, its event and its credential went together or not at all.
        let reopened = try EventStore.openReadOnly(path: path)
        let registered = Set(try reopened.read(after: before, limit: .max).compactMap { e -> String? in
            if case .operatorRegistered(let op) = e.event.change { return op.id } else { return nil }
        })
        #expect(!registered.isEmpty)
        #expect(try reopened.hasSecret("D105"), "the credential of the registrations that committed is there")
        #expect(try reopened.verify().isIntact)
    }
}
