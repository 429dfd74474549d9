/// A contact in hand went back to its queue, in its old place (by when it arrived): its handler signed off, quit or
/// gave it back, so no call is left with nobody.
public struct ContactReturned: EventPayload {
    public static let typeName = "ContactReturned"
    public var contact: ContactID
    public var reason: String

    public init(contact: ContactID, reason: String) { self.contact = contact; self.reason = reason }

    public var change: Change { .contactReturned(self) }
    public var summaryText: String { "\(contact)" + (reason.isEmpty ? "" : " (\(reason))") }
    public var contacts: [ContactID] { [contact] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("contact", contact)
        w.member("reason", reason)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var contact: ContactID?, reason: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "contact": contact = try r.value()
            case "reason": reason = try r.value()
            default: try r.skip()
            }
        }
        self.init(contact: try Self.required(contact, "contact"), reason: reason ?? "")
    }
}
