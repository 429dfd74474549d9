import Foundation
import GRDB
import VigilCore

// The rows beside the events: credentials, the access log, snapshots; and the schema check.
extension SQLiteLog {
    func write(_ side: SideWrite, db: Database) throws {
        switch side {
        case .credential(let c, let at): try Self.write(c, at: at, db: db)
        case .snapshot(let seq, let version, let digest, let state):
            guard let hash = try Data.fetchOne(db, sql: "SELECT hash FROM event WHERE seq = ?", arguments: [seq])
            else { return }
            try db.execute(
                sql:
                    "INSERT OR IGNORE INTO snapshot(seq, version, created_at, event_hash, digest, state) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [seq, version, wallClock().seconds, hash, digest, state])
        }
    }

    static func write(_ c: Credential, at now: Instant, db: Database) throws {
        try putSealed(c.sealed, for: c.operatorID, at: now, db: db)
    }

    /// Replaces the operator's sealed key.
    static func putSealed(_ k: SealedKey, for op: OperatorID, at now: Instant, db: Database) throws {
        try db.execute(
            sql:
                "INSERT OR REPLACE INTO sealed_key (operator, kdf, salt, box, public_key, set_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [op, k.kdf, k.salt, k.box, k.publicKey, now.seconds])
    }

    func setCredential(_ c: Credential, at now: Instant) throws(StoreError) {
        try guarded { try pool.write { db in try Self.write(c, at: now, db: db) } }
    }

    func hasSecret(_ op: OperatorID) throws(StoreError) -> Bool {
        // On format 3 only a sealed key signs: a format-2 PIN hash left by an upgrade is not a PIN here.
        if signsEvents { return try sealedKey(for: op) != nil }
        return try legacyCredential(for: op) != nil
    }

    /// A format-2 log's PIN check (upgrade only; format 3 opens the sealed key instead).
    func checkSecret(_ secret: String, for op: OperatorID) throws(StoreError) -> Bool {
        guard let stored = try legacyCredential(for: op) else { return false }
        return EventStore.matches(secret, stored)
    }

    func sealedKey(for op: OperatorID) throws(StoreError) -> SealedKey? {
        guard signsEvents else { return nil }
        return try guarded {
            try pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT kdf, salt, box, public_key FROM sealed_key WHERE operator = ?", arguments: [op]
                ).map { SealedKey(kdf: $0["kdf"], salt: $0["salt"], box: $0["box"], publicKey: $0["public_key"]) }
            }
        }
    }

    func holdsKey() throws(StoreError) -> Bool {
        guard signsEvents else { return false }
        // A new log's first key is at seq 2, so the walk in seq order stops at once; an upgraded log's is after its
        // format-2 events.
        return try guarded { try pool.read { db in try Self.keyRecorded(db) } }
    }

