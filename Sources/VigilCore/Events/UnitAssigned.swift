/// A unit was assigned to an incident.
public struct UnitAssigned: EventPayload {
    public static let typeName = "UnitAssigned"
    public var unit: Callsign
    public var incident: IncidentRef

    public init(unit: Callsign, incident: IncidentRef) {
        self.unit = unit; self.incident = incident
    }

    public var change: Change { .unitAssigned(self) }
    public var summaryText: String { "\(unit) → \(incident)" }
    public var incidents: [IncidentRef] { [incident] }
    public var units: [Callsign] { [unit] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("incident", incident)
        w.member("unit", unit)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var unit: Callsign?, incident: IncidentRef?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "unit": unit = try r.value()
            case "incident": incident = try r.value()
            default: try r.skip()
            }
        }
        self.init(unit: try Self.required(unit, "unit"), incident: try Self.required(incident, "incident"))
    }
}
