import Foundation
import Testing
import VigilCore

@Suite("Erlang C and B against published worked examples")
struct ErlangTests {
    /// Call Centre Helper's worked example: 100 calls in 30 minutes, 3-minute handling, 80% in 20 seconds.
    /// Its figures for 11–14 agents: chance of waiting 68.21%, 44.94%, 28.53%, 17.41%; service level 39%, 64%,
    /// 80%, 89%; answer speed 122.8 s at 11 agents. It needs 14 agents.
    @Test func callCentreHelperExample() {
        let expected: [(agents: Int, wait: Double, level: Double)] = [
            (11, 0.6821, 0.39), (12, 0.4494, 0.64), (13, 0.2853, 0.80), (14, 0.1741, 0.89),
        ]
        for row in expected {
            let q = ErlangQueue(callsPerHour: 200, handleSeconds: 180, agents: row.agents)
            #expect(abs(q.traffic - 10) < 1e-12)
            #expect(abs(q.probabilityOfWaiting - row.wait) < 0.00005, "P(wait) for \(row.agents) agents")
            #expect(abs(q.answeredWithin(seconds: 20) - row.level) < 0.005, "service level for \(row.agents) agents")
        }
        #expect(abs(ErlangQueue(callsPerHour: 200, handleSeconds: 180, agents: 11).meanWaitSeconds - 122.8) < 0.05)
        #expect(ErlangQueue.agentsNeeded(callsPerHour: 200, handleSeconds: 180, within: 20, share: 0.8) == 14)
    }

    /// Erlang B line counts from published tables: 10 erlangs at 1% → 18 lines, at 0.1% → 21; 17 erlangs at 1% → 27.
    @Test func erlangBTables() {
        #expect(ErlangQueue.linesNeeded(erlangs: 10, blocking: 0.01) == 18)
        #expect(ErlangQueue.linesNeeded(erlangs: 10, blocking: 0.001) == 21)
        #expect(ErlangQueue.linesNeeded(erlangs: 17, blocking: 0.01) == 27)
    }

    /// Limits every reader of the formula knows: one agent is M/M/1, and an overloaded desk never settles.
    @Test func singleServerAndOverload() {
        let mm1 = ErlangQueue(callsPerHour: 30, handleSeconds: 60, agents: 1)  // ρ = 0.5
        #expect(abs(mm1.probabilityOfWaiting - 0.5) < 1e-12)
        #expect(abs(mm1.meanWaitSeconds - 60) < 1e-9)  // ρ/(μ−λ) = 0.5 × 120 s
        let over = ErlangQueue(callsPerHour: 120, handleSeconds: 180, agents: 6)  // 6 erlangs on 6 agents
        #expect(!over.isStable)
        #expect(over.probabilityOfWaiting == 1)
        #expect(over.meanWaitSeconds == .infinity)
        #expect(over.answeredWithin(seconds: 20) == 0)
        // Large desks stay finite: no factorials overflow.
        let big = ErlangQueue(callsPerHour: 36_000, handleSeconds: 180, agents: 1_850)
        #expect(big.probabilityOfWaiting.isFinite && big.probabilityOfWaiting > 0 && big.probabilityOfWaiting < 1)
    }
}
