/// A unit was posted to another area.
public struct UnitMoved: EventPayload {
    public static let typeName = "UnitMoved"
    public var unit: Callsign
    public var area: AreaID

    public init(unit: Callsign, area: AreaID) {
        self.unit = unit; self.area = area
    }

    public var change: Change { .unitMoved(self) }
    public var summaryText: String { "\(unit) → \(area)" }
    public var units: [Callsign] { [unit] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("area", area)
        w.member("unit", unit)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var unit: Callsign?, area: AreaID?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "unit": unit = try r.value()
            case "area": area = try r.value()
            default: try r.skip()
            }
        }
        self.init(unit: try Self.required(unit, "unit"), area: try Self.required(area, "area"))
    }
}
