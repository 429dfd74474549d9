import Foundation
import GRDB
import GRDBSQLite
import VigilCore

// Appending and reading events: one `BEGIN IMMEDIATE` transaction per append, reading the chain's tail inside.
extension SQLiteLog {
    /// SQLite's busy timeout is not fair between processes: a writer can starve past it. Nothing was written when
    /// BEGIN IMMEDIATE fails busy, so the whole transaction is tried again, a few times, before the user hears of it.
    func retryingWhenBusy<T>(_ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let e as DatabaseError
                where (e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED) && attempt < 4
            {
                attempt += 1
                usleep(UInt32.random(in: 1_000...20_000) * UInt32(attempt))
            }
        }
    }

    func transact<T>(
        after seq: Int64, side: [SideWrite], signer: EventSigner, _ body: ([StoredEvent]) throws -> ([Event], T)
    ) throws -> ([StoredEvent], [StoredEvent], T) {
        try guardedAny {
            try retryingWhenBusy {
                try pool.writeWithoutTransaction { db in
                    var result: ([StoredEvent], [StoredEvent], T)?
                    try db.inTransaction(.immediate) {
                        let newer = try self.fetch(db, after: seq, limit: Int.max)
                        let (events, value) = try body(newer)
                        let stored = try self.insert(events, signer: signer, db: db)
                        if !events.isEmpty { for s in side { try self.write(s, db: db) } }
                        result = (newer, stored, value)
                        return .commit
                    }
                    return result!
                }
            }
        }
    }

    func insert(_ events: [Event], signer: EventSigner, db: Database) throws -> [StoredEvent] {
        guard !events.isEmpty else { return [] }
        var signer = signer
        let tail = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1"))
        var seq: Int64 = tail?["seq"] ?? 0
        var prev: Data
        if let tail {
            prev = tail["hash"]
        } else {
            let g = try String.fetchOne(try db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'genesis'"))
                .flatMap { Data(base64Encoded: $0) }
            guard let g else { throw StoreError.corrupt(path: path, detail: "its header is incomplete") }
            prev = g
        }
        let recorded = wallClock().seconds
        // Unique across logs without a random number per event: the log's genesis names it, the seq the event.
        let logID =
            try String.fetchOne(
                try db.cachedStatement(sql: "SELECT substr(value, 1, 8) FROM meta WHERE key = 'genesis'")) ?? "log"
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO event(seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console, payload, prev_hash, hash, signature)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        var stored: [StoredEvent] = []
        stored.reserveCapacity(events.count)
        for e in events {
            seq += 1
            let id = "\(logID)-\(seq)"
            let type = e.change.typeName
            let version = e.change.schemaVersion
            let payload = EventCoding.payload(e.change)
            try EventCoding.checkSize(payload, type: type)
            let canonical = EventCoding.canonical(
                seq: seq, eventID: id, type: type, schemaVersion: version, occurredAt: e.at.seconds,
                recordedAt: recorded, operatorID: e.operatorID, console: e.console, payload: payload)
            let hash = EventCoding.chain(prev: prev, canonical: canonical)
            let signature = try signer.sign(hash, e)
            try bindAndStep(
                statement, db: db, seq: seq, id: id, type: type, version: version, occurred: e.at.seconds,
                recorded: recorded,
                operatorID: e.operatorID, console: e.console, payload: payload, prev: prev, hash: hash,
                signature: signature)
            stored.append(
                StoredEvent(
                    seq: seq, eventID: id, recordedAt: Instant(stored: recorded), event: e, prevHash: prev, hash: hash,
                    signature: signature)
            )
            prev = hash
        }
        return stored
    }

    /// Binds one event row straight onto the prepared statement: GRDB's argument arrays box every value, and a
    /// simulator writing a shift in batches spends more time boxing than SQLite spends inserting.
    func bindAndStep(
        _ statement: Statement, db: Database, seq: Int64, id: String, type: String, version: Int, occurred: Int64,
        recorded: Int64,
        operatorID: String, console: String, payload: String, prev: Data, hash: Data, signature: Data
    ) throws {
        let s = statement.sqliteStatement
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        sqlite3_reset(s)
        func text(_ i: Int32, _ v: String) {
            var v = v
            v.withUTF8 { buf in
                buf.withMemoryRebound(to: CChar.self) { chars in
                    // An empty buffer may have no address; SQLite needs a pointer for an empty (not NULL) text.
                    if let base = chars.baseAddress {
                        _ = sqlite3_bind_text(s, i, base, Int32(chars.count), transient)
                    } else {
                        _ = sqlite3_bind_text(s, i, "", 0, transient)
                    }
                }
            }
        }
        func blob(_ i: Int32, _ d: Data) {
            d.withUnsafeBytes { buf in _ = sqlite3_bind_blob(s, i, buf.baseAddress, Int32(buf.count), transient) }
        }
        sqlite3_bind_int64(s, 1, seq)
        text(2, id)
        text(3, type)
        sqlite3_bind_int64(s, 4, Int64(version))
        sqlite3_bind_int64(s, 5, occurred)
        sqlite3_bind_int64(s, 6, recorded)
        text(7, operatorID)
        text(8, console)
        text(9, payload)
        blob(10, prev)
        blob(11, hash)
        blob(12, signature)
        let rc = sqlite3_step(s)
        sqlite3_reset(s)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    func appendCopied(_ rows: [RawEvent]) throws(StoreError) {
        try guarded {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let tail = try Row.fetchOne(db, sql: "SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1")
                    var seq: Int64 = tail?["seq"] ?? 0
                    var prev: Data = try tail?["hash"] ?? Self.readHeader(db, path: path).genesis
                    let statement = try db.cachedStatement(
                        sql: """
                            INSERT INTO event(seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console, payload, prev_hash, hash, signature)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    for r in rows {
                        guard r.seq == seq + 1, r.prevHash == prev,
                            EventCoding.chain(prev: prev, canonical: r.canonical) == r.hash
                        else {
                            throw StoreError.other(
                                "\(path): the copied event at seq \(r.seq) does not follow the chain here; nothing was written"
                            )
                        }
                        try bindAndStep(
                            statement, db: db, seq: r.seq, id: r.eventID, type: r.type, version: r.schemaVersion,
                            occurred: r.occurredAt, recorded: r.recordedAt, operatorID: r.operatorID,
                            console: r.console,
                            payload: r.payload, prev: r.prevHash, hash: r.hash, signature: r.signature)
                        seq = r.seq
                        prev = r.hash
                    }
                    return .commit
                }
            }
        }
    }

    func addSnapshot(seq: Int64, version: Int, digest: Data, state: Data) throws(StoreError) {
        try guarded {
            try pool.write { db in
                try self.write(.snapshot(seq: seq, version: version, digest: digest, state: state), db: db)
            }
        }
    }

    func read(after seq: Int64, limit: Int) throws(StoreError) -> [StoredEvent] {
        try guarded { try pool.read { db in try self.fetch(db, after: seq, limit: limit) } }
    }

    func fetch(_ db: Database, after seq: Int64, limit: Int) throws -> [StoredEvent] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console, payload, prev_hash, hash, \(signatureColumn)
                FROM event WHERE seq > ? ORDER BY seq LIMIT ?
                """, arguments: [seq, limit == Int.max ? -1 : limit])
        var out: [StoredEvent] = []
        while let r = try rows.next() {
            let s: Int64 = r["seq"]
            let change: Change
            do { change = try EventCoding.change(from: r["payload"]) } catch {
                throw StoreError.badPayload(seq: s, detail: "\(error)")
            }
            let event = Event(
                at: Instant(stored: r["occurred_at"]), by: Actor(r["operator"], console: r["console"]), change)
            let prev: Data = r["prev_hash"], hash: Data = r["hash"]
            // What a signature is over must be what was read: the hash is worked out again from the row.
            let canonical = EventCoding.canonical(
                seq: s, eventID: r["event_id"], type: r["type"], schemaVersion: r["schema_version"],
                occurredAt: r["occurred_at"], recordedAt: r["recorded_at"], operatorID: r["operator"],
                console: r["console"], payload: r["payload"])
            out.append(
                StoredEvent(
                    seq: s, eventID: r["event_id"], recordedAt: Instant(stored: r["recorded_at"]), event: event,
                    prevHash: prev, hash: hash, signature: r["signature"],
                    intact: EventCoding.chain(prev: prev, canonical: canonical) == hash))
        }
        return out
    }

    /// Folds every event after `seq` into `state` in one read transaction and returns the last seq folded.
    /// It steps SQLite directly and reads only the columns state needs (hashes are `verify`'s business),
    /// because this loop is what a console waits on at start-up.
    func fold(
        after seq: Int64, through: Int64, chainFrom: Data?, into state: inout DispatchState
    ) throws(StoreError) -> (Int64, Data?) {
        let result: (Int64, Data?) = try guarded {
            try pool.read { db in
                // The columns the hash needs are read only when the chain is worked out again.
                let statement = try db.makeStatement(
                    sql: chainFrom == nil
                        ? "SELECT seq, occurred_at, operator, console, payload FROM event WHERE seq > ? AND seq <= ? ORDER BY seq"
                        : """
                        SELECT seq, occurred_at, operator, console, payload, event_id, type, schema_version, recorded_at
                        FROM event WHERE seq > ? AND seq <= ? ORDER BY seq
                        """)
                let s = statement.sqliteStatement
                sqlite3_bind_int64(s, 1, seq)
                sqlite3_bind_int64(s, 2, through)
                var last = seq
                var chain = chainFrom
                while true {
                    let rc = sqlite3_step(s)
                    if rc == SQLITE_DONE { break }
                    guard rc == SQLITE_ROW else {
                        throw DatabaseError(
                            resultCode: ResultCode(rawValue: rc),
                            message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                    }
                    last = sqlite3_column_int64(s, 0)
                    // Decoded straight from SQLite's buffer, which stays valid until the next step.
                    let payload = UnsafeBufferPointer(
                        start: sqlite3_column_text(s, 4), count: Int(sqlite3_column_bytes(s, 4)))
                    let change: Change
                    do { change = try Change(json: payload) } catch {
                        throw StoreError.badPayload(seq: last, detail: "\(error)")
                    }
                    let op = Self.columnText(s, 2), console = Self.columnText(s, 3)
                    let occurred = sqlite3_column_int64(s, 1)
                    // Events this machine checked before are trusted, but only as they were: their hashes are worked
                    // out again, so one edited in place since (its hash left alone) is caught at the remembered head.
                    if let prev = chain {
                        chain = EventCoding.chain(
                            prev: prev,
                            canonical: EventCoding.canonical(
                                seq: last, eventID: Self.columnText(s, 5), type: Self.columnText(s, 6),
                                schemaVersion: Int(sqlite3_column_int64(s, 7)), occurredAt: occurred,
                                recordedAt: sqlite3_column_int64(s, 8), operatorID: op, console: console,
                                payload: String(decoding: payload, as: UTF8.self)))
                    }
                    state.apply(Event(at: Instant(stored: occurred), by: Actor(op, console: console), change))
                }
                return (last, chain)
            }
        }
        return result
    }

    static func columnText(_ s: OpaquePointer?, _ i: Int32) -> String {
        guard let p = sqlite3_column_text(s, i) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, i))), as: UTF8.self)
    }

    /// Pages of rows, each read in its own transaction and handed over outside it, so `body` may read the log too.
    func scan(after seq: Int64, _ body: (RawEvent) throws -> Bool) throws {
        var last = seq
        while true {
            let page: [RawEvent] = try guardedAny {
                try pool.read { db in
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console, payload, prev_hash, hash, \(signatureColumn)
                            FROM event WHERE seq > ? ORDER BY seq LIMIT 20000
                            """, arguments: [last]
                    ).map { r in
                        RawEvent(
                            seq: r["seq"], eventID: r["event_id"], type: r["type"], schemaVersion: r["schema_version"],
                            occurredAt: r["occurred_at"], recordedAt: r["recorded_at"], operatorID: r["operator"],
                            console: r["console"], payload: r["payload"], prevHash: r["prev_hash"], hash: r["hash"],
                            signature: r["signature"])
                    }
                }
            }
            for r in page { guard try body(r) else { return } }
            guard let end = page.last else { return }
            last = end.seq
        }
    }
}
