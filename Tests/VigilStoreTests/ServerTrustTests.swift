import Foundation
import PostgresNIO
import Testing
import VigilCore
import VigilForce
@testable import VigilStore

/// The server is the trust boundary: what an operator's own login role can and cannot do to a log on PostgreSQL,
/// whatever client they use.
@Suite("a log on a server", .enabled(if: StoreKind.serverURL != nil))
struct ServerTrustTests {
    let signOn = Event(at: start, by: trainer, .operatorSignedOn(OperatorSignedOn()))

    /// A new log, an operator with a login role on it, and a connection as that role.
    func logWithOperator(_ op: String = "D100", secret: String = "amber lantern quay") throws -> (
        EventStore, ServerConnection, ServerAddress
    ) {
        let store = try StoreKind.postgres.newLog()
        try store.setSecret(secret, for: op, at: start)
        let address = try ServerAddress(url: store.path)
        let c = try TestServer.connect(
            address, user: ServerSchema.loginRole(database: address.database, operator: op), password: secret)
        return (store, c, address)
    }

    /// The owner's connection to a log's database.
    func owner(_ address: ServerAddress) throws -> ServerConnection {
        var a = address
        let admin = try TestServer.admin()
        a.user = admin.user
        a.password = admin.password
        return try TestServer.connect(a)
    }

