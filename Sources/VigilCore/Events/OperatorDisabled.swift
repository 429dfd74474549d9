/// An operator was disabled and can no longer sign on.
public struct OperatorDisabled: EventPayload {
    public static let typeName = "OperatorDisabled"
    public var `operator`: OperatorID

    public init(operator: OperatorID) {
        self.`operator` = `operator`
    }

    public var change: Change { .operatorDisabled(self) }
    public var summaryText: String { "\(`operator`)" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("operator", `operator`)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var `operator`: OperatorID?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "operator": `operator` = try r.value()
            default: try r.skip()
            }
        }
        self.init(operator: try Self.required(`operator`, "operator"))
    }
}
