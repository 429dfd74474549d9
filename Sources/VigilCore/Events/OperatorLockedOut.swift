/// Too many wrong PINs: the operator cannot sign on until `until` (or a supervisor unlocks them).
public struct OperatorLockedOut: EventPayload {
    public static let typeName = "OperatorLockedOut"
    public var `operator`: OperatorID
    public var until: Instant

    public init(operator: OperatorID, until: Instant) {
        self.`operator` = `operator`; self.until = until
    }

    public var change: Change { .operatorLockedOut(self) }
    public var summaryText: String { "\(`operator`) until \(until.ukLocal.timeAndDateText)" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("operator", `operator`)
        w.member("until", until)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var `operator`: OperatorID?, until: Instant?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "operator": `operator` = try r.value()
            case "until": until = try r.value()
            default: try r.skip()
            }
        }
        self.init(operator: try Self.required(`operator`, "operator"), until: try Self.required(until, "until"))
    }
}
