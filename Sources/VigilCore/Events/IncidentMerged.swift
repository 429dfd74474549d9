/// A duplicate incident was merged into another and closed.
public struct IncidentMerged: EventPayload {
    public static let typeName = "IncidentMerged"
    /// The duplicate.
    public var incident: IncidentRef
    public var into: IncidentRef

    public init(incident: IncidentRef, into: IncidentRef) {
        self.incident = incident; self.into = into
    }

    public var change: Change { .incidentMerged(self) }
    public var summaryText: String { "\(incident) → \(into)" }
    public var incidents: [IncidentRef] { [incident, into] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("incident", incident)
        w.member("into", into)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var incident: IncidentRef?, into: IncidentRef?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "incident": incident = try r.value()
            case "into": into = try r.value()
            default: try r.skip()
            }
        }
        self.init(incident: try Self.required(incident, "incident"), into: try Self.required(into, "into"))
    }
}
