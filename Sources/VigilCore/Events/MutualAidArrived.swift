/// Units lent by a neighbouring force booked on at the station they reported to: new callsigns join the board, and
/// units of the same pool stood down earlier come back on.
public struct MutualAidArrived: EventPayload {
    public static let typeName = "MutualAidArrived"
    public var pool: AidPoolID
    public var units: [Callsign]
    /// Where they reported: they start there, at station, working its area.
    public var station: StationID

    public init(pool: AidPoolID, units: [Callsign], station: StationID) {
        self.pool = pool; self.units = units; self.station = station
    }

    public var change: Change { .mutualAidArrived(self) }
    public var summaryText: String {
        let list = units.count > 4 ? "\(units[0])…\(units[units.count - 1])" : units.joined(separator: ", ")
        return "\(units.count) from \(pool) at \(station): \(list)"
    }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("pool", pool)
        w.member("station", station)
        w.member("units", units)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var pool: AidPoolID?, units: [Callsign]?, station: StationID?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "pool": pool = try r.value()
            case "units": units = try r.value()
            case "station": station = try r.value()
            default: try r.skip()
            }
        }
        self.init(
            pool: try Self.required(pool, "pool"), units: try Self.required(units, "units"),
            station: try Self.required(station, "station"))
    }
}
