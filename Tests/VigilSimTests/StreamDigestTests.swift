import Foundation
import Testing
import VigilCore
import VigilForce
@testable import VigilSim

/// The simulator's output pinned byte for byte, before it is split into actors (issue 14): the same scenario and seed
/// must give these digests after any refactor. A change of model re-pins them deliberately, and its commit says so.
@Suite("the simulator's event stream is pinned")
struct StreamDigestTests {
    /// FNV-1a over each event as the log stores it (time, operator, console, and the canonical payload that its hash
    /// covers), in order. Foundation's encoder would not do: it writes sets in per-process hash order.
    static func digest(_ events: [Event]) throws -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for e in events {
            let line = "\(e.at.seconds)\u{1F}\(e.operatorID)\u{1F}\(e.console)\u{1F}\(e.change.json)\n"
            for b in line.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        return String(h, radix: 16)
    }

    static func run(_ name: String, seed: UInt64) throws -> (count: Int, digest: String) {
        let (_, world) = try HeadlessRun.run(try ScenarioLoader.load(name), force: try DemoForce.load(), seed: seed)
        return (world.events.count, try digest(world.events))
    }

    @Test func weekdaySeed7() throws {
        let r = try Self.run("weekday", seed: 7)
        #expect(r.count == 26_124 && r.digest == "f5dac135433e48cc", "\(r.count) events, digest \(r.digest)")
    }

    @Test func majorIncidentSeed3() throws {
        let r = try Self.run("major-incident", seed: 3)
        #expect(r.count == 12_562 && r.digest == "8e4c11f8bb982ad9", "\(r.count) events, digest \(r.digest)")
    }
}
