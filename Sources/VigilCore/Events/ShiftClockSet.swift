/// A training shift's clock was paused, resumed or sped up.
public struct ShiftClockSet: EventPayload {
    public static let typeName = "ShiftClockSet"
    public var paused: Bool
    public var speed: Int

    public init(paused: Bool, speed: Int) {
        self.paused = paused; self.speed = speed
    }

    public var change: Change { .shiftClockSet(self) }
    public var summaryText: String { "\(ShiftClock(paused: paused, speed: speed).text)" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("paused", paused)
        w.member("speed", speed)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var paused: Bool?, speed: Int?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "paused": paused = try r.value()
            case "speed": speed = try r.value()
            default: try r.skip()
            }
        }
        self.init(paused: try Self.required(paused, "paused"), speed: try Self.required(speed, "speed"))
    }
}
