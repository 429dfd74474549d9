import Testing
import VigilCore
import VigilForce
@testable import VigilSim

@Suite("the simulator calls on mutual aid when its scenario says")
struct MutualAidSimTests {
    @Test func lentUnitsArriveWorkThroughTheChangeoverAndGoHome() throws {
        var scenario = try ScenarioLoader.load("weekday")
        scenario.start = Instant(ukDate: CivilDate(year: 2026, month: 11, day: 27), hour: 16, minute: 0)
        scenario.hours = 12
        let asked = scenario.start + .hours(2)
        scenario.injects.append(
            .init(
                at: asked, kind: .mutualAid(partner: "staffordshire", units: 6, arriveMinutes: 30, hours: 6),
                label: "Staffordshire lends six"))
        scenario.injects.sort { $0.at < $1.at }
        let (summary, world) = try HeadlessRun.run(scenario, force: try DemoForce.load(), seed: 4)
        let arrived = world.events.filter { if case .mutualAidArrived = $0.change { true } else { false } }
        #expect(arrived.count == 1)
        let arrival = try #require(arrived.first)
        #expect(arrival.at == asked + .minutes(30) && arrival.operatorID == SimOperators.incidentManager.id)
        #expect(
            arrival.change
                == .mutualAidArrived(
                    MutualAidArrived(
                        pool: "staffordshire", units: ["SF01", "SF02", "SF03", "SF04", "SF05", "SF06"],
                        station: "walsall")))
        let lent = Set(["SF01", "SF02", "SF03", "SF04", "SF05", "SF06"])
        let leaving = arrival.at + .hours(6)
        var assigned = 0
        for e in world.events {
            switch e.change {
            case .unitAssigned(let p) where lent.contains(p.unit):
                assigned += 1
                #expect(e.at >= arrival.at, "\(p.unit) sent before it arrived, at \(e.at)")
            case .unitStatusChanged(let p) where lent.contains(p.unit) && p.status == .offDuty:
                // Not at the 23:00 changeover: they are on their own force's time, not this force's rota.
                #expect(e.at >= leaving, "\(p.unit) stood down at \(e.at.ukLocal.timeText), before its six hours")
            default:
                break
            }
        }
        #expect(assigned >= 6, "the lent units are worked: \(assigned) assignments")
        #expect(summary.mutualAidUnits == 6 && summary.mutualAidAssignments == assigned)
        // By the end (04:00) every lent unit has gone home, those committed at 00:30 as soon as they cleared.
        for cs in lent { #expect(world.state.units[cs]?.status == .offDuty, "\(cs) still on the board") }
    }

    @Test func aPartnerTheForceLacksStopsTheRunWithOneSentence() throws {
        var scenario = try ScenarioLoader.load("weekday")
        scenario.injects = [
            .init(
                at: scenario.start + .hours(1),
                kind: .mutualAid(partner: "gwent", units: 4, arriveMinutes: 60, hours: 6), label: "Gwent")
        ]
        #expect {
            _ = try HeadlessRun.run(scenario, force: try DemoForce.load(), seed: 1, hours: 2)
        } throws: { error in
            "\(error)"
                == "the scenario calls on mutual aid from `gwent`, but this force's partners are staffordshire, west-mercia, warwickshire"
        }
    }

    @Test func theInjectIsReadAndCheckedFromTheScenarioFile() throws {
        let base = try ScenarioLoader.builtInText("weekday")
        let inject =
            "\n[[injects]]\nat = \"2026-11-25T19:00\"\nkind = \"mutual-aid\"\npartner = \"warwickshire\"\nunits = 5\n"
        let s = try ScenarioLoader.parse(base + inject, file: "aid.toml")
        #expect(
            s.injects.last?.kind == .mutualAid(partner: "warwickshire", units: 5, arriveMinutes: 60, hours: 8),
            "an hour to arrive and eight to stay unless the file says")
        let lines = (base + inject).split(separator: "\n", omittingEmptySubsequences: false).count
        func error(_ extra: String) -> String {
            do { _ = try ScenarioLoader.parse(base + inject + extra, file: "aid.toml"); return "accepted" } catch {
                return error.description
            }
        }
        #expect(error("hours = inf\n").hasPrefix("aid.toml:\(lines): injects[0].hours:"))
        #expect(
            error("arrive_minutes = -5\n")
                == "aid.toml:\(lines): injects[0].arrive_minutes: found -5, but it must be from 0 to 1440 minutes")
        var noUnits = "?"
        do {
            _ = try ScenarioLoader.parse(
                base + inject.replacingOccurrences(of: "units = 5\n", with: ""), file: "a.toml")
        } catch { noUnits = error.description }
        #expect(noUnits.hasSuffix("injects[0].kind: a mutual-aid inject needs `units`"), "\(noUnits)")
    }
}
