import Crypto
import Foundation
import GRDB
import Testing
import VigilCore
import VigilWorkload
import VigilForce
@testable import VigilStore
import VigilTestSupport

@Suite("snapshots")
struct SnapshotTests {
    func busyLog(snapshotEvery: Int) throws -> (EventStore, LogSession) {
        let store = try newLog()
        let session = try LogSession(store: store, snapshotEvery: snapshotEvery)
        try session.accept(.signOn, by: trainer, at: start)
        var workload = RandomWorkload(seed: 5, actors: [trainer])
        var now = start
        for _ in 0..<1_200 {
            now = now + .seconds(9)
            let (c, a) = workload.next(in: session.state, now: now)
            _ = try session.execute(c, by: a, at: now)  // a random workload is refused now and then, by design
        }
        return (store, session)
    }

    @Test func snapshotPlusTailEqualsFullReplay() throws {
        let (store, session) = try busyLog(snapshotEvery: 250)
        let restored = try EventStore.open(path: store.path).restore()
        let snapshot = try #require(restored.snapshotSeq)
        #expect(snapshot < restored.lastSeq, "some tail is replayed after the snapshot")
        #expect(restored.warnings.isEmpty)
        let (full, last) = try store.replay()
        #expect(restored.lastSeq == last)
        #expect(restored.state == full)
        #expect(full == session.state)
        // A session opened from the snapshot goes on exactly as the one that wrote it.
        let reopened = try LogSession(store: EventStore.open(path: store.path))
        #expect(reopened.state == session.state)
        #expect(reopened.lastSeq == session.lastSeq)
    }

    @Test func untrustworthySnapshotsAreSkippedWithAWarning() throws {
        let (store, session) = try busyLog(snapshotEvery: 0)
        session.snapshotOnCloseAfter = 1
        let seq = session.lastSeq
        try session.close()
        #expect(session.lastSeq == seq + 1, "the snapshot is recorded in the chain by the next event")
        let raw = try DatabaseQueue(path: store.path)
        try raw.write { db in
            // Someone with the file drops the append-only trigger and edits the newest snapshot's state, keeping it valid JSON.
            try db.execute(sql: "DROP TRIGGER snapshot_is_append_only_update")
            try db.execute(
                sql:
                    "UPDATE snapshot SET state = CAST(replace(CAST(state AS TEXT), '\"nextFlag\"', '\"nextFlag\" ') AS BLOB)"
            )
        }
        let restored = try EventStore.open(path: store.path).restore()
        #expect(restored.snapshotSeq == nil)
        #expect(restored.warnings == ["snapshot at seq \(seq) does not match its digest; ignored"])
        #expect(restored.state == session.state, "the full replay stands in")
        try raw.write { db in try db.execute(sql: "UPDATE snapshot SET version = 99") }
        #expect(try EventStore.open(path: store.path).restore().warnings.first?.contains("is version 99") == true)
    }

    /// The attack from the issue: an old state put in the newest snapshot with its digest recomputed, so that opening
    /// the log would silently drop acknowledged calls.
    @Test func aForgedSnapshotIsNeverLoadedAndVerifyNamesIt() throws {
        let (store, session) = try busyLog(snapshotEvery: 0)
        let old = try DispatchState(snapshot: try session.state.snapshotBytes())
        for i in 0..<3 {
            try session.accept(
                .receiveContact(.emergency, ContactDetails(address: "\(i) Acknowledged Road")), by: trainer, at: start)
        }
        session.snapshotOnCloseAfter = 1
        let seq = session.lastSeq
        try session.close()
        let forged = Data(try old.snapshotBytes())
        let raw = try DatabaseQueue(path: store.path)
        try raw.write { db in
            let kept = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE name = 'snapshot_is_append_only_update'")!
            try db.execute(sql: "DROP TRIGGER snapshot_is_append_only_update")
            try db.execute(
                sql: "UPDATE snapshot SET state = ?, digest = ? WHERE seq = ?",
                arguments: [forged, Data(SHA256.hash(data: forged)), seq])
            try db.execute(sql: kept)
        }
        let restored = try EventStore.openReadOnly(path: store.path).restore()
        #expect(restored.snapshotSeq == nil)
        #expect(
            restored.warnings == [
                "snapshot at seq \(seq) is not recorded in the chain (no SnapshotTaken with its digest follows it); ignored"
            ])
        #expect(restored.state == session.state, "no acknowledged call is lost")
        #expect(restored.state.contacts.values.contains { $0.details.address == "2 Acknowledged Road" })
        let report = try EventStore.openReadOnly(path: store.path).verify()
        #expect(report.problem?.seq == seq)
        #expect(
            report.problem?.what
                == "snapshot at seq \(seq) disagrees with the state replayed to that seq; it was forged or is corrupt")
        // An honest log's snapshots all hold up.
        let (honest, s2) = try busyLog(snapshotEvery: 300)
        try s2.close()
        #expect(try honest.verify().isIntact)
        let snapshots =
            try DatabaseQueue(path: honest.path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM snapshot") }
            ?? 0
        #expect(snapshots >= 3)
    }
}
