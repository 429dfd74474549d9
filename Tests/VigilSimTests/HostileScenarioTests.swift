import Foundation
import Testing
import VigilCore
import VigilForce
@testable import VigilSim

/// Every number in a scenario file, replaced by values an attacker would try: refused with file, line and field,
/// or, where the value is within range, run without a trap, a hang or an unbounded allocation.
@Suite("hostile scenario files")
struct HostileScenarioTests {
    static let hostile = [
        "inf", "-inf", "nan", "1e308", "1e-300", "-1e-300", "9223372036854775807", "-9223372036854775808", "\"12\"",
    ]

    /// `key = number` lines of the weekday scenario, and the numbers inside `{ median = …, p90 = … }` and arrays.
    static func numberSites(_ text: String) -> [(line: Int, range: Range<String.Index>)] {
        var sites: [(Int, Range<String.Index>)] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var offset = text.startIndex
        for (n, line) in lines.enumerated() {
            let lineStart = offset
            offset = text.index(offset, offsetBy: line.count)
            if offset < text.endIndex { offset = text.index(after: offset) }
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else { continue }
            var i = line.index(after: eq)
            while i < line.endIndex {
                if line[i].isNumber
                    || (line[i] == "-" && line.index(after: i) < line.endIndex && line[line.index(after: i)].isNumber)
                {
                    let prev = i > line.startIndex ? line[line.index(before: i)] : " "
                    var j = i
                    while j < line.endIndex,
                        line[j].isNumber || line[j] == "." || line[j] == "-" || line[j] == ":" || line[j] == "T"
                    { j = line.index(after: j) }
                    let word = line[i..<j]
                    // Times and dates ("07:00", "2026-11-25T07:00") are text, not numbers.
                    if prev != "\"", !word.contains(":") {
                        let a = text.index(lineStart, offsetBy: line.distance(from: line.startIndex, to: i))
                        let b = text.index(lineStart, offsetBy: line.distance(from: line.startIndex, to: j))
                        sites.append((n + 1, a..<b))
                    }
                    i = j
                } else {
                    i = line.index(after: i)
                }
            }
        }
        return sites
    }

    @Test func everyNumberIsCheckedForFinitenessAndRange() throws {
        let force = try DemoForce.load()
        for name in ["weekday", "major-incident"] {
            let text = try ScenarioLoader.builtInText(name)
            let sites = Self.numberSites(text)
            #expect(sites.count > 60, "found the numbers of \(name)")
            var refused = 0, ran = 0
            for site in sites {
                for bad in Self.hostile {
                    var edited = text
                    edited.replaceSubrange(site.range, with: bad)
                    let scenario: Scenario
                    do {
                        scenario = try ScenarioLoader.parse(edited, file: "bad.toml")
                    } catch {
                        refused += 1
                        #expect(error.description.hasPrefix("bad.toml:"), "\(error.description)")
                        #expect(error.line != nil, "no line for \(bad) at line \(site.line): \(error.description)")
                        continue
                    }
                    // Accepted: it is within range, so a short run must finish.
                    ran += 1
                    _ = try HeadlessRun.run(scenario, force: force, seed: 1, hours: 0.25, keepEvents: false)
                }
            }
            #expect(refused > sites.count * 5)
            #expect(ran > 0)
        }
    }

    @Test func errorsSayWhatWasFoundAndWhatIsAllowed() throws {
        func error(_ edit: (String) -> String) throws -> String {
            do {
                _ = try ScenarioLoader.parse(edit(try ScenarioLoader.builtInText("weekday")), file: "bad.toml");
                return "accepted"
            } catch { return error.description }
        }
        #expect(
            try error { $0.replacingOccurrences(of: "incidents_per_day = 2300", with: "incidents_per_day = 1e12") }
                == "bad.toml:12: demand.incidents_per_day: found 1000000000000, but it must be from 1 to 1000000")
        #expect(
            try error { $0.replacingOccurrences(of: "incidents_per_day = 2300", with: "incidents_per_day = nan") }
                == "bad.toml:12: demand.incidents_per_day: expected a finite number, found nan")
        #expect(
            try error { $0.replacingOccurrences(of: "incidents_per_day = 2300", with: "incidents_per_day = \"lots\"") }
                == "bad.toml:12: demand.incidents_per_day: expected a number, found text")
        #expect(
            try error { $0.replacingOccurrences(of: "weekend_factor = 1.1", with: "weekend_factor = inf") }
                == "bad.toml:18: demand.weekend_factor: expected a finite number, found inf")
    }
}

@Suite("wrong kinds of value")
struct WrongKindTests {
    func error(_ line: String, _ replacement: String) throws -> String {
        let text = try ScenarioLoader.builtInText("weekday")
        let edited = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix(line) ? Substring(replacement) : $0
        }.joined(separator: "\n")
        do { _ = try ScenarioLoader.parse(edited, file: "bad.toml"); return "accepted" } catch {
            return error.description
        }
    }

    /// A whole-number field given text was reported as "missing".
    @Test func aWrongTypeSaysWhatWasFoundNotMissing() throws {
        #expect(
            try error("handlers =", "handlers = \"lots\"")
                == "bad.toml:78: handling.handlers: expected a whole number, found text")
        #expect(
            try error("handlers =", "handlers = 1.5")
                == "bad.toml:78: handling.handlers: expected a whole number, found 1.5, with a fraction")
        #expect(
            try error("handlers =", "handlers = true")
                == "bad.toml:78: handling.handlers: expected a whole number, found true or false")
        #expect(
            try error("handlers =", "handlers = 1e300").hasPrefix(
                "bad.toml:78: handling.handlers: expected a whole number"))
    }
}
