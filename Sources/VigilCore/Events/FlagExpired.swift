/// An address flag was expired.
public struct FlagExpired: EventPayload {
    public static let typeName = "FlagExpired"
    /// The flag's id.
    public var flag: Int

    public init(flag: Int) {
        self.flag = flag
    }

    public var change: Change { .flagExpired(self) }
    public var summaryText: String { "F\(flag)" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("flag", flag)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var flag: Int?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "flag": flag = try r.value()
            default: try r.skip()
            }
        }
        self.init(flag: try Self.required(flag, "flag"))
    }
}
