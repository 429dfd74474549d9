/// A unit's status changed, with its position when known.
public struct UnitStatusChanged: EventPayload {
    public static let typeName = "UnitStatusChanged"
    public var unit: Callsign
    public var status: UnitStatus
    public var position: GeoPoint?

    public init(unit: Callsign, status: UnitStatus, position: GeoPoint?) {
        self.unit = unit; self.status = status; self.position = position
    }

    public var change: Change { .unitStatusChanged(self) }
    public var summaryText: String { "\(unit) \(status.label)" + (position.map { " at \($0)" } ?? "") }
    public var units: [Callsign] { [unit] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("position", position)
        w.member("status", status)
        w.member("unit", unit)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var unit: Callsign?, status: UnitStatus?, position: GeoPoint?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "unit": unit = try r.value()
            case "status": status = try r.value()
            case "position": position = try r.optional()
            default: try r.skip()
            }
        }
        self.init(
            unit: try Self.required(unit, "unit"),
            status: try Self.required(status, "status"),
            position: position
        )
    }
}
