/// The speeds a trainer may run a simulated shift at: simulated seconds per real second, 0 for as fast as it goes.
public enum ShiftSpeed: Int, CaseIterable, Sendable {
    case one = 1, ten = 10, sixty = 60, max = 0

    /// As typed on a command line or in the command language: `1`, `10`, `60` or `max` (`x10` and `×10` too, as
    /// speeds are shown).
    public init?(argument: String) {
        let text = argument.lowercased()
        if text == "max" { self = .max; return }
        let digits = text.hasPrefix("x") || text.hasPrefix("×") ? String(text.dropFirst()) : text
        guard let n = Int(digits), n > 0, let speed = ShiftSpeed(rawValue: n) else { return nil }
        self = speed
    }

    /// How a command line gives it.
    public var argument: String { self == .max ? "max" : "\(rawValue)" }

    /// The choices, for a command line's help and refusals.
    public static let choices = "1, 10, 60 or max"

    /// The next speed faster (`by` 1) or slower (-1), or nil past either end.
    public func stepped(_ by: Int) -> ShiftSpeed? {
        let all = Self.allCases, i = all.firstIndex(of: self)! + by
        return all.indices.contains(i) ? all[i] : nil
    }
}
