/// An operator was added to the register (or their record replaced).
public struct OperatorRegistered: EventPayload {
    public static let typeName = "OperatorRegistered"
    public var `operator`: Operator

    public init(operator: Operator) {
        self.`operator` = `operator`
    }

    public var change: Change { .operatorRegistered(self) }
    public var summaryText: String { "\(`operator`.id) \(`operator`.role.rawValue) \(quote(`operator`.name))" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("operator", `operator`)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var `operator`: Operator?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "operator": `operator` = try r.value()
            default: try r.skip()
            }
        }
        self.init(operator: try Self.required(`operator`, "operator"))
    }
}
