import Foundation
import VigilCore
import VigilForce
import VigilStore

/// Live logs for tests, made as `vigil log init` makes them and with PINs given as people give them: a supervisor
/// sets each, and its holder chooses it again at their first sign-on (a PIN a supervisor sets works once).
public enum TestLogs {
    /// A new live log of the demo force whose first supervisor, S001, has `pin`.
    public static func live(path: String, at createdAt: Instant, pin: String) throws -> EventStore {
        try EventStore.create(
            path: path, forceText: try DemoForce.text(), createdAt: createdAt,
            firstCredential: try EventStore.prepareCredential(pin, for: "S001"))
    }

    /// Gives each of `operators` the PIN `pin`, set by S001 (whose PIN is `bossPIN`) and then chosen by them.
    public static func givePINs(
        _ operators: [OperatorID], pin: String, on store: EventStore, bossPIN: String, at now: Instant
    ) throws {
        let session = try LogSession(store: store)
        guard try session.prove(bossPIN, for: "S001") else { throw StoreError.other("S001's PIN does not open") }
        let boss = Actor("S001", console: "test")
        for op in operators where op != "S001" {
            _ = try session.setPIN(pin, for: op, by: boss, at: now).get()
            guard try session.prove(pin, for: op) else { throw StoreError.other("\(op)'s new PIN does not open") }
            _ = try session.setPIN(pin, for: op, by: Actor(op, console: "test"), at: now).get()
        }
        try session.close()
    }
}
