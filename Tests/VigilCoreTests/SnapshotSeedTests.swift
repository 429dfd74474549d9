import Foundation
import Testing
@testable import VigilCore

/// The snapshot fuzzer's seeds are real snapshots in the current format, so fuzzing starts from states that load:
/// a change of format must write them again (`Fuzz/snapshot/main.swift` says how).
@Suite("snapshot fuzz seeds")
struct SnapshotSeedTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/snapshot")

    @Test(arguments: ["empty-shift", "busy-shift"])
    func aSeedLoadsInTheCurrentFormat(_ name: String) throws {
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent(name + ".snapshot"))
        let state = try DispatchState(snapshot: [UInt8](bytes))
        #expect(state.invariantViolations() == [])
        #expect(try state.snapshotBytes() == [UInt8](bytes), "it writes back the same bytes")
    }
}
