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
                guard let data = FileManager.default.contents(atPath: file), let s = String(data: data, encoding: .utf8)
                else {
                    throw Failure(description: "\(file): cannot read the script; check the path")
                }
                text = s
            }
            let startAt: Instant
            if let start {
                guard let t = Instant(ukLocal: start) else {
                    throw ValidationError("--start must look like 2026-11-25T14:00")
                }
                startAt = t
            } else {
                startAt = Instant(seconds: Int64(Date().timeIntervalSince1970))
            }
            var runner = ScriptRunner(
                state: loaded.initialState(at: startAt), start: startAt, actor: Actor(`operator`, console: "script"))
            for line in runner.runLine("signon", number: 0) { print(line.terminalSafe) }
            for line in runner.run(text) { print(line.terminalSafe) }
            if runner.failures > 0 { throw ExitCode(1) }
        }
    }
}
