/// An operator's PIN was set or replaced (by a supervisor, or by the operator themselves); the secret is never here.
/// On a signed log it carries the public half of the operator's new signing key: set by anyone but the operator, that
/// key works once, to choose their own PIN.
public struct OperatorPINSet: EventPayload {
    public static let typeName = "OperatorPINSet"
    public var `operator`: OperatorID
    /// The new signing key's public half (base64 of 32 bytes); nil on unsigned logs and in older events.
    public var key: String?

    public init(operator: OperatorID, key: String? = nil) { self.operator = `operator`; self.key = key }

    public var change: Change { .operatorPINSet(self) }
    public var summaryText: String { `operator` + (key == nil ? "" : " (new signing key)") }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        if let key { w.member("key", key) }
        w.member("operator", `operator`)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var id: OperatorID?, key: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "operator": id = try r.value()
            case "key": key = try r.value()
            default: try r.skip()
            }
        }
        self.init(operator: try Self.required(id, "operator"), key: key)
    }
}
