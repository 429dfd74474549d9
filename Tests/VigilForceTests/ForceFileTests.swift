import Foundation
import Testing
import VigilCore
@testable import VigilForce

@Suite("force files")
struct ForceFileTests {
    @Test func demoForceHasTheShapeOfTheDesign() throws {
        let demo = try DemoForce.load()
        #expect(demo.force.code == "WM")
        #expect(
            demo.force.areas.map(\.name) == [
                "Birmingham", "Coventry", "Wolverhampton", "Walsall", "Dudley", "Sandwell", "Solihull",
            ])
        #expect((550...700).contains(demo.units.count))
        let response = demo.units.filter { $0.type == .response }.count
        #expect((420...480).contains(response))
        #expect(
            demo.units.contains { $0.type == .armed } && demo.units.contains { $0.type == .roads }
                && demo.units.contains { $0.type == .dog })
        #expect((24...60).contains(demo.flags.count))
        // Every station lies inside its own area's outline, and Birmingham carries the most units.
        for st in demo.force.stations {
            #expect(demo.force.area(st.area)!.outline.contains(st.location), "\(st.name)")
        }
        let brum = demo.units.filter { $0.homeArea == "birmingham" }.count
        #expect(Double(brum) / Double(demo.units.count) > 0.35)
        // Solihull's south-east is rural; central Birmingham is not.
        #expect(demo.force.isRural(GeoPoint(lat: 52.37, lon: -1.68)))
        #expect(!demo.force.isRural(GeoPoint(lat: 52.48, lon: -1.90)))
        #expect(demo.force.area(containing: GeoPoint(lat: 52.41, lon: -1.51))?.id == "coventry")
        let state = demo.initialState(at: Instant(year: 2026, month: 11, day: 25))
        #expect(state.invariantViolations() == [])
    }

    static let minimal = """
        [force]
        code = "TF"
        name = "Test"

        [[areas]]
        id = "a"
        name = "A"
        centre = [52.5, -1.9]
        speed_kmh = 40
        outline = [[52.4, -2.0], [52.6, -2.0], [52.6, -1.8], [52.4, -1.8]]

        [[stations]]
        id = "s"
        name = "S"
        area = "a"
        at = [52.5, -1.9]

        [[units]]
        callsign = "a11"
        type = "response"
        station = "s"

        [[units]]
        callsign = "A12"
        type = "response"
        station = "s"
        skills = ["taser"]
        """

    func error(_ text: String) -> TOMLFileError? {
        do { _ = try ForceLoader.parse(text, file: "test.toml"); Issue.record("accepted"); return nil } catch {
            return error
        }
    }

    @Test func minimalFileLoads() throws {
        let f = try ForceLoader.parse(Self.minimal, file: "test.toml")
        #expect(f.units.map(\.callsign) == ["A11", "A12"])
        #expect(f.units[1].skills == [.taser])
        #expect(f.force.areas[0].speedKmh == 40)
    }

    @Test func badValuesNameFileLineAndField() {
        #expect(
            error(
                Self.minimal.replacingOccurrences(
                    of: "type = \"response\"\nstation = \"s\"\nskills",
                    with: "type = \"respnse\"\nstation = \"s\"\nskills"))?.description
                == "test.toml:25: units[1].type: `respnse` is not a unit type; use one of response, neighbourhood, roads, armed, dog, custody-van"
        )
        #expect(
            error(Self.minimal.replacingOccurrences(of: "area = \"a\"", with: "area = \"b\""))?.description
                == "test.toml:15: stations[0].area: there is no area `b`; use an id from [[areas]]")
        #expect(
            error(Self.minimal.replacingOccurrences(of: "callsign = \"A12\"", with: "callsign = \"A11\""))?.description
                == "test.toml:24: units[1].callsign: `A11` is used twice; each callsign must be unique")
        #expect(
            error(Self.minimal.replacingOccurrences(of: "centre = [52.5, -1.9]", with: "centre = [52.5]"))?.description
                == "test.toml:8: areas[0].centre: expected [latitude, longitude] in degrees, e.g. [52.48, -1.90]")
    }

    @Test func missingAndMistypedFieldsNameTheirPlace() {
        let missing = error(Self.minimal.replacingOccurrences(of: "name = \"S\"\n", with: ""))
        #expect(missing?.field == "stations[0].name")
        #expect(missing?.line == 12, "the [[stations]] header, as the key itself is absent")
        let mistyped = error(Self.minimal.replacingOccurrences(of: "speed_kmh = 40", with: "speed_kmh = \"fast\""))
        #expect(mistyped?.field == "areas[0].speed_kmh")
        #expect(mistyped?.line == 9)
    }

    @Test func syntaxErrorsNameTheLine() {
        let e = error(Self.minimal.replacingOccurrences(of: "name = \"Test\"", with: "name = \"Test"))
        #expect(e?.line == 3)
        #expect(e?.field == nil)
    }

    @Test func missingFileSaysSo() {
        #expect(throws: TOMLFileError.self) { try ForceLoader.load(path: "/nonexistent/force.toml") }
        do { _ = try ForceLoader.load(path: "/nonexistent/force.toml") } catch {
            #expect(error.description == "/nonexistent/force.toml: no such file; check the path")
        }
    }
}

