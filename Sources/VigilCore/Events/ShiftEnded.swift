/// A training shift reached the end its scenario set: the clock stops there, and every console says so.
public struct ShiftEnded: EventPayload {
    public static let typeName = "ShiftEnded"
    /// The scenario's name.
    public var scenario: String

    public init(scenario: String) { self.scenario = scenario }

    public var change: Change { .shiftEnded(self) }
    public var summaryText: String { quote(scenario) }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("scenario", scenario)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var scenario: String?
        try r.members(of: Self.jsonKey) { k, r in
            if case "scenario" = k { scenario = try r.value() } else { try r.skip() }
        }
        self.init(scenario: try Self.required(scenario, "scenario"))
    }
}
