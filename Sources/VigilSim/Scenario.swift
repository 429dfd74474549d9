import Foundation
import VigilCore

/// A time span drawn from a log-normal distribution given by its median and 90th percentile, as rota planners
/// quote them ("usually 40 minutes, one in ten over two hours"), or from an exponential one given by its mean,
/// as queueing theory assumes.
public struct Spread: Hashable, Sendable {
    public var median: Double
    public var p90: Double
    /// Drawn from the exponential distribution (median and p90 then follow from the mean).
    public private(set) var isExponential = false

    public init(median: Double, p90: Double) { self.median = median; self.p90 = p90 }

    /// The exponential distribution with this mean.
    public static func exponential(mean: Double) -> Spread {
        var s = Spread(median: mean * 0.6931471805599453, p90: mean * 2.302585092994046)
        s.isExponential = true
        return s
    }

    /// The mean of the distribution.
    public var mean: Double {
        if isExponential { return median / 0.6931471805599453 }
        let sigma = p90 > median ? log(p90 / median) / 1.2815515655446004 : 0
        return median * exp(sigma * sigma / 2)
    }
}

/// A simulated shift: the force, the demand, who is on duty, how long things take, and what is injected when.
public struct Scenario: Hashable, Sendable {
    public var name: String
    public var description: String
    /// `demo`, or a force file's path (relative paths are from the scenario file).
    public var force: String
    public var start: Instant
    public var hours: Double
    public var seed: UInt64

    public var incidentsPerDay: Double
    /// Incidents a day that officers on patrol come across and take on themselves (on-view work).
    public var selfGeneratedPerDay: Double = 0
    /// Contacts per day when given outright; otherwise they follow from incidents per day and the shares resolved or duplicated.
    public var contactsPerDay: Double?
    /// Relative demand for each local hour 0–23.
    public var hourly: [Double]
    /// Demand on Saturday and Sunday relative to weekdays.
    public var weekendFactor: Double
    /// Share of contacts that are another call about an incident already open nearby.
    public var duplicateShare: Double
    public var gradeMix: [Grade: Double]
    public var channelMix: [Channel: Double]
    /// Share of non-duplicate contacts on each channel dealt with by advice, without an incident.
    public var resolveShare: [Channel: Double]
    public var categories: [WeightedCategory]

    /// Simulated call handlers; 0 when people answer the calls.
    public var callHandlers: Int
    /// Seconds a call rings before a simulated handler takes it, leaving it to people at consoles until then (0: at once).
    public var answerAfterSeconds: Double = 0
    /// Mean handling seconds per channel (exponential, as Erlang C assumes).
    public var handlingSeconds: [Channel: Double]
    /// Whether the simulator dispatches by the recommendation.
    public var autoDispatch: Bool
    public var mobiliseMinutes: Spread
    public var onSceneMinutes: [CategoryKind: Spread]
    public var transportShare: Double
    public var transportMinutes: Spread
    /// Minutes desk-resolution (grade 4) incidents stay open before they are closed.
    public var deskResolutionMinutes: Spread
    public var shifts: [Shift]
    /// Minutes before a changeover that the outgoing shift starts going off duty (the handover dip).
    public var handoverMinutes: Int
    public var injects: [Inject]
    /// What else consumes response capacity: custody, write-ups, waits, guards, breaks, double-crewing, appointments.
    public var workload = Workload()

    /// One category and how often it arises.
    public struct WeightedCategory: Hashable, Sendable {
        public var category: Category
        public var weight: Double
    }

    /// A shift changeover: from this local time, this many units of each kind are on duty.
    public struct Shift: Hashable, Sendable {
        public var startMinute: Int
        public var response: Int
        public var neighbourhood: Int
        /// Areas staffed with set numbers instead of their share of the totals (the rest share what is left).
        public var byArea: [AreaID: AreaShift] = [:]
    }

    /// One area's numbers on a shift; nil keeps its share.
    public struct AreaShift: Hashable, Sendable {
        public var response: Int?
        public var neighbourhood: Int?
    }

    /// Something the trainer scripted to happen at a moment of the shift.
    public struct Inject: Hashable, Sendable {
        public var at: Instant
        public var kind: Kind
        public var label: String

        public enum Kind: Hashable, Sendable {
            /// One incident, many callers: `calls` 999 calls over `overMinutes`, needing `units` units.
            case majorIncident(
                location: GeoPoint, address: String, category: Category, calls: Int, overMinutes: Int, units: Int)
            case breakdown(Callsign)
            case surge(factor: Double, minutes: Int)
            case phoneOutage(minutes: Int)
            /// A neighbouring force lends `units` response units; they book on `arriveMinutes` later at the station
            /// the force file names, and go home `hours` after that (when they clear).
            case mutualAid(partner: AidPoolID, units: Int, arriveMinutes: Int, hours: Double)
        }
    }

    /// When the shift ends.
    public var end: Instant { start + .seconds(Int64(hours * 3600)) }
}
