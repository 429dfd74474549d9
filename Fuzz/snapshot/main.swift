// libFuzzer target: the snapshot reader. Any bytes must give a state or a thrown error, never a trap.
// Built and run by Scripts/fuzz.sh; seeds in Tests/Fuzz/snapshot/.
//
// The seeds are snapshots of a small force (the demo's is about 230 KB); to write them again:
//   Scripts/fuzz.sh --build snapshot
//   VIGIL_FUZZ_MAKE_SEEDS=Tests/Fuzz/snapshot VIGIL_FUZZ_FORCE=Tests/Fuzz/force-loader/small-demo.toml .build-fuzz/bin/snapshot
import Foundation
import VigilCore
import VigilForce

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let state = try? DispatchState(snapshot: bytes) {
        _ = state.invariantViolations()
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    guard let dir = ProcessInfo.processInfo.environment["VIGIL_FUZZ_MAKE_SEEDS"] else { return 0 }
    do {
        let path = ProcessInfo.processInfo.environment["VIGIL_FUZZ_FORCE"] ?? "Tests/Fuzz/force-loader/small-demo.toml"
        let force = try ForceLoader.load(path: path)
        let start = Instant(year: 2026, month: 11, day: 25, hour: 21, minute: 40)
        let empty = force.initialState(at: start)
        try Data(try empty.snapshotBytes()).write(to: URL(fileURLWithPath: "\(dir)/empty-shift.snapshot"))
        var runner = ScriptRunner(state: empty, start: start, actor: Actor("D100", console: "seed"))
        let out = runner.run(
            """
            signon
            receive 999 at=52.4776,-1.9102 address="14 Broad Street" caller="Sam Patel" phone="07700 900123" "Two men fighting"
            answer next
            raise C1 1 crime/assault+alcohol+weapon
            thrive 0001 t=h h=h r=h i=m v=l e=m "Ongoing violence"
            note 0001 "One male detained"
            assign 0001 best
            receive 101 at=52.41,-1.51 address="Coventry" "Noisy neighbours"
            answer next
            resolve C2 "Advised to contact the council"
            receive 999 at=52.4778,-1.9100 address="Broad Street" "Fight outside"
            answer next
            link C3 0001
            receive online "Graffiti on the bus shelter"
            flag firearms "14 Broad Street" at=52.4776,-1.9102 "Certificate holder" expires=2027-01-01
            receive 999 at=52.47,-1.89 address="Digbeth" "Smoke from a warehouse"
            answer next
            raise C5 2 public-safety/fire
            as I300
            signon
            major "Operation Alpha" 0001 0002
            majornote 1 "Gold group convened"
            as D100
            wait 10m
            status BC11 scene
            wait 30m
            close 0001 crime/assault "One arrest"
            """)
        if runner.failures > 0 { fatalError("seed script failed:\n\(out.joined(separator: "\n"))") }
        try Data(try runner.state.snapshotBytes()).write(to: URL(fileURLWithPath: "\(dir)/busy-shift.snapshot"))
    } catch {
        fatalError("could not write the seeds: \(error)")
    }
    exit(0)
}