@Suite("hostile force files")
struct HostileForceTests {
    func error(_ edit: (String) -> String) -> String {
        do { _ = try ForceLoader.parse(edit(ForceFileTests.minimal), file: "f.toml"); return "accepted" } catch {
            return error.description
        }
    }

    @Test func nonFiniteAndOutOfRangeNumbersAreNamed() {
        #expect(
            error { $0.replacingOccurrences(of: "speed_kmh = 40", with: "speed_kmh = 40\nkm2 = nan") }
                .hasSuffix("areas[0].km2: expected a finite number, found nan"))
        #expect(
            error { $0.replacingOccurrences(of: "speed_kmh = 40", with: "speed_kmh = 40\nkm2 = 1e308") }
                .contains("areas[0].km2: found 1e+308, but it must be from 0 to 1000000"))
        #expect(
            error { $0.replacingOccurrences(of: "speed_kmh = 40", with: "speed_kmh = inf") }.contains(
                "areas[0].speed_kmh: expected a finite number, found inf"))
        #expect(
            error {
                $0.replacingOccurrences(of: "speed_kmh = 40", with: "speed_kmh = 40\npopulation = 9223372036854775807")
            }
            .contains("areas[0].population: found 9223372036854775807"))
        #expect(
            error { $0.replacingOccurrences(of: "centre = [52.5, -1.9]", with: "centre = [nan, -1.9]") }.contains(
                "areas[0].centre"))
    }

    @Test func aFifoOrDirectoryIsNotAForceFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let fifo = dir.appendingPathComponent("force.toml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: TOMLFileError.self) { _ = try ForceLoader.load(path: fifo) }
        #expect(throws: TOMLFileError.self) { _ = try ForceLoader.load(path: dir.path) }
    }
}

/// toml++ asserted (aborting the program) on these; they never reach it now.
@Suite("TOML the parser must never see")
struct TOMLSubsetTests {
    func error(_ text: String) -> String {
        do { _ = try ForceLoader.parse(text, file: "f.toml"); return "accepted" } catch { return error.description }
    }

    @Test func fuzzerFindingsGetASentence() {
        #expect(
            error("[é]\n")
                == "f.toml:1: not valid TOML for Vigil (column 2): expected a key (letters, digits, _ or -, or a \"quoted\" key)"
        )
        #expect(
            error("y=[3,}\n")
                == "f.toml:1: not valid TOML for Vigil (column 6): expected a value: a \"string\", a number, true, false, [an array] or { a table }"
        )
        #expect(error("[[[force]\ncode = \"WM\"\n").hasPrefix("f.toml:1: not valid TOML for Vigil"))
        #expect(error("a = 1979-05-27T07:32:00Z\n").contains("dates and times are written in quotes"))
        #expect(error("a = \"\u{1B}[2J\"\n").contains("control character"))
        #expect(error(String(repeating: "[", count: 100_000)).hasPrefix("f.toml:1:"))
        #expect(
            error("a = " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40)).contains(
                "nested too deeply"))
    }

    @Test func theShippedFilesAreInTheSubset() throws {
        #expect(throws: Never.self) { try TOMLSubset.check(ForceFileTests.minimal) }
        #expect(throws: Never.self) { try TOMLSubset.check(try DemoForce.text()) }
    }
}

@Suite("dispatch desks in force files")
struct DeskFileTests {
    static let withDesks =
        ForceFileTests.minimal + """

            [[desks]]
            id = "all"
            name = "All of it"
            areas = ["a"]
            """

    func error(_ text: String) -> String {
        do { _ = try ForceLoader.parse(text, file: "d.toml"); return "accepted" } catch { return error.description }
    }

    @Test func desksLoadAndTheDemoHasThree() throws {
        let f = try ForceLoader.parse(Self.withDesks, file: "d.toml")
        #expect(f.force.desks == [Desk(id: "all", name: "All of it", areas: ["a"])])
        #expect(f.force.desk(forArea: "a")?.id == "all")
        let demo = try DemoForce.load().force
        #expect(demo.desks.map(\.name) == ["Birmingham", "Black Country", "Coventry & Solihull"])
        // Every demo area is on exactly one desk.
        #expect(demo.desks.flatMap(\.areas).sorted() == demo.areas.map(\.id).sorted())
    }

    @Test func badDesksNameTheirLine() {
        #expect(
            error(Self.withDesks.replacingOccurrences(of: "areas = [\"a\"]", with: "areas = [\"b\"]"))
                == "d.toml:31: desks[0].areas: there is no area `b`; use an id from [[areas]]")
        #expect(
            error(Self.withDesks + "\n\n[[desks]]\nid = \"two\"\nname = \"Two\"\nareas = [\"a\"]\n")
                == "d.toml:36: desks[1].areas: area `a` is already on desk `all`; an area is on one desk")
        #expect(
            error(Self.withDesks.replacingOccurrences(of: "areas = [\"a\"]", with: "areas = []"))
                == "d.toml:31: desks[0].areas: a desk needs at least one area")
        #expect(
            error(Self.withDesks.replacingOccurrences(of: "id = \"all\"", with: "id = \"a b\""))
                == "d.toml:29: desks[0].id: a desk id is 1 to 32 letters, digits and hyphens, e.g. black-country")
        #expect(
            error(Self.withDesks.replacingOccurrences(of: "All of it", with: "\\u001b[2J"))
                == "d.toml:30: desks[0].name: a desk name is 1 to 40 printable characters, e.g. \"Black Country\"")
    }
}
