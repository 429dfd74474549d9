import Foundation

/// What an administrator does to a server outside any one log: making and dropping the databases logs live in
/// (benchmarks and scripts use it; a force's DBA uses their own tools).
public enum ServerAdmin {
    /// Makes an empty database named `name` with the administrator's URL, and returns that URL pointed at it.
    public static func createDatabase(adminURL: String, name: String) throws(StoreError) -> String {
        var address = try ServerAddress(url: adminURL)
        try run(address, "CREATE DATABASE \(ServerSchema.quoted(name))")
        address.database = name
        return address.url
    }

    /// Drops a database and the roles its log made (operators' login roles and their group).
    public static func dropDatabase(adminURL: String, name: String) throws(StoreError) {
        var address = try ServerAddress(url: adminURL)
        var roles: [String] = []
        address.database = name
        if let c = try? PostgresLog.connectAsAdministrator(address) {
            roles = (try? c.query("SELECT role::text FROM vigil.login").map { try $0.decode(String.self) }) ?? []
            c.close()
        }
        address = try ServerAddress(url: adminURL)
        try run(address, "DROP DATABASE IF EXISTS \(ServerSchema.quoted(name)) WITH (FORCE)")
        for r in roles + [ServerSchema.groupRole(database: name)] {
            try? run(address, "DROP ROLE IF EXISTS \(ServerSchema.quoted(r))")
        }
    }

    /// The URL consoles use for a database: the same server, with no user or password in it.
    public static func consoleURL(_ url: String) throws(StoreError) -> String {
        var address = try ServerAddress(url: url)
        address.user = nil
        address.password = nil
        return address.url
    }

    static func run(_ address: ServerAddress, _ sql: String) throws(StoreError) {
        let c = try PostgresLog.connectAsAdministrator(address)
        defer { c.close() }
        do { try c.execute(sql) } catch {
            throw ServerConnection.translate(error, address: address, endpoint: c.endpoint, user: address.user ?? "")
        }
    }
}
