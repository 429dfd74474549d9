import Foundation

/// What a log does when its synchronous standby goes away. PostgreSQL itself only waits: every commit then holds the
/// append lock until the standby is back. The watch, run by the administrator beside the primary, carries out the
/// chosen policy and marks the log as one that has a standby, so every console shows "NO STANDBY" while it is gone.
public struct StandbyWatch {
    public enum Policy: Sendable, Equatable {
        /// Commits wait for the standby, however long (PostgreSQL's own behaviour; the default).
        case wait
        /// After this many seconds without a standby, commits go on without one until it is back.
        case goOn(after: Double)
    }

    let address: ServerAddress
    let policy: Policy

    public init(adminURL: String, policy: Policy) throws(StoreError) {
        address = try ServerAddress(url: adminURL)
        self.policy = policy
    }

    /// Watches once a second until `stop` says so, saying each change of state in one line.
    public func run(say: (String) -> Void, stop: () -> Bool) throws(StoreError) {
        let c = try PostgresLog.connectAsAdministrator(address)
        defer { c.close() }
        func names() throws -> String {
            try c.query("SELECT current_setting('synchronous_standby_names')")[0].decode(String.self)
        }
        do {
            guard try !c.query("SELECT 1 FROM pg_namespace WHERE nspname = 'vigil'").isEmpty else {
                throw StoreError.other("\(address.redacted) holds no Vigil log")
            }
            let wanted = try names()
            guard !wanted.isEmpty else {
                throw StoreError.other(
                    "\(address.redacted) has no synchronous standby configured (synchronous_standby_names is empty)")
            }
            try c.execute("INSERT INTO vigil.meta (key, value) VALUES ('standby', 'expected') ON CONFLICT DO NOTHING")
            say("Watching the standby (\(wanted)) of \(address.redacted); policy: \(describe(policy)).")
            var missingSince: Date?
            var released = false
            while !stop() {
                let streaming =
                    try c.query(
                        "SELECT count(*)::bigint FROM pg_stat_replication WHERE state = 'streaming'"
                    )[0].decode(Int64.self) > 0
                if streaming {
                    if released {
                        try c.execute("ALTER SYSTEM SET synchronous_standby_names = \(ServerSchema.literal(wanted))")
                        try c.execute("SELECT pg_reload_conf()")
                        released = false
                        say("The standby is back: commits wait for it again.")
                    } else if missingSince != nil {
                        say("The standby is back.")
                    }
                    missingSince = nil
                } else {
                    if missingSince == nil {
                        missingSince = Date()
                        say("No standby: commits wait for it" + (policy == .wait ? "." : ", for now."))
                    }
                    if case .goOn(let after) = policy, !released, let since = missingSince,
                        Date().timeIntervalSince(since) >= after
                    {
                        try c.execute("ALTER SYSTEM SET synchronous_standby_names = ''")
                        try c.execute("SELECT pg_reload_conf()")
                        released = true
                        say("No standby for \(Int(after)) s: commits go on without one; consoles show NO STANDBY.")
                    }
                }
                usleep(500_000)
            }
        } catch {
            throw ServerConnection.translate(error, address: address, endpoint: c.endpoint, user: address.user ?? "")
        }
    }

    func describe(_ p: Policy) -> String {
        switch p {
        case .wait: "commits wait for the standby"
        case .goOn(let after): "after \(Int(after)) s without a standby, commits go on without one"
        }
    }
}
