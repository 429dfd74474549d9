import Foundation
import VigilCore

// Draws from the distributions a scenario names, from the simulation's own seeded generator.
extension SplitMix64 {
    /// Exponential with the given mean.
    mutating func exponential(mean: Double) -> Double { -mean * log(1 - unit()) }

    /// Standard normal, by Box–Muller.
    mutating func normal() -> Double {
        let u1 = max(unit(), 1e-300), u2 = unit()
        return sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
    }

    /// Log-normal with the spread's median and 90th percentile, or exponential with its mean.
    mutating func draw(_ s: Spread) -> Double {
        if s.isExponential { return exponential(mean: s.mean) }
        let sigma = s.p90 > s.median ? log(s.p90 / s.median) / 1.2815515655446004 : 0
        return s.median * exp(sigma * normal())
    }

    /// An index picked with probability proportional to its weight.
    mutating func pick(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var r = unit() * total
        for (i, w) in weights.enumerated() {
            r -= w
            if r < 0 { return i }
        }
        return weights.count - 1
    }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func element<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

/// Whole seconds for a sampled span, clamped to [0, `limit`]: a log-normal with a wide spread can draw a value past
/// Int64 (or inf), and a span longer than the limit ends after the shift anyway.
func wholeSeconds(_ x: Double, _ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero, limit: Int64 = 30 * 86_400)
    -> Int64
{
    guard x > 0 else { return 0 }
    guard x < Double(limit) else { return limit }
    return Int64(x.rounded(rule))
}
