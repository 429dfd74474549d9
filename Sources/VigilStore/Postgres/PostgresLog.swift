import Foundation
import PostgresNIO
import VigilCore
import VigilForce

/// The log on a PostgreSQL server, for consoles at several sites: the same rows, chain and rules as a SQLite log,
/// with the server as the trust boundary (see `ServerSchema`). A dropped connection is made again on the next call.
final class PostgresLog: LogBackend, @unchecked Sendable {
    let address: ServerAddress
    let user: String
    let password: String?
    let durability: Durability
    let isReadOnly: Bool
    let warnings: [String]
    let wallClock: @Sendable () -> Instant
    /// Read once on opening: the meta table is write-once, enforced by its triggers.
    let cachedHeader: EventStore.Header
    /// The operator signed in as their own role, if any.
    let login: EventStore.ServerLogin?
    private var current: ServerConnection
    /// Recursive: a sign-on's PIN check runs inside an append's body, and reads the operator's sealed key (or asks
    /// whether the chain holds keys) on the same connection, between the append's statements.
    private let lock = NSRecursiveLock()
    private var passedOver: [Int64: String] = [:]
    private let quarantineLock = NSLock()

    var location: String { address.redacted }

    private init(
        address: ServerAddress, user: String, password: String?, connection: ServerConnection,
        header: EventStore.Header, login: EventStore.ServerLogin? = nil, readOnly: Bool,
        wallClock: @escaping @Sendable () -> Instant
    ) {
        self.login = login
        self.address = address
        self.user = user
        self.password = password
        self.current = connection
        self.cachedHeader = header
        self.durability = header.training ? .fast : .live
        self.isReadOnly = readOnly
        self.warnings = address.sslMode == "disable" ? ["\(address.redacted) is reached without TLS"] : []
        self.wallClock = wallClock
    }

    /// Who signs in, and with what: an operator as their own role with their passphrase; else the URL's user (or
    /// `PGUSER`) with the URL's password (or `PGPASSWORD`), which is how the administrator signs in.
    static func signIn(_ address: ServerAddress, as login: EventStore.ServerLogin?) throws(StoreError) -> (
        user: String, password: String?
    ) {
        if let login {
            return (ServerSchema.loginRole(database: address.database, operator: login.operatorID), login.secret)
        }
        let env = ProcessInfo.processInfo.environment
        guard let user = address.user ?? env["PGUSER"], !user.isEmpty else {
            throw .other(
                "\(address.redacted) names no user; give the administrator's in the URL (postgres://USER@host/db), or --operator to sign in as an operator"
            )
        }
        return (user, address.password ?? env["PGPASSWORD"])
    }

    /// The administrator's connection: the URL's user (or `PGUSER`) with the URL's password (or `PGPASSWORD`).
    static func connectAsAdministrator(_ address: ServerAddress) throws(StoreError) -> ServerConnection {
        let (user, password) = try signIn(address, as: nil)
        return try ServerConnection.connect(address, user: user, password: password, writable: true)
    }

    /// Creates the log's schema, functions, triggers and grants on the server, with its header and first
    /// supervisor's credential, in one transaction: it is all there or none of it is.
    static func create(
        url: String, header: EventStore.Header, firstCredential: Credential?,
        wallClock: @escaping @Sendable () -> Instant
    ) throws(StoreError) -> PostgresLog {
        let address = try ServerAddress(url: url)
        let (user, password) = try signIn(address, as: nil)
        let c = try ServerConnection.connect(address, user: user, password: password, writable: true)
        do {
            let mayMakeRoles = try c.query(
                "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user"
            ).first.map { try $0.decode(Bool.self) }
            guard mayMakeRoles == true else {
                throw StoreError.other(
                    "\(user) may not create roles, and each operator signs in to the log as a role of their own; run `vigil log init` as an administrator with CREATEROLE"
                )
            }
            if try !c.query("SELECT 1 FROM pg_namespace WHERE nspname = 'vigil'").isEmpty {
                throw StoreError.other(
                    "\(address.redacted) already holds a Vigil log; use another database, or drop its schema vigil first"
                )
            }
            try c.execute("BEGIN")
            for statement in ServerSchema.setup(database: address.database) { try c.execute(statement) }
            let rows =
                header.metaRows + [
                    ("format", "\(ServerSchema.formatVersion)"),
                    ("operators_role", ServerSchema.groupRole(database: address.database)),
                ]
            for (k, v) in rows {
                try c.query("INSERT INTO vigil.meta (key, value) VALUES (\(k), \(v))")
            }
            for op in try ForceLoader.parse(header.forceText, file: "force").operators {
                try c.query("INSERT INTO vigil.authority (operator, role) VALUES (\(op.id), \(op.role.rawValue))")
            }
            if let f = firstCredential { try PostgresLog.setLogin(f, c: c, location: address.redacted) }
            try c.execute("COMMIT")
        } catch {
            if !c.isClosed { try? c.execute("ROLLBACK") }
            c.close()
            throw ServerConnection.translate(error, address: address, endpoint: address.redacted, user: user)
        }
        return PostgresLog(
            address: address, user: user, password: password, connection: c, header: header, readOnly: false,
            wallClock: wallClock)
    }

