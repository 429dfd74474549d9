/// A grade 3 incident was booked as an appointment: it is attended at that time, and until then it is not waiting.
public struct IncidentBooked: EventPayload {
    public static let typeName = "IncidentBooked"
    public var incident: IncidentRef
    /// The appointment.
    public var time: Instant

    /// The furthest ahead an appointment may be made.
    public static let furthest = Duration.hours(14 * 24)
    /// How late a unit may arrive and still keep the appointment.
    public static let grace = Duration.minutes(30)

    public init(incident: IncidentRef, time: Instant) { self.incident = incident; self.time = time }

    public var change: Change { .incidentBooked(self) }
    public var summaryText: String { "\(incident) for \(time.ukLocal.date) \(time.ukLocal.shortTimeText)" }
    public var incidents: [IncidentRef] { [incident] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("incident", incident)
        w.member("time", time)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var incident: IncidentRef?, time: Instant?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "incident": incident = try r.value()
            case "time": time = try r.value()
            default: try r.skip()
            }
        }
        self.init(incident: try Self.required(incident, "incident"), time: try Self.required(time, "time"))
    }
}
