/// An operator took a dispatch desk: its incidents are theirs to resource, and the simulator leaves them alone.
public struct DeskTaken: EventPayload {
    public static let typeName = "DeskTaken"
    public var desk: DeskID
    /// Who holds the desk now: the event's operator, or whom a trainer or supervisor handed it to.
    public var `operator`: OperatorID

    public init(desk: DeskID, operator: OperatorID) {
        self.desk = desk; self.operator = `operator`
    }

    public var change: Change { .deskTaken(self) }
    public var summaryText: String { "\(desk) → \(`operator`)" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("desk", desk)
        w.member("operator", `operator`)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var desk: DeskID?, op: OperatorID?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "desk": desk = try r.value()
            case "operator": op = try r.value()
            default: try r.skip()
            }
        }
        self.init(desk: try Self.required(desk, "desk"), operator: try Self.required(op, "operator"))
    }
}
