// The binary forms of the bulky parts of the state: incidents, contacts and flags. Field order is the format;
// changing it means bumping `DispatchState.snapshotVersion`, after which old snapshots are ignored and the log replayed.

extension ByteWriter {
    mutating func instant(_ t: Instant) { int(t.seconds) }
    mutating func point(_ p: GeoPoint) { double(p.lat); double(p.lon) }
    mutating func ref(_ r: IncidentRef) { string(r.force); int(r.day); int(r.number) }
    mutating func contactID(_ c: ContactID) { int(c.value) }

    mutating func category(_ c: Category) {
        raw(c.kind)
        optional(c.detail) { $0.string($1) }
        array(c.qualifiers) { $0.raw($1) }
    }

    mutating func thrive(_ t: Thrive) {
        for level in [t.threat, t.harm, t.risk, t.investigation, t.vulnerability, t.engagement] { raw(level) }
        string(t.text)
    }

    mutating func flag(_ f: AddressFlag) {
        int(f.id); raw(f.kind); string(f.address); point(f.location); string(f.note)
        optional(f.expires) { $0.instant($1) }
        bool(f.expired)
    }

    mutating func narrative(_ n: NarrativeEntry) {
        instant(n.at)
        string(n.author)
        switch n.entry {
        case .note(let text): byte(0); string(text)
        case .raised(let contact, let grade, let category):
            byte(1); contactID(contact); raw(grade); self.category(category)
        case .linked(let contact): byte(2); contactID(contact)
        case .merged(let r): byte(3); ref(r)
        case .duplicateOf(let r): byte(4); ref(r)
        case .regraded(let from, let to, let reason): byte(5); raw(from); raw(to); string(reason)
        case .thrive(let t): byte(6); thrive(t)
        case .assigned(let cs): byte(7); string(cs)
        case .unassigned(let cs, let reason): byte(8); string(cs); string(reason)
        case .unitStatus(let cs, let status): byte(9); string(cs); raw(status)
        case .closed(let category, let outcome): byte(10); self.category(category); string(outcome)
        }
    }

    mutating func incident(_ i: Incident) {
        ref(i.ref); raw(i.grade)
        optional(i.thrive) { $0.thrive($1) }
        category(i.opening)
        optional(i.closing) { $0.category($1) }
        optional(i.outcome) { $0.string($1) }
        point(i.location); string(i.address); string(i.area)
        optional(i.beat) { $0.string($1) }
        bool(i.rural)
        array(i.flags) { $0.flag($1) }
        array(i.narrative) { $0.narrative($1) }
        array(i.contacts) { $0.contactID($1) }
        array(i.units) { $0.string($1) }
        instant(i.createdAt)
        for t in [i.firstAssignedAt, i.firstOnSceneAt, i.closedAt] { optional(t) { $0.instant($1) } }
        instant(i.gradedAt)
        optional(i.bookedFor) { $0.instant($1) }
        optional(i.accuracy) { $0.string($1.rawValue) }
    }

    mutating func contact(_ c: Contact) {
        contactID(c.id); raw(c.channel)
        string(c.details.callerName); string(c.details.callerNumber)
        optional(c.details.location) { $0.point($1) }
        string(c.details.address); string(c.details.account)
        instant(c.receivedAt)
        optional(c.answeredAt) { $0.instant($1) }
        optional(c.handler) { $0.string($1) }
        switch c.state {
        case .waiting: byte(0)
        case .answered: byte(1)
        case .raised(let r): byte(2); ref(r)
        case .linked(let r): byte(3); ref(r)
        case .resolved: byte(4)
        }
        optional(c.resolution) { $0.string($1) }
    }
}

extension ByteReader {
    mutating func instant() throws(ByteReaderError) -> Instant { Instant(seconds: try int64()) }
    mutating func point() throws(ByteReaderError) -> GeoPoint { GeoPoint(lat: try double(), lon: try double()) }
    mutating func ref() throws(ByteReaderError) -> IncidentRef {
        IncidentRef(force: try string(), day: try int(), number: try int())
    }
    mutating func contactID() throws(ByteReaderError) -> ContactID { ContactID(try int()) }

    mutating func category() throws(ByteReaderError) -> Category {
        Category(
            try raw(CategoryKind.self), try optional { r throws(ByteReaderError) in try r.string() },
            qualifiers: try array { r throws(ByteReaderError) in try r.raw(Qualifier.self) })
    }

