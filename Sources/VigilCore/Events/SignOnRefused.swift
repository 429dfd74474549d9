/// A sign-on was refused, with the reason.
public struct SignOnRefused: EventPayload {
    public static let typeName = "SignOnRefused"
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var change: Change { .signOnRefused(self) }
    public var summaryText: String { "\(quote(reason))" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("reason", reason)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var reason: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "reason": reason = try r.value()
            default: try r.skip()
            }
        }
        self.init(reason: try Self.required(reason, "reason"))
    }
}
