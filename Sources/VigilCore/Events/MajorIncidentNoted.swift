/// A line was added to a major incident's log.
public struct MajorIncidentNoted: EventPayload {
    public static let typeName = "MajorIncidentNoted"
    public var major: Int
    public var text: String

    public init(major: Int, text: String) {
        self.major = major; self.text = text
    }

    public var change: Change { .majorIncidentNoted(self) }
    public var summaryText: String { "\(major) \(quote(text))" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("major", major)
        w.member("text", text)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var major: Int?, text: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "major": major = try r.value()
            case "text": text = try r.value()
            default: try r.skip()
            }
        }
        self.init(major: try Self.required(major, "major"), text: try Self.required(text, "text"))
    }
}
