import Foundation
import PostgresNIO
import VigilCore

// The rows beside the events on the server, each written through its function so the server stamps the writer.
extension PostgresLog {
    /// A server's log of format 4 signs its events as a file's does; the server's roles decide who may append, and
    /// the chain's keys who wrote what.
    var signsEvents: Bool { true }

    /// Read through `vigil.sealed_key`, which gives an operator's role its own box only; the administrator reads any.
    func sealedKey(for op: OperatorID) throws(StoreError) -> SealedKey? {
        if let login, login.operatorID.lowercased() != op.lowercased() { return nil }
        return try withConnection { c in try Self.sealedKey(for: op, c: c) }
    }

    static func sealedKey(for op: OperatorID, c: ServerConnection) throws -> SealedKey? {
        try c.query("SELECT vigil.sealed_key(\(op))").first.flatMap { try $0.decode(String?.self) }.flatMap {
            SealedKey(encoded: $0)
        }
    }

    /// Another operator's box, when `secret` signs them in to the server: their role reads its own.
    func sealedKey(for op: OperatorID, secret: String) throws(StoreError) -> SealedKey? {
        if login == nil || login?.operatorID.lowercased() == op.lowercased() { return try sealedKey(for: op) }
        let c: ServerConnection
        do {
            c = try ServerConnection.connect(
                address, user: ServerSchema.loginRole(database: address.database, operator: op), password: secret,
                writable: false)
        } catch {
            if case .other(let text) = error, text.contains("refused the sign-in") { return nil }
            throw error
        }
        defer { c.close() }
        do { return try Self.sealedKey(for: op, c: c) } catch {
            throw ServerConnection.translate(error, address: address, endpoint: c.endpoint, user: op)
        }
    }

    func holdsKey() throws(StoreError) -> Bool {
        try withConnection { c in
            try c.query(
                """
                SELECT EXISTS (SELECT 1 FROM vigil.event WHERE type = 'OperatorPINSet'
                    AND payload::jsonb #>> '{operatorPINSet,key}' IS NOT NULL)
                """
            ).first.map { try $0.decode(Bool.self) } ?? false
        }
    }

    /// Every box, to the administrator; an operator's role gets its own only.
    func sealedKeys() throws(StoreError) -> [(OperatorID, SealedKey)] {
        if let login { return try sealedKey(for: login.operatorID).map { [(login.operatorID, $0)] } ?? [] }
        return try withConnection { c in
            try c.query("SELECT operator, sealed FROM vigil.sealed_key ORDER BY operator").compactMap { row in
                let (op, text) = try row.decode((String, String).self)
                return SealedKey(encoded: text).map { (op, $0) }
            }
        }
    }

    /// Copies a box onto the server: the administrator's, for `log copy`.
    func putSealedKey(_ key: SealedKey, for op: OperatorID, at now: Instant) throws(StoreError) {
        guard login == nil else {
            throw .other("\(location): only the log's administrator copies sealed keys onto a server")
        }
        try withConnection { c in
            try c.query(
                """
                INSERT INTO vigil.sealed_key (operator, sealed) VALUES (\(op), \(key.encoded))
                ON CONFLICT (operator) DO UPDATE SET sealed = excluded.sealed
                """)
        }
    }

    func hasSecret(_ op: OperatorID) throws(StoreError) -> Bool {
        try withConnection { c in
            try c.query("SELECT vigil.has_login(\(op))").first.map { try $0.decode(Bool.self) } ?? false
        }
    }