    /// Opens the log on the server, refusing a database without one, a newer or older format, or a header that is
    /// not its chain's genesis.
    static func open(
        url: String, login: EventStore.ServerLogin?, readOnly: Bool, wallClock: @escaping @Sendable () -> Instant
    ) throws(StoreError) -> PostgresLog {
        let address = try ServerAddress(url: url)
        let (user, password) = try signIn(address, as: login)
        let c = try ServerConnection.connect(address, user: user, password: password, writable: !readOnly)
        do {
            guard try !c.query("SELECT 1 FROM pg_namespace WHERE nspname = 'vigil'").isEmpty else {
                throw StoreError.other(
                    "\(address.redacted) holds no Vigil log; create one with `vigil log init --db \(address.redacted)`")
            }
            var meta: [String: String] = [:]
            for row in try c.query("SELECT key, value FROM vigil.meta") {
                let (k, v) = try row.decode((String, String).self)
                meta[k] = v
            }
            let format = meta["format"].flatMap(Int.init) ?? 0
            guard format <= ServerSchema.formatVersion else {
                throw StoreError.newerFormat(
                    path: address.redacted, found: format, supported: ServerSchema.formatVersion)
            }
            guard format == ServerSchema.formatVersion else {
                throw StoreError.other(
                    format == 3
                        ? "\(address.redacted) uses server format 3, whose events are unsigned: its administrator brings it to format 4, where every event is signed, with `vigil log upgrade --db ADMIN_URL --as SUPERVISOR` (the supervisor's passphrase is asked for)"
                        : "\(address.redacted) uses server format \(format), from before this Vigil; it cannot be opened here"
                )
            }
            let header = try EventStore.Header(meta: meta, path: address.redacted)
            let first = try c.query("SELECT prev_hash FROM vigil.event WHERE seq = 1").first.map {
                try $0.decode(Data.self)
            }
            try header.checkGenesis(firstPrevHash: first, path: address.redacted)
            if header.training {
                // A training shift may lose its last moments to a server crash, as a SQLite training log may.
                try c.execute("SET synchronous_commit = off")
            }
            return PostgresLog(
                address: address, user: user, password: password, connection: c, header: header,
                login: login, readOnly: readOnly, wallClock: wallClock)
        } catch {
            c.close()
            throw ServerConnection.translate(error, address: address, endpoint: address.redacted, user: user)
        }
    }

    /// Brings a log of server format 3 to format 4 in one transaction: the signature column and the sealed keys'
    /// table are added, every function is made again as this Vigil makes it, and the format is set. The events stay
    /// as they were. `supervisor` must be an enabled supervisor whose role `secret` signs in, checked first.
    static func upgrade(url: String, supervisor: OperatorID, secret: String) throws(StoreError) {
        let address = try ServerAddress(url: url)
        let c = try connectAsAdministrator(address)
        defer { c.close() }
        do {
            guard try !c.query("SELECT 1 FROM pg_namespace WHERE nspname = 'vigil'").isEmpty else {
                throw StoreError.other("\(address.redacted) holds no Vigil log")
            }
            let format = try c.query("SELECT value FROM vigil.meta WHERE key = 'format'").first.map {
                Int(try $0.decode(String.self)) ?? 0
            }
            guard format == 3 else {
                throw StoreError.other(
                    format == ServerSchema.formatVersion
                        ? "\(address.redacted) already signs its events; there is nothing to upgrade"
                        : "\(address.redacted) uses server format \(format ?? 0); only format 3 is upgraded")
            }
            let role = try c.query("SELECT role FROM vigil.authority WHERE operator = \(supervisor)").first.map {
                try $0.decode(String.self)
            }
            guard role == "supervisor" else {
                throw StoreError.other("\(supervisor) is not a supervisor of this log; only a supervisor upgrades it")
            }
            do {
                try ServerConnection.connect(
                    address, user: ServerSchema.loginRole(database: address.database, operator: supervisor),
                    password: secret, writable: false
                ).close()
            } catch {
                throw StoreError.other(
                    "wrong passphrase for \(supervisor), or their role cannot sign in; nothing was changed")
            }
            try c.execute("BEGIN")
            try c.execute("ALTER TABLE vigil.event ADD COLUMN signature bytea NOT NULL DEFAULT '\\x'::bytea")
            for t in ServerSchema.tables where t.contains("CREATE TABLE vigil.sealed_key") { try c.execute(t) }
            let routines = try c.query(
                """
                SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END || p.oid::regprocedure::text
                FROM pg_proc p WHERE p.pronamespace = 'vigil'::regnamespace AND p.proname <> 'refuse_change'
                """
            ).map { try $0.decode(String.self) }
            for r in routines { try c.execute("DROP \(r)") }
            for f in ServerSchema.functions { try c.execute(f.definition) }
            let group = try c.query("SELECT value FROM vigil.meta WHERE key = 'operators_role'")[0].decode(String.self)
            for g in ServerSchema.grants(group: group) { try c.execute(g) }
            // The header is append-only to everyone; its format line changes here, once, with the schema.
            try c.execute("ALTER TABLE vigil.meta DISABLE TRIGGER meta_no_change")
            try c.query("UPDATE vigil.meta SET value = \("\(ServerSchema.formatVersion)") WHERE key = 'format'")
            try c.execute("ALTER TABLE vigil.meta ENABLE TRIGGER meta_no_change")
            try c.execute("COMMIT")
        } catch {
            if !c.isClosed { try? c.execute("ROLLBACK") }
            throw ServerConnection.translate(error, address: address, endpoint: c.endpoint, user: address.user ?? "")
        }
    }