    /// Runs the administrator's watch over `store` on another thread, what it says going to `said`, until the
    /// returned function is called.
    func watch(_ store: EventStore, serverLog: String, saying said: Failures) throws -> () -> Void {
        // One watch at a time: they share the server's log and its connection slots, and one test's wrong sign-ins
        // (auth_delay holds each half a second) slowed another's watch past its deadline.
        Self.oneWatch.wait()
        let watch = try ServerWatch(adminURL: try TestServer.ownerURL(store.path), serverLog: serverLog)
        let stop = Failures(), done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            do { try watch.run(say: { said.add($0) }, stop: { !stop.all.isEmpty }) } catch {
                said.add("error: \(error)")
            }
            done.signal()
        }
        // It reads the server's log from where it stands when it starts: a sign-in before then is not its to see.
        let started = Date()
        while !said.all.contains(where: { $0.hasPrefix("Watching") }), Date().timeIntervalSince(started) < 10 {
            usleep(50_000)
        }
        return {
            stop.add("stop")
            _ = done.wait(timeout: .now() + 10)
            Self.oneWatch.signal()
        }
    }

    static let oneWatch = DispatchSemaphore(value: 1)

    /// The server's own log, which `Scripts/pg-server.sh` keeps beside its data directory.
    static func serverLog(_ own: ServerConnection) throws -> String {
        let data = try own.query("SELECT current_setting('data_directory')")[0].decode(String.self)
        let serverLog = (data as NSString).deletingLastPathComponent + "/server.log"
        try #require(FileManager.default.isReadableFile(atPath: serverLog), "Scripts/pg-server.sh keeps \(serverLog)")
        return serverLog
    }

    func refused(_ c: ServerConnection, _ sql: String) -> Bool {
        do {
            try c.execute(sql)
            return false
        } catch {
            return true
        }
    }

    @Test func updateDeleteAndTruncateAreRefusedToEveryRoleAndTheOwner() throws {
        let (store, op, address) = try logWithOperator()
        try store.append([signOn])
        let own = try owner(address)
        defer { op.close(); own.close() }
        try store.recordAccess(AccessEntry(at: start, operatorID: "D100", console: "c", record: "C1", what: "caller"))
        for c in [op, own] {
            // (Snapshots have no rows yet: the owner's UPDATE of nothing changes nothing, so only TRUNCATE is tried.)
            for (table, column) in [("event", "seq"), ("meta", "value"), ("access", "at")] {
                #expect(refused(c, "UPDATE vigil.\(table) SET \(column) = \(column)"))
                #expect(refused(c, "DELETE FROM vigil.\(table)"))
            }
            for table in ["event", "meta", "snapshot", "access"] {
                #expect(refused(c, "TRUNCATE vigil.\(table)"))
            }
        }
        #expect(try store.verify().summary == "OK: 1 events, chain intact, last seq 1")
    }

    @Test func anOperatorsRoleCannotInsertOrReadSecrets() throws {
        let (_, op, _) = try logWithOperator()
        defer { op.close() }
        #expect(
            refused(
                op,
                """
                INSERT INTO vigil.event (seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console,
                    payload, prev_hash, hash) VALUES (1, 'x-1', 'OperatorSignedOn', 1, 0, 0, 'S001', 'c', '{}', '', '')
                """))
        #expect(
            refused(
                op, "INSERT INTO vigil.access (at, operator, console, record, what) VALUES (0, 'S001', 'c', 'r', 'w')"))
        #expect(refused(op, "INSERT INTO vigil.login (role, operator) VALUES ('x', 'S001')"))
        #expect(refused(op, "SELECT rolpassword FROM pg_authid"))
        #expect(refused(op, "SELECT vigil.writer()"), "only the log's own functions call it")
        #expect(refused(op, "SELECT vigil.has_login('S001')") == false)
        // Setting another operator's secret without the event that records it is refused.
        #expect(
            refused(
                op, "SELECT vigil.set_login('S001', '\(ScramVerifier.make("hijacked passphrase", salt: [1, 2, 3]))')"))
    }

    @Test func anAppendClaimingAnotherOperatorIsStampedWithTheCallersOwn() throws {
        let (store, op, _) = try logWithOperator()
        op.close()
        let asD100 = try EventStore.open(
            path: store.path, login: .init(operatorID: "D100", secret: "amber lantern quay"))
        let stored = try asD100.append([
            Event(at: EventStore.systemNow(), by: Actor("S001", console: "forged"), signOn.change)
        ])
        #expect(stored.map(\.event.operatorID) == ["D100"])
        #expect(try store.read(after: 0).map(\.event.operatorID) == ["D100"])
        #expect(try store.verify().isIntact)
    }

    /// A dispatcher who writes the events by hand still cannot take over the supervisor's login, make themselves or
    /// anyone a supervisor, or disable anyone: the server holds logins to decide's rule. Their own secret they may set.
    @Test func anOperatorCannotGiveThemselvesAnotherLogin() throws {
        let (store, op, _) = try logWithOperator()
        defer { op.close() }
        try store.setSecret("supervisor's own passphrase", for: "S001", at: start)
        func appendByHand(_ change: Change) throws {
            try byHand(op, store, type: change.typeName, payload: change.json)
        }
        func inOneTransaction(_ body: () throws -> Void) -> Bool {
            do {
                try op.execute("BEGIN")
                try body()
                try op.execute("COMMIT")
                return true
            } catch {
                try? op.execute("ROLLBACK")
                return false
            }
        }
        let mine = ScramVerifier.make("attacker's passphrase", salt: [9, 9, 9])
        #expect(throws: (any Error).self) {
            try byHand(
                op, store, type: "OperatorPINSet",
                payload: Change.operatorPINSet(OperatorPINSet(operator: "S001")).json,
                login: "S001", verifier: mine)
        }
        #expect(
            !inOneTransaction {
                try appendByHand(.operatorPINSet(OperatorPINSet(operator: "S001")))
                try op.query("SELECT vigil.set_login('S001', \(mine))")
            })
        #expect(try store.checkSecret("supervisor's own passphrase", for: "S001"))
        #expect(try store.checkSecret("attacker's passphrase", for: "S001") == false)
        #expect(
            !inOneTransaction {
                try appendByHand(
                    .operatorRegistered(
                        OperatorRegistered(operator: Operator(id: "X999", name: "x", role: .supervisor))))
                try op.query("SELECT vigil.set_login('X999', \(mine))")
            })
        #expect(!inOneTransaction { try appendByHand(.operatorDisabled(OperatorDisabled(operator: "S001"))) })
        try byHand(
            op, store, type: "OperatorPINSet", payload: Change.operatorPINSet(OperatorPINSet(operator: "D100")).json,
            login: "D100", verifier: mine)
        #expect(try store.checkSecret("attacker's passphrase", for: "D100"))
        #expect(try store.read(after: 0).map(\.event.change.typeName) == ["OperatorPINSet"])
    }

    /// Consoles open from the newest snapshot: an operator's role cannot plant one (nor can its sessions write them),
    /// and the administrator's can.
    @Test func onlyTheAdministratorWritesSnapshots() throws {
        let (store, op, _) = try logWithOperator()
        defer { op.close() }
        let asD100 = try LogSession(
            store: EventStore.open(path: store.path, login: .init(operatorID: "D100", secret: "amber lantern quay")),
            snapshotEvery: 3)
        for _ in 0..<4 {
            for command in [Command.signOn, .signOff] {
                _ = try asD100.execute(command, by: Actor("D100", console: "c"), at: EventStore.systemNow()).get()
            }
        }
        #expect(try store.backend.snapshotIndex().isEmpty, "an operator's session writes none, and says nothing")
        let head = try store.head()
        #expect(
            refused(
                op,
                "SELECT vigil.add_snapshot(\(head.seq), 11, 0, '\\x00'::bytea, '\\x00'::bytea)"))
        let admin = try LogSession(store: EventStore.open(path: try TestServer.ownerURL(store.path)))
        let taken = try admin.snapshotNow(by: Actor("S001", console: "admin"), at: EventStore.systemNow())
        #expect(taken == head.seq, "\(String(describing: taken)) \(admin.lastSeq)")
        #expect(try EventStore.open(path: try TestServer.ownerURL(store.path)).restore().snapshotSeq == head.seq)
        #expect(try store.verify().isIntact)
    }

    /// Appends one event through the server's procedure on `c`, stamped now unless `at` is given, with a login's
    /// secret beside it when one is given.
    func byHand(
        _ c: ServerConnection, _ store: EventStore, type: String, payload: String, at: Int64? = nil,
        login: String? = nil, verifier: String? = nil
    ) throws {
        let head = try store.head()
        let t = at ?? EventStore.systemNow().seconds
        try c.query(
            """
            CALL vigil.append(\(head.seq), \(head.hash), \([type]), \([Int64(1)])::integer[],
                \([t]), \(t), \(["D100"]), \(["psql"]), \([payload]), \(login), \(verifier), NULL, NULL, NULL, NULL, NULL)
            """)
    }

    /// Found by an attacker: calls of hundreds of 1 MiB payloads (the last one bad, so nothing was kept) held the
    /// append lock for seconds each, under the watch's limit, and three in a loop kept every console from writing.
    /// One append carries at most 16 MiB, weighed before the lock is taken.
    @Test func oneAppendCarriesAtMost16MiB() throws {
        let (store, op, _) = try logWithOperator()
        defer { op.close() }
        let head = try store.head()
        let t = EventStore.systemNow().seconds
        let n = 17
        let payload = #"{"operatorSignedOn":{"pad":""# + String(repeating: "a", count: 1_000_000) + #""}}"#
        let started = Date()
        let error = #expect(throws: (any Error).self) {
            try op.query(
                """
                CALL vigil.append(\(head.seq), \(head.hash), \(Array(repeating: "OperatorSignedOn", count: n)),
                    \(Array(repeating: Int64(1), count: n))::integer[], \(Array(repeating: t, count: n)), \(t),
                    \(Array(repeating: "D100", count: n)), \(Array(repeating: "psql", count: n)),
                    \(Array(repeating: payload, count: n)), NULL, NULL, NULL, NULL, NULL, NULL, NULL)
                """)
        }
        #expect(String(reflecting: error as Any).contains("at most 16 MiB"), "\(String(reflecting: error as Any))")
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(try store.lastSeq() == head.seq)
    }

    /// Found by the sixth attacker: calls of 17 payloads of about 1 MiB, the last not its type's, each held the append
    /// lock for 2.4 s while every payload was read, and five in a loop kept every console (and the watch) from
    /// writing. Every payload is read and held to the rules before the lock is taken: with the lock held elsewhere,
    /// such a call is refused at once rather than queued behind it.
    @Test func aBadBatchIsRefusedBeforeTheLockIsTaken() throws {
        let (store, op, address) = try logWithOperator()
        defer { op.close() }
        let own = try owner(address)
        defer { own.close() }
        try own.execute("BEGIN")
        try own.execute("LOCK TABLE vigil.event IN EXCLUSIVE MODE")
        defer { try? own.execute("ROLLBACK") }
        let head = try store.head()
        let t = EventStore.systemNow().seconds
        let good =
            #"{"narrativeAdded":{"incident":"WM-20261125-0001","text":""# + String(repeating: "a", count: 500_000)
            + #""}}"#
        let payloads = [good, good, #"{"wrongKey":{}}"#]
        let started = Date()
        let error = #expect(throws: (any Error).self) {
            try op.query(
                """
                CALL vigil.append(\(head.seq), \(head.hash), \(Array(repeating: "NarrativeAdded", count: 3)),
                    \(Array(repeating: Int64(1), count: 3))::integer[], \(Array(repeating: t, count: 3)), \(t),
                    \(Array(repeating: "D100", count: 3)), \(Array(repeating: "psql", count: 3)),
                    \(payloads), NULL, NULL, NULL, NULL, NULL, NULL, NULL)
                """)
        }
        #expect(
            String(reflecting: error as Any).contains("is not a NarrativeAdded event"),
            "\(String(reflecting: error as Any))")
        #expect(Date().timeIntervalSince(started) < 1.5, "refused without waiting for the lock")
    }

    /// The server's rules hold for the type as stored, and no other spelling of a type passes: a call handler's
    /// `operatorLockedOut` for the supervisor, or `operatorDisabled` for a colleague, is refused outright.
    @Test func aTypeSpelledAnyOtherWayIsRefused() throws {
        let (store, op, _) = try logWithOperator()
        defer { op.close() }
        for (type, payload) in [
            ("operatorLockedOut", #"{"operatorLockedOut":{"operator":"S001","until":4102444800}}"#),
            ("operatorDisabled", #"{"operatorDisabled":{"operator":"D100"}}"#),
            ("OPERATORDISABLED", #"{"OPERATORDISABLED":{"operator":"D100"}}"#),
            ("OperatorDisabled ", #"{"OperatorDisabled ":{"operator":"D100"}}"#),
            ("Nonsense", #"{"nonsense":{}}"#),
        ] {
            #expect(throws: (any Error).self, "\(type)") { try byHand(op, store, type: type, payload: payload) }
        }
        #expect(try store.read(after: 0).isEmpty)
        #expect(try store.verify().isIntact)
    }

    /// A payload over the log's limit (1 MiB) is refused by the server, whoever writes it.
    @Test func aGiantPayloadIsRefused() throws {
        let (store, op, _) = try logWithOperator()
        defer { op.close() }
        // Written by hand: the reason is free text to the server, whatever Vigil's own events allow.
        let giant =
            "{\"signOnRefused\":{\"reason\":\"" + String(repeating: "x", count: EventCoding.payloadLimit) + "\"}}"
        #expect(throws: (any Error).self) { try byHand(op, store, type: "SignOnRefused", payload: giant) }
        let own = try owner(try ServerAddress(url: store.path))
        defer { own.close() }
        let head = try store.head()
        #expect(
            refused(
                own,
                "SELECT vigil.append_rows(\(head.seq), '\\x\(head.hash.map { String(format: "%02x", $0) }.joined())'::bytea, ARRAY['SignOnRefused'], ARRAY[1], ARRAY[0::bigint], 0, ARRAY['S001'], ARRAY['c'], ARRAY[\(ServerSchema.literal(giant))])"
            ))
        #expect(try store.read(after: 0).isEmpty)
    }

    /// No operator's role can hold the append lock past its own append, whatever it sets in its session: it cannot
    /// take the lock alone, its append cannot run in a transaction block or a function, and an append made from a
    /// DO block lets go when it commits, before whatever the block does next.
    @Test func noOperatorCanHoldTheAppendLock() throws {
        let (store, op, address) = try logWithOperator()
        defer { op.close() }
        try op.execute("SET statement_timeout = 0")
        try op.execute("SET idle_in_transaction_session_timeout = 0")
        try op.execute("SET lock_timeout = 0")
        let other = try EventStore.open(path: try TestServer.ownerURL(store.path))
        /// Another writer's append, and how long it took.
        func othersAppend() throws -> Double {
            let began = Date()
            try other.append([signOn])
            return Date().timeIntervalSince(began)
        }
        try op.execute("BEGIN")
        #expect(refused(op, "SELECT * FROM vigil.begin_append()"))
        try op.execute("ROLLBACK")
        try op.execute("BEGIN")
        #expect(throws: (any Error).self) {
            try byHand(op, store, type: "OperatorSignedOn", payload: signOn.change.json)
        }
        // The session is left inside its failed transaction block, holding nothing.
        #expect(try othersAppend() < 2)
        try op.execute("ROLLBACK")
        let head = try store.head()
        let rows =
            "\(head.seq), '\\x\(head.hash.map { String(format: "%02x", $0) }.joined())'::bytea, ARRAY['OperatorSignedOn'], ARRAY[1], ARRAY[extract(epoch from now())::bigint], extract(epoch from now())::bigint, ARRAY['D100'], ARRAY['c'], ARRAY[\(ServerSchema.literal(signOn.change.json))]"
        try op.execute("BEGIN")
        #expect(refused(op, "SELECT vigil.append_rows(\(rows))"), "the inner function is the procedure's alone")
        try op.execute("ROLLBACK")
        #expect(refused(op, "SELECT vigil.append_rows(\(rows))"))
        #expect(refused(op, "SELECT count(*) FROM (SELECT 1) x, LATERAL (SELECT vigil.append_rows(\(rows))) y"))
        #expect(
            refused(op, "DO $$ DECLARE x bigint; BEGIN x := vigil.append_rows(\(rows)); PERFORM pg_sleep(1); END $$"),
            "an assignment in a DO block is not the procedure's")
        // A DO block appends, then sleeps: the append has committed, and the lock is free meanwhile.
        let sleeper = try TestServer.connect(
            address, user: ServerSchema.loginRole(database: address.database, operator: "D100"),
            password: "amber lantern quay")
        defer { sleeper.close() }
        let done = DispatchSemaphore(value: 0)
        let outcome = Failures()
        let block = Unchecked(sleeper)
        let head2 = try store.head()
        let call =
            "CALL vigil.append(\(head2.seq), '\\x\(head2.hash.map { String(format: "%02x", $0) }.joined())'::bytea, ARRAY['OperatorSignedOn'], ARRAY[1], ARRAY[extract(epoch from now())::bigint], extract(epoch from now())::bigint, ARRAY['D100'], ARRAY['c'], ARRAY[\(ServerSchema.literal(signOn.change.json))], NULL, NULL, a, b, c, d, e)"
        DispatchQueue.global().async {
            do {
                try block.value.execute("SET statement_timeout = 0")
                try block.value.execute(
                    "DO $$ DECLARE a bigint[]; b text[]; c text[]; d bytea[]; e bytea[]; BEGIN \(call); PERFORM pg_sleep(6); END $$"
                )
            } catch { outcome.add(String(reflecting: error)) }
            done.signal()
        }
        // Once the DO block's append is in (however loaded the machine), it is asleep, holding nothing.
        let deadline = Date().addingTimeInterval(10)
        while try store.lastSeq() <= head2.seq, Date() < deadline { usleep(20_000) }
        #expect(try store.lastSeq() == head2.seq + 1)
        #expect(try othersAppend() < 2, "the DO block's append let the lock go when it committed")
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(outcome.all.isEmpty, "\(outcome.all)")
        #expect(try store.read(after: 0).map(\.event.operatorID) == ["T400", "D100", "T400"])
        #expect(try store.verify().isIntact)
    }

    /// What an operator writes by hand is held to the rules consoles rely on: a payload that is the event its type
    /// names, valid JSON, stamped near the server's clock, and no lock-out of someone else.
    @Test func eventsWrittenByHandAreHeldToTheRules() throws {
        let (store, op, _) = try logWithOperator()
        defer { op.close() }
        func refusedByHand(_ type: String, _ payload: String, at: Int64? = nil) -> Bool {
            do {
                try byHand(op, store, type: type, payload: payload, at: at)
                return false
            } catch { return true }
        }
        let promote = Change.operatorRegistered(
            OperatorRegistered(operator: Operator(id: "D100", name: "x", role: .supervisor))
        ).json
        #expect(refusedByHand("OperatorSignedOff", promote), "a registration dressed as a sign-off")
        #expect(refusedByHand("ContactReceived", "this is not json {{{"))
        #expect(refusedByHand("OperatorLockedOut", #"{"operatorLockedOut":{"operator":"S001","until":99999999999}}"#))
        #expect(refusedByHand("OperatorSignedOn", signOn.change.json, at: 0), "stamped in 1970")
        #expect(refusedByHand("OperatorSignedOn", signOn.change.json) == false)
        #expect(try store.read(after: 0).map(\.event.change.typeName) == ["OperatorSignedOn"])
        // Found by the sixth attacker: console names with a bell, a bidi override, a line separator or a zero-width
        // space passed the server's narrower `[[:cntrl:]]`; the server now holds every writer's rule.
        func appendRefused(console: String) throws -> Bool {
            let head = try store.head()
            let t = EventStore.systemNow().seconds
            let hash = "'\\x" + head.hash.map { String(format: "%02x", $0) }.joined() + "'::bytea"
            return refused(
                op,
                """
                CALL vigil.append(\(head.seq), \(hash), ARRAY['OperatorSignedOn'], ARRAY[1], ARRAY[\(t)::bigint], \(t),
                    ARRAY['D100'], ARRAY[\(ServerSchema.literal(console))], ARRAY[\(ServerSchema.literal(signOn.change.json))],
                    NULL, NULL)
                """)
        }
        for console in ["tty\u{7}", "tty\u{202E}", "tty\u{2028}x", "tty\u{200B}", "tty\u{FEFF}", "tty\u{E0041}"] {
            #expect(
                refused(op, "SELECT vigil.beat(\(ServerSchema.literal(console)), 'D100', 1.0)"),
                "\(console.terminalSafe)")
            #expect(try appendRefused(console: console), "\(console.terminalSafe)")
        }
        #expect(refused(op, "SELECT vigil.beat('tty-fine', 'D100', 1.0)") == false)
        #expect(try appendRefused(console: "tty-fine") == false)
        #expect(try store.read(after: 0).count == 2)
    }

    /// An event of the right name but the wrong shape, which the server cannot tell, does not stop every console: it
    /// is passed over with a sentence naming its writer, the rest of the log reads, and verify names it.
    @Test func anUnreadableEventIsPassedOverNotFatal() throws {
        let (store, op, _) = try logWithOperator()
        defer { op.close() }
        try store.append([signOn])
        try byHand(op, store, type: "ContactReceived", payload: #"{"contactReceived":{"nonsense":1}}"#)
        try store.append([signOn])
        let session = try LogSession(store: EventStore.open(path: try TestServer.ownerURL(store.path)))
        #expect(session.lastSeq == 3)
        #expect(session.warnings.contains { $0.contains("event 2, written by D100, cannot be read") })
        #expect(session.state.contacts.isEmpty)
        #expect(try store.read(after: 0).map(\.seq) == [1, 3])
        #expect(try store.verify().summary.hasPrefix("FAILED at seq 2"))
        // Found by an attacker: verify stopped at the planted event, so an event altered after it went unreported.
        let own = try owner(try ServerAddress(url: store.path))
        defer { own.close() }
        try own.execute("ALTER TABLE vigil.event DISABLE TRIGGER event_no_change")
        try own.execute("UPDATE vigil.event SET console = 'elsewhere' WHERE seq = 3")
        try own.execute("ALTER TABLE vigil.event ENABLE TRIGGER event_no_change")
        let report = try store.verify()
        #expect(report.problem?.seq == 2 && report.more.map(\.seq) == [3], "\(report.lines)")
    }

    /// An operator disabled while their session was open writes nothing more on it; a colleague's heartbeat cannot
    /// be overwritten; another log's operators cannot even connect to this log's database.
    @Test func disabledSessionsHeartbeatsAndOtherLogs() throws {
        let (store, op, _) = try logWithOperator()
        defer { op.close() }
        try store.append([Event(at: start, by: trainer, .operatorDisabled(OperatorDisabled(operator: "D100")))])
        #expect(throws: (any Error).self) {
            try byHand(op, store, type: "OperatorSignedOn", payload: signOn.change.json)
        }
        let (other, h200, _) = try logWithOperator("H200", secret: "quiet harbour lamp")
        defer { h200.close() }
        try other.beat(Heartbeat(console: "desk-7", operatorID: "S001", wall: 100))
        try h200.query("SELECT vigil.beat('desk-7', 'S001', 200)")
        #expect(
            Set(other.heartbeats()) == [
                Heartbeat(console: "desk-7", operatorID: "S001", wall: 100),
                Heartbeat(console: "desk-7", operatorID: "H200", wall: 200),
            ], "H200's beat is H200's own, whatever it claims; S001's stays")
        try h200.query("SELECT vigil.end_beat('desk-7', 'S001')")
        #expect(other.heartbeats() == [Heartbeat(console: "desk-7", operatorID: "S001", wall: 100)])
        // Claiming every pid-like console name at once is refused outright, and leaves nothing behind.
        #expect(refused(h200, "SELECT count(vigil.beat('tty' || g, 'x', 0)) FROM generate_series(1, 32768) g"))
        for n in 0..<ServerSchema.beatsPerOperator { try h200.query("SELECT vigil.beat(\("c\(n)"), 'H200', 1)") }
        #expect(refused(h200, "SELECT vigil.beat('one-too-many', 'H200', 1)"))
        #expect(refused(h200, "SELECT vigil.beat('x', 'H200', 'NaN')"))
        #expect(other.heartbeats().filter { $0.operatorID == "H200" }.count == ServerSchema.beatsPerOperator)
        var elsewhere = try ServerAddress(url: store.path)
        elsewhere.user = nil
        #expect(throws: StoreError.self) {
            try TestServer.connect(
                elsewhere,
                user: ServerSchema.loginRole(database: try ServerAddress(url: other.path).database, operator: "H200"),
                password: "quiet harbour lamp")
        }
    }

    /// Found by an attacker: a role's own open `ALTER ROLE … PASSWORD` held the role's row, and an append setting that
    /// role's secret waited on it while holding the append lock, so nobody could write. The secret is now set before
    /// the lock is taken: only that append waits. And an append naming a console of 500 MB is refused.
    @Test func aRoleHeldOpenStallsOnlyItsOwnAppend() throws {
        let (store, op, address) = try logWithOperator()
        defer { op.close() }
        let role = ServerSchema.loginRole(database: address.database, operator: "D100")
        let mine = ScramVerifier.make("another passphrase here", salt: [4, 5, 6])
        try op.execute("SET idle_in_transaction_session_timeout = 0")
        try op.execute("BEGIN")
        try op.execute("ALTER ROLE \(ServerSchema.quoted(role)) PASSWORD \(ServerSchema.literal(mine))")
        let second = Unchecked(
            try TestServer.connect(address, user: role, password: "amber lantern quay"))
        defer { second.value.close() }
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? self.byHand(
                second.value, store, type: "OperatorPINSet",
                payload: Change.operatorPINSet(OperatorPINSet(operator: "D100")).json, login: "D100", verifier: mine)
            done.signal()
        }
        usleep(500_000)
        let other = try EventStore.open(path: try TestServer.ownerURL(store.path))
        let began = Date()
        try other.append([signOn])
        #expect(Date().timeIntervalSince(began) < 2, "another writer is not held up")
        try op.execute("ROLLBACK")
        _ = done.wait(timeout: .now() + 10)
        #expect(
            refused(
                op,
                "CALL vigil.append(0, ''::bytea, ARRAY['OperatorSignedOn'], ARRAY[1], ARRAY[0::bigint], 0, ARRAY['D100'], ARRAY[repeat('C', 65)], ARRAY['{\"operatorSignedOn\":{}}'], NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
            ))
        #expect(try store.verify().isIntact)
    }

    /// Operators' roles appending at once, each through the procedure that commits: every append lands, in one
    /// unbroken chain, though each may have to decide again when another got in first.
    @Test func operatorsAppendingAtOnceLeaveNoGap() throws {
        let store = try StoreKind.postgres.newLog(training: true)
        let ops = ["D100", "H200", "I300", "S001"]
        for op in ops { try store.setSecret("passphrase of \(op) here", for: op, at: start) }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: ops.count) { w in
            do {
                let mine = try EventStore.open(
                    path: store.path, login: .init(operatorID: ops[w], secret: "passphrase of \(ops[w]) here"))
                defer { mine.close() }
                let session = try LogSession(store: mine, snapshotEvery: 0)
                for _ in 0..<60 {
                    _ = try session.execute(.signOn, by: Actor(ops[w], console: "c\(w)"), at: start).get()
                    _ = try session.execute(.signOff, by: Actor(ops[w], console: "c\(w)"), at: start).get()
                }
            } catch { failures.add("\(ops[w]): \(error)") }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let all = try store.read(after: 0)
        #expect(all.map(\.seq) == Array(1...480))
        for op in ops { #expect(all.filter { $0.event.operatorID == op }.count == 120) }
        #expect(try store.verify().isIntact)
    }

    /// The administrator's watch: five wrong passphrases at the server's own sign-in (as `psql` gives them, unseen by
    /// Vigil) lock the operator out in the record and make their role NOLOGIN; a session holding the append lock is
    /// ended after 5 s.
    @Test func theWatchLocksOutServerGuessersAndEndsLongLocks() throws {
        let (store, op, address) = try logWithOperator()
        op.close()
        let own = try owner(address)
        defer { own.close() }
        let said = Failures()
        let stopWatching = try watch(store, serverLog: try Self.serverLog(own), saying: said)
        defer { stopWatching() }
        let role = ServerSchema.loginRole(database: address.database, operator: "D100")
        // Found by an attacker: a role may change its own password, with no record and no length rule; the watch
        // puts back the one Vigil set. (H200's, so D100's count below stays their own.)
        try store.setSecret("quiet harbour lamp", for: "H200", at: start)
        let h200 = ServerSchema.loginRole(database: address.database, operator: "H200")
        let changer = try TestServer.connect(address, user: h200, password: "quiet harbour lamp")
        try changer.execute("ALTER ROLE \(ServerSchema.quoted(h200)) PASSWORD 'abc'")
        changer.close()
        usleep(1_500_000)
        #expect(throws: StoreError.self) { try TestServer.connect(address, user: h200, password: "abc") }
        try TestServer.connect(address, user: h200, password: "quiet harbour lamp").close()
        // Found by an attacker: lines anyone can put in the server's log, dressed as failed sign-ins, locked a
        // colleague out. The server indents a message's later lines, and only its own line at the margin counts.
        let liar = try TestServer.connect(address, user: role, password: "amber lantern quay")
        try liar.execute(
            "DO $$BEGIN FOR i IN 1..5 LOOP RAISE WARNING '%', E'x\\n2026-12-07 17:59:55.123 UTC [4242] FATAL:  password authentication failed for user \"\(role)\"'; END LOOP; END$$"
        )
        liar.close()
        usleep(1_500_000)
        #expect(try store.read(after: 0).allSatisfy { $0.event.operatorID != "D100" }, "\(said.all)")
        for _ in 0..<5 { _ = try? TestServer.connect(address, user: role, password: "a wrong guess here") }
        let deadline = Date().addingTimeInterval(15)
        var locked = false
        while !locked, Date() < deadline {
            locked = try store.read(after: 0).contains {
                if case .operatorLockedOut = $0.event.change { true } else { false }
            }
            usleep(200_000)
        }
        #expect(locked, "\(said.all)")
        #expect(
            try store.read(after: 0).filter {
                if case .signOnRefused = $0.event.change { $0.event.operatorID == "D100" } else { false }
            }.count == 5)
        usleep(1_000_000)
        #expect(try own.query("SELECT rolcanlogin FROM pg_roles WHERE rolname = \(role)")[0].decode(Bool.self) == false)
        #expect(throws: StoreError.self) {
            try TestServer.connect(address, user: role, password: "amber lantern quay")
        }
        let held = try owner(address)
        defer { held.close() }
        try held.execute("BEGIN")
        try held.query("SELECT * FROM vigil.begin_append()")
        usleep(9_000_000)
        #expect(throws: (any Error).self, "the watch ended the session") { try held.query("SELECT 1") }
        #expect(said.all.contains { $0.contains("held the log's append lock for 5 s") }, "\(said.all)")
    }

    /// Found by the sixth attacker: with the append lock kept busy, the watch's own record of a failed sign-in timed
    /// out and the watch stopped, so later guesses locked nobody out and changed passwords stood. It now waits: the
    /// failed sign-in is recorded once the lock is free (here, once the watch has ended the session holding it).
    @Test func theWatchWaitsOutABusyLog() throws {
        let (store, op, address) = try logWithOperator()
        op.close()
        let own = try owner(address)
        defer { own.close() }
        let said = Failures()
        let stopWatching = try watch(store, serverLog: try Self.serverLog(own), saying: said)
        defer { stopWatching() }
        let held = try owner(address)
        defer { held.close() }
        try held.execute("BEGIN")
        try held.query("SELECT * FROM vigil.begin_append()")
        let role = ServerSchema.loginRole(database: address.database, operator: "D100")
        _ = try? TestServer.connect(address, user: role, password: "a wrong guess here")
        let deadline = Date().addingTimeInterval(25)
        var recorded = false
        while !recorded, Date() < deadline {
            recorded = try store.read(after: 0).contains { $0.event.operatorID == "D100" }
            usleep(250_000)
        }
        #expect(recorded, "\(said.all)")
        #expect(!said.all.contains { $0.hasPrefix("error:") }, "\(said.all)")
    }

    /// Found by the seventh attacker: a role changed its own password, then held its own row open in a second change
    /// (`BEGIN; ALTER ROLE … PASSWORD 'short'; SELECT pg_sleep(45)`); the watch, putting the passphrase back, waited
    /// on that row past its timeout and stopped. It now goes on: it ends the open transaction, and puts it back.
    @Test func aRoleHoldingItsOwnRowCannotStopTheWatch() throws {
        let (store, op, address) = try logWithOperator()
        let own = try owner(address)
        defer { own.close() }
        let said = Failures()
        let stopWatching = try watch(store, serverLog: try Self.serverLog(own), saying: said)
        defer { stopWatching() }
        let role = ServerSchema.loginRole(database: address.database, operator: "D100")
        try op.execute("ALTER ROLE \(ServerSchema.quoted(role)) PASSWORD 'Whatever-I-Like-1'")
        try op.execute("SET statement_timeout = 0")
        try op.execute("SET idle_in_transaction_session_timeout = 0")
        try op.execute("BEGIN")
        try op.execute("ALTER ROLE \(ServerSchema.quoted(role)) PASSWORD 'short'")
        let sleeping = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? op.query("SELECT pg_sleep(45)")
            sleeping.signal()
        }
        let deadline = Date().addingTimeInterval(30)
        var restored = false
        // Read from the catalogue, not by signing in: a sign-in with the old passphrase would count as a wrong one.
        while !restored, Date() < deadline {
            usleep(500_000)
            restored =
                try own.query(
                    "SELECT a.rolpassword = l.verifier FROM vigil.login l JOIN pg_authid a ON a.rolname = l.role WHERE l.operator = 'D100'"
                ).first?.decode(Bool.self) ?? false
        }
        #expect(restored, "\(said.all)")
        #expect(!said.all.contains { $0.hasPrefix("error:") }, "\(said.all)")
        _ = sleeping.wait(timeout: .now() + 5)
        op.close()
    }

    /// Found by the second attacker: a role holding its own row in the server's catalogue (`BEGIN; ALTER ROLE self
    /// PASSWORD …`, left open with its idle timeout set to 0) made a supervisor's disabling of it wait while holding
    /// the append lock, so nobody wrote, and the watch then ended the supervisor's session. The role is now made
    /// NOLOGIN before the lock is taken, and the watch ends an operator's session left idle inside a transaction.
    @Test func aRoleHoldingItsOwnRowCannotStallADisablingOrOthers() throws {
        let (store, d100, address) = try logWithOperator()
        defer { d100.close() }
        try store.setSecret("supervisor passphrase", for: "S001", at: start)
        try store.setSecret("handler passphrase", for: "H200", at: start)
        let boss = try EventStore.open(
            path: store.path, login: .init(operatorID: "S001", secret: "supervisor passphrase"))
        let other = try EventStore.open(path: try TestServer.ownerURL(store.path))
        /// Holds `op`'s own row on `c`, as an attacker with `psql` would, undoing the role's idle timeout.
        func holdOwnRow(_ c: ServerConnection, _ op: OperatorID) throws {
            try c.execute("SET idle_in_transaction_session_timeout = 0")
            try c.execute("BEGIN")
            try c.execute(
                "ALTER ROLE \(ServerSchema.quoted(ServerSchema.loginRole(database: address.database, operator: op))) PASSWORD \(ServerSchema.literal(ScramVerifier.make("held open here", salt: [7])))"
            )
        }
        /// The supervisor disables `op` on another thread; the semaphore is signalled when the append returns.
        func disable(_ op: OperatorID, outcome: Failures) -> DispatchSemaphore {
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                do {
                    try boss.append([
                        Event(
                            at: EventStore.systemNow(), by: Actor("S001", console: "c1"),
                            .operatorDisabled(OperatorDisabled(operator: op)))
                    ])
                } catch { outcome.add("\(error)") }
                done.signal()
            }
            return done
        }
        // Without the watch: the disabling waits on the row, but not under the append lock, so others write.
        try holdOwnRow(d100, "D100")
        let first = Failures()
        let disabling = disable("D100", outcome: first)
        usleep(300_000)
        var began = Date()
        try other.append([signOn])
        #expect(Date().timeIntervalSince(began) < 1, "another writer is not held up while the disabling waits")
        try d100.execute("ROLLBACK")
        #expect(disabling.wait(timeout: .now() + 10) == .success)
        #expect(first.all.isEmpty, "\(first.all)")
        #expect(throws: StoreError.self) {
            try TestServer.connect(
                address, user: ServerSchema.loginRole(database: address.database, operator: "D100"),
                password: "amber lantern quay")
        }
        // With the watch: a role left idle inside its transaction is ended, and the disabling goes through.
        let said = Failures()
        let stopWatching = try watch(store, serverLog: "/dev/null", saying: said)
        defer { stopWatching() }
        let h200 = try TestServer.connect(
            address, user: ServerSchema.loginRole(database: address.database, operator: "H200"),
            password: "handler passphrase")
        defer { h200.close() }
        try holdOwnRow(h200, "H200")
        let second = Failures()
        began = Date()
        #expect(disable("H200", outcome: second).wait(timeout: .now() + 15) == .success)
        #expect(second.all.isEmpty, "\(second.all)")
        #expect(Date().timeIntervalSince(began) < 5, "the watch ended the idle transaction within its 2 s")
        #expect(said.all.contains { $0.contains("sat idle inside a transaction") }, "\(said.all)")
        #expect(
            try store.read(after: 0).filter { if case .operatorDisabled = $0.event.change { true } else { false } }
                .count == 2)
        #expect(try store.verify().isIntact)
    }

    @Test func aRollbackAfterInsertLeavesNoGap() throws {
        let store = try StoreKind.postgres.newLog()
        try store.append([signOn])
        let c = try owner(try ServerAddress(url: store.path))
        defer { c.close() }
        let head = try store.head()
        try c.execute("BEGIN")
        try c.query(
            """
            SELECT vigil.append_rows(\(head.seq), \(head.hash), \(["OperatorSignedOn"]), \([Int64(1)])::integer[],
                \([Int64(0)]), \(Int64(0)), \(["S001"]), \(["c"]), \([signOn.change.json]))
            """)
        try c.execute("ROLLBACK")
        let next = try store.append([signOn])
        #expect(next.map(\.seq) == [2])
        #expect(try store.verify().summary == "OK: 2 events, chain intact, last seq 2")
    }

    /// While one writer's commit is held back, a reader sees nothing past the head and the next writer waits; then
    /// both appear, in order.
    @Test func aReaderPollingNeverSkipsAHeldBackCommit() throws {
        let store = try StoreKind.postgres.newLog()
        try store.append([signOn])
        let held = try owner(try ServerAddress(url: store.path))
        defer { held.close() }
        try held.execute("BEGIN")
        let head = try held.query("SELECT head_seq, head_hash FROM vigil.begin_append()")[0].decode(
            (Int64, Data).self)
        try held.query(
            """
            SELECT vigil.append_rows(\(head.0), \(head.1), \(["OperatorSignedOn"]), \([Int64(1)])::integer[],
                \([Int64(0)]), \(Int64(0)), \(["S001"]), \(["c"]), \([signOn.change.json]))
            """)
        let second = Unchecked(try EventStore.open(path: store.path))
        let done = DispatchSemaphore(value: 0)
        let result = Failures()
        DispatchQueue.global().async {
            do {
                result.add("\(try second.value.append([signOn]).map(\.seq))")
            } catch { result.add("\(error)") }
            done.signal()
        }
        let reader = try EventStore.open(path: store.path)
        for _ in 0..<10 {
            #expect(try reader.read(after: 1).isEmpty)
            usleep(50_000)
        }
        #expect(done.wait(timeout: .now()) == .timedOut, "the second writer waits for the append lock")
        try held.execute("COMMIT")
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(result.all == ["[3]"])
        #expect(try reader.read(after: 1).map(\.seq) == [2, 3])
        #expect(try store.verify().isIntact)
    }

    /// The watcher's LISTEN connection is killed mid-stream; it listens again, catches up, and misses nothing.
    @Test func killingTheListeningConnectionLosesNoEvent() throws {
        let store = try StoreKind.postgres.newLog()
        let own = try owner(try ServerAddress(url: store.path))
        defer { own.close() }
        let watch = try store.watch(after: 0)
        var seen: [Int64] = []
        for round in 0..<4 {
            for _ in 0..<5 { try store.append([signOn]) }
            if round == 1 {
                try own.query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN vigil_event'")
            }
            let deadline = Date().addingTimeInterval(8)
            while seen.count < (round + 1) * 5, Date() < deadline {
                seen += try watch.poll().map(\.seq)
                usleep(20_000)
            }
        }
        #expect(seen == Array(1...20))
    }

    @Test func verifyNamesWhatWasChangedOnTheServer() throws {
        let store = try StoreKind.postgres.newLog()
        for _ in 0..<3 { try store.append([signOn]) }
        let own = try owner(try ServerAddress(url: store.path))
        defer { own.close() }
        // The owner can switch a trigger off: the altered row is caught by the chain, the switched-off trigger by
        // the schema check.
        try own.execute("ALTER TABLE vigil.event DISABLE TRIGGER event_no_change")
        try own.execute("UPDATE vigil.event SET console = 'elsewhere' WHERE seq = 2")
        #expect(try store.verify().summary.contains("trigger event.event_no_change is disabled"))
        try own.execute("ALTER TABLE vigil.event ENABLE TRIGGER event_no_change")
        #expect(
            try store.verify().summary
                == "FAILED at seq 2: its hash does not match its contents; the event was altered after it was written")
        let group = ServerSchema.groupRole(database: try ServerAddress(url: store.path).database)
        try own.execute("GRANT INSERT ON vigil.event TO \(ServerSchema.quoted(group))")
        #expect(try store.verify().summary.contains("may INSERT on vigil.event"))
        try own.execute("REVOKE INSERT ON vigil.event FROM \(ServerSchema.quoted(group))")
        try own.execute(
            "CREATE OR REPLACE FUNCTION vigil.has_login(p_operator text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vigil, pg_temp AS $$ SELECT true $$"
        )
        #expect(try store.verify().summary.contains("function vigil.has_login(text) is not as Vigil made it"))
    }

    @Test func aDisabledOperatorCanNoLongerSignIn() throws {
        let (store, op, _) = try logWithOperator()
        op.close()
        try store.append([Event(at: start, by: trainer, .operatorDisabled(OperatorDisabled(operator: "D100")))])
        #expect(throws: StoreError.self) {
            try EventStore.open(path: store.path, login: .init(operatorID: "D100", secret: "amber lantern quay"))
        }
        #expect(try store.checkSecret("amber lantern quay", for: "D100") == false)
    }

    @Test func aShortSecretIsRefusedOnAServer() throws {
        let store = try StoreKind.postgres.newLog()
        #expect(throws: StoreError.self) { try store.setSecret("481937", for: "D100", at: start) }
        #expect(try store.hasSecret("D100") == false)
    }

    /// A writer holding the append lock gives the next one a sentence after the lock timeout, not a hang.
    @Test func aStuckWriterGivesOthersOneSentence() throws {
        let store = try StoreKind.postgres.newLog()
        let held = try owner(try ServerAddress(url: store.path))
        defer { held.close() }
        try held.execute("BEGIN")
        try held.query("SELECT * FROM vigil.begin_append()")
        let began = Date()
        #expect(throws: StoreError.locked(path: store.path)) { try store.append([signOn]) }
        #expect(Date().timeIntervalSince(began) < 8)
        try held.execute("ROLLBACK")
        #expect(try store.append([signOn]).map(\.seq) == [1])
    }

    /// sslmode=require encrypts; verify-full checks the server's certificate against the root given, and refuses a
    /// server whose certificate that root did not sign.
    @Test func tlsIsUsedWhenAskedAndAStrangeCertificateIsRefused() throws {
        let admin = try TestServer.admin()
        let plain = try TestServer.connect(admin)
        let folder = try plain.query("SELECT current_setting('data_directory')")[0].decode(String.self)
        plain.close()
        func encrypted(_ mode: String, root: String? = nil) throws -> Bool {
            var a = admin
            a.sslMode = mode
            a.rootCertificate = root
            let c = try TestServer.connect(a)
            defer { c.close() }
            return try c.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0].decode(Bool.self)
        }
        #expect(try encrypted("require"))
        #expect(try encrypted("disable") == false)
        #expect(try encrypted("verify-full", root: folder + "/server.crt"))
        #expect(throws: StoreError.self) { try encrypted("verify-full", root: "/etc/ssl/certs/ca-certificates.crt") }
        // A whole log over TLS.
        var a = admin
        a.sslMode = "require"
        a.database = try ServerAddress(url: try TestServer.newDatabase()).database
        let store = try EventStore.create(
            path: a.url, forceText: try DemoForce.text(), createdAt: start, wallClock: { start })
        try store.append([signOn])
        #expect(try store.verify().isIntact)
    }

    /// The server goes away while a command is committing: the writer finds out whether it was written, and says.
    /// (A deferred trigger that sleeps at commit holds the commit open long enough to cut the connection under it.)
    @Test func aCommandCutOffWhileCommittingSaysWhetherItWasWritten() throws {
        let store = try StoreKind.postgres.newLog()
        try store.append([signOn])
        let own = try owner(try ServerAddress(url: store.path))
        defer { own.close() }
        try own.execute(
            "CREATE FUNCTION vigil.slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$"
        )
        try own.execute(
            "CREATE CONSTRAINT TRIGGER slow AFTER INSERT ON vigil.event DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION vigil.slow_commit()"
        )
        let writer = try EventStore.open(path: try TestServer.ownerURL(store.path))
        let cut = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            usleep(1_000_000)
            _ = try? own.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()"
            )
            cut.signal()
        }
        let error = #expect(throws: StoreError.self) { try writer.append([signOn]) }
        #expect(
            error?.message.contains("was cut off") == true
                && error?.message.contains("the action was not written") == true, "\(String(describing: error))")
        cut.wait()
        #expect(try store.lastSeq() == 1, "nothing was written")
    }

    @Test func badAddressesGetOneSentenceEach() throws {
        let admin = try TestServer.admin()
        func message(_ url: String) -> String {
            do {
                _ = try EventStore.open(path: url)
                return "opened"
            } catch { return error.message }
        }
        #expect(message("postgres://127.0.0.1").contains("names no database"))
        #expect(message("postgres://127.0.0.1:99999/x").contains("port must be a number"))
        #expect(message("postgres://u@127.0.0.1:5432/x?sslmode=maybe").contains("sslmode must be"))
        var wrong = admin
        wrong.password = "not the password"
        #expect(message(wrong.url).contains("refused the sign-in"))
        var down = admin
        down.hosts = [("127.0.0.1", 1)]
        #expect(message(down.url).contains("cannot be reached"))
        var missing = admin
        missing.database = "vigil_no_such_db"
        #expect(message(missing.url).contains("has no database vigil_no_such_db"))
        #expect(message(try TestServer.newDatabase()).contains("holds no Vigil log"))
    }
}
