import Foundation
import Testing
import VigilCore
import VigilForce
@testable import VigilStore

/// The two stores every store test runs against. The server's runs need a PostgreSQL server named by
/// `VIGIL_TEST_POSTGRES` (an administrator's URL); `.ci/run` starts one, so CI never skips them.
enum StoreKind: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// The administrator's URL of the test server, if one is given. Its password is also put in `PGPASSWORD`, as
    /// an administrator's shell would have it, since a log's location never shows the password.
    static let serverURL: String? = {
        guard let url = ProcessInfo.processInfo.environment["VIGIL_TEST_POSTGRES"], !url.isEmpty else { return nil }
        if let password = (try? ServerAddress(url: url))?.password { setenv("PGPASSWORD", password, 1) }
        return url
    }()

    /// Every store this run can test: both when a server is given.
    static var all: [StoreKind] { serverURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// Where a new, empty log can be made: a path in a fresh folder, or a fresh database on the test server.
    func freshLocation() throws -> String {
        switch self {
        case .sqlite: return temporaryPath()
        case .postgres: return try TestServer.newDatabase()
        }
    }

    /// A new log of the demo force here.
    func newLog(training: Bool = false) throws -> EventStore {
        try EventStore.create(
            path: try freshLocation(), forceText: try DemoForce.text(), createdAt: start, training: training,
            durability: training ? .fast : .live, wallClock: { start })
    }
}

/// The test server: a database per test, made by the administrator.
enum TestServer {
    static func admin() throws -> ServerAddress {
        try ServerAddress(url: try #require(StoreKind.serverURL))
    }

    static func connect(_ address: ServerAddress, user: String? = nil, password: String? = nil) throws
        -> ServerConnection
    {
        try ServerConnection.connect(
            address, user: user ?? address.user ?? "postgres", password: user == nil ? address.password : password,
            writable: true)
    }

    /// A log's URL with the administrator's password in it, for another connection of the owner's.
    static func ownerURL(_ location: String) throws -> String {
        var a = try ServerAddress(url: location)
        a.password = try admin().password
        return a.url
    }

    /// A fresh database's URL, as the administrator.
    static func newDatabase() throws -> String {
        var address = try admin()
        let c = try connect(address)
        defer { c.close() }
        let name = "vigil_t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try c.execute("CREATE DATABASE \(name)")
        address.database = name
        return address.url
    }
}

@Suite("the test set-up")
struct TestSetUpTests {
    /// CI must run the server's tests, never skip them.
    @Test func ciHasATestServer() {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            #expect(StoreKind.serverURL != nil, "CI sets VIGIL_TEST_POSTGRES (see .ci/run)")
        }
    }
}
