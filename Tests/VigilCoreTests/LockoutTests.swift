import Foundation
import Testing
@testable import VigilCore

@Suite("lock-out after wrong PINs")
struct LockoutTests {
    /// A state with nobody signed on, as at a console's sign-on prompt.
    static func fresh() -> DispatchState {
        DispatchState(force: Fixture.force, units: Fixture.units, operators: Fixture.operators)
    }

    static func wrongPIN(_ s: inout DispatchState, _ id: OperatorID, at t: Instant, console: String = "c1") -> [Change]
    {
        let events = try! s.decide(
            .recordRefusedSignOn(reason: SignOnPolicy.wrongPIN), by: Actor(id, console: console), at: t
        ).get()
        s.apply(events)
        return events.map(\.change)
    }

    @Test func fiveWrongPinsInFifteenMinutesLockForFifteen() throws {
        var s = Self.fresh()
        let t = Fixture.t0
        // Four wrong, spread over consoles: no lock yet.
        for i in 0..<4 { #expect(Self.wrongPIN(&s, "D1", at: t + .minutes(Int64(i)), console: "c\(i)").count == 1) }
        #expect(s.lockedOut("D1", at: t + .minutes(4)) == nil)
        let fifth = Self.wrongPIN(&s, "D1", at: t + .minutes(4), console: "c9")
        #expect(
            fifth == [
                .signOnRefused(SignOnRefused(reason: SignOnPolicy.wrongPIN)),
                .operatorLockedOut(OperatorLockedOut(operator: "D1", until: t + .minutes(19))),
            ])
        // Even the right PIN cannot sign on now, from any console.
        #expect(refuse(s, .signOn, by: "D1", at: t + .minutes(10)) == .operatorLockedOut("D1", until: t + .minutes(19)))
        accept(&s, .signOn, by: "D1", at: t + .minutes(19))
    }

    /// Found by an attacker with the file: six refusals (which need no signature) dated in 2100 held every
    /// supervisor back until then. A try dated after now is no try at all.
    @Test func refusalsDatedInTheFutureHoldNobodyBack() throws {
        var s = Self.fresh()
        let boss = try #require(s.operators.values.first { $0.role == .supervisor }).id
        let t = Fixture.t0
        for i in 0..<6 {
            s.apply(
                Event(
                    at: Instant(seconds: 4_102_444_800 + Int64(i)), by: Actor(boss, console: "py"),
                    .signOnRefused(SignOnRefused(reason: .wrongPIN))))
        }
        #expect(s.recentFailures(boss, at: t) == 0)
        #expect(s.supervisorWait(boss, at: t) == nil && s.supervisorBackoff(boss, at: t) == nil)
        // And they are not carried into the count when a real wrong PIN comes.
        _ = Self.wrongPIN(&s, boss, at: t)
        #expect(s.recentFailures(boss, at: t) == 1)
    }

