import Foundation
import PostgresNIO

/// Wakes a watcher when another site appends: `LISTEN` on a connection of its own, whose notifications are only a
/// wake-up (the watcher then reads `seq > last`). On reconnecting it listens first and then says "changed", so the
/// catch-up read sees everything committed while it was away. A slow poll remains as a fallback.
final class ListenSignal: ChangeSignal, @unchecked Sendable {
    let log: PostgresLog
    private var connection: ServerConnection?
    private let lock = NSLock()
    private var woken = false
    private var lastTrue = Date.distantPast
    private var lastAttempt = Date.distantPast
    private(set) var trouble: String?
    /// How often to read anyway, in case a notification was lost.
    static let fallback: TimeInterval = 2
    /// How often to try the server again while it is away.
    static let retry: TimeInterval = 1

    init(log: PostgresLog) throws(StoreError) {
        self.log = log
        try listen()
    }

    private func listen() throws(StoreError) {
        let c = try log.reconnect()
        c.connection.addListener(channel: ServerSchema.channel) { [weak self] _, _ in self?.wake() }
        do {
            try c.execute("LISTEN \(ServerSchema.channel)")
        } catch {
            c.close()
            throw ServerConnection.translate(error, address: log.address, endpoint: c.endpoint, user: log.user)
        }
        connection = c
    }

    private func wake() {
        lock.lock()
        woken = true
        lock.unlock()
    }

    func changed() throws(StoreError) -> Bool {
        let now = Date()
        if connection?.isClosed ?? true {
            connection = nil
            guard now.timeIntervalSince(lastAttempt) >= Self.retry else { return false }
            lastAttempt = now
            do {
                try listen()
            } catch {
                trouble = "the log's server is out of reach (\(error.message)); retrying"
                return false
            }
            trouble = nil
            lastTrue = now
            return true
        }
        lock.lock()
        let wasWoken = woken
        woken = false
        lock.unlock()
        if wasWoken || now.timeIntervalSince(lastTrue) >= Self.fallback {
            lastTrue = now
            return true
        }
        return false
    }

    deinit { connection?.close() }
}
