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
        case .shiftClockSet(let paused, let speed):
            w.key("shiftClockSet", first: &first); w.raw("{\"paused\":"); w.bool(paused); w.raw(",\"speed\":"); w.int(speed); w.raw("}")
        case .injectFired(let n):
            w.key("injectFired", first: &first); w.raw("{\"inject\":"); w.int(n); w.raw("}")
        case .operatorDisabled(let id):
            w.key("operatorDisabled", first: &first); w.raw("{\"operator\":"); w.string(id); w.raw("}")
        case .signOnRefused(let reason):
            w.key("signOnRefused", first: &first); w.raw("{\"reason\":"); w.string(reason); w.raw("}")
        case .operatorLockedOut(let id, let until):
            w.key("operatorLockedOut", first: &first); w.raw("{\"operator\":"); w.string(id); w.raw(",\"until\":"); w.int(until.seconds); w.raw("}")
        case .operatorUnlocked(let id):
            w.key("operatorUnlocked", first: &first); w.raw("{\"operator\":"); w.string(id); w.raw("}")
        case .operatorPINSet(let id):
            w.key("operatorPINSet", first: &first); w.raw("{\"operator\":"); w.string(id); w.raw("}")
        case .snapshotTaken(let seq, let digest):
            w.key("snapshotTaken", first: &first); w.raw("{\"digest\":"); w.string(digest); w.raw(",\"seq\":"); w.int(seq); w.raw("}")
        case .majorIncidentDeclared(let n, let name, let refs):
            w.key("majorIncidentDeclared", first: &first); w.raw("{\"incidents\":[")
            for (k, ref) in refs.enumerated() { if k > 0 { w.raw(",") }; w.string(ref.description) }
            w.raw("],\"major\":"); w.int(n); w.raw(",\"name\":"); w.string(name); w.raw("}")
        case .majorIncidentNoted(let n, let text):
            w.key("majorIncidentNoted", first: &first); w.raw("{\"major\":"); w.int(n); w.raw(",\"text\":"); w.string(text); w.raw("}")
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

    static func decode(_ text: String) throws -> Change {
        var text = text
        return try text.withUTF8 { try decode(bytes: $0) }
    }

    /// Reads a payload member by member; unknown members are skipped, so a newer field in an old reader is harmless.
    static func decode(bytes: UnsafeBufferPointer<UInt8>) throws -> Change {
        var r = JSONReader(bytes: bytes)
        try r.expect(UInt8(ascii: "{"))
        let name = try r.key()
        try r.expect(UInt8(ascii: ":"))
        let change = try decodeCase(name, &r)
        guard try r.peek() == UInt8(ascii: "}") else { throw JSONError(description: "a payload is one object with one key") }
        r.i += 1
        try r.end()
        return change
    }

    static func decodeCase(_ name: JSONReader.Key, _ r: inout JSONReader) throws -> Change {
        var s = Slots(name)
        switch name {
        case "operatorRegistered":
            try r.object { k, r in if case "operator" = k { s.op = try op(&r) } else { try r.skip() } }
            return .operatorRegistered(operator: try s.need(s.op, "operator"))
        case "operatorSignedOn": try r.skip(); return .operatorSignedOn
        case "operatorSignedOff": try r.skip(); return .operatorSignedOff
        case "flagExpired":
            try r.object { k, r in if case "flag" = k { s.int = try r.int() } else { try r.skip() } }
            return .flagExpired(flag: try s.need(s.int, "flag"))
        case "shiftClockSet":
            var paused: Bool?
            try r.object { k, r in
                switch k {
                case "paused": paused = try r.bool()
                case "speed": s.int = try r.int()
                default: try r.skip()
                }
            }
            return .shiftClockSet(paused: try s.need(paused, "paused"), speed: try s.need(s.int, "speed"))
        case "operatorDisabled":
            var id: String?
            try r.object { k, r in if case "operator" = k { id = try r.string() } else { try r.skip() } }
            return .operatorDisabled(operator: try s.need(id, "operator"))
        case "snapshotTaken":
            var digest: String?
            try r.object { k, r in
                switch k {
                case "digest": digest = try r.string()
                case "seq": s.int = try r.int()
                default: try r.skip()
                }
            }
            return .snapshotTaken(seq: Int64(try s.need(s.int, "seq")), digest: try s.need(digest, "digest"))
        case "operatorPINSet":
            var id: String?
            try r.object { k, r in if case "operator" = k { id = try r.string() } else { try r.skip() } }
            return .operatorPINSet(operator: try s.need(id, "operator"))
        case "operatorUnlocked":
            var id: String?
            try r.object { k, r in if case "operator" = k { id = try r.string() } else { try r.skip() } }
            return .operatorUnlocked(operator: try s.need(id, "operator"))
        case "operatorLockedOut":
            var id: String?
            try r.object { k, r in
                switch k {
                case "operator": id = try r.string()
                case "until": s.int = try r.int()
                default: try r.skip()
                }
            }
            return .operatorLockedOut(operator: try s.need(id, "operator"), until: Instant(seconds: Int64(try s.need(s.int, "until"))))
        case "majorIncidentDeclared":
            var refs: [IncidentRef]?
            try r.object { k, r in
                switch k {
                case "major": s.int = try r.int()
                case "name": s.text = try r.string()
                case "incidents":
                    var list: [IncidentRef] = []
                    try r.array { r in
                        guard let ref = IncidentRef(parsing: try r.string()) else { throw JSONError(description: "majorIncidentDeclared.incidents has a bad reference") }
                        list.append(ref)
                    }
                    refs = list
                default: try r.skip()
                }
            }
            return .majorIncidentDeclared(major: try s.need(s.int, "major"), name: try s.need(s.text, "name"), incidents: try s.need(refs, "incidents"))
        case "majorIncidentNoted":
            try r.object { k, r in
                switch k {
                case "major": s.int = try r.int()
                case "text": s.text = try r.string()
                default: try r.skip()
                }
            }
            return .majorIncidentNoted(major: try s.need(s.int, "major"), text: try s.need(s.text, "text"))
        case "signOnRefused":
            try r.object { k, r in if case "reason" = k { s.reason = try r.string() } else { try r.skip() } }
            return .signOnRefused(reason: try s.need(s.reason, "reason"))
        case "injectFired":
            try r.object { k, r in if case "inject" = k { s.int = try r.int() } else { try r.skip() } }
            return .injectFired(inject: try s.need(s.int, "inject"))
        case "flagAdded":
            try r.object { k, r in if case "flag" = k { s.flag = try flag(&r) } else { try r.skip() } }
            return .flagAdded(flag: try s.need(s.flag, "flag"))
        default: break
        }
        try r.object { k, r in try s.read(k, &r) }
        switch name {
        case "contactReceived":
            return .contactReceived(contact: try s.contactID(), channel: try s.need(s.channel, "channel"), details: try s.need(s.details, "details"))
        case "contactAnswered": return .contactAnswered(contact: try s.contactID())
        case "incidentRaised":
            return .incidentRaised(incident: try s.need(s.incident, "incident"), contact: try s.contactID(), grade: try s.need(s.grade, "grade"),
                                   category: try s.need(s.category, "category"), location: try s.need(s.location, "location"),
                                   address: try s.need(s.address, "address"), area: try s.need(s.area, "area"), beat: s.beat,
                                   rural: try s.need(s.rural, "rural"), flags: try s.need(s.flags, "flags"))
        case "contactLinked": return .contactLinked(contact: try s.contactID(), incident: try s.need(s.incident, "incident"))
        case "incidentMerged": return .incidentMerged(incident: try s.need(s.incident, "incident"), into: try s.need(s.into, "into"))
        case "contactResolved": return .contactResolved(contact: try s.contactID(), advice: try s.need(s.advice, "advice"))
        case "incidentGraded":
            return .incidentGraded(incident: try s.need(s.incident, "incident"), grade: try s.need(s.grade, "grade"), reason: try s.need(s.reason, "reason"))
        case "thriveRecorded": return .thriveRecorded(incident: try s.need(s.incident, "incident"), thrive: try s.need(s.thrive, "thrive"))
        case "narrativeAdded": return .narrativeAdded(incident: try s.need(s.incident, "incident"), text: try s.need(s.text, "text"))
        case "unitAssigned": return .unitAssigned(unit: try s.need(s.unit, "unit"), incident: try s.need(s.incident, "incident"))
        case "unitUnassigned":
            return .unitUnassigned(unit: try s.need(s.unit, "unit"), incident: try s.need(s.incident, "incident"), reason: try s.need(s.reason, "reason"))
        case "unitStatusChanged": return .unitStatusChanged(unit: try s.need(s.unit, "unit"), status: try s.need(s.status, "status"), position: s.position)
        case "unitMoved": return .unitMoved(unit: try s.need(s.unit, "unit"), area: try s.need(s.area, "area"))
        case "incidentClosed":
            return .incidentClosed(incident: try s.need(s.incident, "incident"), category: try s.need(s.category, "category"), outcome: try s.need(s.outcome, "outcome"))
        default: throw JSONError(description: "unknown event type \(name.description)")
        }
    }

    /// The members an event case may carry, read by name as they come.
    struct Slots {
        /// The case being read; turned into text only for an error message.
        let context: JSONReader.Key
        var contact: Int?, int: Int?, channel: Channel?, details: ContactDetails?, incident: IncidentRef?, into: IncidentRef?
        var grade: Grade?, category: Category?, location: GeoPoint?, position: GeoPoint?, address: String?, area: String?, beat: String?
        var rural: Bool?, flags: [AddressFlag]?, advice: String?, reason: String?, thrive: Thrive?, text: String?, unit: String?
        var status: UnitStatus?, outcome: String?, op: Operator?, flag: AddressFlag?

        init(_ context: JSONReader.Key) { self.context = context }

        mutating func read(_ key: JSONReader.Key, _ r: inout JSONReader) throws {
            switch key {
            case "contact": contact = try r.int()
            case "channel": channel = try raw(&r, "channel")
            case "details": details = try PayloadCodec.details(&r)
            case "incident": incident = try ref(&r, "incident")
            case "into": into = try ref(&r, "into")
            case "grade":
                guard let g = Grade(rawValue: try r.int()) else { throw JSONError(description: "\(context).grade is not a grade") }
                grade = g
            case "category": category = try PayloadCodec.category(&r)
            case "location": location = try point(&r)
            case "position": position = try r.null() ? nil : try point(&r)
            case "address": address = try r.string()
            case "area": area = try r.string()
            case "beat": beat = try r.null() ? nil : try r.string()
            case "rural": rural = try r.bool()
            case "flags":
                var list: [AddressFlag] = []
                try r.array { r in list.append(try PayloadCodec.flag(&r)) }
                flags = list
            case "advice": advice = try r.string()
            case "reason": reason = try r.string()
            case "thrive": thrive = try PayloadCodec.thrive(&r)
            case "text": text = try r.string()
            case "unit": unit = try r.string()
            case "status": status = try raw(&r, "status")
            case "outcome": outcome = try r.string()
            default: try r.skip()
            }
        }

        func need<T>(_ v: T?, _ key: String) throws -> T {
            guard let v else { throw JSONError(description: "\(context).\(key) is missing") }
            return v
        }

        func contactID() throws -> ContactID { ContactID(try need(contact, "contact")) }

        func ref(_ r: inout JSONReader, _ key: String) throws -> IncidentRef {
            guard let ref = IncidentRef(parsing: try r.string()) else { throw JSONError(description: "\(context).\(key) is not an incident reference") }
            return ref
        }
    }

    static func raw<T: RawRepresentable>(_ r: inout JSONReader, _ key: @autoclosure () -> String) throws -> T where T.RawValue == String {
        let s = try r.string()
        guard let v = T(rawValue: s) else { throw JSONError(description: "\(key()): unknown value \(s)") }
        return v
    }

    static func point(_ r: inout JSONReader) throws -> GeoPoint {
        var lat: Double?, lon: Double?
        try r.object { k, r in
            switch k { case "lat": lat = try r.double(); case "lon": lon = try r.double(); default: try r.skip() }
        }
        guard let lat, let lon else { throw JSONError(description: "a position needs lat and lon") }
        return GeoPoint(lat: lat, lon: lon)
    }

    static func category(_ r: inout JSONReader) throws -> Category {
        var kind: CategoryKind?, detail: String?, qualifiers: [Qualifier] = []
        try r.object { k, r in
            switch k {
            case "kind": kind = try raw(&r, "\(k)")
            case "detail": detail = try r.null() ? nil : try r.string()
            case "qualifiers": try r.array { r in qualifiers.append(try raw(&r, "qualifiers")) }
            default: try r.skip()
            }
        }
        guard let kind else { throw JSONError(description: "a category needs a kind") }
        return Category(kind, detail, qualifiers: qualifiers)
    }

    static func details(_ r: inout JSONReader) throws -> ContactDetails {
        var d = ContactDetails()
        try r.object { k, r in
            switch k {
            case "account": d.account = try r.string()
            case "address": d.address = try r.string()
            case "callerName": d.callerName = try r.string()
            case "callerNumber": d.callerNumber = try r.string()
            case "location": d.location = try r.null() ? nil : try point(&r)
            default: try r.skip()
            }
        }
        return d
    }

    static func flag(_ r: inout JSONReader) throws -> AddressFlag {
        var id: Int?, kind: FlagKind?, address: String?, location: GeoPoint?, note = "", expires: Instant?, expired = false
        try r.object { k, r in
            switch k {
            case "id": id = try r.int()
            case "kind": kind = try raw(&r, "\(k)")
            case "address": address = try r.string()
            case "location": location = try point(&r)
            case "note": note = try r.string()
            case "expires": expires = try r.null() ? nil : Instant(seconds: Int64(try r.int()))
            case "expired": expired = try r.bool()
            default: try r.skip()
            }
        }
        guard let id, let kind, let address, let location else { throw JSONError(description: "a flag needs id, kind, address and location") }
        var f = AddressFlag(id: id, kind: kind, address: address, location: location, note: note, expires: expires)
        f.expired = expired
        return f
    }

    static func op(_ r: inout JSONReader) throws -> Operator {
        var id: String?, name: String?, role: Role?, disabled = false
        try r.object { k, r in
            switch k {
            case "id": id = try r.string()
            case "name": name = try r.string()
            case "role": role = try raw(&r, "\(k)")
            case "disabled": disabled = try r.bool()
            default: try r.skip()
            }
        }
        guard let id, let name, let role else { throw JSONError(description: "an operator needs id, name and role") }
        return Operator(id: id, name: name, role: role, disabled: disabled)
    }

    static func thrive(_ r: inout JSONReader) throws -> Thrive {
        var t = Thrive()
        try r.object { k, r in
            switch k {
            case "threat": t.threat = try raw(&r, "\(k)")
            case "harm": t.harm = try raw(&r, "\(k)")
            case "risk": t.risk = try raw(&r, "\(k)")
            case "investigation": t.investigation = try raw(&r, "\(k)")
            case "vulnerability": t.vulnerability = try raw(&r, "\(k)")
            case "engagement": t.engagement = try raw(&r, "\(k)")
            case "text": t.text = try r.string()
            default: try r.skip()
            }
        }
        return t
    }
}