    /// The server checks it: this session's own sign-in when it is that operator's, else a fresh sign-in as them.
    func checkSecret(_ secret: String, for op: OperatorID) throws(StoreError) -> Bool {
        if let login, login.operatorID == op {
            let a = Array(login.secret.utf8), b = Array(secret.utf8)
            return a.count == b.count && zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
        do {
            let c = try ServerConnection.connect(
                address, user: ServerSchema.loginRole(database: address.database, operator: op), password: secret,
                writable: false)
            c.close()
            return true
        } catch {
            if case .other(let text) = error, text.contains("refused the sign-in") { return false }
            throw error
        }
    }

    func setCredential(_ cr: Credential, at now: Instant) throws(StoreError) {
        try withConnection { c in try Self.setLogin(cr, c: c, location: self.location) }
    }

    func recordAccess(_ e: AccessEntry) throws(StoreError) {
        try withConnection { c in
            try c.query(
                "SELECT vigil.record_access(\(e.at.seconds), \(e.operatorID), \(e.console), \(e.record), \(e.what))")
        }
    }

    func accessLog(operator op: OperatorID?, record: String?) throws(StoreError) -> [AccessEntry] {
        try withConnection { c in
            try c.query(
                """
                SELECT at, operator, console, record, what FROM vigil.access
                WHERE (\(op)::text IS NULL OR operator = \(op)) AND (\(record)::text IS NULL OR record = \(record))
                ORDER BY id
                """
            ).map { row in
                let (at, o, console, r, what) = try row.decode((Int64, String, String, String, String).self)
                return AccessEntry(at: Instant(stored: at), operatorID: o, console: console, record: r, what: what)
            }
        }
    }

    func snapshots(limit: Int) throws(StoreError) -> [SnapshotRow] {
        try withConnection { c in
            try c.query(
                """
                SELECT s.seq, s.version, s.digest, s.event_hash, e.hash, n.payload
                FROM vigil.snapshot s LEFT JOIN vigil.event e ON e.seq = s.seq
                    LEFT JOIN vigil.event n ON n.seq = s.seq + 1
                ORDER BY s.seq DESC LIMIT \(Int64(limit))
                """
            ).map { row in
                let (seq, version, digest, eventHash, chain, record) = try row.decode(
                    (Int64, Int32, Data, Data, Data?, String?).self)
                return SnapshotRow(
                    seq: seq, version: Int(version), digest: digest, eventHash: eventHash, chainHash: chain,
                    record: record)
            }
        }
    }

    func snapshotIndex() throws(StoreError) -> [SnapshotRow] {
        try withConnection { c in
            try c.query("SELECT seq, digest, event_hash, version FROM vigil.snapshot ORDER BY seq").map { row in
                let (seq, digest, eventHash, version) = try row.decode((Int64, Data, Data, Int32).self)
                return SnapshotRow(seq: seq, version: Int(version), digest: digest, eventHash: eventHash)
            }
        }
    }

    func snapshotState(at seq: Int64) throws(StoreError) -> Data? {
        try withConnection { c in
            try c.query("SELECT state FROM vigil.snapshot WHERE seq = \(seq)").first.map { try $0.decode(Data.self) }
        }
    }

    /// A heartbeat is no part of the record, so its commit does not wait for a synchronous standby: a console whose
    /// standby has died keeps beating, and can say so, while the record's commits wait.
    func beat(_ beat: Heartbeat) throws(StoreError) {
        try withConnection { c in
            try c.execute("BEGIN")
            do {
                try c.execute("SET LOCAL synchronous_commit = local")
                try c.query("SELECT vigil.beat(\(beat.console), \(beat.operatorID), \(beat.wall))")
                try c.execute("COMMIT")
            } catch {
                if !c.isClosed { try? c.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// Every console's last beat; a server that cannot be asked has none to give (a heartbeat is a hint).
    func heartbeats() -> [Heartbeat] {
        (try? withConnection { c in
            try c.query("SELECT console, operator, wall FROM vigil.heartbeat ORDER BY console, operator").map { row in
                let (console, op, wall) = try row.decode((String, String, Double).self)
                return Heartbeat(console: console, operatorID: op, wall: wall)
            }
        }) ?? []
    }

    func endBeat(console: ConsoleID, operatorID: OperatorID) {
        _ = try? withConnection { c in try c.query("SELECT vigil.end_beat(\(console), \(operatorID))") }
    }

    func standbyWarning() -> String? {
        guard let state = try? withConnection({ c in try c.query("SELECT vigil.standby()").first?.decode(String.self) })
        else { return nil }
        return state == "none" ? "NO STANDBY" : nil
    }

    func makeChangeSignal() throws(StoreError) -> any ChangeSignal {
        try ListenSignal(log: self)
    }
}
