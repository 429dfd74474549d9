import Foundation

/// Erlang's queueing formulas for a call-handling desk: Poisson arrivals, exponential handling, `agents` servers.
/// Erlang C (callers wait) sizes 999 and 101 desks and, as M/M/c, a pool of units; Erlang B (callers are turned away) sizes lines.
public struct ErlangQueue: Hashable, Sendable {
    /// Calls offered per hour.
    public var callsPerHour: Double
    /// Mean handling time in seconds.
    public var handleSeconds: Double
    public var agents: Int

    public init(callsPerHour: Double, handleSeconds: Double, agents: Int) {
        self.callsPerHour = callsPerHour
        self.handleSeconds = handleSeconds
        self.agents = agents
    }

    /// Offered load in erlangs: calls per second times handling seconds.
    public var traffic: Double { callsPerHour / 3600 * handleSeconds }

    /// Whether the queue settles: fewer erlangs than agents. Otherwise it grows without end.
    public var isStable: Bool { traffic < Double(agents) }

    /// Erlang B: the share of calls that find every agent busy when there is no queue.
    public var blocking: Double {
        // The recurrence B(k) = A·B(k−1) / (k + A·B(k−1)) never forms the huge powers and factorials.
        var b = 1.0
        for k in stride(from: 1, through: agents, by: 1) { b = traffic * b / (Double(k) + traffic * b) }
        return b
    }

    /// Erlang C: the chance a caller has to wait at all (1 when the queue is unstable).
    public var probabilityOfWaiting: Double {
        guard isStable else { return 1 }
        let n = Double(agents), b = blocking
        return n * b / (n - traffic * (1 - b))
    }

    /// Mean seconds a caller waits before answer, over all callers (the ASA).
    public var meanWaitSeconds: Double {
        guard isStable else { return .infinity }
        return probabilityOfWaiting * handleSeconds / (Double(agents) - traffic)
    }

    /// Share of calls answered within `seconds` (the service level).
    public func answeredWithin(seconds: Double) -> Double {
        guard isStable else { return 0 }
        return 1 - probabilityOfWaiting * exp(-(Double(agents) - traffic) * seconds / handleSeconds)
    }

    /// Share of agents' time spent handling calls.
    public var occupancy: Double { min(1, traffic / Double(max(agents, 1))) }

    /// The fewest agents that answer `share` of calls within `seconds`.
    public static func agentsNeeded(callsPerHour: Double, handleSeconds: Double, within seconds: Double, share: Double)
        -> Int
    {
        var q = ErlangQueue(
            callsPerHour: callsPerHour, handleSeconds: handleSeconds,
            agents: max(1, Int(callsPerHour / 3600 * handleSeconds)))
        while !(q.isStable && q.answeredWithin(seconds: seconds) >= share) { q.agents += 1 }
        return q.agents
    }

    /// The fewest lines that turn away at most `share` of calls (Erlang B).
    public static func linesNeeded(erlangs: Double, blocking share: Double) -> Int {
        var q = ErlangQueue(callsPerHour: erlangs * 3600, handleSeconds: 1, agents: 1)
        while q.blocking > share { q.agents += 1 }
        return q.agents
    }
}
