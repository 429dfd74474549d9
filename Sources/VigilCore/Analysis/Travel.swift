/// Straight-line distance × road factor ÷ area speed: the travel model shared by recommendations and the simulator.
public struct TravelModel: Hashable, Sendable {
    public var roadFactor: Double
    public init(roadFactor: Double) { self.roadFactor = roadFactor }

    /// Estimated drive time over `km` straight-line kilometres at `speedKmh`.
    public func eta(km: Double, speedKmh: Double) -> Duration {
        .seconds(Int64((km * roadFactor / max(speedKmh, 1) * 3600).rounded()))
    }

    /// Minutes (fractional) for ranking.
    public func etaMinutes(km: Double, speedKmh: Double) -> Double { km * roadFactor / max(speedKmh, 1) * 60 }
}

extension Force {
    /// The force's travel model.
    public var travel: TravelModel { TravelModel(roadFactor: roadFactor) }
}
