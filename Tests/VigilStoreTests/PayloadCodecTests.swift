import Foundation
import Testing
import VigilCore
import VigilForce
@testable import VigilStore

@Suite("event payloads")
struct PayloadCodecTests {
    /// Every kind of event, from a seeded workload plus the rare ones written by hand.
    static func sampleChanges() throws -> [Change] {
        let demo = try DemoForce.load()
        var state = demo.initialState(at: start)
        var changes: [Change] = []
        let actors = [trainer, Actor("S001", console: "test")]
        for a in actors { let e = try state.decide(.signOn, by: a, at: start).get(); state.apply(e); changes += e.map(\.change) }
        var workload = RandomWorkload(seed: 77, actors: actors, chaos: 0.3)
        var now = start
        for _ in 0..<3_000 {
            now = now + .seconds(13)
            let (c, a) = workload.next(in: state, now: now)
            if case .success(let e) = state.decide(c, by: a, at: now) { state.apply(e); changes += e.map(\.change) }
        }
        changes += [
            .operatorRegistered(operator: Operator(id: "Q1", name: "Quote \"Me\" \\ back/slash é 🚓\n\t\u{1}", role: .inspector, disabled: true)),
            .operatorSignedOff,
            .flagAdded(flag: AddressFlag(id: 99, kind: .officerSafety, address: "1 A St", location: GeoPoint(lat: 52, lon: -2), note: "dog",
                                         expires: Instant(seconds: 1_800_000_000))),
            .flagExpired(flag: 3),
            .shiftClockSet(paused: true, speed: 60),
            .shiftClockSet(paused: false, speed: 0),
            .injectFired(inject: 2),
            .operatorDisabled(operator: "D100"),
            .signOnRefused(reason: "wrong PIN \"1234\" ✗"),
            .majorIncidentDeclared(major: 1, name: "M6 \"J7\" pile-up", incidents: [IncidentRef(force: "WM", day: 20261125, number: 14),
                                                                                IncidentRef(force: "WM", day: 20261125, number: 15)]),
            .majorIncidentNoted(major: 1, text: "Gold command at Lloyd House 🚓"),
            .unitMoved(unit: "BC11", area: "coventry"),
            .contactReceived(contact: ContactID(5), channel: .online, details: ContactDetails()),
            .operatorLockedOut(operator: "D100", until: Instant(seconds: 1_800_000_900)),
            .operatorUnlocked(operator: "D100"),
            .operatorPINSet(operator: "S001"),
            .snapshotTaken(seq: 10_000, digest: String(repeating: "ab", count: 32)),
        ]
        return changes
    }

    @Test func matchesFoundationByteForByteAndRoundTrips() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let changes = try Self.sampleChanges()
        let kinds = Set(changes.map(\.typeName))
        #expect(kinds.count == 29, "every event type is covered: \(kinds.sorted())")
        for change in changes {
            let ours = PayloadCodec.encode(change)
            let foundation = String(decoding: try encoder.encode(change), as: UTF8.self)
            #expect(ours == foundation)
            #expect(try PayloadCodec.decode(ours) == change)
            #expect(try PayloadCodec.decode(foundation) == change, "reads what Foundation wrote: \(foundation)")
            #expect(try JSONDecoder().decode(Change.self, from: Data(ours.utf8)) == change, "Foundation reads what we write: \(ours)")
        }
    }

    @Test func membersFromANewerWriterAreSkipped() throws {
        let text = #"{"unitMoved":{"area":"coventry","since":{"by":["x",1,true,null]},"unit":"BC11"}}"#
        #expect(try PayloadCodec.decode(text) == .unitMoved(unit: "BC11", area: "coventry"))
        let optional = #"{"unitStatusChanged":{"position":null,"status":"scene","unit":"BC11"}}"#
        #expect(try PayloadCodec.decode(optional) == .unitStatusChanged(unit: "BC11", status: .atScene, position: nil))
        // An event written before its type gained an optional member still replays, with the member absent.
        let older = #"{"unitStatusChanged":{"status":"scene","unit":"BC11"}}"#
        #expect(try PayloadCodec.decode(older) == .unitStatusChanged(unit: "BC11", status: .atScene, position: nil))
    }

    @Test func malformedPayloadsAreErrorsNotCrashes() {
        for text in ["", "{", "{}", "[]", "{\"unitMoved\":{}}", "{\"unitMoved\":{\"area\":1,\"unit\":\"X\"}}", "{\"nope\":{}}",
                     "{\"flagExpired\":{\"flag\":1.5}}", "{\"unitAssigned\":{\"incident\":\"junk\",\"unit\":\"A\"}}", "{\"a\":1} x",
                     String(repeating: "[", count: 500)] {
            #expect(throws: (any Error).self, "\(text.prefix(40))") { try PayloadCodec.decode(text) }
        }
    }
}
