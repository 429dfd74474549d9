/// A contact was resolved with advice, raising no incident.
public struct ContactResolved: EventPayload {
    public static let typeName = "ContactResolved"
    public var contact: ContactID
    public var advice: String

    public init(contact: ContactID, advice: String) {
        self.contact = contact; self.advice = advice
    }

    public var change: Change { .contactResolved(self) }
    public var summaryText: String { "\(contact) \(quote(advice))" }
    public var contacts: [ContactID] { [contact] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("advice", advice)
        w.member("contact", contact)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var contact: ContactID?, advice: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "contact": contact = try r.value()
            case "advice": advice = try r.value()
            default: try r.skip()
            }
        }
        self.init(contact: try Self.required(contact, "contact"), advice: try Self.required(advice, "advice"))
    }
}
