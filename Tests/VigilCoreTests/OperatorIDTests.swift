import Testing
@testable import VigilCore

@Suite("operator ids are kept as entered and matched in any case")
struct OperatorIDTests {
    @Test func typedInAnyCaseTheRegisteredIdIsFound() {
        var s = Fixture.world()
        #expect(s.operatorID(matching: "d1") == "D1" && s.operatorID(matching: "D1") == "D1")
        #expect(s.operatorID(matching: "zz9") == "zz9", "an unknown id is left as typed, so the refusal names it")
        // A second operator whose id differs only in case would answer to the same typed id: refused.
        #expect(
            refuse(s, .registerOperator(Operator(id: "d1", name: "Twin", role: .dispatcher)))
                == .operatorExists("D1"))
        accept(&s, .registerOperator(Operator(id: "Ab7", name: "Mixed", role: .dispatcher)))
        #expect(s.operatorID(matching: "AB7") == "Ab7" && s.operators["Ab7"]?.name == "Mixed")
    }
}
