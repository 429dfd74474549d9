import Foundation
import Testing
import VigilTestSupport
import VigilCore
import VigilForce
@testable import vigil

@Suite("example scripts")
struct ExampleScriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs Examples/first-call.vigil on the demo force and compares every line with the checked-in transcript.
    /// Re-record with VIGIL_UPDATE_GOLDEN=1 swift test --filter ExampleScriptTests.
    @Test func firstCallTranscriptIsStable() throws {
        let script = try String(
            contentsOf: Self.root.appendingPathComponent("Examples/first-call.vigil"), encoding: .utf8)
        let start = try #require(Instant(ukLocal: "2026-11-25T21:40"))
        var runner = ScriptRunner(
            state: try DemoForce.load().initialState(at: start), start: start, actor: Actor("D100", console: "script"))
        let output = (runner.runLine("signon", number: 0) + runner.run(script)).joined(separator: "\n") + "\n"
        #expect(runner.failures == 0)
        let golden = Self.root.appendingPathComponent("Tests/vigilTests/Golden/first-call.txt")
        let problem = try Golden.mismatch(output, golden)
        #expect(problem == nil, "\(problem ?? "")")
        // The record matches the state: replaying the script's events rebuilds it.
        var rebuilt = try DemoForce.load().initialState(at: start)
        rebuilt.apply(runner.events)
        #expect(rebuilt == runner.state)
    }
}
