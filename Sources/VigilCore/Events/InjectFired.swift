/// A scenario inject was fired.
public struct InjectFired: EventPayload {
    public static let typeName = "InjectFired"
    /// The inject's index in the scenario.
    public var inject: Int

    public init(inject: Int) {
        self.inject = inject
    }

    public var change: Change { .injectFired(self) }
    public var summaryText: String { "\(inject)" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("inject", inject)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var inject: Int?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "inject": inject = try r.value()
            default: try r.skip()
            }
        }
        self.init(inject: try Self.required(inject, "inject"))
    }
}
