/// An incident was closed with its final category and outcome.
public struct IncidentClosed: EventPayload {
    public static let typeName = "IncidentClosed"
    public var incident: IncidentRef
    public var category: Category
    public var outcome: String

    public init(incident: IncidentRef, category: Category, outcome: String) {
        self.incident = incident; self.category = category; self.outcome = outcome
    }

    public var change: Change { .incidentClosed(self) }
    public var summaryText: String { "\(incident) \(category)" + (outcome.isEmpty ? "" : " \(quote(outcome))") }
    public var incidents: [IncidentRef] { [incident] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("category", category)
        w.member("incident", incident)
        w.member("outcome", outcome)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var incident: IncidentRef?, category: Category?, outcome: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "incident": incident = try r.value()
            case "category": category = try r.value()
            case "outcome": outcome = try r.value()
            default: try r.skip()
            }
        }
        self.init(
            incident: try Self.required(incident, "incident"),
            category: try Self.required(category, "category"),
            outcome: try Self.required(outcome, "outcome")
        )
    }
}
