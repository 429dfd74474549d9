import Foundation
import VigilCore

/// The administrator's watch over a log on a server, for what the server cannot do by itself: it ends any session
/// that holds the log's append lock past `lockHold` seconds (only the administrator's own transactions can take it
/// for longer than one statement) and any operator's session left inside a transaction, and it carries the log's lock-out to the server's own sign-ins, which a `psql`
/// guesser goes through without Vigil seeing: each failed sign-in of an operator's role, read from the server's log,
/// is a refused sign-on in the record, the fifth within 15 minutes locks the operator out, and their role is made
/// NOLOGIN until the lock has passed or a supervisor lifts it.
public struct ServerWatch: Sendable {
    /// How long a session may hold the append lock before it is ended, in seconds.
    public static let lockHold = 5.0
    /// How long an operator's session may sit idle inside a transaction, or keep one open at all, before it is
    /// ended, in seconds. Vigil's consoles do neither (each append and read is one statement), and a role's open
    /// transaction can hold rows that others must wait on: its own role's, in the server's catalogue, which a
    /// supervisor disabling it and this watch locking it out both change.
    public static let idleHold = 2.0, transactionHold = 10.0
    /// The console failed server sign-ins are recorded from.
    public static let console: ConsoleID = "server"

    let address: ServerAddress
    let serverLog: String?

    /// `serverLog` is the server's log file, when the watch runs beside the server; without it the server's own
    /// current log file is read (which needs `logging_collector = on`).
    public init(adminURL: String, serverLog: String?) throws(StoreError) {
        address = try ServerAddress(url: adminURL)
        self.serverLog = serverLog
    }

