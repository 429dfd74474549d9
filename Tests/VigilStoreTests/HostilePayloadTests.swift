import Foundation
import GRDB
import Testing
import VigilCore
@testable import VigilStore
import VigilTestSupport

@Suite("hostile payloads")
struct HostilePayloadTests {
    @Test func badSurrogatesAreRefusedWithAnError() {
        for bad in ["\\uD800\\u0041", "\\uD800", "\\uDC00", "\\uD800\\uD800", "\\uD83D\\u+DE93", "\\u+041"] {
            let payload = "{\"signOnRefused\":{\"reason\":\"x\(bad)\"}}"
            #expect(throws: (any Error).self, "\(bad)") { _ = try Change(json: payload) }
        }
        // A proper pair still reads.
        let ok = "{\"narrativeAdded\":{\"incident\":\"WM-20261125-0001\",\"text\":\"\\uD83D\\uDE93 \\u00e9\\u0041\"}}"
        #expect(
            (try? Change(json: ok))
                == .narrativeAdded(
                    NarrativeAdded(incident: IncidentRef(force: "WM", day: 20261125, number: 1), text: "🚓 éA")))
        // A key with escapes, or a key given twice, is refused: a server's jsonb reads `\u006fperator` as
        // `operator` and keeps the last of two, where a reader passing over either would see another operator.
        for payload in [
            #"{"operatorPINSet":{"operator":"S001","\u006fperator":"H201"}}"#,
            #"{"operatorPINSet":{"operator":"S001","operator":"H201"}}"#,
        ] {
            #expect(throws: (any Error).self, "\(payload)") { _ = try Change(json: payload) }
        }
        // A refusal's reason is one of a few: free text from an older log reads as `other`, never as a wrong PIN.
        let freeText = try? Change(json: "{\"signOnRefused\":{\"reason\":\"wrong PIN \"}}")
        #expect(freeText == Change.signOnRefused(SignOnRefused(reason: SignOnRefusal.other)))
    }

    /// An attacker with the file writes a payload the reader cannot take and recomputes the chain after it.
    @Test func aPoisonedPayloadIsNamedBySeqEverywhere() throws {
        let store = try newLog()
        let session = try LogSession(store: store)
        try session.accept(.signOn, by: trainer, at: start)
        try session.accept(.recordRefusedSignOn(reason: .noPINGiven), by: trainer, at: start)
        try session.accept(.receiveContact(.online, ContactDetails()), by: trainer, at: start)
        try session.close()
        let raw = try DatabaseQueue(path: store.path)
        try raw.write { db in
            // The attacker keeps the triggers' SQL and puts them back afterwards, exactly as they were.
            let kept = try String.fetchAll(
                db,
                sql:
                    "SELECT sql FROM sqlite_master WHERE name IN ('event_is_append_only_update', 'snapshot_is_append_only_delete')"
            )
            try db.execute(sql: "DROP TRIGGER event_is_append_only_update")
            try db.execute(
                sql: #"UPDATE event SET payload = replace(payload, 'no PIN given', 'x\uD800\u0041') WHERE seq = 2"#)
            // Recompute every hash from seq 2 on, so only the payload itself is wrong.
            var prev: Data = try Data.fetchOne(db, sql: "SELECT hash FROM event WHERE seq = 1")!
            for r in try Row.fetchAll(db, sql: "SELECT * FROM event WHERE seq >= 2 ORDER BY seq") {
                let canonical = EventCoding.canonical(
                    seq: r["seq"], eventID: r["event_id"], type: r["type"], schemaVersion: r["schema_version"],
                    occurredAt: r["occurred_at"], recordedAt: r["recorded_at"], operatorID: r["operator"],
                    console: r["console"], payload: r["payload"])
                let h = EventCoding.chain(prev: prev, canonical: canonical)
                try db.execute(
                    sql: "UPDATE event SET prev_hash = ?, hash = ? WHERE seq = ?",
                    arguments: [prev, h, r["seq"] as Int64])
                prev = h
            }
            try db.execute(sql: "DROP TRIGGER snapshot_is_append_only_delete")
            try db.execute(sql: "DELETE FROM snapshot")
            for sql in kept { try db.execute(sql: sql) }
        }
        let reopened = try EventStore.open(path: store.path)
        #expect(throws: StoreError.self) { _ = try reopened.read(after: 0) }
        do { _ = try LogSession(store: reopened); Issue.record("a poisoned log opened") } catch {
            #expect(error.message.hasPrefix("event 2 cannot be read"))
        }
        let report = try reopened.verify()
        #expect(report.problem?.seq == 2)
    }
}

/// Inputs the fuzzers found: each must be refused, or read back exactly as it was written.
@Suite("fuzzing regressions")
struct FuzzRegressionTests {
    @Test func anInfiniteNumberIsRefused() {
        let payload =
            #"{"flagAdded":{"flag":{"address":"x","expired":false,"id":1,"kind":"firearms","location":{"lat":1e999,"lon":0},"note":""}}}"#
        #expect(throws: (any Error).self) { _ = try Change(json: payload) }
    }

    @Test func aReferenceWithALeadingZeroDayIsRefused() {
        let payload =
            #"{"incidentClosed":{"category":{"kind":"asb","qualifiers":[]},"incident":"WM-01234567-0007","outcome":""}}"#
        #expect(throws: (any Error).self) { _ = try Change(json: payload) }
        #expect(IncidentRef(parsing: "WM-20261325-1") == nil, "no 13th month")
        let good =
            #"{"incidentClosed":{"category":{"kind":"asb","qualifiers":[]},"incident":"WM-20261125-0007","outcome":""}}"#
        #expect((try? Change(json: good).json) == good)
    }
}
