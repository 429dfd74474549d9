import Foundation
import PostgresNIO
import VigilCore

// Appending. An operator's role appends with one statement, `CALL vigil.append(…)`, which takes the append lock,
// writes and commits: the lock is never the caller's to hold. The events after what the caller has seen are read
// first, up to the head; the caller decides against them; if another writer got in meanwhile, the server says the log
// moved on and the whole is done again against the newer events. The administrator (a snapshot beside its event, a
// copy) takes the lock in a transaction of its own: `begin_append`, decide, `append_rows`, commit. Either way a
// rollback leaves no gap, since no sequence is used.
extension PostgresLog {
    func transact<T>(
        after seq: Int64, side: [SideWrite], signer: EventSigner, _ body: ([StoredEvent]) throws -> ([Event], T)
    ) throws -> ([StoredEvent], [StoredEvent], T) {
        guard !isReadOnly else { throw StoreError.readOnly(path: location) }
        guard login != nil else { return try transactLocked(after: seq, side: side, signer: signer, body) }
        var credential: Credential?
        for s in side {
            guard case .credential(let c, _) = s else {
                throw StoreError.other("\(location): only the log's administrator writes snapshots on a server")
            }
            credential = c
        }
        // Another writer getting in between the read and the CALL costs one more round; a room of consoles settles
        // in a few. Past this many the user hears of it rather than the console spinning.
        for attempt in 0..<200 {
            if let done = try appendOnce(after: seq, credential: credential, signer: signer, body) { return done }
            if attempt >= 3 { usleep(UInt32.random(in: 500...5_000) * UInt32(min(attempt, 20))) }
        }
        throw StoreError.locked(path: location)
    }

    /// One round of an operator's append: nil when the log moved on before the CALL, and it must be done again.
    private func appendOnce<T>(
        after seq: Int64, credential: Credential?, signer: EventSigner, _ body: ([StoredEvent]) throws -> ([Event], T)
    ) throws -> ([StoredEvent], [StoredEvent], T)? {
        // Set once the CALL is sent: an error after that may leave it unknown whether the events were written.
        var sent: (head: LogHead, rows: Rows, newer: [StoredEvent], value: T)?
        do {
            return try withConnection { c -> ([StoredEvent], [StoredEvent], T)? in
                // The head first, then the events up to it: every seq below a visible head has committed, since
                // seqs are given under the lock.
                let head = try Self.head(c, genesis: cachedHeader.genesis)
                let newer = seq >= head.seq ? [] : try fetch(c, after: seq, limit: Int.max, through: head.seq)
                let (events, value) = try body(newer)
                guard !events.isEmpty else { return (newer, [], value) }
                let rows = try Rows(events, recorded: wallClock().seconds, after: head, log: self, signer: signer)
                sent = (head, rows, newer, value)
                do {
                    return (
                        newer, try callAppend(rows, events: events, head: head, credential: credential, c: c), value
                    )
                } catch let e as PSQLError where e.code == .server {
                    let state = e.serverInfo?[.sqlState] ?? ""
                    if state == "40001" { return nil }
                    // A refusal was rolled back; only the server going away (class 57, 08) leaves it unknown.
                    if !state.hasPrefix("57"), !state.hasPrefix("08") { sent = nil }
                    throw e
                }
            }
        } catch {
            guard let sent else { throw error }
            if let stored = try written(sent.rows, after: sent.head) { return (sent.newer, stored, sent.value) }
            throw StoreError.other(
                "the commit to \(location) was cut off (\(error.message)); it was looked up: the action was not written, so act again"
            )
        }
    }

    /// The chain's head on `c`: the last event's seq and hash, or 0 and the genesis.
    static func head(_ c: ServerConnection, genesis: Data) throws -> LogHead {
        try tail(c) ?? LogHead(seq: 0, hash: genesis)
    }

    /// Events as the append's arrays, each payload within the log's limit, each signed by its writer's key (when the
    /// session holds it) over the hash the server will give it: seq, id and writer are the server's, but they follow
    /// from the head the append is decided against, so the writer signs before sending.
    struct Rows {
        var recorded: Int64
        var types: [String], versions: [Int64], occurred: [Int64], operators: [String], consoles: [String]
        var payloads: [String]
        var signatures: [Data] = []
        /// The signatures as the server's bytea[] takes them.
        var signatureBuffers: [ByteBuffer] { signatures.map { ByteBuffer(data: $0) } }

