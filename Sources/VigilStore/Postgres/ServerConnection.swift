import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to a PostgreSQL server, used synchronously: the store's API is synchronous, like SQLite's, so each
/// call waits for the server's reply on the calling thread (never on an event loop). One caller at a time.
final class ServerConnection: @unchecked Sendable {
    let connection: PostgresConnection
    let address: ServerAddress
    /// The endpoint this connection reached, for messages.
    let endpoint: String
    private let lock = NSLock()

    /// Library logging is off: the console owns the terminal, and failures reach the user as one sentence each.
    static let logger = Logger(label: "vigil.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(connection: PostgresConnection, address: ServerAddress, endpoint: String) {
        self.connection = connection
        self.address = address
        self.endpoint = endpoint
    }

    /// Connects to the first host in the address that answers (and, when `writable`, is not a standby), as `user`.
    static func connect(
        _ address: ServerAddress, user: String, password: String?, writable: Bool
    ) throws(StoreError) -> ServerConnection {
        var reasons: [String] = []
        for e in address.endpoints {
            do {
                let c = try connectOne(address, host: e.host, port: e.port, user: user, password: password)
                if writable, address.endpoints.count > 1 {
                    // A standby answers reads only: with several hosts, the primary is the one not in recovery.
                    let standby = try c.query("SELECT pg_is_in_recovery()").first.map { try $0.decode(Bool.self) }
                    if standby == true {
                        c.close()
                        reasons.append("\(e.host):\(e.port) is a standby")
                        continue
                    }
                }
                return c
            } catch let error as StoreError {
                // A refused sign-in is the same on every host: say it at once.
                if case .other(let text) = error, text.contains("refused the sign-in") { throw error }
                reasons.append(error.message)
            } catch {
                reasons.append("\(e.host):\(e.port): \(error)")
            }
        }
        throw .other(
            "the log's server cannot be reached at \(address.redacted) (\(reasons.joined(separator: "; "))); check the URL and that the server is running"
        )
    }

    private static func connectOne(
        _ address: ServerAddress, host: String, port: Int, user: String, password: String?
    ) throws -> ServerConnection {
        var config = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: address.database,
            tls: try tls(address, host: host))
        config.options.connectTimeout = .seconds(5)
        // Session settings go in the start-up packet, not as statements after it: a console at another site pays no
        // extra round trips. A writer stuck holding the append lock gives the others one sentence after 5 s, not a hang.
        config.options.additionalStartupParameters = [
            ("application_name", "vigil"), ("lock_timeout", "5s"), ("statement_timeout", "60s"),
        ]
        let future = PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: config, id: 1, logger: logger)
        do {
            let c = try future.wait()
            return ServerConnection(connection: c, address: address, endpoint: "\(host):\(port)")
        } catch {
            throw translate(error, address: address, endpoint: "\(host):\(port)", user: user)
        }
    }

    static func tls(_ address: ServerAddress, host: String) throws -> PostgresConnection.Configuration.TLS {
        switch address.sslMode {
        case "disable": return .disable
        case "verify-full":
            var c = TLSConfiguration.makeClientConfiguration()
            if let root = address.rootCertificate {
                c.trustRoots = .file(root)
            }
            return .require(try NIOSSLContext(configuration: c))
        default:
            // `require` and `prefer` encrypt without checking the certificate, as libpq does.
            var c = TLSConfiguration.makeClientConfiguration()
            c.certificateVerification = .none
            let context = try NIOSSLContext(configuration: c)
            return address.sslMode == "require" ? .require(context) : .prefer(context)
        }
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ q: PostgresQuery) throws -> [PostgresRow] {
        lock.lock()
        defer { lock.unlock() }
        // A closed connection's futures may never complete: refuse at once instead of waiting forever.
        guard !connection.isClosed else { throw StoreError.other("the connection to \(endpoint) was lost") }
        return Array(try connection.query(q, logger: Self.logger).wait().rows)
    }

    /// Runs one statement given as text, without parameters (schema definitions).
    func execute(_ sql: String) throws {
        try query(PostgresQuery(unsafeSQL: sql))
    }

    var isClosed: Bool { connection.isClosed }

    func close() {
        guard !connection.isClosed else { return }
        _ = try? connection.close().wait()
    }

    // postgres-nio requires a connection to be closed before it goes.
    deinit { close() }

    /// A server's error as one sentence.
    static func translate(_ error: any Error, address: ServerAddress, endpoint: String, user: String) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let p = error as? PSQLError else {
            return .other("\(endpoint): \(error)")
        }
        let state = p.serverInfo?[.sqlState] ?? ""
        let message = p.serverInfo?[.message] ?? ""
        switch (p.code, state) {
        case (_, "28P01"), (_, "28000"):
            return .other(
                "the server at \(endpoint) refused the sign-in for \(user): wrong user or passphrase, or not allowed from here"
            )
        case (_, "3D000"):
            return .other("the server at \(endpoint) has no database \(address.database); check the URL")
        case (_, "55P03"):
            return .locked(path: address.redacted)
        case (_, "57P01"), (_, "57P02"), (_, "57P03"):
            return .other("the server at \(endpoint) is shutting down or starting (\(message)); try again shortly")
        case (.server, _):
            return .other("the server at \(endpoint) refused: \(message)")
        case (.sslUnsupported, _):
            return .other(
                "the server at \(endpoint) does not offer TLS, and the URL asks for sslmode=\(address.sslMode)")
        case (.serverClosedConnection, _), (.uncleanShutdown, _):
            return .other("the connection to \(endpoint) was lost")
        default:
            if case .connectionError = p.code, let underlying = p.underlying {
                // NIO's own text names every address tried; the user needs the gist.
                let text = "\(underlying)"
                if text.contains("refused") { return .other("\(endpoint) refused the connection") }
                if text.lowercased().contains("timed out") || text.contains("connectTimeout") {
                    return .other("\(endpoint) did not answer within 5 s")
                }
                if text.contains("UnknownHost") || text.contains("NXDOMAIN") {
                    return .other("\(endpoint): no such host")
                }
                return .other("\(endpoint): \(text.prefix(120))")
            }
            return .other("\(endpoint): \(p.code)")
        }
    }
}
