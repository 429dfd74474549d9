/// A THRIVE assessment was recorded for an incident.
public struct ThriveRecorded: EventPayload {
    public static let typeName = "ThriveRecorded"
    public var incident: IncidentRef
    public var thrive: Thrive

    public init(incident: IncidentRef, thrive: Thrive) {
        self.incident = incident; self.thrive = thrive
    }

    public var change: Change { .thriveRecorded(self) }
    public var summaryText: String { "\(incident) \(thrive.summary)" }
    public var incidents: [IncidentRef] { [incident] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("incident", incident)
        w.member("thrive", thrive)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var incident: IncidentRef?, thrive: Thrive?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "incident": incident = try r.value()
            case "thrive": thrive = try r.value()
            default: try r.skip()
            }
        }
        self.init(incident: try Self.required(incident, "incident"), thrive: try Self.required(thrive, "thrive"))
    }
}
