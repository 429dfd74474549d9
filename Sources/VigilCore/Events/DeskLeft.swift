/// A desk's holder left it: they said so, signed off, were handed off by a trainer or supervisor, or their console
/// fell silent. Nobody holds it now, so a simulator running on the log works it.
public struct DeskLeft: EventPayload {
    public static let typeName = "DeskLeft"
    public var desk: DeskID
    /// Who held it.
    public var `operator`: OperatorID
    /// Why, when it was not the holder's own choice, e.g. "signed off" or "no heartbeat from tty4242 for 30 s".
    public var reason: String

    public init(desk: DeskID, operator: OperatorID, reason: String = "") {
        self.desk = desk; self.operator = `operator`; self.reason = reason
    }

    public var change: Change { .deskLeft(self) }
    public var summaryText: String { "\(desk) ← \(`operator`)" + (reason.isEmpty ? "" : ": \(reason)") }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("desk", desk)
        w.member("operator", `operator`)
        w.member("reason", reason)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var desk: DeskID?, op: OperatorID?, reason: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "desk": desk = try r.value()
            case "operator": op = try r.value()
            case "reason": reason = try r.value()
            default: try r.skip()
            }
        }
        self.init(
            desk: try Self.required(desk, "desk"), operator: try Self.required(op, "operator"),
            reason: try Self.required(reason, "reason"))
    }
}
