import VigilCore

/// A few words the header flashes until a moment has passed (a new grade 1).
public struct Flash: Hashable, Sendable {
    public var until: Instant
    public var text: String

    public init(until: Instant, text: String) { self.until = until; self.text = text }
}