    func sealedKeys() throws(StoreError) -> [(OperatorID, SealedKey)] {
        guard signsEvents else { return [] }
        return try guarded {
            try pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT operator, kdf, salt, box, public_key FROM sealed_key ORDER BY operator"
                )
                .map {
                    (
                        $0["operator"],
                        SealedKey(kdf: $0["kdf"], salt: $0["salt"], box: $0["box"], publicKey: $0["public_key"])
                    )
                }
            }
        }
    }

    func putSealedKey(_ k: SealedKey, for op: OperatorID, at now: Instant) throws(StoreError) {
        try guarded { try pool.write { db in try Self.putSealed(k, for: op, at: now, db: db) } }
    }

    func legacyCredential(for op: OperatorID) throws(StoreError) -> LegacyCredential? {
        try guarded {
            try pool.read { db in
                guard try db.tableExists("credential"),
                    let r = try Row.fetchOne(
                        db, sql: "SELECT salt, hash, kdf FROM credential WHERE operator = ?", arguments: [op])
                else { return nil }
                return LegacyCredential(kdf: r["kdf"], salt: r["salt"], hash: r["hash"])
            }
        }
    }

    func recordAccess(_ entry: AccessEntry) throws(StoreError) {
        try guarded {
            try retryingWhenBusy {
                try pool.write { db in
                    try db.execute(
                        sql: "INSERT INTO access(at, operator, console, record, what) VALUES (?, ?, ?, ?, ?)",
                        arguments: [entry.at.seconds, entry.operatorID, entry.console, entry.record, entry.what])
                }
            }
        }
    }

    func accessLog(operator op: OperatorID?, record: String?) throws(StoreError) -> [AccessEntry] {
        try guarded {
            try pool.read { db in
                var sql = "SELECT at, operator, console, record, what FROM access WHERE 1 = 1"
                var args: [any DatabaseValueConvertible] = []
                if let op { sql += " AND operator = ?"; args.append(op) }
                if let record { sql += " AND record = ?"; args.append(record) }
                return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: StatementArguments(args)).map {
                    AccessEntry(
                        at: Instant(stored: $0["at"]), operatorID: $0["operator"], console: $0["console"],
                        record: $0["record"], what: $0["what"])
                }
            }
        }
    }

    func snapshots(limit: Int) throws(StoreError) -> [SnapshotRow] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.seq, s.version, s.digest, s.event_hash, e.hash AS chain_hash, n.payload AS record
                        FROM snapshot s LEFT JOIN event e ON e.seq = s.seq LEFT JOIN event n ON n.seq = s.seq + 1
                        ORDER BY s.seq DESC LIMIT ?
                        """, arguments: [limit]
                ).map {
                    SnapshotRow(
                        seq: $0["seq"], version: $0["version"], digest: $0["digest"], eventHash: $0["event_hash"],
                        chainHash: $0["chain_hash"], record: $0["record"])
                }
            }
        }
    }

    func snapshotIndex() throws(StoreError) -> [SnapshotRow] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT seq, digest, event_hash, version FROM snapshot ORDER BY seq").map {
                    SnapshotRow(
                        seq: $0["seq"], version: $0["version"], digest: $0["digest"], eventHash: $0["event_hash"])
                }
            }
        }
    }

    func snapshotState(at seq: Int64) throws(StoreError) -> Data? {
        try guarded {
            try pool.read { db in
                try Data.fetchOne(db, sql: "SELECT state FROM snapshot WHERE seq = ?", arguments: [seq])
            }
        }
    }

    /// The first difference between the log's tables and triggers and those Vigil makes, compared by their SQL, not
    /// only their names: a trigger emptied of its RAISE, or a trigger or view added, is named.
    func schemaProblem() throws(StoreError) -> String? {
        try guarded {
            try pool.read { db in
                var present: [String: String] = [:]
                for r in try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL") {
                    present["\(r["type"] as String) \(r["name"] as String)"] = r["sql"]
                }
                let reference = format >= 3 ? LogSchema.reference : LogSchema.referenceOfFormat2
                for (object, sql) in reference.sorted(by: { $0.key < $1.key }) {
                    guard let found = present[object] else { return "\(object) is missing" }
                    guard found == sql else { return "\(object) is not as Vigil made it" }
                }
                if let extra = present.keys.sorted().first(where: { reference[$0] == nil }) {
                    return "\(extra) was added"
                }
                // The chain runs from seq 1: a row below it is outside everything verify walks.
                if let low = try Int64.fetchOne(db, sql: "SELECT min(seq) FROM event"), low < 1 {
                    return "an event row lies outside the chain, at seq \(low)"
                }
                return nil
            }
        }
    }

    func makeChangeSignal() throws(StoreError) -> any ChangeSignal { DataVersionSignal(log: self) }

    /// A consistent copy made with SQLite's online backup while consoles write, 0600, in rollback-journal mode so it
    /// opens read-only anywhere (write-protected media included).
    func backup(to target: String) throws(StoreError) {
        guard !FileManager.default.fileExists(atPath: target) else { throw .exists(path: target) }
        let fd = Glibc.open(target, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotOpen(path: target, detail: String(cString: strerror(errno))) }
        Glibc.close(fd)
        do {
            let destination = try DatabaseQueue(path: target)
            try pool.backup(to: destination)
            try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
        } catch {
            for s in ["", "-journal", "-wal", "-shm"] { unlink(target + s) }
            throw Self.translate(error, path: target)
        }
    }
}

/// SQLite's `data_version` changes when another connection commits; it is per connection, so it is read from one
/// dedicated connection each time.
final class DataVersionSignal: ChangeSignal {
    let log: SQLiteLog
    var last: Int?
    var trouble: String? { nil }

    init(log: SQLiteLog) { self.log = log }

    func changed() throws(StoreError) -> Bool {
        let version = try log.guarded {
            try log.watchConnection.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        }
        defer { last = version }
        return version != last
    }
}
