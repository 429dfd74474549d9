import Testing
@testable import VigilCore

@Suite("trainer controls for a simulated shift are commands and events")
struct ShiftControlTests {
    @Test func pauseSpeedResumeAndInjects() throws {
        var s = Fixture.world()
        #expect(s.shiftClock == ShiftClock(paused: false, speed: 1))
        accept(&s, .setShiftSpeed(60), by: "T1")
        accept(&s, .pauseShift, by: "T1")
        #expect(s.shiftClock == ShiftClock(paused: true, speed: 60))
        #expect(s.shiftClock.text == "paused (×60)")
        #expect(refuse(s, .pauseShift, by: "T1") == .shiftAlreadyPaused)
        #expect(refuse(s, .setShiftSpeed(60), by: "T1")?.message == "The shift already runs at ×60.")
        #expect(refuse(s, .setShiftSpeed(7), by: "T1") == .badShiftSpeed(7))
        accept(&s, .resumeShift, by: "T1")
        #expect(refuse(s, .resumeShift, by: "T1") == .shiftNotPaused)
        accept(&s, .setShiftSpeed(0), by: "T1")
        #expect(s.shiftClock.text == "max")
        let fired = accept(&s, .fireInject(2), by: "T1")
        #expect(fired.map(\.change) == [.injectFired(InjectFired(inject: 2))])
        #expect(refuse(s, .fireInject(0), by: "T1") == .badInject(0))
        // A dispatcher may not drive the shift: the refusal says who may.
        #expect(
            refuse(s, .pauseShift, by: "D1")?.message
                == "A dispatcher may not control a training shift; ask the trainer.")
        // The clock survives a snapshot.
        let copy = try DispatchState(snapshot: try s.snapshotBytes())
        #expect(copy.shiftClock == ShiftClock(paused: false, speed: 0))
        #expect(copy == s)
    }
}
