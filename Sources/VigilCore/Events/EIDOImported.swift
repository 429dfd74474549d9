/// Another agency's incident arrived as an EIDO: the first time its `$id` is seen it waits in a queue as a new
/// contact; a later version adds its new notes and changes to that contact, or to the incident it became.
public struct EIDOImported: EventPayload {
    /// Stored as `EidoImported` (key `eidoImported`): the log lowers only a type name's first letter.
    public static let typeName = "EidoImported"
    public var contact: ContactID
    /// Whether this is a later version of a document already imported.
    public var update: Bool
    /// The document's mapped fields, and the document itself byte for byte.
    public var intake: EIDOIntake
    /// The notes this version adds (all of them the first time).
    public var newNotes: [String]
    /// What this version changed, one sentence each (none the first time).
    public var changes: [String]
    /// The earlier contact, already dealt with (resolved, or its incident closed), when this later version waits
    /// as `contact`, a new one, so that someone reads it.
    public var reopens: ContactID?

    public init(
        contact: ContactID, update: Bool, intake: EIDOIntake, newNotes: [String], changes: [String],
        reopens: ContactID? = nil
    ) {
        self.contact = contact; self.update = update; self.intake = intake; self.newNotes = newNotes
        self.changes = changes; self.reopens = reopens
    }

    public var change: Change { .eidoImported(self) }
    public var summaryText: String {
        let what = reopens.map { "update of \($0) as" } ?? (update ? "update" : "")
        let queue = update && reopens == nil ? "" : intake.closed == nil ? " \(intake.channel.rawValue)" : " closed"
        let counts = update ? " (\(newNotes.count) notes, \(changes.count) changes)" : ""
        return
            "\(what.isEmpty ? "" : what + " ")\(contact)\(queue) from \(quote(intake.agency)) \(quote(intake.eido))\(counts)"
    }
    public var contacts: [ContactID] { [contact] + (reopens.map { [$0] } ?? []) }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("changes", changes)
        w.member("contact", contact)
        w.member("intake", intake)
        w.member("newNotes", newNotes)
        w.member("reopens", reopens)
        w.member("update", update)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var contact: ContactID?, update: Bool?, intake: EIDOIntake?, newNotes: [String]?, changes: [String]?
        var reopens: ContactID?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "contact": contact = try r.value()
            case "update": update = try r.value()
            case "intake": intake = try r.value()
            case "newNotes": newNotes = try r.value()
            case "changes": changes = try r.value()
            case "reopens": reopens = try r.optional()
            default: try r.skip()
            }
        }
        self.init(
            contact: try Self.required(contact, "contact"), update: try Self.required(update, "update"),
            intake: try Self.required(intake, "intake"), newNotes: try Self.required(newNotes, "newNotes"),
            changes: try Self.required(changes, "changes"), reopens: reopens)
    }
}

extension Change {
    /// Whether this is a later version of another agency's incident, which every console is told of.
    public var isEIDOUpdate: Bool { if case .eidoImported(let p) = self { p.update } else { false } }
}
