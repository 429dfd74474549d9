import Foundation
import PostgresNIO
import VigilCore

// Appending: one short transaction per command. `begin_append` takes the append lock and gives the head; the events
// after what the caller has seen are read under it; the caller decides; `append` writes seq + 1… with the server's
// hashes and stamps and notifies; commit. A rollback leaves no gap, since no sequence is used.
extension PostgresLog {
    func transact<T>(
        after seq: Int64, side: [SideWrite], _ body: ([StoredEvent]) throws -> ([Event], T)
    ) throws -> ([StoredEvent], [StoredEvent], T) {
        guard !isReadOnly else { throw StoreError.readOnly(path: location) }
        var outcome: ([StoredEvent], [StoredEvent], T)?
        var pending: ([StoredEvent], [StoredEvent], T)?
        // Set once COMMIT is sent: an error after that leaves it unknown whether the events were written.
        var committing = false
        do {
            try withConnection { c in
                try c.execute("BEGIN")
                do {
                    let head = try c.query("SELECT head_seq, head_hash FROM vigil.begin_append()").first.map {
                        try $0.decode((Int64, Data).self)
                    }
                    guard let (headSeq, headHash) = head else {
                        throw StoreError.corrupt(path: location, detail: "its head cannot be read")
                    }
                    let newer = seq >= headSeq ? [] : try fetch(c, after: seq, limit: Int.max)
                    let (events, value) = try body(newer)
                    let stored = try append(events, after: headSeq, prev: headHash, c: c)
                    if !stored.isEmpty { for s in side { try write(s, c: c) } }
                    pending = (newer, stored, value)
                    committing = true
                    try c.execute("COMMIT")
                    outcome = pending
                } catch {
                    if !committing, !c.isClosed { try? c.execute("ROLLBACK") }
                    throw error
                }
            }
        } catch {
            // The commit was cut off (the server or the connection went away): whether it was written is looked up
            // on a fresh connection, and said.
            if committing, let pending, let first = pending.1.first {
                if try committed(first) { return pending }
                throw StoreError.other(
                    "the commit to \(location) was cut off (\(error.message)); it was looked up: the action was not written, so act again"
                )
            }
            throw error
        }
        guard let outcome else { throw StoreError.other("\(location): nothing was appended") }
        return outcome
    }

    /// Copied rows go through `append` like any other, in runs written at the same second; the server's hashes must
    /// come out as the rows say, or the whole batch is rolled back.
    func appendCopied(_ rows: [RawEvent]) throws(StoreError) {
        try withConnection { c in
            try c.execute("BEGIN")
            do {
                var (seq, prev) = try c.query("SELECT head_seq, head_hash FROM vigil.begin_append()")[0].decode(
                    (Int64, Data).self)
                var i = 0
                while i < rows.count {
                    var j = i
                    while j < rows.count, rows[j].recordedAt == rows[i].recordedAt { j += 1 }
                    let run = rows[i..<j]
                    let returned = try c.query(
                        """
                        SELECT o_seq, o_hash FROM vigil.append(\(seq), \(prev), \(run.map(\.type)),
                            \(run.map { Int64($0.schemaVersion) })::integer[], \(run.map(\.occurredAt)),
                            \(run[i].recordedAt), \(run.map(\.operatorID)), \(run.map(\.console)), \(run.map(\.payload)))
                        """)
                    guard returned.count == run.count else {
                        throw StoreError.other(
                            "\(location): the server copied \(returned.count) of \(run.count) events")
                    }
                    for (row, r) in zip(returned, run) {
                        let (s, hash) = try row.decode((Int64, Data).self)
                        guard s == r.seq, hash == r.hash else {
                            throw StoreError.other(
                                "\(location): the copied event at seq \(r.seq) does not come out as it was; nothing was written"
                            )
                        }
                        seq = s
                        prev = hash
                    }
                    i = j
                }
                try c.execute("COMMIT")
            } catch {
                if !c.isClosed { try? c.execute("ROLLBACK") }
                throw error
            }
        }
    }

    func addSnapshot(seq: Int64, version: Int, digest: Data, state: Data) throws(StoreError) {
        try withConnection { c in try write(.snapshot(seq: seq, version: version, digest: digest, state: state), c: c) }
    }

    /// Calls `append` and checks each returned hash against the event as the server stamped it.
    func append(_ events: [Event], after headSeq: Int64, prev: Data, c: ServerConnection) throws -> [StoredEvent] {
        guard !events.isEmpty else { return [] }
        let recorded = wallClock().seconds
        let types = events.map(\.change.typeName), versions = events.map { Int64($0.change.schemaVersion) }
        let occurred = events.map(\.at.seconds), operators = events.map(\.operatorID)
        let consoles = events.map(\.console), payloads = events.map { EventCoding.payload($0.change) }
        let rows = try c.query(
            """
            SELECT o_seq, o_event_id, o_operator, o_prev_hash, o_hash FROM vigil.append(\(headSeq), \(prev), \(types),
                \(versions)::integer[], \(occurred), \(recorded), \(operators), \(consoles), \(payloads))
            """)
        guard rows.count == events.count else {
            throw StoreError.other("\(location): the server appended \(rows.count) of \(events.count) events")
        }
        var stored: [StoredEvent] = []
        stored.reserveCapacity(events.count)
        for (n, row) in rows.enumerated() {
            let (s, id, op, prevHash, hash) = try row.decode((Int64, String, String, Data, Data).self)
            var event = events[n]
            event.operatorID = op
            let canonical = EventCoding.canonical(
                seq: s, eventID: id, type: types[n], schemaVersion: Int(versions[n]), occurredAt: occurred[n],
                recordedAt: recorded, operatorID: op, console: consoles[n], payload: payloads[n])
            guard EventCoding.chain(prev: prevHash, canonical: canonical) == hash else {
                throw StoreError.other(
                    "\(location): the server's hash for seq \(s) does not match the event; nothing was appended")
            }
            stored.append(
                StoredEvent(
                    seq: s, eventID: id, recordedAt: Instant(seconds: recorded), event: event, prevHash: prevHash,
                    hash: hash))
        }
        return stored
    }

    func write(_ side: SideWrite, c: ServerConnection) throws {
        switch side {
        case .credential(let cr, _):
            try Self.setLogin(cr, c: c, location: location)
        case .snapshot(let seq, let version, let digest, let state):
            try c.query(
                "SELECT vigil.add_snapshot(\(seq), \(Int64(version))::integer, \(wallClock().seconds), \(digest), \(state))"
            )
        }
    }

    /// Sets an operator's login role's secret; a server log takes passphrases of at least 12 characters only.
    static func setLogin(_ cr: Credential, c: ServerConnection, location: String) throws {
        guard cr.isLongPassphrase else {
            throw StoreError.other(
                "on a log on a server (\(location)), an operator's secret is a passphrase of at least 12 characters; nothing was changed"
            )
        }
        try c.query("SELECT vigil.set_login(\(cr.operatorID), \(cr.verifier))")
    }

    /// After a connection lost during a commit: whether the first event is in the log, or one sentence saying it
    /// cannot be known yet.
    func committed(_ first: StoredEvent) throws(StoreError) -> Bool {
        do {
            // On a connection of its own: the one the commit went out on may still be closing.
            try renewConnection()
            return try hash(at: first.seq) == first.hash
        } catch {
            throw .other(
                "the commit to \(location) was cut off, and the server cannot be reached to tell whether seq \(first.seq) was written; look with `vigil log tail` before acting again"
            )
        }
    }
}
