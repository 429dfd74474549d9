#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import VigilCore

/// Monotonic wall time in seconds; benchmarks may read the clock, the core never does.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs `body` `repeats` times and returns the median seconds of one run.
func medianSeconds(repeats: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<repeats {
        let t0 = monotonicSeconds()
        body()
        times.append(monotonicSeconds() - t0)
    }
    times.sort()
    return times[times.count / 2]
}

/// One measured figure with its target.
public struct Figure: Sendable {
    public var name: String
    public var value: Double
    public var unit: String
    public var target: String
    public var met: Bool

    /// `apply throughput             3.41 M events/s   (target ≥ 2 M events/s)  ok`
    public var line: String {
        let v = value >= 100 ? String(Int(value.rounded())) : String((value * 100).rounded() / 100)
        return (name.count >= 46 ? name + " " : name.padded(46)) + v.leftPadded(10) + " " + unit.padded(12)
            + " (target \(target))" + (met ? "  ok" : "  MISSED")
    }
}
