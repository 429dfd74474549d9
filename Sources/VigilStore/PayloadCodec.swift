import VigilCore

/// Event payloads as JSON, written and read by hand: the same text Foundation's encoder gives with sorted keys,
/// at a fraction of the cost, because replaying a log decodes every payload and a simulator writes thousands a second.
enum PayloadCodec {
    // MARK: Writing

    static func encode(_ change: Change) -> String {
        var w = JSONWriter()
        var first = true
        w.raw("{")
        switch change {
        case .operatorRegistered(let op):
            w.key("operatorRegistered", first: &first); w.raw("{\"operator\":"); write(op, &w); w.raw("}")
        case .operatorSignedOn: w.key("operatorSignedOn", first: &first); w.raw("{}")
        case .operatorSignedOff: w.key("operatorSignedOff", first: &first); w.raw("{}")
        case .contactReceived(let id, let channel, let d):
            w.key("contactReceived", first: &first)
            var f = true
            w.raw("{"); w.key("channel", first: &f); w.string(channel.rawValue)
            w.key("contact", first: &f); w.int(id.value)
            w.key("details", first: &f); write(d, &w); w.raw("}")
        case .contactAnswered(let id):
            w.key("contactAnswered", first: &first); w.raw("{\"contact\":"); w.int(id.value); w.raw("}")
        case .incidentRaised(let ref, let contact, let grade, let category, let location, let address, let area, let beat, let rural, let flags):
            w.key("incidentRaised", first: &first)
            var f = true
            w.raw("{"); w.key("address", first: &f); w.string(address)
            w.key("area", first: &f); w.string(area)
            if let beat { w.key("beat", first: &f); w.string(beat) }
            w.key("category", first: &f); write(category, &w)
            w.key("contact", first: &f); w.int(contact.value)
            w.key("flags", first: &f); w.raw("[")
            for (n, flag) in flags.enumerated() { if n > 0 { w.raw(",") }; write(flag, &w) }
            w.raw("]")
            w.key("grade", first: &f); w.int(grade.rawValue)
            w.key("incident", first: &f); w.string(ref.description)
            w.key("location", first: &f); write(location, &w)
            w.key("rural", first: &f); w.bool(rural); w.raw("}")
        case .contactLinked(let id, let ref):
            w.key("contactLinked", first: &first); w.raw("{\"contact\":"); w.int(id.value); w.raw(",\"incident\":"); w.string(ref.description); w.raw("}")
        case .incidentMerged(let a, let b):
            w.key("incidentMerged", first: &first); w.raw("{\"incident\":"); w.string(a.description); w.raw(",\"into\":"); w.string(b.description); w.raw("}")
        case .contactResolved(let id, let advice):
            w.key("contactResolved", first: &first); w.raw("{\"advice\":"); w.string(advice); w.raw(",\"contact\":"); w.int(id.value); w.raw("}")
        case .incidentGraded(let ref, let grade, let reason):
            w.key("incidentGraded", first: &first); w.raw("{\"grade\":"); w.int(grade.rawValue); w.raw(",\"incident\":"); w.string(ref.description)
            w.raw(",\"reason\":"); w.string(reason); w.raw("}")
        case .thriveRecorded(let ref, let t):
            w.key("thriveRecorded", first: &first); w.raw("{\"incident\":"); w.string(ref.description); w.raw(",\"thrive\":"); write(t, &w); w.raw("}")
        case .narrativeAdded(let ref, let text):
            w.key("narrativeAdded", first: &first); w.raw("{\"incident\":"); w.string(ref.description); w.raw(",\"text\":"); w.string(text); w.raw("}")
        case .unitAssigned(let cs, let ref):
            w.key("unitAssigned", first: &first); w.raw("{\"incident\":"); w.string(ref.description); w.raw(",\"unit\":"); w.string(cs); w.raw("}")
        case .unitUnassigned(let cs, let ref, let reason):
            w.key("unitUnassigned", first: &first); w.raw("{\"incident\":"); w.string(ref.description); w.raw(",\"reason\":"); w.string(reason)
            w.raw(",\"unit\":"); w.string(cs); w.raw("}")
        case .unitStatusChanged(let cs, let status, let position):
            w.key("unitStatusChanged", first: &first); w.raw("{")
            if let position { w.raw("\"position\":"); write(position, &w); w.raw(",") }
            w.raw("\"status\":"); w.string(status.rawValue); w.raw(",\"unit\":"); w.string(cs); w.raw("}")
        case .unitMoved(let cs, let area):
            w.key("unitMoved", first: &first); w.raw("{\"area\":"); w.string(area); w.raw(",\"unit\":"); w.string(cs); w.raw("}")
        case .incidentClosed(let ref, let category, let outcome):
            w.key("incidentClosed", first: &first); w.raw("{\"category\":"); write(category, &w); w.raw(",\"incident\":"); w.string(ref.description)
            w.raw(",\"outcome\":"); w.string(outcome); w.raw("}")
        case .flagAdded(let flag):
            w.key("flagAdded", first: &first); w.raw("{\"flag\":"); write(flag, &w); w.raw("}")
        case .flagExpired(let id):
            w.key("flagExpired", first: &first); w.raw("{\"flag\":"); w.int(id); w.raw("}")
        }
        w.raw("}")
        return w.text
    }

