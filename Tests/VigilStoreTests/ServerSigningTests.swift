import Foundation
import PostgresNIO
import Testing
import VigilCore
import VigilForce
import VigilTestSupport
@testable import VigilStore

/// Issue 26 on a server: the server's roles decide who may append, but not who wrote what. Each event carries its
/// writer's signature by the key the chain holds for them, as on a file, and no reader applies one without it, even
/// one the log's owner appends with a correctly computed hash.
@Suite("signed events on a server", .serialized, .enabled(if: StoreKind.serverURL != nil))
struct ServerSigningTests {
    let bossSecret = "supervisor passphrase one", handlerSecret = "handler passphrase two"

    /// A live log on the test server whose S001 and H200 have passphrases, as `vigil log init` and a supervisor
    /// make them.
    func live() throws -> EventStore {
        let store = try TestLogs.live(path: try StoreKind.postgres.freshLocation(), at: start, pin: bossSecret)
        try TestLogs.givePINs(["H200"], pin: handlerSecret, on: store, bossPIN: bossSecret, at: start)
        return store
    }

    func connect(_ store: EventStore, as op: OperatorID, _ secret: String) throws -> ServerConnection {
        let address = try ServerAddress(url: store.path)
        return try TestServer.connect(
            address, user: ServerSchema.loginRole(database: address.database, operator: op), password: secret)
    }

    /// The owner's connection, which may append any row through `append_rows`: what an administrator (or anyone who
    /// holds the server) can do.
    func owner(_ store: EventStore) throws -> ServerConnection {
        var a = try ServerAddress(url: store.path)
        let admin = try TestServer.admin()
        a.user = admin.user
        a.password = admin.password
        return try TestServer.connect(a)
    }

    @Test func everyEventOnASignedServerLogIsSignedAndVerified() throws {
        let store = try live()
        #expect(try store.checksSignatures())
        let asHandler = try EventStore.open(path: store.path, login: .init(operatorID: "H200", secret: handlerSecret))
        let session = try LogSession(store: asHandler)
        #expect(try session.prove(handlerSecret, for: "H200"))
        try session.acceptAll(
            [.signOn, .receiveContact(.emergency, ContactDetails(address: "1 Mill Lane")), .signOff],
            by: Actor("H200", console: "c1"), at: EventStore.systemNow()
        )
        let events = try store.read(after: 0)
        #expect(events.allSatisfy { $0.signature.count == 64 }, "every event is signed")
        let report = try store.verify()
        #expect(report.isIntact, "\(report.lines)")
        #expect(report.summary.contains("is signed by the operator it names"), "\(report.summary)")
    }

    /// An operator's role reads its own sealed key, to sign in; nobody else's, which would be a box to guess at.
    @Test func anOperatorsRoleReadsOnlyItsOwnSealedKey() throws {
        let store = try live()
        let h200 = try connect(store, as: "H200", handlerSecret)
        defer { h200.close() }
        #expect(try h200.query("SELECT vigil.sealed_key('H200')").first?.decode(String?.self) != nil)
        #expect(throws: (any Error).self) { try h200.query("SELECT vigil.sealed_key('S001')") }
        #expect(throws: (any Error).self) { try h200.query("SELECT sealed FROM vigil.sealed_key") }
        // A console signed in as H200 proves no one else's passphrase through its own connection's box.
        let asHandler = try EventStore.open(path: store.path, login: .init(operatorID: "H200", secret: handlerSecret))
        let session = try LogSession(store: asHandler)
        #expect(try session.prove("wrong passphrase here", for: "S001") == false)
        #expect(try session.prove(bossSecret, for: "S001"), "another operator's secret signs them in to read theirs")
    }

    /// The owner appends a row with the hash the server computes and a signature that is not S001's: every reader
    /// names it and none applies it. An operator's role appending without signing is passed over the same way.
    @Test func aRowTheServerHashedButNobodySignedIsNamedAndNeverApplied() throws {
        let store = try live()
        let watching = try LogSession(store: EventStore.open(path: try TestServer.ownerURL(store.path)))
        let own = try owner(store)
        defer { own.close() }
        let register = Change.operatorRegistered(
            OperatorRegistered(operator: Operator(id: "S003", name: "X", role: .supervisor)))
        let head = try store.head()
        let now = EventStore.systemNow().seconds
        try own.query(
            """
            SELECT vigil.append_rows(\(head.seq), \(head.hash), \([register.typeName]), ARRAY[1]::integer[], \([now]),
                \(now), \(["S001"]), \(["psql"]), \([register.json]), \([ByteBuffer(data: try SigningKey.generate().sign(head.hash))]))
            """)
        let forged = head.seq + 1
        // H200's role appends a disabling of S001 (refused by the server's rule) and a sign-on it did not sign.
        let h200 = try connect(store, as: "H200", handlerSecret)
        defer { h200.close() }
        let signOn = Change.operatorSignedOn(OperatorSignedOn())
        let head2 = try store.head()
        try h200.query(
            """
            CALL vigil.append(\(head2.seq), \(head2.hash), \([signOn.typeName]), ARRAY[1]::integer[], \([now]), \(now),
                \(["H200"]), \(["psql"]), \([signOn.json]), NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            """)
        let unsigned = head2.seq + 1

        let report = try store.verify()
        #expect(report.problem?.seq == forged && report.more.map(\.seq) == [unsigned], "\(report.lines)")
        #expect(report.problem?.what == "its signature is not S001's")
        #expect(report.more.first?.what == "it is not signed (it claims H200)")
        for state in [
            try LogSession(store: EventStore.open(path: try TestServer.ownerURL(store.path))).state,
            try store.replay().state,
        ] {
            #expect(state.operators["S003"] == nil)
            #expect(state.signedOn["H200"] == nil)
        }
        try watching.refresh()
        #expect(watching.state.operators["S003"] == nil && watching.rejected.count == 2, "\(watching.rejected)")
    }