    @Test func oldFailuresDoNotCountAndASignOnClearsThem() throws {
        var s = Self.fresh()
        let t = Fixture.t0
        for i in 0..<4 { _ = Self.wrongPIN(&s, "H1", at: t + .minutes(Int64(i))) }
        #expect(
            Self.wrongPIN(&s, "H1", at: t + .minutes(16)).count == 1, "the first failure has left the 15-minute window")
        var ok = Self.fresh()
        for i in 0..<4 { _ = Self.wrongPIN(&ok, "H1", at: t + .minutes(Int64(i))) }
        accept(&ok, .signOn, by: "H1", at: t + .minutes(5))
        #expect(Self.wrongPIN(&ok, "H1", at: t + .minutes(6)).count == 1, "a good sign-on starts the count again")
    }

    @Test func supervisorsAreNeverLockedAndMayUnlockOthers() throws {
        var s = Self.fresh()
        let t = Fixture.t0
        for i in 0..<12 { #expect(Self.wrongPIN(&s, "S1", at: t + .seconds(Int64(i))).count == 1) }
        #expect(s.lockedOut("S1", at: t + .minutes(1)) == nil)
        #expect(s.recentFailures("S1", at: t + .minutes(1)) == 12, "counted, so the sign-on can slow them")
        for i in 0..<5 { _ = Self.wrongPIN(&s, "D1", at: t + .seconds(Int64(i))) }
        #expect(s.lockedOut("D1", at: t + .minutes(1)) != nil)
        accept(&s, .signOn, by: "S1", at: t + .minutes(1))
        accept(&s, .signOn, by: "I1", at: t + .minutes(1))
        if case .notPermitted? = refuse(s, .unlockOperator("D1"), by: "I1", at: t + .minutes(2)) {
        } else {
            Issue.record("an inspector unlocked")
        }
        let unlocked = accept(&s, .unlockOperator("D1"), by: "S1", at: t + .minutes(2))
        #expect(unlocked.map(\.change) == [.operatorUnlocked(OperatorUnlocked(operator: "D1"))])
        #expect(s.lockedOut("D1", at: t + .minutes(3)) == nil)
        #expect(refuse(s, .unlockOperator("D1"), by: "S1", at: t + .minutes(3)) == .operatorNotLockedOut("D1"))
    }

    @Test func theLockSurvivesASnapshot() throws {
        var s = Self.fresh()
        for i in 0..<5 { _ = Self.wrongPIN(&s, "D1", at: Fixture.t0 + .seconds(Int64(i))) }
        _ = Self.wrongPIN(&s, "H1", at: Fixture.t0)
        let back = try DispatchState(snapshot: try s.snapshotBytes())
        #expect(back.lockedUntil == s.lockedUntil)
        #expect(back.signOnFailures == s.signOnFailures)
    }

    /// Found by an attacker: a lock-out written into 2100 (a lock-out needs no signature) read "until 00:00:00", as
    /// if it ended tonight. Its date is said too.
    @Test func aLockOutSaysItsDate() {
        let message = DispatchError.operatorLockedOut("H200", until: Instant(seconds: 4_102_444_800)).message
        #expect(message.contains("until 00:00:00 on 2100-01-01"), "\(message)")
        #expect(
            OperatorLockedOut(operator: "H200", until: Instant(seconds: 4_102_444_800)).summaryText
                == "H200 until 00:00:00 on 2100-01-01")
    }

    /// A lock-out needs no signature, so anyone with the file can write one: one into 2100 locked a dispatcher out
    /// until a supervisor came, and one dated in 2100 would have waited there. A lock-out locks for fifteen minutes
    /// from its own time at most, and not before that time.
    @Test func aLockOutLastsFifteenMinutesFromItsOwnTimeAtMost() throws {
        var s = Self.fresh()
        let t = Fixture.t0
        s.apply([
            Event(
                at: t, by: Actor("D1", console: "py"),
                .operatorLockedOut(OperatorLockedOut(operator: "D1", until: Instant(seconds: 4_102_444_800))))
        ])
        #expect(s.lockedOut("D1", at: t + .minutes(5)) == t + .minutes(15))
        #expect(s.lockedOut("D1", at: t + .minutes(15)) == nil)
        var later = Self.fresh()
        later.apply([
            Event(
                at: Instant(seconds: 4_102_444_800), by: Actor("D1", console: "py"),
                .operatorLockedOut(OperatorLockedOut(operator: "D1", until: Instant(seconds: 4_102_444_800 + 900))))
        ])
        #expect(later.lockedOut("D1", at: t) == nil, "a lock dated in 2100 holds nobody now")
    }

    /// Found by the file's attacker: a lock-out (which needs no signature) written with an `until` already past
    /// lifted a lock in force and cleared the wrong PINs, buying five more guesses each time. A lock-out only ever
    /// locks: it never shortens a lock, nor clears the wrong PINs that made it.
    @Test func aLockOutWithAPastUntilUnlocksNobody() throws {
        var s = Self.fresh()
        let t = Fixture.t0
        for i in 0..<5 { _ = Self.wrongPIN(&s, "D1", at: t + .seconds(Int64(i))) }
        let until = try #require(s.lockedOut("D1", at: t + .minutes(1)))
        s.apply([
            Event(
                at: t + .minutes(1), by: Actor("D1", console: "py"),
                .operatorLockedOut(OperatorLockedOut(operator: "D1", until: t + .seconds(59))))
        ])
        #expect(s.lockedOut("D1", at: t + .minutes(1)) == until, "still locked until the real lock's end")
        s.apply([
            Event(
                at: t + .minutes(2), by: Actor("D1", console: "py"),
                .operatorLockedOut(OperatorLockedOut(operator: "D1", until: t + .minutes(2) + .seconds(1))))
        ])
        #expect(s.lockedOut("D1", at: t + .minutes(3)) == until, "a shorter lock does not shorten it")
        #expect(s.recentFailures("D1", at: t + .minutes(3)) == 5, "the wrong PINs stand until they leave the window")
        #expect(s.lockedOut("D1", at: until) == nil && s.recentFailures("D1", at: until) == 0)
    }

    /// Found by the file's attacker: refusals (which need no signature) dated a minute ahead held a supervisor back
    /// for 92 s. The back-off counts from no later than now.
    @Test func aSupervisorsWaitIsTheBackOffAtMost() {
        var s = Self.fresh()
        let t = Fixture.t0
        for _ in 0..<10 { _ = Self.wrongPIN(&s, "S1", at: t + .seconds(60)) }
        let wait = s.supervisorWait("S1", at: t)
        #expect(wait != nil && wait! <= .seconds(32), "\(String(describing: wait))")
    }
}