    static func write(_ p: GeoPoint, _ w: inout JSONWriter) {
        w.raw("{\"lat\":"); w.double(p.lat); w.raw(",\"lon\":"); w.double(p.lon); w.raw("}")
    }

    static func write(_ c: Category, _ w: inout JSONWriter) {
        var f = true
        w.raw("{")
        if let d = c.detail { w.key("detail", first: &f); w.string(d) }
        w.key("kind", first: &f); w.string(c.kind.rawValue)
        w.key("qualifiers", first: &f); w.raw("[")
        for (n, q) in c.qualifiers.enumerated() { if n > 0 { w.raw(",") }; w.string(q.rawValue) }
        w.raw("]}")
    }

    static func write(_ d: ContactDetails, _ w: inout JSONWriter) {
        w.raw("{\"account\":"); w.string(d.account); w.raw(",\"address\":"); w.string(d.address)
        w.raw(",\"callerName\":"); w.string(d.callerName); w.raw(",\"callerNumber\":"); w.string(d.callerNumber)
        if let at = d.location { w.raw(",\"location\":"); write(at, &w) }
        w.raw("}")
    }

    static func write(_ f: AddressFlag, _ w: inout JSONWriter) {
        w.raw("{\"address\":"); w.string(f.address); w.raw(",\"expired\":"); w.bool(f.expired)
        if let e = f.expires { w.raw(",\"expires\":"); w.int(e.seconds) }
        w.raw(",\"id\":"); w.int(f.id); w.raw(",\"kind\":"); w.string(f.kind.rawValue)
        w.raw(",\"location\":"); write(f.location, &w); w.raw(",\"note\":"); w.string(f.note); w.raw("}")
    }

    static func write(_ op: Operator, _ w: inout JSONWriter) {
        w.raw("{\"disabled\":"); w.bool(op.disabled); w.raw(",\"id\":"); w.string(op.id)
        w.raw(",\"name\":"); w.string(op.name); w.raw(",\"role\":"); w.string(op.role.rawValue); w.raw("}")
    }

    static func write(_ t: Thrive, _ w: inout JSONWriter) {
        w.raw("{\"engagement\":"); w.string(t.engagement.rawValue); w.raw(",\"harm\":"); w.string(t.harm.rawValue)
        w.raw(",\"investigation\":"); w.string(t.investigation.rawValue); w.raw(",\"risk\":"); w.string(t.risk.rawValue)
        w.raw(",\"text\":"); w.string(t.text); w.raw(",\"threat\":"); w.string(t.threat.rawValue)
        w.raw(",\"vulnerability\":"); w.string(t.vulnerability.rawValue); w.raw("}")
    }

    // MARK: Reading

    static func decode(_ text: String) throws -> Change { try decode(bytes: Array(text.utf8)) }

    static func decode(bytes: [UInt8]) throws -> Change {
        guard case .object(let top) = try JSONParser.parse(bytes: bytes), top.count == 1 else { throw JSONError(description: "a payload is one object with one key") }
        let (name, body) = top[0]
        let p = Fields(body, name)
        switch name {
        case "operatorRegistered": return .operatorRegistered(operator: try op(p.object("operator")))
        case "operatorSignedOn": return .operatorSignedOn
        case "operatorSignedOff": return .operatorSignedOff
        case "contactReceived":
            return .contactReceived(contact: ContactID(try p.int("contact")), channel: try p.raw("channel"), details: try details(p.object("details")))
        case "contactAnswered": return .contactAnswered(contact: ContactID(try p.int("contact")))
        case "incidentRaised":
            return .incidentRaised(incident: try p.ref("incident"), contact: ContactID(try p.int("contact")), grade: try p.grade("grade"),
                                   category: try category(p.object("category")), location: try point(p.object("location")),
                                   address: try p.string("address"), area: try p.string("area"), beat: try p.optionalString("beat"),
                                   rural: try p.bool("rural"), flags: try p.array("flags").map { try flag(Fields($0, "flags")) })
        case "contactLinked": return .contactLinked(contact: ContactID(try p.int("contact")), incident: try p.ref("incident"))
        case "incidentMerged": return .incidentMerged(incident: try p.ref("incident"), into: try p.ref("into"))
        case "contactResolved": return .contactResolved(contact: ContactID(try p.int("contact")), advice: try p.string("advice"))
        case "incidentGraded": return .incidentGraded(incident: try p.ref("incident"), grade: try p.grade("grade"), reason: try p.string("reason"))
        case "thriveRecorded": return .thriveRecorded(incident: try p.ref("incident"), thrive: try thrive(p.object("thrive")))
        case "narrativeAdded": return .narrativeAdded(incident: try p.ref("incident"), text: try p.string("text"))
        case "unitAssigned": return .unitAssigned(unit: try p.string("unit"), incident: try p.ref("incident"))
        case "unitUnassigned": return .unitUnassigned(unit: try p.string("unit"), incident: try p.ref("incident"), reason: try p.string("reason"))
        case "unitStatusChanged":
            return .unitStatusChanged(unit: try p.string("unit"), status: try p.raw("status"),
                                      position: try p.value("position").map { try point(Fields($0, "position")) })
        case "unitMoved": return .unitMoved(unit: try p.string("unit"), area: try p.string("area"))
        case "incidentClosed":
            return .incidentClosed(incident: try p.ref("incident"), category: try category(p.object("category")), outcome: try p.string("outcome"))
        case "flagAdded": return .flagAdded(flag: try flag(p.object("flag")))
        case "flagExpired": return .flagExpired(flag: try p.int("flag"))
        default: throw JSONError(description: "unknown event type \(name)")
        }
    }

