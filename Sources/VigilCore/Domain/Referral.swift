/// What another agency's Emergency Incident Data Object says, mapped to Vigil's terms by an importer, for
/// `Command.importEIDO`. The core never parses JSON: it decides on these fields and keeps `document` as sent.
public struct EIDOIntake: Hashable, Codable, Sendable {
    /// The document's `$id`: one contact per id, however often it is sent.
    public var eido: String
    /// The document's `lastUpdateTimeStamp`: a later one updates the contact, an equal or earlier one adds nothing.
    public var updated: Instant
    /// The fraction of a second of `updated`, in nanoseconds, when the sender gave one: updates may be that close.
    public var updatedFraction: Int?
    /// The sender's disposition when their incident is closed: the contact is then recorded, not queued.
    public var closed: String?
    /// The sending agency, as named in the document.
    public var agency: String
    /// The sending agency's types from the IANA responder registry (`police`, `psap`…), when given.
    public var agencyTypes: [String]?
    /// 999 when the sender's priority or call marks an emergency, otherwise 101.
    public var channel: Channel
    /// The caller, the callback number and the place.
    public var details: ContactDetails
    /// The sender's priority as a grade, when it maps to one.
    public var grade: Grade?
    /// The sender's incident type as a category, when it maps to one.
    public var category: Category?
    /// The sender's incident type as they wrote it.
    public var incidentType: String?
    /// The sender's own incident number (their incident component's `internalIncidentId`).
    public var senderIncident: String?
    /// How the sender's location was found (`gp:method`: GPS, Cell, Manual…).
    public var locationSource: String?
    /// The sender's uncertainty about the location, in metres.
    public var accuracy: Double?
    /// The notes, oldest first, as plain text.
    public var notes: [String]
    /// The document exactly as it arrived, byte for byte.
    public var document: String

    public init(
        eido: String, updated: Instant, updatedFraction: Int? = nil, agency: String, agencyTypes: [String]? = nil,
        channel: Channel,
        details: ContactDetails, grade: Grade? = nil, category: Category? = nil, incidentType: String? = nil,
        senderIncident: String? = nil, locationSource: String? = nil, accuracy: Double? = nil, closed: String? = nil,
        notes: [String] = [], document: String
    ) {
        self.eido = eido; self.updated = updated; self.updatedFraction = updatedFraction; self.agency = agency
        self.agencyTypes = agencyTypes
        self.channel = channel; self.details = details; self.closed = closed
        self.grade = grade; self.category = category; self.incidentType = incidentType
        self.senderIncident = senderIncident; self.locationSource = locationSource; self.accuracy = accuracy
        self.notes = notes; self.document = document
    }
}

/// A contact that came from another agency's EIDO: who sent it and what they have said of it, every version
/// folded in (a later version's fields over the earlier's, all their notes), without the documents themselves.
public struct Referral: Hashable, Codable, Sendable {
    public var contact: ContactID
    /// What the sender has said, as of their latest version; `notes` holds every note, `document` is left out.
    public var sent: EIDOIntake
    /// What the latest version added (its changes and new notes), when it was an update, so it can be shown apart.
    public var latest: [String]?
}

extension EIDOIntake {
    /// When the document was last updated, to the nanosecond, for ordering versions.
    public var stamp: (Int64, Int) { (updated.seconds, updatedFraction ?? 0) }
}

extension EIDOIntake: JSONCodable {
    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("accuracy", accuracy)
        w.member("agency", agency)
        w.member("agencyTypes", agencyTypes)
        w.member("category", category)
        w.member("channel", channel)
        w.member("closed", closed)
        w.member("details", details)
        w.member("document", document)
        w.member("eido", eido)
        w.member("grade", grade)
        w.member("incidentType", incidentType)
        w.member("locationSource", locationSource)
        w.member("notes", notes)
        w.member("senderIncident", senderIncident)
        w.member("updated", updated)
        w.member("updatedFraction", updatedFraction)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var eido: String?, updated: Instant?, agency: String?, channel: Channel?, details: ContactDetails?
        var grade: Grade?, category: Category?, incidentType: String?, senderIncident: String?
        var source: String?, accuracy: Double?, notes: [String]?, document: String?, fraction: Int?, closed: String?
        var types: [String]?
        try r.members(of: "intake") { k, r in
            switch k {
            case "accuracy": accuracy = try r.optional()
            case "agency": agency = try r.value()
            case "agencyTypes": types = try r.optional()
            case "category": category = try r.optional()
            case "channel": channel = try r.value()
            case "details": details = try r.value()
            case "document": document = try r.value()
            case "eido": eido = try r.value()
            case "grade": grade = try r.optional()
            case "incidentType": incidentType = try r.optional()
            case "locationSource": source = try r.optional()
            case "notes": notes = try r.value()
            case "senderIncident": senderIncident = try r.optional()
            case "updated": updated = try r.value()
            case "updatedFraction": fraction = try r.optional()
            case "closed": closed = try r.optional()
            default: try r.skip()
            }
        }
        func need<T>(_ v: T?, _ key: String) throws -> T {
            guard let v else { throw JSONError.missing(key, in: "intake") }
            return v
        }
        self.init(
            eido: try need(eido, "eido"), updated: try need(updated, "updated"), updatedFraction: fraction,
            agency: try need(agency, "agency"), agencyTypes: types, channel: try need(channel, "channel"),
            details: try need(details, "details"), grade: grade, category: category, incidentType: incidentType,
            senderIncident: senderIncident, locationSource: source, accuracy: accuracy, closed: closed,
            notes: try need(notes, "notes"), document: try need(document, "document"))
    }
}
