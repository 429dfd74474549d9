/// An event about one operator and nothing more (disabled, unlocked, PIN set): its JSON and summary, written once.
public protocol OperatorRecord: EventPayload {
    /// The operator the event is about.
    var `operator`: OperatorID { get }
    init(operator: OperatorID)
}

extension OperatorRecord {
    public var summaryText: String { `operator` }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("operator", `operator`)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var id: OperatorID?
        try r.members(of: Self.jsonKey) { k, r in
            if case "operator" = k { id = try r.value() } else { try r.skip() }
        }
        self.init(operator: try Self.required(id, "operator"))
    }
}
