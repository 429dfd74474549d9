/// A contact became an incident, graded and located.
public struct IncidentRaised: EventPayload {
    public static let typeName = "IncidentRaised"
    public var incident: IncidentRef
    public var contact: ContactID
    public var grade: Grade
    public var category: Category
    public var location: GeoPoint
    public var address: String
    /// Empty when the location is outside the force area.
    public var area: AreaID
    public var beat: BeatID?
    public var rural: Bool
    /// The address flags in force at the location when raised.
    public var flags: [AddressFlag]
    /// How the location was found from the address, when the gazetteer found it; nil when coordinates were given.
    public var accuracy: LocationAccuracy?

    public init(
        incident: IncidentRef,
        contact: ContactID,
        grade: Grade,
        category: Category,
        location: GeoPoint,
        address: String,
        area: AreaID,
        beat: BeatID?,
        rural: Bool,
        flags: [AddressFlag],
        accuracy: LocationAccuracy? = nil
    ) {
        self.incident = incident
        self.contact = contact
        self.grade = grade
        self.category = category
        self.location = location
        self.address = address
        self.area = area
        self.beat = beat
        self.rural = rural
        self.flags = flags
        self.accuracy = accuracy
    }

    public var change: Change { .incidentRaised(self) }
    public var summaryText: String {
        "\(incident) from \(contact) grade \(grade.rawValue) \(category) "
            + (area.isEmpty ? Force.outside : "in \(area)")
            + (address.isEmpty ? "" : " \(quote(address))")
            + (flags.isEmpty ? "" : " flags " + flags.map(\.kind.tag).joined(separator: ","))
    }
    public var incidents: [IncidentRef] { [incident] }
    public var contacts: [ContactID] { [contact] }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        // Written only when set, so incidents raised from coordinates keep the bytes they always had.
        if let accuracy { w.member("accuracy", accuracy) }
        w.member("address", address)
        w.member("area", area)
        w.member("beat", beat)
        w.member("category", category)
        w.member("contact", contact)
        w.member("flags", flags)
        w.member("grade", grade)
        w.member("incident", incident)
        w.member("location", location)
        w.member("rural", rural)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var incident: IncidentRef?
        var contact: ContactID?
        var grade: Grade?
        var category: Category?
        var location: GeoPoint?
        var address: String?
        var area: AreaID?
        var beat: BeatID?
        var rural: Bool?
        var flags: [AddressFlag]?
        var accuracy: LocationAccuracy?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "incident": incident = try r.value()
            case "contact": contact = try r.value()
            case "grade": grade = try r.value()
            case "category": category = try r.value()
            case "location": location = try r.value()
            case "address": address = try r.value()
            case "area": area = try r.value()
            case "beat": beat = try r.optional()
            case "rural": rural = try r.value()
            case "flags": flags = try r.value()
            case "accuracy": accuracy = try r.value()
            default: try r.skip()
            }
        }
        self.init(
            incident: try Self.required(incident, "incident"),
            contact: try Self.required(contact, "contact"),
            grade: try Self.required(grade, "grade"),
            category: try Self.required(category, "category"),
            location: try Self.required(location, "location"),
            address: try Self.required(address, "address"),
            area: try Self.required(area, "area"),
            beat: beat,
            rural: try Self.required(rural, "rural"),
            flags: try Self.required(flags, "flags"), accuracy: accuracy
        )
    }
}
