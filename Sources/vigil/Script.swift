import ArgumentParser
import Foundation
import VigilCore
import VigilForce

extension Vigil {
    /// Runs command-language lines against a force in memory.
    struct Script: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a command-language script against a force in memory and print each event.",
            discussion: """
            Each line is a command (e.g. `assign 0014 BW11`), or `wait 5m`, `as ID`, `recommend 0014`, \
            `show 0014`, `load`, or a # comment. Nothing is saved. Exits 1 if any line was refused.
            """
        )

        @Argument(help: ArgumentHelp("The script file, or - for standard input.", valueName: "file"))
        var file: String

        @OptionGroup var forceOptions: ForceOptions

        @Option(help: "The operator who runs the script; signed on before the first line.")
        var `operator` = "D100"

        @Option(help: ArgumentHelp("Start time, UK local, as YYYY-MM-DDTHH:MM (default: now).", valueName: "time"))
        var start: String?

        func run() throws {
            let loaded = try forceOptions.load()
            let text: String
            if file == "-" {
                text = AnyIterator { readLine(strippingNewline: false) }.joined()
            } else {
                guard let data = FileManager.default.contents(atPath: file), let s = String(data: data, encoding: .utf8) else {
                    throw Failure(description: "\(file): cannot read the script; check the path")
                }
                text = s
            }
            let startAt: Instant
            if let start {
                guard let t = parseLocalTime(start) else { throw ValidationError("--start must look like 2026-11-25T14:00") }
                startAt = t
            } else {
                startAt = Instant(seconds: Int64(Date().timeIntervalSince1970))
            }
            var runner = ScriptRunner(state: loaded.initialState(at: startAt), start: startAt, actor: Actor(`operator`, console: "script"))
            for line in runner.runLine("signon", number: 0) { print(line) }
            for line in runner.run(text) { print(line) }
            if runner.failures > 0 { throw ExitCode(1) }
        }
    }
}

/// Parses `YYYY-MM-DDTHH:MM[:SS]` as UK local time.
func parseLocalTime(_ text: String) -> Instant? {
    let parts = text.split(separator: "T")
    guard parts.count == 2, let date = CivilDate(parsing: String(parts[0])) else { return nil }
    let hms = parts[1].split(separator: ":").map { Int($0) }
    guard (2...3).contains(hms.count), hms.allSatisfy({ $0 != nil }), let h = hms[0], let m = hms[1],
          (0..<24).contains(h), (0..<60).contains(m) else { return nil }
    let s = hms.count == 3 ? hms[2]! : 0
    guard (0..<60).contains(s) else { return nil }
    let utc = Instant(year: date.year, month: date.month, day: date.day, hour: h, minute: m, second: s)
    // Local = UTC + 1 h in summer: try the summer reading first.
    let summer = utc - .hours(1)
    return UKTime.isSummerTime(summer) ? summer : utc
}
