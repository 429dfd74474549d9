import Foundation
import GRDB
import Testing
import VigilCore
import VigilForce
@testable import VigilStore
@testable import vigil
import VigilTestSupport

/// A format-2 log (unsigned events, PIN hashes) is read and verified as unsigned, written only after a supervisor's
/// `log upgrade`, and signed from then on; taking an upgraded file back to format 2 to strip its signatures is caught.
@Suite("upgrading a format-2 log", .serialized)
struct UpgradeTests {
    let made = Instant(year: 2026, month: 11, day: 25, hour: 9)

    /// A live log as format 2 wrote it: its schema, a header, two events by S001 and S001's PIN hash (480317).
    func formatTwoLog() throws -> String {
        let path = try freshFolder() + "/old.sqlite"
        let header = EventStore.Header.make(forceText: try DemoForce.text(), createdAt: made, training: false)
        let db = try DatabaseQueue(path: path)
        try db.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = \(LogSchema.applicationID)")
        }
        try LogSchema.migrator.migrate(db, upTo: LogSchema.migrationOfFormat[2]!)
        try db.write { db in
            for (k, v) in header.metaRows {
                try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [k, v])
            }
            var prev = header.genesis
            for (seq, change) in [
                (Int64(1), Change.operatorSignedOn(OperatorSignedOn())), (2, .operatorSignedOff(OperatorSignedOff())),
            ] {
                let canonical = EventCoding.canonical(
                    seq: seq, eventID: "old-\(seq)", type: change.typeName, schemaVersion: change.schemaVersion,
                    occurredAt: made.seconds, recordedAt: made.seconds, operatorID: "S001", console: "tty1",
                    payload: change.json)
                let hash = EventCoding.chain(prev: prev, canonical: canonical)
                try db.execute(
                    sql: """
                        INSERT INTO event(seq, event_id, type, schema_version, occurred_at, recorded_at, operator,
                            console, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        seq, "old-\(seq)", change.typeName, change.schemaVersion, made.seconds, made.seconds, "S001",
                        "tty1", change.json, prev, hash,
                    ])
                prev = hash
            }
            let salt = [UInt8](repeating: 7, count: 16)
            try db.execute(
                sql: "INSERT INTO credential (operator, kdf, salt, hash, set_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    "S001", EventStore.kdfName, Data(salt),
                    Data(try EventStore.hash("480317", salt: salt, kdf: EventStore.kdfName)), made.seconds,
                ])
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        try db.close()
        return path
    }

    @Test func anOldLogIsReadUnsignedAndSignedAfterItsUpgrade() throws {
        let env = ["XDG_STATE_HOME": try freshFolder()]
        let db = try formatTwoLog()
        let before = try Binary.capture(["log", "verify", "--db", db], environment: env)
        #expect(before.status == 0 && before.out.contains("its events are unsigned (log format 2"), "\(before)")
        let write = try Binary.capture(
            ["do", "--db", db, "--operator", "S001", "--pin-stdin", "receive 999"], input: "480317\n",
            environment: env)
        #expect(write.status == 1 && write.err.contains("vigil log upgrade"), "\(write.err)")
        let wrong = try Binary.capture(
            ["log", "upgrade", "--db", db, "--as", "S001", "--pin-stdin"], input: "000111\n", environment: env)
        #expect(wrong.status == 1 && wrong.err.contains("wrong or missing PIN"))
        let up = try Binary.capture(
            ["log", "upgrade", "--db", db, "--as", "S001", "--pin-stdin"], input: "480317\n", environment: env)
        #expect(up.status == 0 && up.out.contains("S001's signing key is the first in its chain"), "\(up.err)")
        let acted = try Binary.capture(
            ["do", "--db", db, "--operator", "S001", "--pin-stdin", "receive 999"], input: "480317\n",
            environment: env)
        #expect(acted.status == 0, "\(acted.err)")
        let after = try Binary.capture(["log", "verify", "--db", db], environment: env)
        #expect(after.status == 0 && after.out.contains("every event from seq 5 is signed"), "\(after.out)")
        // Taken back to format 2 to strip the signatures: refused by every reader, verify included.
        try DatabaseQueue(path: db).writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 2") }
        let stripped = try Binary.capture(["log", "verify", "--db", db], environment: env)
        #expect(stripped.status != 0 && stripped.err.contains("its signatures were stripped"), "\(stripped)")
    }
}

/// A console that takes in a row nobody signed applies nothing of it, and says so in its header until it closes.
@Suite("a console shown a forged event")
struct ForgedEventConsoleTests {
    @Test func theHeaderSaysAnEventWasNotApplied() throws {
        let path = try freshFolder() + "/live.sqlite"
        let made = Instant(year: 2026, month: 11, day: 25, hour: 9)
        let store = try EventStore.create(
            path: path, forceText: try DemoForce.text(), createdAt: made,
            firstCredential: try EventStore.prepareCredential("480317", for: "S001"))
        let link = LogLink(session: try LogSession(store: store))
        #expect(try link.takeOthers().isEmpty && link.trouble == nil)
        let head = try store.head()
        let change = Change.operatorDisabled(OperatorDisabled(operator: "D100"))
        try DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: """
                    INSERT INTO event(seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console,
                        payload, prev_hash, hash) VALUES (?, 'forged', ?, 1, ?, ?, 'S001', 'py', ?, ?, ?)
                    """,
                arguments: [
                    head.seq + 1, change.typeName, made.seconds, made.seconds, change.json, head.hash,
                    Data(repeating: 9, count: 32),
                ])
        }
        #expect(try link.takeOthers().isEmpty, "nothing of it reaches the screen")
        #expect(link.state.operators["D100"]?.disabled == false)
        #expect(link.trouble?.hasPrefix("NOT APPLIED: seq \(head.seq + 1) (OperatorDisabled as S001)") == true)
    }
}

/// Found by the file's attacker: `log export --format eido` and `incidents-csv` told a supervisor's regrade and
/// closing that nobody signed, rows every console passes over, as what happened, to other agencies. An export of what
/// happened reads only what every reader applies, and each row passed over is named on standard error.
@Suite("an export shown a forged event")
struct ForgedEventExportTests {
    @Test func anExportOfWhatHappenedTellsOnlyWhatReadersApply() throws {
        let dir = try freshFolder()
        let path = dir + "/live.sqlite"
        let env = ["XDG_STATE_HOME": dir + "/state"]
        let store = try TestLogs.live(path: path, at: EventStore.systemNow(), pin: "480317")
        try TestLogs.givePINs(["H200"], pin: "592846", on: store, bossPIN: "480317", at: EventStore.systemNow())
        for command in ["receive 999 at=52.4776,-1.9102 address=\"14 Broad Street\"", "raise C1 1 crime/assault"] {
            let said = try Binary.capture(
                ["do", "--db", path, "--operator", "H200", "--pin-stdin", command], input: "592846\n",
                environment: env)
            #expect(said.status == 0, "\(said)")
        }
        let incident = try #require(
            try LogSession(store: EventStore.open(path: path)).state.incidents.keys.first)
        let head = try store.head()
        let change = Change.incidentGraded(IncidentGraded(incident: incident, grade: .scheduled, reason: "FORGED"))
        let now = EventStore.systemNow().seconds
        let canonical = EventCoding.canonical(
            seq: head.seq + 1, eventID: "forged", type: change.typeName, schemaVersion: change.schemaVersion,
            occurredAt: now, recordedAt: now, operatorID: "S001", console: "py", payload: change.json)
        try DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: """
                    INSERT INTO event(seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console,
                        payload, prev_hash, hash) VALUES (?, 'forged', ?, ?, ?, ?, 'S001', 'py', ?, ?, ?)
                    """,
                arguments: [
                    head.seq + 1, change.typeName, change.schemaVersion, now, now, change.json, head.hash,
                    EventCoding.chain(prev: head.hash, canonical: canonical),
                ])
        }
        for format in ["incidents-csv", "eido"] {
            let export = try Binary.capture(
                ["log", "export", "--db", path, "--format", format, "--as", "H200", "--pin-stdin"], input: "592846\n",
                environment: env)
            #expect(export.status == 0, "\(export)")
            #expect(!export.out.contains("FORGED"), "\(format): \(export.out)")
            #expect(export.err.contains("seq \(head.seq + 1) is not applied by any reader"), "\(export.err)")
        }
        let csv = try Binary.capture(
            ["log", "export", "--db", path, "--format", "incidents-csv", "--as", "H200", "--pin-stdin"],
            input: "592846\n", environment: env)
        #expect(csv.out.contains("\(incident),1,"), "the incident is still grade 1: \(csv.out)")
        // Found by the fourth attacker: audit listed the row as S001's, and tail showed it, with no word of it.
        let audit = try Binary.capture(
            ["log", "audit", "--db", path, "--operator", "S001", "--as", "H200", "--pin-stdin"], input: "592846\n",
            environment: env)
        #expect(!audit.out.contains("FORGED") && !audit.out.contains("IncidentGraded"), "\(audit.out)")
        #expect(audit.err.contains("seq \(head.seq + 1) (IncidentGraded as S001) is not applied"), "\(audit.err)")
        let tail = try Binary.capture(
            ["log", "tail", "--db", path, "--as", "H200", "--pin-stdin"], input: "592846\n", environment: env)
        #expect(tail.err.contains("seq \(head.seq + 1) (IncidentGraded as S001) is not applied"), "\(tail.err)")
    }
}
