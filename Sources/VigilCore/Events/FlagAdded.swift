/// An address flag (officer safety, vulnerability, …) was added.
public struct FlagAdded: EventPayload {
    public static let typeName = "FlagAdded"
    public var flag: AddressFlag

    public init(flag: AddressFlag) {
        self.flag = flag
    }

    public var change: Change { .flagAdded(self) }
    public var summaryText: String { "F\(flag.id) \(flag.kind.tag) \(quote(flag.address))" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("flag", flag)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var flag: AddressFlag?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "flag": flag = try r.value()
            default: try r.skip()
            }
        }
        self.init(flag: try Self.required(flag, "flag"))
    }
}