    /// Watches twice a second until `stop` says so, saying each thing it does in one line.
    public func run(say: (String) -> Void, stop: () -> Bool) throws(StoreError) {
        let c = try PostgresLog.connectAsAdministrator(address)
        defer { c.close() }
        let session = try LogSession(store: try EventStore.open(path: address.url), snapshotEvery: 0)
        var log = try ServerLogReader(file: serverLog, c: c, address: address)
        var holding: [String: Date] = [:]
        var nologin: Set<OperatorID> = []
        say(
            "Watching \(address.redacted): the append lock (\(Int(Self.lockHold)) s at most) and sign-ins (\(log.name))."
        )
        do {
            // Roles left unable to sign in by an earlier watch (not a disabled operator's) are this one's to restore.
            nologin = Set(
                try c.query(
                    "SELECT l.operator FROM vigil.login l JOIN pg_roles r ON r.rolname = l.role WHERE NOT r.rolcanlogin"
                ).map { try $0.decode(String.self) }.filter { session.state.operators[$0]?.disabled == false })
            // Failed sign-ins not yet recorded, with when they were seen. A log or a role's row kept busy (a flood
            // of appends, a role holding its own row open) makes the watch wait and try again, never give up: the
            // sixth and seventh attackers stopped it so, and then guessed and changed passwords unwatched.
            var pending: [(role: String, at: Instant)] = []
            var saidBusy = false
            // Its own statements wait a second at most for a lock: the round goes on, and the holder is ended by
            // the rules above in a later round.
            try c.execute("SET lock_timeout = '1s'")
            while !stop() {
                do {
                    holding = try endLongHolders(c, seen: holding, say: say)
                    try endLongTransactions(c, say: say)
                    let seen = Instant(seconds: Int64(Date().timeIntervalSince1970))
                    pending += try log.failedSignIns(c).map { ($0, seen) }
                    while let next = pending.first {
                        try recordFailure(
                            role: next.role, at: next.at, c: c, session: session, nologin: &nologin, say: say)
                        pending.removeFirst()
                    }
                    try restoreLogins(c, session: session, nologin: &nologin, say: say)
                    try restorePasswords(c, say: say)
                    saidBusy = false
                } catch {
                    let e =
                        (error as? StoreError)
                        ?? ServerConnection.translate(
                            error, address: address, endpoint: c.endpoint, user: address.user ?? "")
                    guard case .locked = e else { throw e }
                    if !saidBusy {
                        say(
                            "The log or a role is busy (\(pending.count) failed sign-ins wait to be recorded); trying again."
                        )
                    }
                    saidBusy = true
                }
                usleep(500_000)
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw ServerConnection.translate(error, address: address, endpoint: c.endpoint, user: address.user ?? "")
        }
    }

    /// Ends the sessions that have held the append lock for `lockHold` seconds; returns the holders still watched.
    func endLongHolders(_ c: ServerConnection, seen: [String: Date], say: (String) -> Void) throws -> [String: Date] {
        var now: [String: Date] = [:]
        for row in try c.query(
            """
            SELECT l.pid, a.usename::text, coalesce(a.xact_start::text, '') FROM pg_locks l
            JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'relation' AND l.relation = 'vigil.event'::regclass AND l.granted
                AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
                AND l.mode = 'ExclusiveLock' AND l.pid <> pg_backend_pid()
            """)
        {
            let (pid, user, began) = try row.decode((Int32, String, String).self)
            let key = "\(pid)/\(began)"
            let first = seen[key] ?? Date()
            if Date().timeIntervalSince(first) >= Self.lockHold {
                try c.query("SELECT pg_terminate_backend(\(pid))")
                say("Ended \(user)'s session (pid \(pid)): it held the log's append lock for \(Int(Self.lockHold)) s.")
            } else {
                now[key] = first
            }
        }
        return now
    }

    /// Ends operators' sessions idle inside a transaction for `idleHold` seconds, or in one for `transactionHold`,
    /// whatever they set in their own session (`idle_in_transaction_session_timeout = 0` undoes a role's default).
    func endLongTransactions(_ c: ServerConnection, say: (String) -> Void) throws {
        for row in try c.query(
            """
            SELECT a.pid, a.usename::text, a.state FROM pg_stat_activity a
            WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
                AND a.usename IN (SELECT l.role FROM vigil.login l)
                -- Not an append waiting its turn for the lock (a transaction begun by the statement that waits holds
                -- nothing from before): ending those ended every console's writes during an operator's flood.
                AND NOT (a.wait_event_type IS NOT DISTINCT FROM 'Lock' AND a.xact_start >= a.query_start)
                AND ((a.state LIKE 'idle in transaction%'
                        AND a.state_change < clock_timestamp() - make_interval(secs => \(Self.idleHold)))
                    OR a.xact_start < clock_timestamp() - make_interval(secs => \(Self.transactionHold)))
            """)
        {
            let (pid, user, state) = try row.decode((Int32, String, String).self)
            try c.query("SELECT pg_terminate_backend(\(pid))")
            say(
                state.hasPrefix("idle")
                    ? "Ended \(user)'s session (pid \(pid)): it sat idle inside a transaction for \(Int(Self.idleHold)) s."
                    : "Ended \(user)'s session (pid \(pid)): it kept a transaction open for \(Int(Self.transactionHold)) s."
            )
        }
    }

    /// Records a failed sign-in of an operator's role as a wrong PIN of theirs; when that locks them out, their role
    /// can no longer sign in.
    func recordFailure(
        role: String, at seen: Instant, c: ServerConnection, session: LogSession, nologin: inout Set<OperatorID>,
        say: (String) -> Void
    ) throws {
        guard let op = try c.query("SELECT operator FROM vigil.login WHERE role = \(role)").first?.decode(String.self)
        else { return }
        let now = max(seen, session.state.lastEventAt ?? seen)
        _ = try session.execute(
            .recordRefusedSignOn(reason: SignOnPolicy.wrongPIN), by: Actor(op, console: Self.console), at: now)
        say("A wrong passphrase for \(op) at the server's sign-in; recorded.")
        if session.state.lockedOut(op, at: now) != nil, !nologin.contains(op) {
            try c.execute("ALTER ROLE \(ServerSchema.quoted(role)) NOLOGIN")
            nologin.insert(op)
            say("\(op) is locked out after \(SignOnPolicy.lockAfter) wrong passphrases; their role cannot sign in.")
        }
    }

    /// Puts back the secret Vigil set for any role whose password was changed outside Vigil (PostgreSQL lets a role
    /// change its own, with no record and no length rule).
    func restorePasswords(_ c: ServerConnection, say: (String) -> Void) throws {
        for row in try c.query(
            """
            SELECT l.role::text, l.operator, l.verifier FROM vigil.login l JOIN pg_authid a ON a.rolname = l.role
            WHERE l.verifier IS NOT NULL AND a.rolpassword IS DISTINCT FROM l.verifier
            """)
        {
            let (role, op, verifier) = try row.decode((String, String, String).self)
            try c.execute("ALTER ROLE \(ServerSchema.quoted(role)) PASSWORD \(ServerSchema.literal(verifier))")
            say("\(op)'s password was changed outside Vigil; the passphrase Vigil set is back.")
        }
    }

    /// Lets the roles this watch locked sign in again once the lock has passed or been lifted (not a disabled one's).
    func restoreLogins(
        _ c: ServerConnection, session: LogSession, nologin: inout Set<OperatorID>, say: (String) -> Void
    ) throws {
        guard !nologin.isEmpty else { return }
        try session.refresh()
        let now = Instant(seconds: Int64(Date().timeIntervalSince1970))
        for op in nologin where session.state.lockedOut(op, at: now) == nil {
            nologin.remove(op)
            guard session.state.operators[op]?.disabled == false else { continue }
            try c.query("SELECT vigil.login_role(\(op))").first.map { row in
                let role = try row.decode(String.self)
                try c.execute("ALTER ROLE \(ServerSchema.quoted(role)) LOGIN")
            }
            say("\(op)'s lock-out has passed or been lifted; their role can sign in again.")
        }
    }
}

/// Reads the server's log from where it ended when the watch began, for failed password sign-ins.
struct ServerLogReader {
    let file: String?
    var offset: Int64 = 0
    var current: String?
    var pending = ""

