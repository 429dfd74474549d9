import Testing
import VigilCore

@Suite("the shift's clock seen from another console")
struct ShiftTimeTests {
    static let last = Instant(year: 2026, month: 11, day: 25, hour: 21, minute: 40)
    static let written = Instant(year: 2026, month: 11, day: 30, hour: 16, minute: 0)

    func at(_ wallSeconds: Int64, _ clock: ShiftClock) -> Instant {
        ShiftTime.now(
            lastEventAt: Self.last, writtenAt: Self.written, clock: clock, wallNow: Self.written + .seconds(wallSeconds)
        )
    }

    @Test func aRunningShiftMovesOnAtItsSpeedFromItsLastEvent() {
        #expect(at(30, ShiftClock(speed: 1)) == Self.last + .seconds(30))
        #expect(at(30, ShiftClock(speed: 10)) == Self.last + .minutes(5))
        #expect(at(0, ShiftClock(speed: 60)) == Self.last)
    }

    @Test func aPausedOrFlatOutShiftStandsAtItsLastEvent() {
        #expect(at(30, ShiftClock(paused: true, speed: 10)) == Self.last)
        #expect(at(30, ShiftClock(speed: 0)) == Self.last, "at max the simulator's own events carry the time")
    }

    @Test func withNoShiftRunningTheLastEventGivesTheTime() {
        #expect(at(3 * 60, ShiftClock(speed: 1)) == Self.last, "nothing written for three minutes: no shift is running")
        #expect(at(-5, ShiftClock(speed: 1)) == Self.last, "a wall clock behind the writer's never runs time backwards")
    }
}