        init(_ events: [Event], recorded: Int64, after head: LogHead, log: PostgresLog, signer: EventSigner) throws {
            self.recorded = recorded
            types = events.map(\.change.typeName)
            versions = events.map { Int64($0.change.schemaVersion) }
            occurred = events.map(\.at.seconds)
            operators = events.map(\.operatorID)
            consoles = events.map(\.console)
            payloads = events.map { EventCoding.payload($0.change) }
            for (p, t) in zip(payloads, types) { try EventCoding.checkSize(p, type: t) }
            let logID = String(log.cachedHeader.genesis.base64EncodedString().prefix(8))
            var prev = head.hash
            var signer = signer
            for i in types.indices {
                let seq = head.seq + Int64(i) + 1
                let op = log.writer(of: operators[i])
                let hash = EventCoding.chain(
                    prev: prev,
                    canonical: EventCoding.canonical(
                        seq: seq, eventID: "\(logID)-\(seq)", type: types[i], schemaVersion: Int(versions[i]),
                        occurredAt: occurred[i], recordedAt: recorded, operatorID: op, console: consoles[i],
                        payload: payloads[i]))
                var event = events[i]
                event.operatorID = op
                signatures.append(try signer.sign(hash, event))
                prev = hash
            }
        }
    }

    /// Whom the server will stamp as an event's writer: an operator's role writes as its operator (simulated
    /// operators may be claimed on a training log); the administrator as the event says.
    func writer(of op: String) -> String {
        guard let login else { return op }
        return cachedHeader.training && op.hasPrefix("SIM-") ? op : login.operatorID
    }

    /// `CALL vigil.append(…)`: written and committed when it returns; each hash is checked against the event as the
    /// server stamped it.
    func callAppend(_ r: Rows, events: [Event], head: LogHead, credential: Credential?, c: ServerConnection) throws
        -> [StoredEvent]
    {
        if let credential, !credential.isLongPassphrase {
            // Refused with the same sentence as the administrator's path, before anything is written.
            try Self.setLogin(credential, c: c, location: location)
        }
        let row = try c.query(
            """
            CALL vigil.append(\(head.seq), \(head.hash), \(r.types), \(r.versions)::integer[], \(r.occurred),
                \(r.recorded), \(r.operators), \(r.consoles), \(r.payloads), \(credential?.operatorID),
                \(credential?.verifier), NULL, NULL, NULL, NULL, NULL, \(r.signatureBuffers), \(credential?.sealed.encoded))
            """
        ).first
        guard let row else { throw StoreError.other("\(location): the server appended nothing") }
        let (seqs, ids, ops, prevs, hashes) = try row.decode(
            ([Int64], [String], [String], [ByteBuffer], [ByteBuffer]).self)
        return try stamped(
            events, r, seqs: seqs, ids: ids, operators: ops, prevs: prevs.map { Data(buffer: $0) },
            hashes: hashes.map { Data(buffer: $0) })
    }

    /// The events as the server stamped them (seq, id, writer, hashes), each hash checked against the event.
    func stamped(
        _ events: [Event], _ r: Rows, seqs: [Int64], ids: [String], operators: [String], prevs: [Data], hashes: [Data]
    ) throws -> [StoredEvent] {
        guard [seqs.count, ids.count, operators.count, prevs.count, hashes.count].allSatisfy({ $0 == events.count })
        else {
            throw StoreError.other("\(location): the server appended \(seqs.count) of \(events.count) events")
        }
        var stored: [StoredEvent] = []
        stored.reserveCapacity(events.count)
        for n in events.indices {
            var event = events[n]
            event.operatorID = operators[n]
            let canonical = EventCoding.canonical(
                seq: seqs[n], eventID: ids[n], type: r.types[n], schemaVersion: Int(r.versions[n]),
                occurredAt: r.occurred[n], recordedAt: r.recorded, operatorID: operators[n], console: r.consoles[n],
                payload: r.payloads[n])
            guard EventCoding.chain(prev: prevs[n], canonical: canonical) == hashes[n] else {
                throw StoreError.other(
                    "\(location): the server's hash for seq \(seqs[n]) does not match the event; nothing was appended")
            }
            stored.append(
                StoredEvent(
                    seq: seqs[n], eventID: ids[n], recordedAt: Instant(stored: r.recorded), event: event,
                    prevHash: prevs[n], hash: hashes[n], signature: r.signatures[n]))
        }
        return stored
    }

