/// A value that writes and reads its own JSON, byte for byte as Foundation's encoder with sorted keys writes it
/// (a test holds every event to that), without Foundation's cost: replay decodes every payload in a log.
public protocol JSONCodable {
    /// Writes the value.
    func write(json w: inout JSONWriter)
    /// Reads the value; unknown object members are skipped, so a newer field in an old reader is harmless.
    init(json r: inout JSONReader) throws
}

extension String: JSONCodable {
    public func write(json w: inout JSONWriter) { w.string(self) }
    public init(json r: inout JSONReader) throws { self = try r.string() }
}

extension Int: JSONCodable {
    public func write(json w: inout JSONWriter) { w.int(self) }
    public init(json r: inout JSONReader) throws { self = try r.int() }
}

extension Int64: JSONCodable {
    public func write(json w: inout JSONWriter) { w.int(self) }
    public init(json r: inout JSONReader) throws { self = Int64(try r.int()) }
}

extension Bool: JSONCodable {
    public func write(json w: inout JSONWriter) { w.bool(self) }
    public init(json r: inout JSONReader) throws { self = try r.bool() }
}

extension Double: JSONCodable {
    public func write(json w: inout JSONWriter) { w.double(self) }
    public init(json r: inout JSONReader) throws { self = try r.double() }
}

extension Array: JSONCodable where Element: JSONCodable {
    public func write(json w: inout JSONWriter) {
        w.raw("[")
        for (n, element) in enumerated() {
            if n > 0 { w.raw(",") }
            element.write(json: &w)
        }
        w.raw("]")
        w.needsComma = true
    }

    public init(json r: inout JSONReader) throws {
        var list: [Element] = []
        try r.array { r in list.append(try Element(json: &r)) }
        self = list
    }
}

/// Enums stored by their text, e.g. a channel or a unit status.
protocol JSONRawText: JSONCodable, RawRepresentable where RawValue == String {}

extension JSONRawText {
    public func write(json w: inout JSONWriter) { w.string(rawValue) }

    public init(json r: inout JSONReader) throws {
        let text = try r.string()
        guard let value = Self(rawValue: text) else { throw JSONError("unknown value \(text.debugDescription)") }
        self = value
    }
}

extension Channel: JSONRawText {}
extension UnitStatus: JSONRawText {}
extension CategoryKind: JSONRawText {}
extension Qualifier: JSONRawText {}
extension FlagKind: JSONRawText {}
extension Role: JSONRawText {}
extension Level: JSONRawText {}
extension LocationAccuracy: JSONRawText {}

extension Grade: JSONCodable {
    public func write(json w: inout JSONWriter) { w.int(rawValue) }

    public init(json r: inout JSONReader) throws {
        guard let grade = Grade(rawValue: try r.int()) else { throw JSONError("not a grade") }
        self = grade
    }
}

extension Instant: JSONCodable {
    public func write(json w: inout JSONWriter) { w.int(seconds) }
    public init(json r: inout JSONReader) throws { self.init(stored: Int64(try r.int())) }
}

extension ContactID: JSONCodable {
    public func write(json w: inout JSONWriter) { w.int(value) }
    public init(json r: inout JSONReader) throws { self.init(try r.int()) }
}

extension IncidentRef: JSONCodable {
    public func write(json w: inout JSONWriter) { w.string(description) }

    public init(json r: inout JSONReader) throws {
        guard let ref = IncidentRef(parsing: try r.string()) else { throw JSONError("not an incident reference") }
        self = ref
    }
}

extension GeoPoint: JSONCodable {
    public func write(json w: inout JSONWriter) {
        w.beginObject(); w.member("lat", lat); w.member("lon", lon); w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var lat: Double?, lon: Double?
        try r.object { k, r in
            switch k {
            case "lat": lat = try r.double()
            case "lon": lon = try r.double()
            default: try r.skip()
            }
        }
        guard let lat, let lon else { throw JSONError("a position needs lat and lon") }
        self.init(lat: lat, lon: lon)
    }
}

extension Category: JSONCodable {
    public func write(json w: inout JSONWriter) {
        w.beginObject(); w.member("detail", detail); w.member("kind", kind); w.member("qualifiers", qualifiers);
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var kind: CategoryKind?, detail: String?, qualifiers: [Qualifier] = []
        try r.members(of: "category") { k, r in
            switch k {
            case "kind": kind = try r.value()
            case "detail": detail = try r.optional()
            case "qualifiers": qualifiers = try r.value()
            default: try r.skip()
            }
        }
        guard let kind else { throw JSONError("a category needs a kind") }
        self.init(kind, detail, qualifiers: qualifiers)
    }
}

extension ContactDetails: JSONCodable {
    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("account", account); w.member("address", address); w.member("callerName", callerName)
        w.member("callerNumber", callerNumber); w.member("location", location)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        self.init()
        var d = self
        try r.members(of: "details") { k, r in
            switch k {
            case "account": d.account = try r.value()
            case "address": d.address = try r.value()
            case "callerName": d.callerName = try r.value()
            case "callerNumber": d.callerNumber = try r.value()
            case "location": d.location = try r.optional()
            default: try r.skip()
            }
        }
        self = d
    }
}

extension AddressFlag: JSONCodable {
    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("address", address); w.member("expired", expired); w.member("expires", expires); w.member("id", id)
        w.member("kind", kind); w.member("location", location); w.member("note", note)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var id: Int?, kind: FlagKind?, address: String?, location: GeoPoint?, note = "", expires: Instant?,
            expired = false
        try r.members(of: "flag") { k, r in
            switch k {
            case "id": id = try r.value()
            case "kind": kind = try r.value()
            case "address": address = try r.value()
            case "location": location = try r.value()
            case "note": note = try r.value()
            case "expires": expires = try r.optional()
            case "expired": expired = try r.value()
            default: try r.skip()
            }
        }
        guard let id, let kind, let address, let location else {
            throw JSONError("a flag needs id, kind, address and location")
        }
        self.init(id: id, kind: kind, address: address, location: location, note: note, expires: expires)
        self.expired = expired
    }
}

extension Operator: JSONCodable {
    public func write(json w: inout JSONWriter) {
        w.beginObject(); w.member("disabled", disabled); w.member("id", id); w.member("name", name);
        w.member("role", role); w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var id: String?, name: String?, role: Role?, disabled = false
        try r.members(of: "operator") { k, r in
            switch k {
            case "id": id = try r.value()
            case "name": name = try r.value()
            case "role": role = try r.value()
            case "disabled": disabled = try r.value()
            default: try r.skip()
            }
        }
        guard let id, let name, let role else { throw JSONError("an operator needs id, name and role") }
        self.init(id: id, name: name, role: role, disabled: disabled)
    }
}

extension Thrive: JSONCodable {
    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("engagement", engagement); w.member("harm", harm); w.member("investigation", investigation)
        w.member("risk", risk); w.member("text", text); w.member("threat", threat);
        w.member("vulnerability", vulnerability)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var t = Thrive()
        try r.members(of: "thrive") { k, r in
            switch k {
            case "threat": t.threat = try r.value()
            case "harm": t.harm = try r.value()
            case "risk": t.risk = try r.value()
            case "investigation": t.investigation = try r.value()
            case "vulnerability": t.vulnerability = try r.value()
            case "engagement": t.engagement = try r.value()
            case "text": t.text = try r.value()
            default: try r.skip()
            }
        }
        self = t
    }
}