    /// Runs `body` on the connection, making it again first if it was dropped; failures become one sentence.
    @discardableResult
    func withConnection<T>(_ body: (ServerConnection) throws -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            if current.isClosed { current = try reconnect() }
            return try body(current)
        } catch {
            throw ServerConnection.translate(error, address: address, endpoint: current.endpoint, user: user)
        }
    }

    /// An event that cannot be read is passed over here rather than stopping every console: on a server an
    /// operator's role can write one through the append function (as JSON of the right name, which the server checks,
    /// but not of the right shape). It stays in the chain, stamped with its writer, and `log verify` names it.
    func passOver(_ seq: Int64, by op: String, _ error: any Error) {
        quarantineLock.lock()
        defer { quarantineLock.unlock() }
        guard passedOver[seq] == nil else { return }
        passedOver[seq] =
            "event \(seq), written by \(op), cannot be read (\(error)) and is passed over; `vigil log verify` names it"
    }

    /// What was passed over, one sentence per event, oldest first.
    var passedOverWarnings: [String] {
        quarantineLock.lock()
        defer { quarantineLock.unlock() }
        return passedOver.keys.sorted().compactMap { passedOver[$0] }
    }

    /// Replaces the connection with a fresh one.
    func renewConnection() throws(StoreError) {
        lock.lock()
        defer { lock.unlock() }
        current.close()
        current = try reconnect()
    }

    /// A fresh connection with the session settings of the first.
    func reconnect() throws(StoreError) -> ServerConnection {
        let c = try ServerConnection.connect(address, user: user, password: password, writable: !isReadOnly)
        if cachedHeader.training { try? c.execute("SET synchronous_commit = off") }
        return c
    }

    func header() throws(StoreError) -> EventStore.Header { cachedHeader }

    func tail() throws(StoreError) -> LogHead? {
        try withConnection { c in try Self.tail(c) }
    }

    /// The last event's seq and hash on `c`, or nil when the log has none.
    static func tail(_ c: ServerConnection) throws -> LogHead? {
        try c.query("SELECT seq, hash FROM vigil.event ORDER BY seq DESC LIMIT 1").first.map {
            let (seq, hash) = try $0.decode((Int64, Data).self)
            return LogHead(seq: seq, hash: hash)
        }
    }

    func hash(at seq: Int64) throws(StoreError) -> Data? {
        try withConnection { c in
            try c.query("SELECT hash FROM vigil.event WHERE seq = \(seq)").first.map { try $0.decode(Data.self) }
        }
    }

    func lastWrittenAt() throws(StoreError) -> Instant? {
        try withConnection { c in
            try c.query("SELECT recorded_at FROM vigil.event ORDER BY seq DESC LIMIT 1").first.map {
                Instant(stored: try $0.decode(Int64.self))
            }
        }
    }

    func lastSeq() throws(StoreError) -> Int64 {
        try withConnection { c in
            try c.query("SELECT coalesce(max(seq), 0)::bigint FROM vigil.event").first.map {
                try $0.decode(Int64.self)
            } ?? 0
        }
    }

    /// Rows are read in pages, so a million-event log never sits in memory at once.
    static let page = 20_000

    func read(after seq: Int64, limit: Int) throws(StoreError) -> [StoredEvent] {
        try withConnection { c in try self.fetch(c, after: seq, limit: limit) }
    }

    /// Events after `seq`, at most `limit`, up to `through` when given.
    func fetch(_ c: ServerConnection, after seq: Int64, limit: Int, through: Int64 = .max) throws -> [StoredEvent] {
        let cap: Int64? = limit >= Int(Int64.max) ? nil : Int64(limit)
        return try c.query(
            """
            SELECT seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console, payload,
                prev_hash, hash, signature
            FROM vigil.event WHERE seq > \(seq) AND seq <= \(through) ORDER BY seq LIMIT \(cap)
            """
        ).compactMap { row in
            let r = try Self.raw(row)
            let change: Change
            do { change = try EventCoding.change(from: r.payload) } catch {
                passOver(r.seq, by: r.operatorID, error)
                return nil
            }
            return StoredEvent(
                seq: r.seq, eventID: r.eventID, recordedAt: Instant(stored: r.recordedAt),
                event: Event(at: Instant(stored: r.occurredAt), by: Actor(r.operatorID, console: r.console), change),
                prevHash: r.prevHash, hash: r.hash, signature: r.signature,
                intact: EventCoding.chain(prev: r.prevHash, canonical: r.canonical) == r.hash)
        }
    }

    /// One event row (seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console, payload,
    /// prev_hash, hash, signature) as stored.
    static func raw(_ row: PostgresRow) throws -> RawEvent {
        let (s, id, type, version, occurred, recorded, op, console, payload, prev, hash, signature) = try row.decode(
            (Int64, String, String, Int32, Int64, Int64, String, String, String, Data, Data, Data).self)
        return RawEvent(
            seq: s, eventID: id, type: type, schemaVersion: Int(version), occurredAt: occurred,
            recordedAt: recorded, operatorID: op, console: console, payload: payload, prevHash: prev, hash: hash,
            signature: signature)
    }

    /// Reads only what the state needs (no hashes or ids), a page at a time, decoding each payload straight from
    /// the row's bytes: this is what a console waits on at start.
    /// With `chainFrom`, each event's hash is worked out again from its columns, so one edited in place since this
    /// machine checked it is caught at the remembered head.
    func fold(
        after seq: Int64, through: Int64, chainFrom: Data?, into state: inout DispatchState
    ) throws(StoreError) -> (Int64, Data?) {
        var last = seq
        var chain = chainFrom
        while true {
            let rows = try withConnection { c in
                try c.query(
                    """
                    SELECT seq, occurred_at, operator, console, payload, event_id, type, schema_version, recorded_at
                    FROM vigil.event
                    WHERE seq > \(last) AND seq <= \(through) ORDER BY seq LIMIT \(Int64(Self.page))
                    """)
            }
            do {
                for row in rows {
                    let (s, occurred, op, console, payload, id, type, version, recorded) = try row.decode(
                        (Int64, Int64, String, String, ByteBuffer, String, String, Int32, Int64).self)
                    if let prev = chain {
                        chain = EventCoding.chain(
                            prev: prev,
                            canonical: EventCoding.canonical(
                                seq: s, eventID: id, type: type, schemaVersion: Int(version), occurredAt: occurred,
                                recordedAt: recorded, operatorID: op, console: console,
                                payload: String(buffer: payload)))
                    }
                    let change: Change
                    do {
                        change = try payload.withUnsafeReadableBytes { raw in
                            try Change(
                                json: UnsafeBufferPointer(
                                    start: raw.bindMemory(to: UInt8.self).baseAddress, count: raw.count))
                        }
                    } catch {
                        passOver(s, by: op, error)
                        last = s
                        continue
                    }
                    state.apply(Event(at: Instant(stored: occurred), by: Actor(op, console: console), change))
                    last = s
                }
            } catch let e as StoreError {
                throw e
            } catch {
                throw .other("\(location): \(error)")
            }
            if rows.count < Self.page { return (last, chain) }
        }
    }

    func scan(after seq: Int64, _ body: (RawEvent) throws -> Bool) throws {
        var last = seq
        while true {
            let rows: [RawEvent] = try withConnection { c in
                try c.query(
                    """
                    SELECT seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console, payload,
                        prev_hash, hash, signature
                    FROM vigil.event WHERE seq > \(last) ORDER BY seq LIMIT \(Int64(Self.page))
                    """
                ).map(Self.raw)
            }
            for r in rows { guard try body(r) else { return } }
            guard let end = rows.last else { return }
            last = end.seq
        }
    }

    func checkpoint() {}

    /// An operator's own role never writes snapshots (the server refuses them); the administrator's does.
    var writesSnapshots: Bool { login == nil && !isReadOnly }

    /// Drops the schema (DROP is not refused by the triggers, which guard rows) and the roles made for it.
    func discard() {
        _ = try? withConnection { c in
            let roles = try c.query("SELECT role::text FROM vigil.login").map { try $0.decode(String.self) }
            try c.execute("DROP SCHEMA vigil CASCADE")
            for r in roles + [ServerSchema.groupRole(database: address.database)] {
                try? c.execute("DROP ROLE IF EXISTS \(ServerSchema.quoted(r))")
            }
        }
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        current.close()
    }
}
