/// A call handler took a waiting contact.
public struct ContactAnswered: EventPayload {
    public static let typeName = "ContactAnswered"
    public var contact: ContactID

    public init(contact: ContactID) {
        self.contact = contact
    }

    public var change: Change { .contactAnswered(self) }
    public var summaryText: String { "\(contact)" }
    public var contacts: [ContactID] { [contact] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("contact", contact)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var contact: ContactID?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "contact": contact = try r.value()
            default: try r.skip()
            }
        }
        self.init(contact: try Self.required(contact, "contact"))
    }
}