    static func point(_ p: Fields) throws -> GeoPoint { GeoPoint(lat: try p.double("lat"), lon: try p.double("lon")) }

    static func category(_ p: Fields) throws -> Category {
        Category(try p.raw("kind"), try p.optionalString("detail"), qualifiers: try p.array("qualifiers").map { v in
            guard case .string(let s) = v, let q = Qualifier(rawValue: s) else { throw JSONError(description: "bad qualifier") }
            return q
        })
    }

    static func details(_ p: Fields) throws -> ContactDetails {
        ContactDetails(callerName: try p.string("callerName"), callerNumber: try p.string("callerNumber"),
                       location: try p.value("location").map { try point(Fields($0, "location")) },
                       address: try p.string("address"), account: try p.string("account"))
    }

    static func flag(_ p: Fields) throws -> AddressFlag {
        var f = AddressFlag(id: try p.int("id"), kind: try p.raw("kind"), address: try p.string("address"), location: try point(p.object("location")),
                            note: try p.string("note"), expires: try p.value("expires").map { _ in Instant(seconds: Int64(try p.int("expires"))) })
        f.expired = try p.bool("expired")
        return f
    }

    static func op(_ p: Fields) throws -> Operator {
        Operator(id: try p.string("id"), name: try p.string("name"), role: try p.raw("role"), disabled: try p.bool("disabled"))
    }

    static func thrive(_ p: Fields) throws -> Thrive {
        Thrive(threat: try p.raw("threat"), harm: try p.raw("harm"), risk: try p.raw("risk"), investigation: try p.raw("investigation"),
               vulnerability: try p.raw("vulnerability"), engagement: try p.raw("engagement"), text: try p.string("text"))
    }

    /// Typed access to one object's members, naming the field in errors.
    struct Fields {
        let value: JSONValue
        let context: String
        init(_ value: JSONValue, _ context: String) { self.value = value; self.context = context }

        func value(_ key: String) throws -> JSONValue? {
            guard case .object = value else { throw JSONError(description: "\(context) is not an object") }
            let v = value[key]
            return v == .null ? nil : v
        }
        func required(_ key: String) throws -> JSONValue {
            guard let v = try value(key) else { throw JSONError(description: "\(context).\(key) is missing") }
            return v
        }
        func object(_ key: String) throws -> Fields { Fields(try required(key), "\(context).\(key)") }
        func string(_ key: String) throws -> String {
            guard case .string(let s) = try required(key) else { throw JSONError(description: "\(context).\(key) is not text") }
            return s
        }
        func optionalString(_ key: String) throws -> String? {
            guard let v = try value(key) else { return nil }
            guard case .string(let s) = v else { throw JSONError(description: "\(context).\(key) is not text") }
            return s
        }
        func int(_ key: String) throws -> Int {
            guard case .number(let d) = try required(key), d == d.rounded(), abs(d) < 9e15 else { throw JSONError(description: "\(context).\(key) is not a whole number") }
            return Int(d)
        }
        func double(_ key: String) throws -> Double {
            guard case .number(let d) = try required(key) else { throw JSONError(description: "\(context).\(key) is not a number") }
            return d
        }
        func bool(_ key: String) throws -> Bool {
            guard case .bool(let b) = try required(key) else { throw JSONError(description: "\(context).\(key) is not true or false") }
            return b
        }
        func array(_ key: String) throws -> [JSONValue] {
            guard case .array(let a) = try required(key) else { throw JSONError(description: "\(context).\(key) is not a list") }
            return a
        }
        func raw<T: RawRepresentable>(_ key: String) throws -> T where T.RawValue == String {
            let s = try string(key)
            guard let v = T(rawValue: s) else { throw JSONError(description: "\(context).\(key): unknown value \(s)") }
            return v
        }
        func grade(_ key: String) throws -> Grade {
            guard let g = Grade(rawValue: try int(key)) else { throw JSONError(description: "\(context).\(key) is not a grade") }
            return g
        }
        func ref(_ key: String) throws -> IncidentRef {
            guard let r = IncidentRef(parsing: try string(key)) else { throw JSONError(description: "\(context).\(key) is not an incident reference") }
            return r
        }
    }
}
