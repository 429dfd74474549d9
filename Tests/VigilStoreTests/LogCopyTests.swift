import Foundation
import Testing
import VigilCore
import VigilForce
import VigilWorkload
@testable import VigilStore
import VigilTestSupport

/// `log copy`: a log moved between stores keeps its chain, its snapshots and its looks; both heads are equal.
@Suite("copying a log between stores")
struct LogCopyTests {
    /// A live log with a shift's worth of work, snapshots along the way and a few looks in its access log.
    func busyLog() throws -> (EventStore, LogSession) {
        let store = try StoreKind.sqlite.newLog()
        let session = try LogSession(store: store, snapshotEvery: 150)
        try session.accept(.signOn, by: trainer, at: start)
        var workload = RandomWorkload(seed: 5, actors: [trainer], chaos: 0.05)
        var now = start
        for _ in 0..<600 {
            now = now + .seconds(7)
            let (command, actor) = workload.next(in: session.state, now: now)
            _ = try session.execute(command, by: actor, at: now)  // chaos: some are refused, by design
        }
        for n in 1...3 {
            try store.recordAccess(
                AccessEntry(at: now, operatorID: "D100", console: "c\(n)", record: "C\(n)", what: "caller details"))
        }
        return (store, session)
    }

    func check(_ copy: EventStore, against original: EventStore, session: LogSession) throws {
        #expect(try copy.head() == original.head())
        #expect(try copy.header() == original.header())
        #expect(try copy.verify().isIntact)
        let restored = try copy.restore()
        #expect(restored.snapshotSeq != nil, "snapshots came too")
        #expect(restored.warnings.isEmpty)
        #expect(restored.state == session.state)
        #expect(try copy.accessLog() == original.accessLog())
    }

    @Test func aCopyBetweenFilesKeepsTheChain() throws {
        let (store, session) = try busyLog()
        let credential = try EventStore.prepareCredential("copied supervisor passphrase", for: "S001")
        let copy = try store.copy(to: temporaryPath(), firstCredential: credential)
        try check(copy, against: store, session: session)
        #expect(try copy.checkSecret("copied supervisor passphrase", for: "S001"))
        #expect(try copy.hasSecret("D100") == false, "secrets never leave their store")
    }

    @Test(.enabled(if: StoreKind.serverURL != nil)) func aCopyRoundTripsThroughAServer() throws {
        let (store, session) = try busyLog()
        let credential = try EventStore.prepareCredential("copied supervisor passphrase", for: "S001")
        let onServer = try store.copy(to: try TestServer.newDatabase(), firstCredential: credential)
        try check(onServer, against: store, session: session)
        #expect(try onServer.checkSecret("copied supervisor passphrase", for: "S001"))
        let back = try onServer.copy(to: temporaryPath(), firstCredential: credential)
        try check(back, against: store, session: session)
    }

    @Test func aCopyOntoAnExistingLogIsRefusedAndLeavesItAlone() throws {
        let (store, _) = try busyLog()
        let other = try StoreKind.sqlite.newLog()
        try other.append([Event(at: start, by: trainer, .operatorSignedOn(OperatorSignedOn()))])
        #expect(throws: StoreError.exists(path: other.path)) { try store.copy(to: other.path, firstCredential: nil) }
        #expect(try other.lastSeq() == 1)
        if StoreKind.serverURL != nil {
            let onServer = try StoreKind.postgres.newLog()
            #expect(throws: StoreError.self) {
                try store.copy(to: (try ServerAddress(url: onServer.path)).url, firstCredential: nil)
            }
            #expect(try onServer.verify().isIntact)
        }
    }
}