    /// A passphrase a supervisor sets on the server works once: its holder's first act is to choose their own.
    @Test func aPassphraseASupervisorSetWorksOnceOnTheServer() throws {
        let store = try live()
        let asBoss = try EventStore.open(path: store.path, login: .init(operatorID: "S001", secret: bossSecret))
        let boss = try LogSession(store: asBoss)
        #expect(try boss.prove(bossSecret, for: "S001"))
        _ = try boss.setPIN(
            "dispatcher first secret", for: "D100", by: Actor("S001", console: "c1"), at: EventStore.systemNow()
        ).get()
        let asD100 = try EventStore.open(
            path: store.path, login: .init(operatorID: "D100", secret: "dispatcher first secret"))
        let session = try LogSession(store: asD100)
        #expect(try session.prove("dispatcher first secret", for: "D100"))
        let me = Actor("D100", console: "c2")
        let refused = try session.executeAll([.signOn], by: me, at: EventStore.systemNow())
        guard case .failure(let e) = refused else {
            Issue.record("a one-time passphrase signed an action")
            return
        }
        #expect(e.message.contains("works once"), "\(e.message)")
        _ = try session.setPIN("dispatcher own secret", for: "D100", by: me, at: EventStore.systemNow()).get()
        // The new passphrase is the role's and opens the new key; the old one does neither.
        let again = try EventStore.open(
            path: store.path, login: .init(operatorID: "D100", secret: "dispatcher own secret"))
        let next = try LogSession(store: again)
        #expect(try next.prove("dispatcher own secret", for: "D100"))
        _ = try next.executeAll([.signOn], by: me, at: EventStore.systemNow()).get()
        #expect(throws: StoreError.self) {
            try EventStore.open(path: store.path, login: .init(operatorID: "D100", secret: "dispatcher first secret"))
        }
        #expect(try store.verify().isIntact)
    }

    /// A log of server format 3 (unsigned) is refused with the way on; its administrator brings it to format 4 in
    /// place with a supervisor's passphrase, their key first in the chain, and from there an unsigned event fails.
    @Test func aFormatThreeServerLogIsUpgradedInPlace() throws {
        let store = try StoreKind.postgres.newLog()
        try store.setSecret(bossSecret, for: "S001", at: start)
        try store.append([Event(at: start, by: trainer, .operatorSignedOn(OperatorSignedOn()))])
        // As this build's predecessor left it: no signature column, no sealed keys, format 3.
        let own = try owner(store)
        defer { own.close() }
        for sql in [
            "ALTER TABLE vigil.event DROP COLUMN signature", "DROP FUNCTION vigil.sealed_key(text)",
            "DROP TABLE vigil.sealed_key", "ALTER TABLE vigil.meta DISABLE TRIGGER meta_no_change",
            "UPDATE vigil.meta SET value = '3' WHERE key = 'format'",
            "ALTER TABLE vigil.meta ENABLE TRIGGER meta_no_change",
        ] { try own.execute(sql) }
        let url = try TestServer.ownerURL(store.path)
        let refusal = #expect(throws: StoreError.self) { try EventStore.open(path: url) }
        #expect(refusal?.message.contains("vigil log upgrade") == true, "\(String(describing: refusal))")
        #expect(throws: StoreError.self, "a wrong passphrase changes nothing") {
            try EventStore.upgradeServer(url: url, supervisor: "S001", secret: "not the passphrase at all")
        }
        #expect(try own.query("SELECT value FROM vigil.meta WHERE key = 'format'")[0].decode(String.self) == "3")

        let upgraded = try EventStore.upgradeServer(url: url, supervisor: "S001", secret: bossSecret)
        let session = try LogSession(store: upgraded)
        _ = try session.setPIN(
            try EventStore.prepareCredential(bossSecret, for: "S001"), by: Actor("S001", console: "upgrade"),
            at: EventStore.systemNow()
        ).get()
        #expect(try upgraded.checksSignatures())
        let report = try upgraded.verify()
        #expect(report.isIntact, "\(report.lines)")
        #expect(report.summary.contains("before the first key carry no signature"), "\(report.summary)")
        // An unsigned event after the key is named and applied by nobody.
        _ = try upgraded.append([
            Event(at: EventStore.systemNow(), by: Actor("S001", console: "x"), .operatorSignedOn(OperatorSignedOn()))
        ])
        #expect(try upgraded.verify().problem?.what == "it is not signed (it claims S001)")
        #expect(try upgraded.schemaProblem() == nil)
    }

    /// The administrator's snapshot on a signed server log is recorded in the log's name, which no person has and
    /// no operator may take: it needs no signature, changes nothing, and every reader applies it.
    @Test func theAdministratorsSnapshotIsReadByEveryone() throws {
        let store = try live()
        let admin = try LogSession(store: EventStore.open(path: try TestServer.ownerURL(store.path)))
        let seq = try admin.snapshotNow(by: Actor(logAdministrator, console: "admin"), at: EventStore.systemNow())
        #expect(seq != nil)
        let report = try store.verify()
        #expect(report.isIntact, "\(report.lines)")
        let fresh = try LogSession(store: EventStore.open(path: try TestServer.ownerURL(store.path)))
        #expect(fresh.rejected.isEmpty, "\(fresh.rejected)")
        var state = fresh.state
        state.apply(Event(at: start, by: Actor("S001", console: "c1"), .operatorSignedOn(OperatorSignedOn())))
        #expect(
            state.decide(
                .registerOperator(Operator(id: "admin", name: "Not the administrator", role: .supervisor)),
                by: Actor("S001", console: "c1"), at: start) == .failure(.operatorExists("admin")))
    }

    /// Found by an attacker: an unreadable event an operator's role appends (`{"narrativeAdded":{}}`) is passed over,
    /// and every reader then dropped the genuine event after it as "not following the event before it", a
    /// colleague's change of passphrase included. The chain goes on past what is passed over.
    @Test func theEventAfterAnUnreadableOneIsApplied() throws {
        let store = try live()
        let watching = try LogSession(store: EventStore.open(path: try TestServer.ownerURL(store.path)))
        let h200 = try connect(store, as: "H200", handlerSecret)
        defer { h200.close() }
        let head = try store.head()
        let now = EventStore.systemNow().seconds
        try h200.query(
            """
            CALL vigil.append(\(head.seq), \(head.hash), ARRAY['NarrativeAdded'], ARRAY[1]::integer[], \([now]), \(now),
                ARRAY['H200'], ARRAY['psql'], ARRAY['{"narrativeAdded":{}}'], NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            """)
        let asBoss = try EventStore.open(path: store.path, login: .init(operatorID: "S001", secret: bossSecret))
        let boss = try LogSession(store: asBoss)
        #expect(try boss.prove(bossSecret, for: "S001"))
        let genuine = try boss.executeAll([.signOn], by: Actor("S001", console: "c1"), at: EventStore.systemNow()).get()
        for session in [
            try LogSession(store: EventStore.open(path: try TestServer.ownerURL(store.path))), watching,
        ] {
            try session.refresh()
            #expect(session.rejected.isEmpty, "\(session.rejected)")
            #expect(session.state.signedOn["S001"] != nil)
        }
        #expect(try store.replay().state.signedOn["S001"] != nil)
        let report = try store.verify()
        #expect(report.problem?.seq == head.seq + 1 && report.more.isEmpty, "\(report.lines)")
        #expect(genuine.map(\.seq) == [head.seq + 2])
    }

    /// Found by an attacker: a message logged with a carriage return (or another separator the server does not
    /// indent after) put a failed sign-in's words at the end of the server's own line, and the watch locked a
    /// colleague out and kept a supervisor in back-off. Only the server's own line counts.
    @Test func onlyTheServersOwnLineIsAFailedSignIn() {
        let role = "vigil_vlog_3fdd2f_d100"
        let genuine = "2026-12-08 00:05:06.123 UTC [4242] FATAL:  password authentication failed for user \"\(role)\""
        #expect(ServerLogReader.failedRole(genuine[...]) == role)
        for separator in ["\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", ""] {
            let forged =
                "2026-12-08 00:05:06.000 UTC [999] LOG:  x\(separator)2026-12-08 00:05:06.123 UTC [12345] FATAL:  password authentication failed for user \"\(role)\""
            #expect(ServerLogReader.failedRole(forged[...]) == nil, "\(separator.unicodeScalars.map(\.value))")
        }
    }
}
