/// A call handler corrected what was recorded of the caller as the call went on: their name or their number. The
/// first record stays in the log; this one says what it became.
public struct ContactCorrected: EventPayload {
    public static let typeName = "ContactCorrected"
    public var contact: ContactID
    public var callerName: String?
    public var callerNumber: String?

    public init(contact: ContactID, callerName: String?, callerNumber: String?) {
        self.contact = contact; self.callerName = callerName; self.callerNumber = callerNumber
    }

    public var change: Change { .contactCorrected(self) }
    public var summaryText: String {
        "\(contact)" + (callerName.map { " caller \"\($0)\"" } ?? "") + (callerNumber.map { " phone \($0)" } ?? "")
    }
    public var contacts: [ContactID] { [contact] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        if let callerName { w.member("callerName", callerName) }
        if let callerNumber { w.member("callerNumber", callerNumber) }
        w.member("contact", contact)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var contact: ContactID?, name: String?, number: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "contact": contact = try r.value()
            case "callerName": name = try r.value()
            case "callerNumber": number = try r.value()
            default: try r.skip()
            }
        }
        self.init(contact: try Self.required(contact, "contact"), callerName: name, callerNumber: number)
    }
}
