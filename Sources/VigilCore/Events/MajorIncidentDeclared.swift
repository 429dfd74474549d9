/// A major incident was declared over a set of incidents.
public struct MajorIncidentDeclared: EventPayload {
    public static let typeName = "MajorIncidentDeclared"
    public var major: Int
    public var name: String
    public var incidents: [IncidentRef]

    public init(major: Int, name: String, incidents: [IncidentRef]) {
        self.major = major; self.name = name; self.incidents = incidents
    }

    public var change: Change { .majorIncidentDeclared(self) }
    public var summaryText: String { "\(major) \(quote(name)) " + incidents.map(\.description).joined(separator: " ") }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("incidents", incidents)
        w.member("major", major)
        w.member("name", name)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var major: Int?, name: String?, incidents: [IncidentRef]?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "major": major = try r.value()
            case "name": name = try r.value()
            case "incidents": incidents = try r.value()
            default: try r.skip()
            }
        }
        self.init(
            major: try Self.required(major, "major"),
            name: try Self.required(name, "name"),
            incidents: try Self.required(incidents, "incidents")
        )
    }
}
