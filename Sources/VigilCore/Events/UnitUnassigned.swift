/// A unit was taken off an incident, with the reason.
public struct UnitUnassigned: EventPayload {
    public static let typeName = "UnitUnassigned"
    public var unit: Callsign
    public var incident: IncidentRef
    public var reason: String

    public init(unit: Callsign, incident: IncidentRef, reason: String) {
        self.unit = unit; self.incident = incident; self.reason = reason
    }

    public var change: Change { .unitUnassigned(self) }
    public var summaryText: String { "\(unit) ← \(incident)" + (reason.isEmpty ? "" : " (\(reason))") }
    public var incidents: [IncidentRef] { [incident] }
    public var units: [Callsign] { [unit] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("incident", incident)
        w.member("reason", reason)
        w.member("unit", unit)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var unit: Callsign?, incident: IncidentRef?, reason: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "unit": unit = try r.value()
            case "incident": incident = try r.value()
            case "reason": reason = try r.value()
            default: try r.skip()
            }
        }
        self.init(
            unit: try Self.required(unit, "unit"),
            incident: try Self.required(incident, "incident"),
            reason: try Self.required(reason, "reason")
        )
    }
}
