import Testing
import VigilCore
@testable import VigilForce

@Suite("a call handler raises a call given only an address")
struct RaiseFromAddressTests {
    static let t0 = Instant(year: 2026, month: 11, day: 27, hour: 18)

    /// The demo force with H200 signed on and one answered online contact giving only `address`.
    static func world(address: String, location: GeoPoint? = nil) throws -> DispatchState {
        var s = try DemoForce.load().initialState(at: t0)
        let h = Actor("H200", console: "t")
        for c: Command in [
            .signOn,
            .receiveContact(
                .online, ContactDetails(callerName: "A Caller", location: location, address: address, account: "x")),
            .answerContact(nil),
        ] {
            s.apply(try s.decide(c, by: h, at: t0).get())
        }
        return s
    }

    @Test func theAddressIsLookedUpAndTheAccuracyKept() throws {
        var s = try Self.world(address: "10 Colmore Row, Birmingham")
        #expect(
            s.decide(
                .raiseIncident(
                    from: ContactID(1), grade: .priority, category: Category(.crime, "theft"),
                    location: nil, address: nil), by: Actor("H200", console: "t"), at: Self.t0)
                == .failure(.contactHasNoLocation(ContactID(1))),
            "the core still needs a position: the language finds it")
        let command = try CommandParser(state: s, now: Self.t0).parse("raise C1 2 crime/theft").get()
        guard case .raiseIncident(_, _, _, let location?, let address?, let accuracy) = command else {
            Issue.record("no location from the gazetteer: \(command)"); return
        }
        #expect(address == "10 Colmore Row, City Centre, Birmingham" && accuracy == .street)
        let events = try s.decide(command, by: Actor("H200", console: "t"), at: Self.t0).get()
        s.apply(events)
        let incident = try #require(s.incidents[s.openIncidents[0]])
        #expect(incident.area == "birmingham" && incident.location == location && incident.accuracy == .street)
        // The accuracy is in the log, and survives a snapshot.
        #expect(events.last?.change.json.contains("\"accuracy\":\"street\"") == true)
        let copy = try DispatchState(snapshot: try s.snapshotBytes())
        #expect(copy.incidents[incident.ref]?.accuracy == .street)
    }

    @Test func anAddressNotFoundIsRefusedWithTheNearest() throws {
        let s = try Self.world(address: "12 Colmore Road, Birmingham")
        let parser = CommandParser(state: s, now: Self.t0)
        guard case .failure(let e) = parser.parse("raise C1 2 crime/theft") else {
            Issue.record("a street nobody has was raised"); return
        }
        #expect(
            e.message.contains("is not in the gazetteer; nearest: ") && e.message.contains("Colmore Row"),
            "\(e.message)")
        // Typed in the line, a better address wins; at= wins over everything.
        #expect(throws: Never.self) { try parser.parse("raise C1 2 crime/theft address=\"Colmore Row\"").get() }
        let at = try parser.parse("raise C1 2 crime/theft at=52.5,-1.9 address=\"nowhere at all\"").get()
        #expect(
            at
                == .raiseIncident(
                    from: ContactID(1), grade: .priority, category: Category(.crime, "theft"),
                    location: GeoPoint(lat: 52.5, lon: -1.9), address: "nowhere at all"))
    }

    @Test func aPositionFromThePhoneIsKept() throws {
        let phone = GeoPoint(lat: 52.58, lon: -1.98)
        let s = try Self.world(address: "somewhere the caller is not sure of", location: phone)
        let command = try CommandParser(state: s, now: Self.t0).parse("raise C1 1 crime/assault").get()
        #expect(
            command
                == .raiseIncident(
                    from: ContactID(1), grade: .emergency, category: Category(.crime, "assault"),
                    location: nil, address: nil))
    }
}
