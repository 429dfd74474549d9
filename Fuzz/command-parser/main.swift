// libFuzzer target: the command language parser. Every line must give a command or an error, never a trap.
// Built and run by Scripts/fuzz.sh; seeds in Tests/Fuzz/command-parser/.
import VigilCore
import VigilForce

/// The demo force at the start of a night shift, with a few calls and incidents open so that references resolve.
let fuzzState: DispatchState = {
    let start = Instant(year: 2026, month: 11, day: 25, hour: 21, minute: 40)
    let demo: LoadedForce
    do { demo = try DemoForce.load() } catch { fatalError("fuzz set-up: the demo force does not load: \(error)") }
    var runner = ScriptRunner(state: demo.initialState(at: start), start: start, actor: Actor("D100", console: "fuzz"))
    let out = runner.run(
        """
        signon
        receive 999 at=52.4776,-1.9102 address="14 Broad Street, Ladywood" caller="Sam Patel" "Two men fighting"
        answer next
        raise C1 1 crime/assault+alcohol+weapon
        assign 0001 best
        receive 101 at=52.4081,-1.5106 address="Coventry" "Noisy party"
        answer next
        raise C2 3 asb/nuisance
        receive 999 at=52.5862,-2.1288 address="Wolverhampton" "Car crash"
        """)
    if runner.failures > 0 { fatalError("fuzz set-up: the script failed:\n\(out.joined(separator: "\n"))") }
    return runner.state
}()
let fuzzNow = Instant(year: 2026, month: 11, day: 25, hour: 21, minute: 45)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    switch CommandParser(state: fuzzState, now: fuzzNow).parse(line) {
    case .success(let command): _ = String(describing: command)
    case .failure(let error): _ = String(describing: error)
    }
    return 0
}
