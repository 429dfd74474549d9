import Foundation
import VigilCore

/// A PostgreSQL log's address, from a `postgres://[user[:password]@]host[:port][,host2[:port2]…]/database?…` URL.
/// Several hosts are tried in order (a primary and its standby). The password, when not in the URL, comes from
/// `PGPASSWORD` (the administrator's) or from the operator's own passphrase.
public struct ServerAddress: Sendable, Hashable {
    public var hosts: [(host: String, port: Int)] {
        get { endpoints.map { ($0.host, $0.port) } }
        set { endpoints = newValue.map { Endpoint(host: $0.host, port: $0.port) } }
    }
    struct Endpoint: Sendable, Hashable {
        var host: String
        var port: Int
    }
    var endpoints: [Endpoint]
    public var user: String?
    public var password: String?
    public var database: String
    /// `disable`, `prefer` (the default, as libpq's), `require` (encrypted, not verified), `verify-full`.
    public var sslMode: String
    /// `sslrootcert=FILE`: the certificate authority a `verify-full` server's certificate is checked against.
    public var rootCertificate: String?

    /// Parses a URL, or says in one sentence what is wrong with it.
    public init(url: String) throws(StoreError) {
        func bad(_ why: String) -> StoreError {
            .other(
                "\(Self.redact(url)) is not a PostgreSQL URL that Vigil can use: \(why) (e.g. postgres://db1.example:5432/vigil?sslmode=require)"
            )
        }
        var rest = Substring(url)
        if rest.hasPrefix("postgres://") {
            rest = rest.dropFirst("postgres://".count)
        } else if rest.hasPrefix("postgresql://") {
            rest = rest.dropFirst("postgresql://".count)
        } else {
            throw bad("it must start with postgres://")
        }
        guard !url.unicodeScalars.contains(where: { $0.isTerminalControl }) else {
            throw bad("it holds control characters")
        }
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw bad("it names no database") }
        let authority = rest[..<slash]
        let dbName = String(rest[rest.index(after: slash)...]).removingPercentEncoding ?? ""
        guard !dbName.isEmpty, !dbName.contains("/") else { throw bad("it names no database") }
        database = dbName
        var hostPart = authority
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            hostPart = authority[authority.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = String(credentials[..<colon]).removingPercentEncoding
                password = String(credentials[credentials.index(after: colon)...]).removingPercentEncoding
            } else {
                user = String(credentials).removingPercentEncoding
            }
            if user?.isEmpty == true { user = nil }
        }
        var found: [Endpoint] = []
        for part in hostPart.split(separator: ",", omittingEmptySubsequences: false) {
            var host = String(part)
            var port = 5432
            if let colon = part.lastIndex(of: ":"), !part.hasSuffix("]") {
                host = String(part[..<colon])
                guard let p = Int(part[part.index(after: colon)...]), (1...65535).contains(p) else {
                    throw bad("its port must be a number from 1 to 65535")
                }
                port = p
            }
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            guard !host.isEmpty else { throw bad("it names no host") }
            found.append(Endpoint(host: host, port: port))
        }
        guard !found.isEmpty, found.count <= 8 else { throw bad("it must name one to eight hosts") }
        endpoints = found
        sslMode = "prefer"
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw bad("\(pair) is not key=value") }
            switch kv[0] {
            case "sslmode":
                guard ["disable", "prefer", "require", "verify-full"].contains(kv[1]) else {
                    throw bad("sslmode must be disable, prefer, require or verify-full")
                }
                sslMode = kv[1]
            case "sslrootcert": rootCertificate = kv[1].removingPercentEncoding
            case "user": user = kv[1].removingPercentEncoding
            case "password": password = kv[1].removingPercentEncoding
            default: throw bad("it has an option Vigil does not know, \(kv[0])")
            }
        }
    }

    /// The URL without its password: what messages and the log's location show.
    public var redacted: String {
        let who = user.map { "\($0)@" } ?? ""
        let where_ = endpoints.map { "\($0.host.contains(":") ? "[\($0.host)]" : $0.host):\($0.port)" }.joined(
            separator: ",")
        return "postgres://\(who)\(where_)/\(database)" + (sslMode == "prefer" ? "" : "?sslmode=\(sslMode)")
    }

    /// The URL with its password (percent-encoded), for making another connection like this one.
    public var url: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s }
        let who = user.map { enc($0) + (password.map { ":" + enc($0) } ?? "") + "@" } ?? ""
        let where_ = endpoints.map { "\($0.host.contains(":") ? "[\($0.host)]" : $0.host):\($0.port)" }.joined(
            separator: ",")
        return "postgres://\(who)\(where_)/\(enc(database))?sslmode=\(sslMode)"
            + (rootCertificate.map { "&sslrootcert=" + enc($0) } ?? "")
    }

    /// A URL with any password taken out, for a message about a URL that did not parse.
    static func redact(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@"), let scheme = url.range(of: "://"), scheme.upperBound < at else {
            return url
        }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":…" + String(url[at...])
    }

    public static func == (a: ServerAddress, b: ServerAddress) -> Bool {
        a.endpoints == b.endpoints && a.user == b.user && a.password == b.password && a.database == b.database
            && a.sslMode == b.sslMode && a.rootCertificate == b.rootCertificate
    }
    public func hash(into h: inout Hasher) {
        h.combine(endpoints); h.combine(user); h.combine(database); h.combine(sslMode)
    }
}
