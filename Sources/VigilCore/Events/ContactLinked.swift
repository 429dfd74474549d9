/// A contact was linked to an existing incident.
public struct ContactLinked: EventPayload {
    public static let typeName = "ContactLinked"
    public var contact: ContactID
    public var incident: IncidentRef

    public init(contact: ContactID, incident: IncidentRef) {
        self.contact = contact; self.incident = incident
    }

    public var change: Change { .contactLinked(self) }
    public var summaryText: String { "\(contact) → \(incident)" }
    public var incidents: [IncidentRef] { [incident] }
    public var contacts: [ContactID] { [contact] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("contact", contact)
        w.member("incident", incident)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var contact: ContactID?, incident: IncidentRef?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "contact": contact = try r.value()
            case "incident": incident = try r.value()
            default: try r.skip()
            }
        }
        self.init(contact: try Self.required(contact, "contact"), incident: try Self.required(incident, "incident"))
    }
}
