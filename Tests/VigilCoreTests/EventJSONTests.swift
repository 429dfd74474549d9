import Foundation
import Testing
import VigilCore
import VigilWorkload
import VigilForce

@Suite("event payloads")
struct EventJSONTests {
    static let start = Instant(year: 2026, month: 11, day: 25, hour: 9)
    static let trainer = Actor("T400", console: "test")

    /// Every kind of event, from a seeded workload plus the rare ones written by hand.
    static func sampleChanges() throws -> [Change] {
        let demo = try DemoForce.load()
        var state = demo.initialState(at: Self.start)
        var changes: [Change] = []
        let actors = [Self.trainer, Actor("S001", console: "test")]
        for a in actors {
            let e = try state.decide(.signOn, by: a, at: Self.start).get(); state.apply(e); changes += e.map(\.change)
        }
        var workload = RandomWorkload(seed: 77, actors: actors, chaos: 0.3)
        var now = Self.start
        for _ in 0..<3_000 {
            now = now + .seconds(13)
            let (c, a) = workload.next(in: state, now: now)
            if case .success(let e) = state.decide(c, by: a, at: now) { state.apply(e); changes += e.map(\.change) }
        }
        changes += [
            .operatorRegistered(
                OperatorRegistered(
                    operator: Operator(
                        id: "Q1", name: "Quote \"Me\" \\ back/slash é 🚓\n\t\u{1}", role: .inspector, disabled: true))),
            .operatorSignedOff(OperatorSignedOff()),
            .flagAdded(
                FlagAdded(
                    flag: AddressFlag(
                        id: 99, kind: .officerSafety, address: "1 A St", location: GeoPoint(lat: 52, lon: -2),
                        note: "dog",
                        expires: Instant(seconds: 1_800_000_000)))),
            .flagExpired(FlagExpired(flag: 3)),
            .shiftClockSet(ShiftClockSet(paused: true, speed: 60)),
            .shiftClockSet(ShiftClockSet(paused: false, speed: 0)),
            .injectFired(InjectFired(inject: 2)),
            .injectFired(InjectFired(inject: 2, repeated: true)),
            .shiftEnded(ShiftEnded(scenario: "weekday \"busy\"")),
            .simHandlersSet(SimHandlersSet(count: 2)),
            .incidentBooked(
                IncidentBooked(
                    incident: IncidentRef(force: "WM", day: 20261125, number: 14), time: Instant(seconds: 1_764_088_200)
                )),
            .mutualAidArrived(MutualAidArrived(pool: "staffordshire", units: ["SF01", "SF02"], station: "walsall")),
            .contactReturned(ContactReturned(contact: ContactID(9), reason: "signed off")),
            .contactCorrected(ContactCorrected(contact: ContactID(9), callerName: "Jo \"JJ\" Lee", callerNumber: nil)),
            .deskTaken(DeskTaken(desk: "black-country", operator: "D100")),
            .deskLeft(
                DeskLeft(
                    desk: "black-country", operator: "D100", cause: .consoleSilent,
                    reason: "no heartbeat from tty1 for 30 s \"x\" ✗")),
            .contactReceived(
                ContactReceived(
                    contact: ContactID(9), channel: .emergency, details: ContactDetails(), trueGrade: .priority)),
            .operatorDisabled(OperatorDisabled(operator: "D100")),
            .eidoImported(
                EIDOImported(
                    contact: ContactID(12), update: true,
                    intake: EIDOIntake(
                        eido: "urn:emergency:uid:incidentid:1:x", updated: Instant(seconds: 1_764_088_200),
                        agency: "Staffordshire \"Police\"", channel: .emergency,
                        details: ContactDetails(callerNumber: "+441785", location: GeoPoint(lat: 52.5, lon: -2.25)),
                        grade: .priority, category: Category(.crime, "theft"), locationSource: "GPS", accuracy: 12.5,
                        notes: ["one", "two ✓"], document: "{\r\n\t\"$id\": \"x\"\n}"),
                    newNotes: ["two ✓"], changes: ["Address now 1 Road."])),
            .signOnRefused(SignOnRefused(reason: .wrongPIN)),
            .majorIncidentDeclared(
                MajorIncidentDeclared(
                    major: 1, name: "M6 \"J7\" pile-up",
                    incidents: [
                        IncidentRef(force: "WM", day: 20261125, number: 14),
                        IncidentRef(force: "WM", day: 20261125, number: 15),
                    ])),
            .majorIncidentNoted(MajorIncidentNoted(major: 1, text: "Gold command at Lloyd House 🚓")),
            .unitMoved(UnitMoved(unit: "BC11", area: "coventry")),
            .contactReceived(ContactReceived(contact: ContactID(5), channel: .online, details: ContactDetails())),
            .operatorLockedOut(OperatorLockedOut(operator: "D100", until: Instant(seconds: 1_800_000_900))),
            .operatorUnlocked(OperatorUnlocked(operator: "D100")),
            .operatorPINSet(OperatorPINSet(operator: "S001")),
            .snapshotTaken(SnapshotTaken(seq: 10_000, digest: String(repeating: "ab", count: 32))),
            .logCopied(
                LogCopied(seq: 42, hash: String(repeating: "cd", count: 32), from: "/srv/vigil/\"live\".sqlite")),
        ]
        return changes
    }

    @Test func matchesFoundationByteForByteAndRoundTrips() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let changes = try Self.sampleChanges()
        let kinds = Set(changes.map(\.typeName))
        #expect(
            kinds == Set(Change.typeNames),
            "every event type is covered: \(Set(Change.typeNames).subtracting(kinds).sorted())")
        for change in changes {
            let ours = change.json
            let foundation = String(decoding: try encoder.encode(change), as: UTF8.self)
            #expect(ours == foundation)
            #expect(try Change(json: ours) == change)
            #expect(try Change(json: foundation) == change, "reads what Foundation wrote: \(foundation)")
            #expect(
                try JSONDecoder().decode(Change.self, from: Data(ours.utf8)) == change,
                "Foundation reads what we write: \(ours)")
        }
    }

    @Test func membersFromANewerWriterAreSkipped() throws {
        let text = #"{"unitMoved":{"area":"coventry","since":{"by":["x",1,true,null]},"unit":"BC11"}}"#
        #expect(try Change(json: text) == .unitMoved(UnitMoved(unit: "BC11", area: "coventry")))
        let optional = #"{"unitStatusChanged":{"position":null,"status":"scene","unit":"BC11"}}"#
        #expect(
            try Change(json: optional)
                == .unitStatusChanged(UnitStatusChanged(unit: "BC11", status: .atScene, position: nil)))
        // An event written before its type gained an optional member still replays, with the member absent.
        let older = #"{"unitStatusChanged":{"status":"scene","unit":"BC11"}}"#
        #expect(
            try Change(json: older)
                == .unitStatusChanged(UnitStatusChanged(unit: "BC11", status: .atScene, position: nil)))
    }

    @Test func malformedPayloadsAreErrorsNotCrashes() {
        for text in [
            "", "{", "{}", "[]", "{\"unitMoved\":{}}", "{\"unitMoved\":{\"area\":1,\"unit\":\"X\"}}", "{\"nope\":{}}",
            "{\"flagExpired\":{\"flag\":1.5}}", "{\"unitAssigned\":{\"incident\":\"junk\",\"unit\":\"A\"}}",
            "{\"a\":1} x",
            String(repeating: "[", count: 500),
        ] {
            #expect(throws: (any Error).self, "\(text.prefix(40))") { try Change(json: text) }
        }
    }
}
