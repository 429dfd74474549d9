import ArgumentParser
import Foundation
import VigilCore

extension Vigil {
    /// Erlang C staffing: how many call handlers a desk needs for its answer target.
    struct Staffing: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How many call handlers a desk needs (Erlang C), with the figures for a few staffing levels.",
            discussion: """
                Example: vigil staffing --calls-per-hour 120 --handle-minutes 3 --target-seconds 20
                Assumes calls arrive at random at a steady rate, handling times vary exponentially and no caller hangs up.
                """
        )

        @Option(help: "Calls offered per hour.")
        var callsPerHour: Double

        @Option(help: "Mean handling time per call, in minutes.")
        var handleMinutes: Double

        @Option(help: "Answer target, in seconds.")
        var targetSeconds: Double

        @Option(
            help: ArgumentHelp("Share of calls to answer within the target, 0–1 or a percentage.", valueName: "share"))
        var serviceLevel: Double = 0.8

        func validate() throws {
            if !(callsPerHour > 0) || !callsPerHour.isFinite {
                throw ValidationError("--calls-per-hour must be more than 0")
            }
            if !(handleMinutes > 0) || !handleMinutes.isFinite {
                throw ValidationError("--handle-minutes must be more than 0")
            }
            if !(targetSeconds >= 0) || !targetSeconds.isFinite {
                throw ValidationError("--target-seconds must be 0 or more")
            }
            if !(share > 0 && share < 1) {
                throw ValidationError("--service-level must be between 0 and 1 (or 0 and 100%), not \(serviceLevel)")
            }
            if callsPerHour / 60 * handleMinutes > 100_000 {
                throw ValidationError(
                    "that is more than 100,000 erlangs; check the units (calls per hour, minutes per call)")
            }
        }

        var share: Double { serviceLevel > 1 ? serviceLevel / 100 : serviceLevel }

        func run() throws {
            let handle = handleMinutes * 60
            let needed = ErlangQueue.agentsNeeded(
                callsPerHour: callsPerHour, handleSeconds: handle, within: targetSeconds, share: share)
            let traffic = callsPerHour / 3600 * handle
            print(
                "\(fmt(callsPerHour)) calls an hour × \(fmt(handleMinutes)) min = \(String(format: "%.2f", traffic)) erlangs of work."
            )
            print("Needed: \(needed) call handlers answer \(pct(share)) within \(fmt(targetSeconds)) s.\n")
            let rows = Swift.max(Int(traffic.rounded(.down)) + 1, needed - 3)...(needed + 2)
            let within = "  answered in \(fmt(targetSeconds)) s"
            print("handlers  P(wait)" + within + "  mean wait  occupancy")
            for n in rows {
                let q = ErlangQueue(callsPerHour: callsPerHour, handleSeconds: handle, agents: n)
                let mark = n == needed ? "  ◀" : ""
                print(
                    n.description.leftPadded(8) + pct(q.probabilityOfWaiting, 1).leftPadded(9)
                        + pct(q.answeredWithin(seconds: targetSeconds), 1).leftPadded(within.count)
                        + (String(format: "%.1f", q.meanWaitSeconds) + " s").leftPadded(11)
                        + pct(q.occupancy, 1).leftPadded(11) + mark)
            }
        }

        func fmt(_ x: Double) -> String { String(format: "%g", x) }
        func pct(_ x: Double, _ places: Int = 0) -> String { String(format: "%.\(places)f%%", x * 100) }
    }
}
