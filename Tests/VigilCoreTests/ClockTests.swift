import Testing
@testable import VigilCore

@Suite("clocks, overdue flags and load")
struct ClockTests {
    @Test func gradeOneCountsDownAndBreaches() {
        var s = Fixture.world()
        let ref = raise(&s, at: GeoPoint(lat: 52.55, lon: -1.90))
        let i = s.incidents[ref]!
        #expect(
            i.clock(at: Fixture.t0 + .minutes(4))
                == TargetClock(
                    age: .minutes(4), target: .minutes(15), remaining: .minutes(11), breached: false, met: false))
        #expect(i.clock(at: Fixture.t0 + .minutes(16)).breached)
        #expect(i.clock(at: Fixture.t0 + .minutes(16)).remaining == .minutes(-1))
        accept(&s, .assign(ref, ["N11"]))
        accept(&s, .setStatus("N11", .enRoute, position: nil))
        accept(&s, .setStatus("N11", .atScene, position: nil), at: Fixture.t0 + .minutes(12))
        let met = s.incidents[ref]!.clock(at: Fixture.t0 + .hours(2))
        #expect(met.met && !met.breached && met.remaining == nil)
    }

    @Test func ruralGradeOneHasTwentyMinutes() {
        var s = Fixture.world()
        let rural = raise(&s, at: GeoPoint(lat: 52.42, lon: -1.90))
        let urban = raise(&s, at: GeoPoint(lat: 52.47, lon: -1.90))
        #expect(s.incidents[rural]?.rural == true)
        #expect(s.incidents[rural]?.clock(at: Fixture.t0).target == .minutes(20))
        #expect(s.incidents[urban]?.clock(at: Fixture.t0).target == .minutes(15))
        let g4 = raise(&s, at: GeoPoint(lat: 52.47, lon: -1.90), grade: .resolution)
        #expect(s.incidents[g4]?.clock(at: Fixture.t0 + .hours(9)).breached == false)
        #expect(s.incidents[g4]?.isUnresourced == false)
    }

    @Test func overdueFlagsByStatusLimit() {
        var s = Fixture.world()
        let ref = raise(&s, at: GeoPoint(lat: 52.55, lon: -1.90))
        accept(&s, .assign(ref, ["N11"]))
        accept(&s, .setStatus("N11", .enRoute, position: nil))
        accept(&s, .setStatus("N11", .atScene, position: nil), at: Fixture.t0 + .minutes(5))
        let unit = s.units["N11"]!
        #expect(unit.overdueFlag(at: Fixture.t0 + .minutes(64)) == nil)
        #expect(unit.overdueFlag(at: Fixture.t0 + .minutes(66)) == "welfare check")
        #expect(s.units["N12"]!.overdueFlag(at: Fixture.t0 + .hours(10)) == nil, "patrol has no limit")
    }

    @Test func loadAddsUpPerAreaAndForceWide() {
        var s = Fixture.world()
        let a = raise(&s, at: GeoPoint(lat: 52.55, lon: -1.90))
        raise(&s, at: GeoPoint(lat: 52.55, lon: -1.90), grade: .priority, now: Fixture.t0 + .minutes(3))
        raise(&s, at: GeoPoint(lat: 52.47, lon: -1.90), grade: .scheduled)
        accept(&s, .assign(a, ["N11"]))
        accept(&s, .receiveContact(.emergency, ContactDetails()), at: Fixture.t0 + .minutes(1))
        accept(&s, .receiveContact(.nonEmergency, ContactDetails()), at: Fixture.t0 + .minutes(2))
        accept(&s, .receiveContact(.nonEmergency, ContactDetails()), at: Fixture.t0 + .minutes(4))
        let load = s.load(at: Fixture.t0 + .minutes(10))
        let north = load.areas.first { $0.area == "north" }!
        #expect(north.openByGrade == [1, 1, 0, 0])
        #expect(north.unresourced == 1)
        #expect(north.oldestUnresourced == .minutes(7))
        #expect(north.unitsByStatus[.assigned] == 1)
        #expect(north.unitsCommitted == 1)
        #expect(load.total.openByGrade == [1, 1, 1, 0])
        #expect(load.total.unitTotal == s.units.count)
        #expect(load.areas.map(\.unitTotal).reduce(0, +) == s.units.count)
        #expect(load.queues.map(\.waiting) == [1, 2, 0])
        #expect(load.queues[1].longestWait == .minutes(8))
    }

    @Test func ukLocalDatesFollowSummerTime() {
        // 23:30 UTC on 30 June is 00:30 BST on 1 July; in winter UTC and local agree.
        #expect(
            Instant(year: 2026, month: 6, day: 30, hour: 23, minute: 30).ukLocal.date
                == CivilDate(year: 2026, month: 7, day: 1))
        #expect(
            Instant(year: 2026, month: 11, day: 25, hour: 23, minute: 30).ukLocal.date
                == CivilDate(year: 2026, month: 11, day: 25))
        // 2026: BST from 29 March 01:00 UTC to 25 October 01:00 UTC.
        #expect(!UKTime.isSummerTime(Instant(year: 2026, month: 3, day: 29, hour: 0, minute: 59)))
        #expect(UKTime.isSummerTime(Instant(year: 2026, month: 3, day: 29, hour: 1)))
        #expect(UKTime.isSummerTime(Instant(year: 2026, month: 10, day: 25, hour: 0, minute: 59)))
        #expect(!UKTime.isSummerTime(Instant(year: 2026, month: 10, day: 25, hour: 1)))
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CivilDate(parsing: "2026-02-29") == nil)
        #expect(CivilDate(parsing: "2028-02-29") == CivilDate(year: 2028, month: 2, day: 29))
        #expect(Duration.seconds(3725).clockText == "1:02:05")
        #expect(Duration.seconds(-30).clockText == "-0:30")
    }
}
