/// How fast a simulated shift runs, as its trainer last set it. The simulator obeys it; consoles show it.
public struct ShiftClock: Hashable, Codable, Sendable {
    public var paused: Bool
    /// Simulated seconds per real second; 0 means as fast as possible.
    public var speed: Int

    public init(paused: Bool = false, speed: Int = 1) { self.paused = paused; self.speed = speed }

    /// The speeds a trainer may choose.
    public static let speeds = ShiftSpeed.allCases.map(\.rawValue)

    /// `×10`, `max`, or `paused (×10)`.
    public var text: String {
        let s = speed == 0 ? "max" : "×\(speed)"
        return paused ? "paused (\(s))" : s
    }
}
