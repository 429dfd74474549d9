import Foundation
import VigilCore
import VigilForce

/// "What if" runs: the same shift over several seeds, or swept over a setting, summarised with 95% intervals.
public enum WhatIf {
    /// A figure a what-if table reports, read off a run's summary.
    public struct Figure: Sendable {
        public var key: String
        public var label: String
        public var value: @Sendable (ShiftSummary) -> Double
        /// A fraction 0–1 rather than a count or a time.
        public var isShare: Bool { key.hasSuffix("within_target") || key == "unit_utilisation" }

        /// The mean and 95% interval of this figure over some runs, kept within the values it can take.
        public func interval(_ runs: [ShiftSummary]) -> Interval {
            Interval(runs.map(value), within: 0...(isShare ? 1 : .infinity))
        }
    }

    /// The figures, in the order tables show them.
    public static let figures: [Figure] = [
        Figure(key: "incidents", label: "incidents") { Double($0.incidents) },
        Figure(key: "emergency_within_target", label: "grade 1 in target") { $0.emergencyWithinTarget },
        Figure(key: "emergency_p90_minutes", label: "grade 1 p90 min") { $0.responseMinutes["emergency"]?.p90 ?? 0 },
        Figure(key: "priority_within_target", label: "grade 2 in target") { $0.priorityWithinTarget },
        Figure(key: "answer_999_p90_seconds", label: "999 answer p90 s") { $0.answerSeconds999.p90 },
        Figure(key: "unit_utilisation", label: "utilisation") { $0.unitUtilisation },
        Figure(key: "max_unresourced", label: "max unresourced") { Double($0.maxUnresourced) },
    ]

    /// A mean with its 95% confidence interval (Student's t over the runs).
    public struct Interval: Codable, Hashable, Sendable {
        public var mean: Double
        public var low: Double
        public var high: Double
        public var runs: Int

        public init(_ values: [Double], within bounds: ClosedRange<Double> = -.infinity...(.infinity)) {
            runs = values.count
            let m = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
            mean = m
            guard values.count > 1 else { low = m; high = m; return }
            let variance = values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)
            let half = WhatIf.t975(degreesOfFreedom: values.count - 1) * (variance / Double(values.count)).squareRoot()
            low = max(bounds.lowerBound, m - half)
            high = min(bounds.upperBound, m + half)
        }
    }

    /// The 97.5th percentile of Student's t, for a two-sided 95% interval.
    static func t975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
            2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        if df >= 1 && df <= table.count { return table[df - 1] }
        return df <= 60 ? 2.000 : df <= 120 ? 1.980 : 1.960
    }

    /// A setting a sweep varies.
    public enum Setting: String, CaseIterable, Sendable {
        case responseUnits = "response-units", callHandlers = "call-handlers", incidentsPerDay = "incidents-per-day"

        /// The setting at `value` in a copy of the scenario and force. More response units than the force has are
        /// added as copies of its own, at the same stations, so "what if we had 60 more" can be asked.
        public func apply(_ value: Double, to scenario: inout Scenario, force: inout LoadedForce) {
            switch self {
            case .callHandlers:
                scenario.callHandlers = Int(value.rounded())
            case .incidentsPerDay:
                if let contacts = scenario.contactsPerDay {
                    scenario.contactsPerDay = contacts * value / scenario.incidentsPerDay
                }
                scenario.incidentsPerDay = value
            case .responseUnits:
                let total = scenario.shifts.map(\.response).reduce(0, +)
                guard total > 0 else { return }
                var given = 0
                for i in scenario.shifts.indices {
                    let share =
                        i == scenario.shifts.count - 1
                        ? Int(value.rounded()) - given
                        : Int((Double(scenario.shifts[i].response) * value / Double(total)).rounded())
                    scenario.shifts[i].response = max(0, share)
                    given += scenario.shifts[i].response
                }
                // Shifts take successive blocks of the force's response units; a block must not wrap onto itself.
                let needed = scenario.shifts.map(\.response).reduce(0, +)
                let own = force.units.filter { $0.type == .response }
                guard needed > own.count, !own.isEmpty else { return }
                for k in 0..<(needed - own.count) {
                    var copy = own[k % own.count]
                    copy.callsign = "XR\(k + 1)"
                    force.units.append(copy)
                }
            }
        }
    }

    /// A sweep: a setting from a value to a value in steps, as `response-units=400:560:40`.
    public struct Sweep: Sendable {
        public var setting: Setting
        public var values: [Double]

        /// Parses `name=from:to:step`; the error is one sentence.
        public static func parse(_ text: String) -> Result<Sweep, SimulationError> {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            let names = Setting.allCases.map(\.rawValue).joined(separator: ", ")
            guard parts.count == 2, let setting = Setting(rawValue: parts[0]) else {
                return .failure(
                    SimulationError(description: "--vary takes one of \(names), as in response-units=400:560:40"))
            }
            let numbers = parts[1].split(separator: ":").map { Double($0) }
            guard numbers.count == 3, let from = numbers[0], let to = numbers[1], let step = numbers[2], step > 0,
                from > 0, to >= from
            else {
                return .failure(
                    SimulationError(
                        description:
                            "--vary \(parts[0]) needs FROM:TO:STEP with 0 < FROM ≤ TO and STEP > 0, as in \(parts[0])=400:560:40"
                    ))
            }
            let count = Int(((to - from) / step + 1e-9).rounded(.down)) + 1
            guard count <= 50 else {
                return .failure(
                    SimulationError(description: "--vary would make \(count) rows; use a bigger step (50 rows at most)")
                )
            }
            return .success(Sweep(setting: setting, values: (0..<count).map { from + Double($0) * step }))
        }
    }

    /// One run to make: a scenario and force, with a seed.
    public struct Job: Sendable {
        public var scenario: Scenario
        public var force: LoadedForce
        public var seed: UInt64
        public init(scenario: Scenario, force: LoadedForce, seed: UInt64) {
            self.scenario = scenario; self.force = force; self.seed = seed
        }
    }

    /// Runs the jobs on up to `workers` threads and returns their summaries in job order.
    public static func run(
        _ jobs: [Job], hours: Double?, workers: Int, done: @Sendable @escaping (Int) -> Void = { _ in }
    ) throws -> [ShiftSummary] {
        let results = Results(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, jobs.count))) { worker in
            var i = worker
            while i < jobs.count {
                let job = jobs[i]
                let started = Date()
                let outcome = Result {
                    try HeadlessRun.run(job.scenario, force: job.force, seed: job.seed, hours: hours, keepEvents: false)
                        .0
                }
                results.set(
                    i,
                    outcome.map {
                        var s = $0; s.wallSeconds = Date().timeIntervalSince(started); return s
                    })
                done(results.finished)
                i += max(1, min(workers, jobs.count))
            }
        }
        return try results.all()
    }

    /// Results written by several threads, each into its own slot.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<ShiftSummary, any Error>?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Result<ShiftSummary, any Error>) { lock.lock(); slots[i] = r; lock.unlock() }
        var finished: Int { lock.lock(); defer { lock.unlock() }; return slots.filter { $0 != nil }.count }
        func all() throws -> [ShiftSummary] { try slots.map { try $0!.get() } }
    }
}
