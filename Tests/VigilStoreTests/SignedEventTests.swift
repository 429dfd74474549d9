import Crypto
import Foundation
import GRDB
import Testing
import VigilCore
import VigilForce
import VigilTestSupport
@testable import VigilStore

/// Issue 26, finding 5: with write access to the file, anyone could act as anyone: PIN hashes swapped in the
/// credential table, rows appended with correctly computed hashes. Now each event carries its operator's signature,
/// by the key the chain holds for them, and no reader applies one without it.
@Suite("signed events against a writer of the file", .serialized)
struct SignedEventTests {
    let bossPIN = "supervisor-passphrase-1", handlerPIN = "handler-passphrase-2"

    /// A live log whose S001 and H200 have PINs, and a session that has taken in everything.
    func live() throws -> EventStore {
        let store = try TestLogs.live(path: temporaryPath(), at: start, pin: bossPIN)
        try TestLogs.givePINs(["H200"], pin: handlerPIN, on: store, bossPIN: bossPIN, at: start)
        return store
    }

    /// Appends a row by hand, as someone with the file and Python would: the hash computed right, the signature as
    /// given (none, or one made with a key the chain does not hold for the operator it claims).
    func forge(
        _ store: EventStore, _ change: Change, as op: OperatorID, signedWith key: SigningKey? = nil,
        at occurred: Int64? = nil
    ) throws -> Int64 {
        // Dated, unless told, as a writer would: not before the latest event.
        let latest = try DatabaseQueue(path: store.path).read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(occurred_at) FROM event")
        }
        let occurred = occurred ?? max(start.seconds + 60, latest ?? 0)
        let head = try store.head()
        let seq = head.seq + 1
        let payload = change.json
        let canonical = EventCoding.canonical(
            seq: seq, eventID: "forged-\(seq)", type: change.typeName, schemaVersion: change.schemaVersion,
            occurredAt: occurred, recordedAt: occurred, operatorID: op, console: "py",
            payload: payload)
        let hash = EventCoding.chain(prev: head.hash, canonical: canonical)
        let signature = try key.map { try $0.sign(hash) } ?? Data()
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(
                sql: """
                    INSERT INTO event(seq, event_id, type, schema_version, occurred_at, recorded_at, operator, console,
                        payload, prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    seq, "forged-\(seq)", change.typeName, change.schemaVersion, occurred, occurred,
                    op, "py", payload, head.hash, hash, signature,
                ])
        }
        return seq
    }

    /// Found by the sixth attacker: their own signed answer, dated three days before the log began, made the report's
    /// answer times negative, and a sign-on dated before their own lock-out would let them act while locked out.
    /// Writers stamp nothing before the event before it (a console whose clock is behind takes the log's time), so
    /// readers refuse a signed event dated earlier.
    @Test func aSignedEventDatedBeforeTheOneBeforeItIsNamedAndNeverApplied() throws {
        let store = try live()
        let session = try LogSession(store: store)
        #expect(try session.prove(handlerPIN, for: "H200"))
        let h200 = Actor("H200", console: "c1")
        try session.acceptAll(
            [.signOn, .receiveContact(.emergency, ContactDetails(location: GeoPoint(lat: 52.48, lon: -1.90)))],
            by: h200,
            at: start + .minutes(5))
        // This console's clock is two minutes behind: its answer is stamped at the log's latest time.
        let answered = try session.accept(.answerContact(nil), by: h200, at: start + .minutes(3))
        #expect(answered.map(\.event.at) == [start + .minutes(5)])
        try session.accept(.returnContact(ContactID(1), reason: "again"), by: h200, at: start + .minutes(6))
        let key = try #require(try store.openKey(handlerPIN, for: "H200"))
        let early = try forge(
            store, .contactAnswered(ContactAnswered(contact: ContactID(1))), as: "H200", signedWith: key,
            at: start.seconds - 259_200)
        let report = try store.verify()
        #expect(report.problem?.seq == early, "\(report.lines)")
        #expect(report.problem?.what.hasPrefix("it is dated") == true, "\(report.lines)")
        let fresh = try LogSession(store: EventStore.open(path: store.path))
        #expect(fresh.state.contacts[ContactID(1)]?.state == .waiting)
    }

    /// Found by the sixth attacker: one unsigned refusal dated -2⁶³ + 5 (and two at 2⁶³ - 1) made verify, `do` and
    /// every other command die of an arithmetic overflow. A stored time is held to years 1 to 9999.
    @Test func rowsDatedAtTheEndsOfTimeCrashNothing() throws {
        let store = try live()
        let refusal = Change.signOnRefused(SignOnRefused(reason: .wrongPIN))
        let first = try forge(store, refusal, as: "NOBODY", at: .min + 5)
        _ = try forge(store, refusal, as: "H200", at: .max)
        _ = try forge(store, refusal, as: "H200", at: .max)
        let report = try store.verify()
        #expect(report.problem?.seq == first, "\(report.lines)")
        let session = try LogSession(store: EventStore.open(path: store.path))
        #expect(try session.prove(handlerPIN, for: "H200"))
        #expect(session.state.lockedOut("H200", at: start + .minutes(10)) == nil)
    }

    /// Found by the seventh attacker: unsigned lock-outs and wrong-PIN refusals dated in the year 9999 moved the
    /// log's clock there, so every later event was stamped 9999-12-31, the locks never ran out and the supervisor
    /// stayed in back-off for good. A record that needs no signature moves neither the log's clock nor anyone's lock.
    @Test func unsignedRecordsDatedFarAheadFreezeNothing() throws {
        let store = try live()
        let far: Int64 = 253_402_300_000
        _ = try forge(
            store, .operatorLockedOut(OperatorLockedOut(operator: "H200", until: Instant(seconds: far + 900))),
            as: "H200",
            at: far)
        for _ in 0..<6 { _ = try forge(store, .signOnRefused(SignOnRefused(reason: .wrongPIN)), as: "S001", at: far) }
        let session = try LogSession(store: EventStore.open(path: store.path))
        let now = start + .minutes(10)
        #expect(session.state.lastEventAt.map { $0 < now } == true)
        #expect(session.state.lockedOut("H200", at: now) == nil)
        #expect(session.state.supervisorWait("S001", at: now) == nil)
        #expect(try session.prove(handlerPIN, for: "H200"))
        let done = try session.accept(.signOn, by: Actor("H200", console: "c1"), at: now)
        #expect(done.map(\.event.at) == [now], "stamped by the clock, not at the year 9999")
        #expect(try store.verify().isIntact)
    }

    @Test func aRowWithARightHashButNoSignatureIsNamedAndNeverApplied() throws {
        let store = try live()
        let watching = try LogSession(store: EventStore.open(path: store.path))
        let forged = try forge(
            store,
            .operatorRegistered(OperatorRegistered(operator: Operator(id: "S003", name: "X", role: .supervisor))),
            as: "S001")
        let attackerKey = SigningKey.generate()
        let signedByOther = try forge(
            store, .operatorDisabled(OperatorDisabled(operator: "H200")), as: "S001", signedWith: attackerKey)
        // Genuine work goes on after them.
        let session = try LogSession(store: EventStore.open(path: store.path))
        #expect(try session.prove(handlerPIN, for: "H200"))
        let handler = Actor("H200", console: "c1")
        try session.acceptAll(
            [.signOn, .receiveContact(.emergency, ContactDetails(address: "1 Mill Lane")), .signOff], by: handler,
            at: start + .minutes(2)
        )

        let report = try store.verify()
        #expect(report.problem?.seq == forged && report.more.map(\.seq) == [signedByOther], "\(report.lines)")
        #expect(report.problem?.what == "it is not signed (it claims S001)")
        #expect(report.more.first?.what == "its signature is not S001's")
        // No console applies them: one opened afterwards, one that was open and takes them in, a replay.
        for state in [session.state, try LogSession(store: EventStore.open(path: store.path)).state] {
            #expect(state.operators["S003"] == nil && state.operators["H200"]?.disabled == false)
            #expect(state.contacts.values.count == 1, "the genuine work after them is applied")
        }
        try watching.refresh()
        #expect(watching.state.operators["S003"] == nil && watching.state.operators["H200"]?.disabled == false)
        #expect(
            watching.rejected.count == 2 && watching.rejected[0].hasPrefix("seq \(forged) (OperatorRegistered as S001)")
        )
        #expect(try store.replay().state.operators["S003"] == nil)
    }

    /// Found by a second attacker: a console that passed over a forged row still remembered the head past it, so
    /// the next open trusted the row and applied it. The head this machine checked now stops before it.
    @Test func aHeadIsNeverRememberedPastAnEventPassedOver() throws {
        let store = try live()
        let before = try store.head()
        let forged = try forge(
            store,
            .operatorRegistered(OperatorRegistered(operator: Operator(id: "S003", name: "X", role: .supervisor))),
            as: "S001")
        let first = try EventStore.open(path: store.path)
        #expect(try LogSession(store: first).rejected.count == 1)
        let remembered = try #require(try first.checkedHead())
        #expect(remembered == before && remembered.seq == forged - 1)
        // The next open, trusting what the first remembered, checks the forged row again, and applies none of it.
        let second = try EventStore.open(path: store.path)
        let session = try LogSession(store: second, trusted: remembered)
        #expect(session.state.operators["S003"] == nil && session.rejected.count == 1)
        // Taken in live, the same: the head stops before it.
        let watching = try LogSession(store: EventStore.open(path: store.path), trusted: remembered)
        _ = try forge(store, .operatorDisabled(OperatorDisabled(operator: "H200")), as: "S001")
        try watching.refresh()
        #expect(try watching.store.checkedHead() == before)
    }

    @Test func aSwappedOrPlantedSealedKeyDoesNotSignAsItsOperator() throws {
        let store = try live()
        let raw = try DatabaseQueue(path: store.path)
        // H200's box copied over S001's: it is bound to H200, so it does not open as S001's with H200's PIN.
        try raw.write { db in
            try db.execute(sql: "DROP TABLE IF EXISTS held")
            try db.execute(sql: "CREATE TEMP TABLE held AS SELECT * FROM sealed_key WHERE operator = 'H200'")
            try db.execute(
                sql: """
                    UPDATE sealed_key SET kdf = (SELECT kdf FROM held), salt = (SELECT salt FROM held),
                        box = (SELECT box FROM held), public_key = (SELECT public_key FROM held) WHERE operator = 'S001'
                    """)
        }
        let session = try LogSession(store: EventStore.open(path: store.path))
        #expect(try !session.prove(handlerPIN, for: "S001"))
        // A key of the attacker's own, sealed for S001 under a PIN they chose: it opens, but the chain holds another.
        let planted = try EventStore.prepareCredential("attacker-chosen-9", for: "S001")
        try store.setCredential(planted, at: start)
        #expect(try store.checkSecret("attacker-chosen-9", for: "S001"), "the box itself opens")
        #expect(try !session.prove("attacker-chosen-9", for: "S001"), "but its key is not the chain's")
        #expect(!session.holdsKey(of: "S001"))
        // So nothing can be written as S001: the session refuses before anything is written.
        #expect(throws: StoreError.self) {
            try session.accept(.signOn, by: Actor("S001", console: "c1"), at: start + .minutes(1))
        }
        #expect(try store.verify().isIntact)
    }

    @Test func aPINASupervisorSetWorksOnceToChooseOwn() throws {
        let store = try TestLogs.live(path: temporaryPath(), at: start, pin: bossPIN)
        let session = try LogSession(store: store)
        #expect(try session.prove(bossPIN, for: "S001"))
        _ = try session.setPIN("set-by-boss-77", for: "D100", by: Actor("S001", console: "c1"), at: start).get()
        #expect(session.state.operatorKeys["D100"]?.oneTime == true)
        // The supervisor knows that PIN, so its key signs nothing but D100's own choice.
        #expect(try session.prove("set-by-boss-77", for: "D100"))
        let d100 = Actor("D100", console: "c2")
        #expect(session.state.decide(.signOn, by: d100, at: start) == .failure(.mustChangePIN("D100")))
        _ = try session.setPIN("chosen-by-d100", for: "D100", by: d100, at: start).get()
        #expect(session.state.operatorKeys["D100"]?.oneTime == false)
        #expect(try LogSession(store: EventStore.open(path: store.path)).prove("chosen-by-d100", for: "D100"))
        #expect(try !LogSession(store: EventStore.open(path: store.path)).prove("set-by-boss-77", for: "D100"))
        #expect(try store.verify().isIntact)
    }

    /// Found while copying a log onto a server: an operator changing their own PIN signs on, records the new key and
    /// signs off in one commit, and the sign-off was signed with the old key, which the chain no longer held for them
    /// there; every reader passed it over and kept them signed on. Events after the new key are signed with it.
    @Test func anOperatorChangingTheirOwnPINIsSignedOffByTheNewKey() throws {
        let store = try live()
        let session = try LogSession(store: store)
        #expect(try session.prove(handlerPIN, for: "H200"))
        let stored = try session.setPIN(
            "handler-passphrase-3", for: "H200", by: Actor("H200", console: "c1"), at: start
        )
        .get()
        #expect(stored.count == 3, "signed on, the new key, signed off")
        let report = try store.verify()
        #expect(report.isIntact, "\(report.lines)")
        let fresh = try LogSession(store: EventStore.open(path: store.path))
        #expect(fresh.rejected.isEmpty, "\(fresh.rejected)")
        #expect(fresh.state.signedOn["H200"] == nil)
        #expect(try fresh.prove("handler-passphrase-3", for: "H200"))
    }

    /// Found by an attacker: an event this machine checked before, edited in place with its hash left alone (the
    /// trigger dropped and put back as it was), was applied by every console that remembered the head past it.
    @Test func anEventEditedInPlaceBelowTheRememberedHeadIsRefused() throws {
        let store = try live()
        let session = try LogSession(store: EventStore.open(path: store.path))
        #expect(try session.prove(bossPIN, for: "S001"))
        try session.acceptAll(
            [.signOn, .registerOperator(Operator(id: "D105", name: "Sam", role: .dispatcher)), .signOff],
            by: Actor("S001", console: "c1"), at: start
        )
        let checked = try store.head()
        let raw = try DatabaseQueue(path: store.path)
        try raw.write { db in
            let trigger = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE name = 'event_is_append_only_update'")!
            try db.execute(sql: "DROP TRIGGER event_is_append_only_update")
            try db.execute(
                sql:
                    "UPDATE event SET payload = replace(payload, '\"dispatcher\"', '\"supervisor\"') WHERE type = 'OperatorRegistered'"
            )
            try db.execute(sql: trigger)
        }
        let error = #expect(throws: StoreError.self) {
            _ = try LogSession(store: EventStore.open(path: store.path), trusted: checked)
        }
        #expect(
            error?.message.contains("no longer hash to the head this machine checked") == true,
            "\(error?.message ?? "")")
        // Without a remembered head every event is checked, and the edited one is not applied.
        let fresh = try LogSession(store: EventStore.open(path: store.path))
        #expect(fresh.state.operators["D105"]?.role != .supervisor)
        #expect(try !store.verify().isIntact)
    }

    /// Found by an attacker on a server: a key written by hand into an unsigned log made S001's PIN one-time for
    /// ever. A log that signs nothing takes no keys.
    @Test func aLogThatSignsNothingTakesNoKeys() throws {
        let store = try EventStore.create(
            path: temporaryPath(), forceText: try DemoForce.text(), createdAt: start, training: true)
        let key = SigningKey.generate().publicKey.base64EncodedString()
        try store.append([
            Event(
                at: start, by: Actor("H200", console: "py"), .operatorPINSet(OperatorPINSet(operator: "S001", key: key))
            )
        ])
        #expect(try !store.checksSignatures())
        let session = try LogSession(store: EventStore.open(path: store.path))
        #expect(session.state.operatorKeys.isEmpty)
        #expect(try session.execute(.signOn, by: Actor("S001", console: "c1"), at: start).get().count == 1)
        #expect(try store.verify().isIntact)
    }

    /// Found by an attacker: a call handler signed, with their own key, events their role may not write (mutual aid,
    /// a desk for someone else) and appended them by hand; verify and consoles checked only the signature.
    @Test func anEventOutsideItsSignersRoleIsNamedAndNeverApplied() throws {
        let store = try live()
        let key = try #require(try store.openKey(handlerPIN, for: "H200"))
        let forged = try forge(
            store, .shiftClockSet(ShiftClockSet(paused: true, speed: 1)), as: "H200", signedWith: key)
        let report = try store.verify()
        #expect(
            report.problem?.seq == forged
                && report.problem?.what == "H200, a call handler, may not control a training shift")
        #expect(try LogSession(store: EventStore.open(path: store.path)).state.shiftClock.paused == false)
    }

    /// Found by the server's attacker: a call handler's hand-signed regrade was applied (the role rule let any role
    /// that raises incidents write one), and a second `IncidentRaised` for an existing incident moved a grade-1
    /// incident to another area as grade 3. Only a role that may regrade writes a regrade, and no event makes a
    /// record over another's.
    @Test func aCallHandlersRegradeOrSecondRaiseIsNamedAndNeverApplied() throws {
        let store = try live()
        let session = try LogSession(store: store)
        #expect(try session.prove(handlerPIN, for: "H200"))
        let handler = Actor("H200", console: "c1")
        try session.acceptAll(
            [
                .signOn, .receiveContact(.emergency, ContactDetails(location: GeoPoint(lat: 52.48, lon: -1.90))),
                .answerContact(ContactID(1)),
            ], by: handler, at: start + .minutes(1)
        )
        let raised = try session.executeAll(
            [
                .raiseIncident(
                    from: ContactID(1), grade: .emergency, category: Category(.crime), location: nil, address: nil)
            ], by: handler, at: start + .minutes(2)
        ).get()
        let first = raised.first { if case .incidentRaised = $0.event.change { true } else { false } }
        guard case .incidentRaised(let incident) = try #require(first).event.change else {
            Issue.record("no incident was raised")
            return
        }
        let key = try #require(try store.openKey(handlerPIN, for: "H200"))
        let regrade = try forge(
            store, .incidentGraded(IncidentGraded(incident: incident.incident, grade: .priority, reason: "mine")),
            as: "H200", signedWith: key)
        var again = incident
        again.grade = .scheduled
        again.area = "coventry"
        let raisedAgain = try forge(store, .incidentRaised(again), as: "H200", signedWith: key)
        let report = try store.verify()
        #expect(report.problem?.seq == regrade, "\(report.lines)")
        #expect(report.problem?.what == "H200, a call handler, may not regrade incidents")
        #expect(report.more.first?.seq == raisedAgain)
        #expect(report.more.first?.what.contains("raises incident \(incident.incident) again") == true)
        let fresh = try LogSession(store: EventStore.open(path: store.path))
        #expect(fresh.state.incidents[incident.incident]?.grade == incident.grade)
        #expect(fresh.state.incidents[incident.incident]?.area == incident.area)
    }

    /// Found by the fourth attacker: with the file and only a call handler's PIN, a snapshot row whose state gave
    /// S001 the attacker's key, recorded by a `SnapshotTaken` the call handler signed, was opened from by every
    /// machine that had seen that row, and the attacker then acted as S001. A signed log in a file is opened only
    /// from a snapshot this machine made or held to the chain.
    @Test func aPlantedSnapshotIsNeverOpenedFrom() throws {
        let store = try live()
        let mine = try LogSession(store: store)
        #expect(try mine.prove(handlerPIN, for: "H200"))
        let made = try #require(try mine.snapshotNow(by: Actor("H200", console: "c1"), at: start + .minutes(1)))
        let vouched = store.vouchedSnapshots
        #expect(vouched.map(\.seq) == [made])
        // The attacker's state: S001's key is theirs.
        let attacker = SigningKey.generate()
        var forgedState = mine.state
        forgedState.apply(
            Event(
                at: start + .minutes(2), by: Actor("S001", console: "py"),
                .operatorPINSet(OperatorPINSet(operator: "S001", key: attacker.publicKey.base64EncodedString()))))
        let blob = Data(try forgedState.snapshotBytes())
        let digest = Data(SHA256.hash(data: blob))
        let head = try store.head()
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(
                sql:
                    "INSERT INTO snapshot (seq, version, created_at, event_hash, digest, state) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [head.seq, DispatchState.snapshotVersion, start.seconds, head.hash, digest, blob])
        }
        let key = try #require(try store.openKey(handlerPIN, for: "H200"))
        let recorded = try forge(
            store,
            .snapshotTaken(
                SnapshotTaken(seq: head.seq, digest: digest.map { String(format: "%02x", $0) }.joined())),
            as: "H200", signedWith: key)
        // A machine that saw the record (its head is past it) and vouches for the snapshot it made.
        let victim = try EventStore.open(path: store.path)
        victim.vouch(for: vouched)
        let session = try LogSession(
            store: victim, trusted: try store.hash(at: recorded).map { LogHead(seq: recorded, hash: $0) })
        #expect(
            session.state.operatorKeys["S001"]?.key != attacker.publicKey.base64EncodedString(),
            "the planted snapshot's key for S001 is nobody's")
        #expect(try session.prove(bossPIN, for: "S001"))
        // It opened from the snapshot it made, not the planted one; and verify names the planted one.
        #expect(
            try victim.restore(trusted: LogHead(seq: recorded, hash: try store.hash(at: recorded)!)).snapshotSeq == made
        )
        #expect(try store.verify().problem?.seq == head.seq)
    }

    /// Found by the fourth server attacker: a call handler's signed contact placed at 1e308, 1e308 stopped every
    /// dispatcher's console (a distance could not be shown), and verify said OK; and their signed answer took a call
    /// already in another's hand. Readers hold a signed event to what `decide` would do with the state as it stands.
    @Test func aSignedEventDecideWouldRefuseIsNamedAndNeverApplied() throws {
        let store = try live()
        let session = try LogSession(store: store)
        #expect(try session.prove(handlerPIN, for: "H200"))
        try session.acceptAll(
            [
                .signOn, .receiveContact(.emergency, ContactDetails(location: GeoPoint(lat: 52.48, lon: -1.90))),
                .answerContact(ContactID(1)),
            ], by: Actor("H200", console: "c1"), at: start + .minutes(1)
        )
        let key = try #require(try store.openKey(handlerPIN, for: "H200"))
        let offEarth = try forge(
            store,
            .contactReceived(
                ContactReceived(
                    contact: ContactID(2), channel: .emergency,
                    details: ContactDetails(location: GeoPoint(lat: 1e308, lon: 1e308)))),
            as: "H200", signedWith: key)
        let answeredAgain = try forge(
            store, .contactAnswered(ContactAnswered(contact: ContactID(1))), as: "H200", signedWith: key)
        let report = try store.verify()
        #expect(report.problem?.seq == offEarth, "\(report.lines)")
        #expect(report.problem?.what.contains("not a place on Earth") == true)
        #expect(report.more.first?.seq == answeredAgain)
        let fresh = try LogSession(store: EventStore.open(path: store.path))
        #expect(fresh.state.contacts[ContactID(2)] == nil)
        #expect(fresh.rejected.count == 2)
    }

    /// Found by the fifth attacker: a call handler's signed merges closed grade-1 incidents (one into itself, one
    /// with a unit on it), and a signed booking a year ahead took a grade 1 out of every figure; verify said OK. An
    /// event only one command makes is held to what `decide` would make, by that operator then.
    @Test func aSignedMergeOrBookingDecideWouldRefuseIsNamedAndNeverApplied() throws {
        let store = try live()
        let session = try LogSession(store: store)
        #expect(try session.prove(handlerPIN, for: "H200"))
        let raised = try session.executeAll(
            [
                .signOn, .receiveContact(.emergency, ContactDetails(location: GeoPoint(lat: 52.48, lon: -1.90))),
                .raiseIncident(
                    from: ContactID(1), grade: .emergency, category: Category(.crime), location: nil, address: nil),
            ], by: Actor("H200", console: "c1"), at: start + .minutes(1)
        ).get()
        let ref = try #require(
            raised.lazy.compactMap { e -> IncidentRef? in
                if case .incidentRaised(let r) = e.event.change { r.incident } else { nil }
            }.first)
        let key = try #require(try store.openKey(handlerPIN, for: "H200"))
        let merged = try forge(
            store, .incidentMerged(IncidentMerged(incident: ref, into: ref)), as: "H200", signedWith: key)
        let booked = try forge(
            store, .incidentBooked(IncidentBooked(incident: ref, time: start + .minutes(60 * 24 * 365))), as: "H200",
            signedWith: key)
        let report = try store.verify()
        #expect(report.problem?.seq == merged && report.more.map(\.seq) == [booked], "\(report.lines)")
        #expect(report.problem?.what.hasPrefix("no command makes it now") == true, "\(report.lines)")
        let fresh = try LogSession(store: EventStore.open(path: store.path))
        #expect(fresh.state.openIncidents.contains(ref))
        #expect(fresh.state.incidents[ref]?.bookedFor == nil)
    }
}
