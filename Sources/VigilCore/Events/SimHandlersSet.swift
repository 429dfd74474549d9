/// The trainer set how many simulated call handlers answer while people take calls too.
public struct SimHandlersSet: EventPayload {
    public static let typeName = "SimHandlersSet"
    /// Simulated handlers who answer; 0 leaves every call to the people signed on as call handlers.
    public var count: Int

    /// The most a trainer may set: more than any control room seats.
    public static let most = 500

    public init(count: Int) { self.count = count }

    public var change: Change { .simHandlersSet(self) }
    public var summaryText: String { "\(count)" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("count", count)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var count: Int?
        try r.members(of: Self.jsonKey) { k, r in
            if case "count" = k { count = try r.value() } else { try r.skip() }
        }
        self.init(count: try Self.required(count, "count"))
    }
}
