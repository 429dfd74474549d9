/// A scenario inject was fired, by the trainer or at its scripted time.
public struct InjectFired: EventPayload {
    public static let typeName = "InjectFired"
    /// The inject's number in the scenario, from 1.
    public var inject: Int
    /// True when it had fired before and was fired again on purpose; absent otherwise.
    public var repeated: Bool?

    public init(inject: Int, repeated: Bool? = nil) {
        self.inject = inject
        self.repeated = repeated
    }

    public var change: Change { .injectFired(self) }
    public var summaryText: String { "\(inject)" + (repeated == true ? " (again)" : "") }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("inject", inject)
        w.member("repeated", repeated)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var inject: Int?
        var repeated: Bool?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "inject": inject = try r.value()
            case "repeated": repeated = try r.optional()
            default: try r.skip()
            }
        }
        self.init(inject: try Self.required(inject, "inject"), repeated: repeated)
    }
}
