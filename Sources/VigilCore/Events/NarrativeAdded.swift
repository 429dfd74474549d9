/// A line was added to an incident's narrative.
public struct NarrativeAdded: EventPayload {
    public static let typeName = "NarrativeAdded"
    public var incident: IncidentRef
    public var text: String

    public init(incident: IncidentRef, text: String) {
        self.incident = incident; self.text = text
    }

    public var change: Change { .narrativeAdded(self) }
    public var summaryText: String { "\(incident) \(quote(text))" }
    public var incidents: [IncidentRef] { [incident] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("incident", incident)
        w.member("text", text)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var incident: IncidentRef?, text: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "incident": incident = try r.value()
            case "text": text = try r.value()
            default: try r.skip()
            }
        }
        self.init(incident: try Self.required(incident, "incident"), text: try Self.required(text, "text"))
    }
}
