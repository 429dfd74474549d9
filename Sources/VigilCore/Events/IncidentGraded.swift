/// An incident's grade was changed, with the reason.
public struct IncidentGraded: EventPayload {
    public static let typeName = "IncidentGraded"
    public var incident: IncidentRef
    public var grade: Grade
    public var reason: String

    public init(incident: IncidentRef, grade: Grade, reason: String) {
        self.incident = incident; self.grade = grade; self.reason = reason
    }

    public var change: Change { .incidentGraded(self) }
    public var summaryText: String { "\(incident) grade \(grade.rawValue) \(quote(reason))" }
    public var incidents: [IncidentRef] { [incident] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("grade", grade)
        w.member("incident", incident)
        w.member("reason", reason)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var incident: IncidentRef?, grade: Grade?, reason: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "incident": incident = try r.value()
            case "grade": grade = try r.value()
            case "reason": reason = try r.value()
            default: try r.skip()
            }
        }
        self.init(
            incident: try Self.required(incident, "incident"),
            grade: try Self.required(grade, "grade"),
            reason: try Self.required(reason, "reason")
        )
    }
}