    /// After a CALL cut off: the events as written, when the next seq after `head` is the first of them; nil when it
    /// is not (nothing was written); one sentence when the server cannot be asked.
    func written(_ r: Rows, after head: LogHead) throws(StoreError) -> [StoredEvent]? {
        do {
            try renewConnection()
            return try withConnection { c -> [StoredEvent]? in
                let first = try c.query(
                    """
                    SELECT prev_hash, payload, recorded_at, console FROM vigil.event WHERE seq = \(head.seq + 1)
                    """
                ).first.map { try $0.decode((Data, String, Int64, String).self) }
                guard let first, first.0 == head.hash, first.1 == r.payloads[0], first.2 == r.recorded,
                    first.3 == r.consoles[0]
                else { return nil }
                return try fetch(c, after: head.seq, limit: r.types.count)
            }
        } catch {
            throw .other(
                "the commit to \(location) was cut off, and the server cannot be reached to tell whether seq \(head.seq + 1) was written; look with `vigil log tail` before acting again"
            )
        }
    }

    /// The administrator's append, under the lock in a transaction of its own, with snapshots beside their events.
    func transactLocked<T>(
        after seq: Int64, side: [SideWrite], signer: EventSigner, _ body: ([StoredEvent]) throws -> ([Event], T)
    ) throws -> ([StoredEvent], [StoredEvent], T) {
        var outcome: ([StoredEvent], [StoredEvent], T)?
        var pending: ([StoredEvent], [StoredEvent], T)?
        // Set once COMMIT is sent: an error after that leaves it unknown whether the events were written.
        var committing = false
        do {
            try withConnection { c in
                try c.execute("BEGIN")
                do {
                    // A secret first, before the append lock: a role whose row someone holds keeps only this
                    // transaction waiting (rolled back with everything if nothing is appended).
                    for case .credential(let cr, _) in side { try Self.setLogin(cr, c: c, location: location) }
                    let head = try c.query("SELECT head_seq, head_hash FROM vigil.begin_append()").first.map {
                        try $0.decode((Int64, Data).self)
                    }
                    guard let (headSeq, headHash) = head else {
                        throw StoreError.corrupt(path: location, detail: "its head cannot be read")
                    }
                    let newer = seq >= headSeq ? [] : try fetch(c, after: seq, limit: Int.max)
                    let (events, value) = try body(newer)
                    let stored = try append(
                        events, after: LogHead(seq: headSeq, hash: headHash), signer: signer, c: c)
                    guard !stored.isEmpty || !side.contains(where: { if case .credential = $0 { true } else { false } })
                    else {
                        try c.execute("ROLLBACK")
                        outcome = (newer, stored, value)
                        return
                    }
                    if !stored.isEmpty { for s in side { if case .snapshot = s { try write(s, c: c) } } }
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
                    let last =
                        try c.query(
                            """
                            SELECT vigil.append_rows(\(seq), \(prev), \(run.map(\.type)),
                                \(run.map { Int64($0.schemaVersion) })::integer[], \(run.map(\.occurredAt)),
                                \(run[i].recordedAt), \(run.map(\.operatorID)), \(run.map(\.console)), \(run.map(\.payload)),
                                \(run.map { ByteBuffer(data: $0.signature) }))
                            """
                        ).first.map { try $0.decode(Int64.self) } ?? seq
                    let returned = try c.query(
                        "SELECT seq, hash FROM vigil.event WHERE seq > \(seq) AND seq <= \(last) ORDER BY seq")
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

    /// Calls `append_rows` (the administrator's, under its own transaction) and checks each returned hash against the event as the server stamped it.
    func append(_ events: [Event], after head: LogHead, signer: EventSigner, c: ServerConnection) throws
        -> [StoredEvent]
    {
        guard !events.isEmpty else { return [] }
        let headSeq = head.seq
        let r = try Rows(events, recorded: wallClock().seconds, after: head, log: self, signer: signer)
        let last =
            try c.query(
                """
                SELECT vigil.append_rows(\(headSeq), \(head.hash), \(r.types), \(r.versions)::integer[], \(r.occurred),
                    \(r.recorded), \(r.operators), \(r.consoles), \(r.payloads), \(r.signatureBuffers))
                """
            ).first.map { try $0.decode(Int64.self) } ?? headSeq
        let rows = try c.query(
            """
            SELECT seq, event_id, operator, prev_hash, hash FROM vigil.event
            WHERE seq > \(headSeq) AND seq <= \(last) ORDER BY seq
            """
        ).map { try $0.decode((Int64, String, String, Data, Data).self) }
        return try stamped(
            events, r, seqs: rows.map(\.0), ids: rows.map(\.1), operators: rows.map(\.2), prevs: rows.map(\.3),
            hashes: rows.map(\.4))
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
        try c.query("SELECT vigil.set_login(\(cr.operatorID), \(cr.verifier), \(cr.sealed.encoded))")
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
