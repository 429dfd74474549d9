import ArgumentParser
import Testing
import VigilCore
import VigilForce
@testable import vigil

@Suite("the vigil command line")
struct CommandLineTests {
    @Test func forceHelpIsTheDocumentation() {
        #expect(
            Vigil.helpMessage(for: Vigil.ForceCommand.self, columns: 80) == """
                OVERVIEW: Check a force file and print its areas, stations, units and critical
                register.

                USAGE: vigil force [--force <path>] [--units]

                OPTIONS:
                  --force <path>          A force file (TOML) to use instead of the built-in
                                          demo force.
                  --units                 List every unit with its type, home, crew and skills.
                  --version               Show the version.
                  -h, --help              Show help information.

                """)
    }

    @Test func scriptHelpNamesEveryDirective() {
        let help = Vigil.helpMessage(for: Vigil.Script.self, columns: 80)
        for word in [
            "`wait 5m`", "`as ID`", "`recommend 0014`", "`show 0014`", "`load`", "# comment", "--start <time>",
            "(default: D100)",
        ] {
            #expect(help.contains(word), "\(word)")
        }
    }

    @Test func badArgumentsAreRefusedWithASentence() {
        #expect(throws: (any Error).self) { try Vigil.parseAsRoot(["bench", "--only", "everything"]) }
        do {
            _ = try Vigil.parseAsRoot(["bench", "--only", "everything"])
        } catch {
            #expect(Vigil.message(for: error) == "--only takes apply, recommend, store, sim, tui or consoles")
            #expect(Vigil.exitCode(for: error) != .success)
        }
        #expect(throws: (any Error).self) { try Vigil.parseAsRoot(["script"]) }
    }

    @Test func simulatorAndStaffingArgumentsAreChecked() {
        let cases: [([String], String)] = [
            (["sim", "--runs", "3"], "--runs and --vary are for headless runs; add --headless"),
            (
                ["sim", "--headless", "--vary", "units=1:2:1"],
                "--vary takes one of response-units, call-handlers, incidents-per-day, as in response-units=400:560:40"
            ),
            (
                ["sim", "--headless", "--runs", "2", "--db", "x.sqlite"],
                "--db writes one shift; leave it out with --runs or --vary"
            ),
            (["sim", "--headless", "--scale", "0"], "--scale must be from 1 to 200"),
            (
                [
                    "staffing", "--calls-per-hour", "120", "--handle-minutes", "3", "--target-seconds", "20",
                    "--service-level", "150",
                ],
                "--service-level must be between 0 and 1 (or 0 and 100%), not 150.0"
            ),
            (
                ["staffing", "--calls-per-hour", "0", "--handle-minutes", "3", "--target-seconds", "20"],
                "--calls-per-hour must be more than 0"
            ),
        ]
        for (arguments, sentence) in cases {
            do {
                _ = try Vigil.parseAsRoot(arguments)
                Issue.record("accepted \(arguments)")
            } catch {
                #expect(Vigil.message(for: error) == sentence, "\(arguments)")
            }
        }
    }

    @Test func aMissingForceFileFailsCleanly() throws {
        let parsed = try Vigil.parseAsRoot(["force", "--force", "/nonexistent/force.toml"])
        #expect(throws: Failure.self) {
            var c = parsed; try c.run()
        }
    }

    @Test func startTimesAreUKLocal() {
        // Winter: local equals UTC. Summer: 14:00 BST is 13:00 UTC.
        #expect(Instant(ukLocal: "2026-11-25T14:00") == Instant(year: 2026, month: 11, day: 25, hour: 14))
        #expect(Instant(ukLocal: "2026-07-01T14:00:30") == Instant(year: 2026, month: 7, day: 1, hour: 13, second: 30))
        #expect(Instant(ukLocal: "2026-07-01 14:00") == nil)
        #expect(Instant(ukLocal: "2026-07-01T25:00") == nil)
        #expect(Instant(ukLocal: "2026-02-30T10:00") == nil)
    }

    @Test func summaryCountsTheDemoForce() throws {
        let lines = ForceSummary(try DemoForce.load()).lines
        #expect(lines[0] == "West Midlands (demo) (WM): 7 areas, 32 stations, 113 beats,")
        #expect(lines[1] == "630 units, 36 critical-register flags")
        #expect(lines.allSatisfy { $0.count <= 80 }, "the summary fits an 80-column terminal")
        #expect(lines.contains("Units: 450 response, 150 neighbourhood, 12 roads, 8 armed, 6 dog, 4 custody-van"))
    }
}