    mutating func thrive() throws(ByteReaderError) -> Thrive {
        Thrive(
            threat: try raw(Level.self), harm: try raw(Level.self), risk: try raw(Level.self),
            investigation: try raw(Level.self), vulnerability: try raw(Level.self), engagement: try raw(Level.self),
            text: try string())
    }

    mutating func flag() throws(ByteReaderError) -> AddressFlag {
        var f = AddressFlag(
            id: try int(), kind: try raw(FlagKind.self), address: try string(), location: try point(),
            note: try string(),
            expires: try optional { r throws(ByteReaderError) in try r.instant() })
        f.expired = try bool()
        return f
    }

    mutating func narrative() throws(ByteReaderError) -> NarrativeEntry {
        let at = try instant(), author = try string()
        let entry: NarrativeEntry.Entry
        switch try byte() {
        case 0: entry = .note(try string())
        case 1: entry = .raised(contact: try contactID(), grade: try raw(Grade.self), category: try category())
        case 2: entry = .linked(try contactID())
        case 3: entry = .merged(try ref())
        case 4: entry = .duplicateOf(try ref())
        case 5: entry = .regraded(from: try raw(Grade.self), to: try raw(Grade.self), reason: try string())
        case 6: entry = .thrive(try thrive())
        case 7: entry = .assigned(try string())
        case 8: entry = .unassigned(try string(), reason: try string())
        case 9: entry = .unitStatus(try string(), try raw(UnitStatus.self))
        case 10: entry = .closed(try category(), outcome: try string())
        case let b: throw fail("\(b) is not a narrative entry")
        }
        return NarrativeEntry(at: at, author: author, entry)
    }

    mutating func incident() throws(ByteReaderError) -> Incident {
        let ref = try ref(), grade = try raw(Grade.self)
        let thrive = try optional { r throws(ByteReaderError) in try r.thrive() }
        let opening = try category()
        let closing = try optional { r throws(ByteReaderError) in try r.category() }
        let outcome = try optional { r throws(ByteReaderError) in try r.string() }
        let location = try point(), address = try string(), area = try string()
        let beat = try optional { r throws(ByteReaderError) in try r.string() }
        let rural = try bool()
        let flags = try array { r throws(ByteReaderError) in try r.flag() }
        var i = Incident(
            ref: ref, grade: grade, opening: opening, location: location, address: address, area: area, beat: beat,
            rural: rural, flags: flags, contacts: [], createdAt: Instant(seconds: 0))
        i.thrive = thrive; i.closing = closing; i.outcome = outcome
        i.narrative = try array { r throws(ByteReaderError) in try r.narrative() }
        i.contacts = try array { r throws(ByteReaderError) in try r.contactID() }
        i.units = try array { r throws(ByteReaderError) in try r.string() }
        i.createdAt = try instant()
        i.firstAssignedAt = try optional { r throws(ByteReaderError) in try r.instant() }
        i.firstOnSceneAt = try optional { r throws(ByteReaderError) in try r.instant() }
        i.closedAt = try optional { r throws(ByteReaderError) in try r.instant() }
        i.gradedAt = try instant()
        i.bookedFor = try optional { r throws(ByteReaderError) in try r.instant() }
        let accuracy = try optional { r throws(ByteReaderError) in try r.string() }
        i.accuracy = accuracy.flatMap(LocationAccuracy.init(rawValue:))
        return i
    }

    mutating func contact() throws(ByteReaderError) -> Contact {
        let id = try contactID(), channel = try raw(Channel.self)
        let details = ContactDetails(
            callerName: try string(), callerNumber: try string(),
            location: try optional { r throws(ByteReaderError) in try r.point() },
            address: try string(), account: try string())
        var c = Contact(id: id, channel: channel, details: details, receivedAt: try instant())
        c.answeredAt = try optional { r throws(ByteReaderError) in try r.instant() }
        c.handler = try optional { r throws(ByteReaderError) in try r.string() }
        switch try byte() {
        case 0: c.state = .waiting
        case 1: c.state = .answered
        case 2: c.state = .raised(try ref())
        case 3: c.state = .linked(try ref())
        case 4: c.state = .resolved
        case let b: throw fail("\(b) is not a contact state")
        }
        c.resolution = try optional { r throws(ByteReaderError) in try r.string() }
        return c
    }
}