    var name: String { file ?? "the server's own log file" }

    init(file: String?, c: ServerConnection, address: ServerAddress) throws(StoreError) {
        self.file = file
        do {
            if let file {
                guard let h = FileHandle(forReadingAtPath: file) else {
                    throw StoreError.other("the server's log \(file) cannot be read; give its path with --server-log")
                }
                offset = Int64(try h.seekToEnd())
                try? h.close()
            } else {
                current = try c.query("SELECT pg_current_logfile()").first?.decode(String?.self)
                guard let current else {
                    throw StoreError.other(
                        "\(address.redacted) keeps no log file Vigil can read (logging_collector is off); run the watch beside the server and give its log with --server-log FILE"
                    )
                }
                offset = try c.query("SELECT (pg_stat_file(\(current))).size").first?.decode(Int64.self) ?? 0
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .other("the server's log cannot be read: \(error)")
        }
    }

    /// The roles named by failed password sign-ins logged since the last call.
    mutating func failedSignIns(_ c: ServerConnection) throws -> [String] {
        var text = ""
        if let file {
            guard let h = FileHandle(forReadingAtPath: file) else { return [] }
            defer { try? h.close() }
            let end = Int64(try h.seekToEnd())
            if end < offset { offset = 0 }  // rotated or truncated
            try h.seek(toOffset: UInt64(offset))
            let data = try h.readToEnd() ?? Data()
            offset += Int64(data.count)
            text = String(decoding: data, as: UTF8.self)
        } else {
            let now = try c.query("SELECT pg_current_logfile()").first?.decode(String?.self)
            if now != current { current = now; offset = 0 }
            guard let current else { return [] }
            let chunk =
                try c.query("SELECT pg_read_binary_file(\(current), \(offset), 1048576, true)").first?.decode(
                    Data?.self) ?? Data()
            offset += Int64(chunk.count)
            text = String(decoding: chunk, as: UTF8.self)
        }
        pending += text
        var lines = pending.split(separator: "\n", omittingEmptySubsequences: false)
        pending = String(lines.removeLast())
        return lines.compactMap(Self.failedRole)
    }

    /// The role a log line says failed to sign in with a password, or nil. Only the server's own line counts: it
    /// starts at the margin and ends at the role's closing quote. A message anyone can have logged (`RAISE WARNING`
    /// with a newline in it) goes on lines the server indents with a tab, so it is never read as a sign-in.
    static func failedRole(_ line: Substring) -> String? {
        let mark = " FATAL:  password authentication failed for user \""
        guard let first = line.first, !first.isWhitespace, let r = line.range(of: mark), line.last == "\"" else {
            return nil
        }
        // Found by an attacker: a message logged with a carriage return (or another line separator the server does
        // not indent after) put the mark at the end of the server's own line. The server's line has its prefix (time,
        // pid) straight before the mark: no severity of another message (`LOG:  `) and no separator of any kind.
        let separators: Set<Unicode.GeneralCategory> = [.control, .lineSeparator, .paragraphSeparator]
        guard !line[..<r.lowerBound].contains(":  "),
            !line.unicodeScalars.contains(where: { separators.contains($0.properties.generalCategory) })
        else { return nil }
        let role = line[r.upperBound..<line.index(before: line.endIndex)]
        guard !role.isEmpty, !role.contains("\"") else { return nil }
        return String(role)
    }
}
