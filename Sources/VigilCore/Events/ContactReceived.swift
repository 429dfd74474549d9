/// A call or online report arrived and waits in its queue.
public struct ContactReceived: EventPayload {
    public static let typeName = "ContactReceived"
    public var contact: ContactID
    public var channel: Channel
    public var details: ContactDetails
    /// The grade the call really warrants, known only to a simulator: a trainee's grading is scored against it.
    public var trueGrade: Grade?

    public init(contact: ContactID, channel: Channel, details: ContactDetails, trueGrade: Grade? = nil) {
        self.contact = contact; self.channel = channel; self.details = details; self.trueGrade = trueGrade
    }

    public var change: Change { .contactReceived(self) }
    public var summaryText: String {
        "\(contact) \(channel.rawValue)" + (details.address.isEmpty ? "" : " \(quote(details.address))")
    }
    public var contacts: [ContactID] { [contact] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("channel", channel)
        w.member("contact", contact)
        w.member("details", details)
        w.member("trueGrade", trueGrade)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var contact: ContactID?, channel: Channel?, details: ContactDetails?, trueGrade: Grade?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "contact": contact = try r.value()
            case "channel": channel = try r.value()
            case "details": details = try r.value()
            case "trueGrade": trueGrade = try r.optional()
            default: try r.skip()
            }
        }
        self.init(
            contact: try Self.required(contact, "contact"),
            channel: try Self.required(channel, "channel"),
            details: try Self.required(details, "details"),
            trueGrade: trueGrade
        )
    }
}
