import Testing
@testable import VigilCore

@Suite("roles are enforced in decide")
struct RoleTests {
    /// Every command, against a world where each would otherwise be accepted.
    static func commands(_ s: DispatchState, incident: IncidentRef, other: IncidentRef) -> [(String, Command)] {
        let here = GeoPoint(lat: 52.552, lon: -1.902)
        return [
            ("receive", .receiveContact(.emergency, ContactDetails(location: here))),
            ("answer", .answerContact(ContactID(3))),
            (
                "raise",
                .raiseIncident(
                    from: ContactID(3), grade: .priority, category: Category(.crime), location: here, address: nil)
            ),
            ("link", .linkContact(ContactID(3), to: incident)),
            ("merge", .mergeIncident(other, into: incident)),
            ("resolve", .resolveContact(ContactID(3), advice: "advice")),
            ("grade", .grade(incident, .priority, reason: "less urgent")),
            ("thrive", .recordThrive(incident, Thrive())),
            ("note", .addNarrative(incident, "note")),
            ("assign", .assign(incident, ["N12"])),
            ("unassign", .unassign("N11", from: incident)),
            ("status", .setStatus("N11", .enRoute, position: nil)),
            ("move", .moveUnit("S11", to: "north")),
            ("close", .closeIncident(incident, Category(.admin), outcome: "")),
            ("flag", .addFlag(.vulnerable, address: "1 A Road", location: here, note: "", expires: nil)),
            ("unflag", .expireFlag(1)),
            ("register", .registerOperator(Operator(id: "N1", name: "New", role: .callHandler))),
            ("disable", .disableOperator("D1")),
            ("major", .declareMajorIncident(name: "Major", incidents: [incident])),
            ("pause", .pauseShift),
            ("speed", .setShiftSpeed(10)),
            ("inject", .fireInject(1)),
            ("signoff", .signOff),
        ]
    }

    /// Written out by hand, not derived from `Role.may`, so the test checks the rule rather than restating it.
    static let allowed: [Role: Set<String>] = [
        .callHandler: ["receive", "answer", "raise", "link", "merge", "resolve", "thrive", "note", "signoff"],
        .dispatcher: [
            "receive", "answer", "raise", "link", "merge", "resolve", "grade", "thrive", "note", "assign", "unassign",
            "status", "close", "flag", "unflag", "signoff",
        ],
        .inspector: [
            "link", "merge", "grade", "thrive", "note", "move", "close", "flag", "unflag", "major", "signoff",
        ],
        .trainer: [
            "receive", "answer", "raise", "link", "merge", "resolve", "grade", "thrive", "note", "assign", "unassign",
            "status", "move", "close", "flag", "unflag", "pause", "speed", "inject", "major", "signoff",
        ],
        .supervisor: [
            "receive", "answer", "raise", "link", "merge", "resolve", "grade", "thrive", "note", "assign", "unassign",
            "status", "move", "close", "flag", "unflag", "register", "disable", "pause", "speed", "inject", "major",
            "signoff",
        ],
    ]

    @Test(arguments: Role.allCases)
    func everyCommandFromEveryRole(role: Role) {
        var s = Fixture.world()
        let here = GeoPoint(lat: 52.552, lon: -1.902)
        let incident = raise(&s, at: here)
        let other = raise(&s, at: here)
        accept(&s, .assign(incident, ["N11"]))
        accept(&s, .receiveContact(.emergency, ContactDetails(location: here)))
        let id: OperatorID = [
            "call-handler": "H1", "dispatcher": "D1", "inspector": "I1", "trainer": "T1", "supervisor": "S1",
        ][role.rawValue]!
        for (name, command) in Self.commands(s, incident: incident, other: other) {
            let result = s.decide(command, by: Fixture.actor(id), at: Fixture.t0)
            if Self.allowed[role]!.contains(name) {
                if case .failure(let e) = result { Issue.record("\(role) refused \(name): \(e.message)") }
            } else {
                guard case .failure(.notPermitted(let r, _, _)) = result else {
                    Issue.record("\(role) was not refused \(name): \(result)")
                    continue
                }
                #expect(r == role)
            }
        }
    }

    @Test func refusalSaysWhoMayInstead() {
        var s = Fixture.world()
        let ref = raise(&s, at: GeoPoint(lat: 52.55, lon: -1.9))
        #expect(
            refuse(s, .assign(ref, ["N11"]), by: "H1")?.message
                == "A call handler may not assign units; ask a dispatcher.")
        #expect(
            refuse(s, .moveUnit("N11", to: "south"), by: "D1")?.message
                == "A dispatcher may not move units across areas; ask a duty inspector.")
        #expect(
            refuse(s, .registerOperator(Operator(id: "Z", name: "Z", role: .dispatcher)), by: "T1")?.message
                == "A trainer may not administer operators; ask a supervisor.")
    }
}
