import Testing
@testable import VigilCore

@Suite("major incidents group incidents under one command with their own log")
struct MajorIncidentTests {
    @Test func declareAddNoteAndSurviveASnapshot() throws {
        var s = Fixture.world()
        let here = GeoPoint(lat: 52.552, lon: -1.902)
        let a = raise(&s, at: here), b = raise(&s, at: here), c = raise(&s, at: here)
        let declared = accept(&s, .declareMajorIncident(name: "M6 pile-up", incidents: [a, b]), by: "I1")
        #expect(
            declared.map(\.change) == [
                .majorIncidentDeclared(MajorIncidentDeclared(major: 1, name: "M6 pile-up", incidents: [a, b]))
            ])
        #expect(s.majorIncidents[1]?.incidents == [a, b])
        #expect(s.incidents[a]?.narrative.last?.text == "Part of major incident 1: M6 pile-up")
        // Declaring again under the same name adds to it; naming only what is in it already is refused.
        accept(&s, .declareMajorIncident(name: "m6 PILE-UP", incidents: [b, c]), by: "I1")
        #expect(s.majorIncidents.count == 1 && s.majorIncidents[1]?.incidents == [a, b, c])
        #expect(
            refuse(s, .declareMajorIncident(name: "M6 pile-up", incidents: [a]), by: "I1") == .alreadyInMajorIncident(1)
        )
        accept(&s, .noteMajorIncident(1, "Gold at HQ"), by: "I1")
        #expect(
            s.majorIncidents[1]?.log.map(\.text) == [
                "Declared M6 pile-up over \(a.short) \(b.short)", "Added \(c.short)", "Gold at HQ",
            ])
        #expect(refuse(s, .noteMajorIncident(2, "x"), by: "I1") == .unknownMajorIncident(2))
        #expect(
            refuse(s, .declareMajorIncident(name: "Other", incidents: [a]), by: "D1")?.message
                == "A dispatcher may not declare major incidents; ask a duty inspector.")
        let copy = try DispatchState(snapshot: try s.snapshotBytes())
        #expect(copy == s)
        let parsed = CommandParser(state: s, now: Fixture.t0).parse("major \"Flood\" \(a.short) \(c.short)")
        #expect(try parsed.get() == .declareMajorIncident(name: "Flood", incidents: [a, c]))
    }
}
