import Foundation
import Testing
import VigilCore
@testable import VigilSim

@Suite("scenario files")
struct ScenarioTests {
    @Test func builtInsLoad() throws {
        for name in ScenarioLoader.builtIns {
            let s = try ScenarioLoader.load(name)
            #expect(s.name == name)
            #expect(s.hourly.count == 24)
        }
        let major = try ScenarioLoader.load("major-incident")
        #expect(major.injects.count == 6)
    }
}

@Suite("scenario file errors")
struct ScenarioErrorTests {
    func error(_ edit: (String) -> String) throws -> String {
        let text = edit(try ScenarioLoader.builtInText("weekday"))
        do {
            _ = try ScenarioLoader.parse(text, file: "bad.toml")
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func badWorkloadSettingsNameTheirLine() throws {
        #expect(
            try error { $0.replacingOccurrences(of: "\"crime/robbery\" = 0.25", with: "\"crime/robbery\" = 2.5") }
                == "bad.toml:113: workload.arrest_share.crime/robbery: found 2.5, but it must be from 0 to 1")
        #expect(
            try error { $0.replacingOccurrences(of: "asb = 0.2 }", with: "asbo = 0.2 }") }
                .hasPrefix("bad.toml:116: workload.write_up_share.asbo: "))
        #expect(
            try error {
                $0.replacingOccurrences(of: "\"transport/rtc-injury\" = 2 }", with: "\"transport/rtc-injury\" = 0 }")
            }
                == "bad.toml:128: workload.units_needed.transport/rtc-injury: found 0, but it must be from 1 to 20 units"
        )
        #expect(
            try error { $0.replacingOccurrences(of: "reserve_for_grade_1 = 2", with: "reserve_for_grade_1 = inf") }
                .hasPrefix("bad.toml:130: workload.reserve_for_grade_1:"))
        #expect(
            try error { $0.replacingOccurrences(of: "refreshment_minutes = 45", with: "refreshment_minutes = 1e9") }
                == "bad.toml:125: workload.refreshment_minutes: found 1000000000, but it must be from 0 to 240 minutes")
    }

    @Test func badFieldsNameFileLineAndField() throws {
        #expect(
            try error { $0.replacingOccurrences(of: "start = \"07:00\"", with: "start = \"7am\"") }
                == "bad.toml:97: shifts[0].start: `7am` is not a time of day; write it as HH:MM, e.g. 07:00")
        #expect(
            try error { $0.replacingOccurrences(of: "category = \"crime/theft\"", with: "category = \"crime/thief\"") }
                .hasPrefix("bad.toml:43: categories[6].category: unknown crime type `thief`"))
        #expect(
            try error { $0.replacingOccurrences(of: "hours = 24", with: "hours = -1") }
                == "bad.toml:6: hours: must be more than 0 and at most two weeks (336)")
        #expect(
            try error { $0.replacingOccurrences(of: "online = 0.45", with: "online = 1.45") }
                == "bad.toml:22: demand.resolve_without_incident.online: found 1.45, but it must be from 0 to 1")
        #expect(
            try error { $0.replacingOccurrences(of: "incidents_per_day = 2300", with: "incidents_per_day = \"lots\"") }
                .hasPrefix("bad.toml:12: demand.incidents_per_day:"))
        #expect(
            try error { $0 + "\n[[injects]]\nat = \"2026-11-25T09:00\"\nkind = \"alien-invasion\"\n" }
                .hasSuffix(
                    "injects[0].kind: `alien-invasion` is not an inject; use major-incident, breakdown, surge, phone-outage or mutual-aid"
                ))
        #expect(
            try error {
                $0.replacingOccurrences(of: "admin = { median = 15, p90 = 40 }", with: "admin = { median = 15 }")
            }
                == "bad.toml:94: on_scene.admin: give either `median` and `p90` (log-normal) or `mean` alone (exponential), in minutes"
        )
        #expect(
            try error {
                $0.replacingOccurrences(of: "admin = { median = 15, p90 = 40 }", with: "admin = { mean = -2 }")
            }
                == "bad.toml:94: on_scene.admin.mean: found -2, but it must be from 0 to 10080 minutes")
    }

    @Test func spansAreLogNormalOrExponential() throws {
        let text = try ScenarioLoader.builtInText("weekday")
            .replacingOccurrences(of: "admin = { median = 15, p90 = 40 }", with: "admin = { mean = 20 }")
            .replacingOccurrences(
                of: "incidents_per_day = 2300", with: "incidents_per_day = 2300\ncontacts_per_day = 4000")
        let s = try ScenarioLoader.parse(text, file: "ok.toml")
        #expect(s.onSceneMinutes[.admin]?.isExponential == true)
        #expect(abs((s.onSceneMinutes[.admin]?.mean ?? 0) - 20) < 1e-9)
        #expect(s.onSceneMinutes[.crime] == Spread(median: 55, p90: 150))
        #expect(s.contactsPerDay == 4000)
        // A log-normal's mean lies above its median: exp(σ²/2) with σ from the p90.
        let crime = Spread(median: 55, p90: 150)
        let sigma = log(150.0 / 55) / 1.2815515655446004
        #expect(abs(crime.mean - 55 * exp(sigma * sigma / 2)) < 1e-9)
    }
}
