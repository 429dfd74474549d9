/// Every incident in a log as a record, folded from the events alone, so exports cover incidents long archived out
/// of the live state.
public struct IncidentBook: Sendable {
    /// One incident's whole story.
    public struct Record: Hashable, Sendable {
        public var ref: IncidentRef
        public var grade: Grade
        public var category: Category
        public var closing: Category?
        public var outcome: String?
        public var location: GeoPoint
        public var address: String
        public var area: AreaID
        public var raisedAt: Instant
        public var raisedBy: OperatorID
        public var closedAt: Instant?
        public var flags: [AddressFlag]
        public var callers: [Contact] = []
        /// Each unit sent, when, and its statuses while on the incident.
        public var units: [(callsign: Callsign, assignedAt: Instant, statuses: [(UnitStatus, Instant)])] = []
        public var notes: [NarrativeEntry] = []

        public static func == (a: Record, b: Record) -> Bool {
            a.ref == b.ref && a.notes == b.notes && a.closedAt == b.closedAt
        }
        public func hash(into h: inout Hasher) { h.combine(ref) }
    }

    public private(set) var records: [IncidentRef: Record] = [:]
    public private(set) var order: [IncidentRef] = []
    var contacts: [ContactID: Contact] = [:]
    var unitOn: [Callsign: IncidentRef] = [:]
    var incidentOf: [ContactID: IncidentRef] = [:]
    /// Where contacts that came from other agencies' EIDOs came from (their documents left out).
    public private(set) var origins: [ContactID: EIDOIntake] = [:]

    public init() {}

    /// Folds one event in.
    public mutating func add(_ e: Event) {
        let by = e.operatorID
        switch e.change {
        case .contactReceived(let p):
            contacts[p.contact] = Contact(id: p.contact, channel: p.channel, details: p.details, receivedAt: e.at)
        case .eidoImported(let p) where !p.update || p.reopens != nil:
            contacts[p.contact] = Contact(
                id: p.contact, channel: p.intake.channel, details: p.intake.details, receivedAt: e.at)
            var origin = p.intake
            origin.document = ""
            origins[p.contact] = origin
        case .eidoImported(let p):
            // Before the call is raised, what the sender adds goes on the call, as the console showed it.
            guard let ref = incidentOf[p.contact] else {
                if let c = contacts[p.contact] {
                    contacts[p.contact]?.details = c.details.merging(p.intake.details, account: p.newNotes + p.changes)
                }
                break
            }
            for line in p.newNotes + p.changes {
                records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .note("\(p.intake.agency): \(line)")))
            }
        case .incidentRaised(let p):
            incidentOf[p.contact] = p.incident
            var r = Record(
                ref: p.incident, grade: p.grade, category: p.category, location: p.location, address: p.address,
                area: p.area,
                raisedAt: e.at, raisedBy: by, flags: p.flags)
            if let c = contacts[p.contact] { r.callers.append(c) }
            r.notes.append(
                NarrativeEntry(at: e.at, author: by, .raised(contact: p.contact, grade: p.grade, category: p.category)))
            records[p.incident] = r
            order.append(p.incident)
        case .contactLinked(let p):
            incidentOf[p.contact] = p.incident
            if let c = contacts[p.contact] { records[p.incident]?.callers.append(c) }
            records[p.incident]?.notes.append(NarrativeEntry(at: e.at, author: by, .linked(p.contact)))
        case .incidentMerged(let p):
            let (ref, into) = (p.incident, p.into)
            let moved = records[ref]?.callers ?? []
            records[into]?.callers += moved
            records[into]?.notes.append(NarrativeEntry(at: e.at, author: by, .merged(ref)))
            records[ref]?.closedAt = e.at
            records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .duplicateOf(into)))
        case .incidentGraded(let p):
            if let old = records[p.incident]?.grade {
                records[p.incident]?.notes.append(
                    NarrativeEntry(at: e.at, author: by, .regraded(from: old, to: p.grade, reason: p.reason)))
            }
            records[p.incident]?.grade = p.grade
        case .thriveRecorded(let p):
            records[p.incident]?.notes.append(NarrativeEntry(at: e.at, author: by, .thrive(p.thrive)))
        case .narrativeAdded(let p):
            records[p.incident]?.notes.append(NarrativeEntry(at: e.at, author: by, .note(p.text)))
        case .unitAssigned(let p):
            unitOn[p.unit] = p.incident
            records[p.incident]?.units.append((p.unit, e.at, []))
            records[p.incident]?.notes.append(NarrativeEntry(at: e.at, author: by, .assigned(p.unit)))
        case .unitUnassigned(let p):
            if unitOn[p.unit] == p.incident { unitOn[p.unit] = nil }
            records[p.incident]?.notes.append(
                NarrativeEntry(at: e.at, author: by, .unassigned(p.unit, reason: p.reason)))
        case .unitStatusChanged(let p):
            let cs = p.unit
            guard let ref = unitOn[cs], let k = records[ref]?.units.lastIndex(where: { $0.callsign == cs }) else {
                break
            }
            records[ref]?.units[k].statuses.append((p.status, e.at))
            records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .unitStatus(cs, p.status)))
        case .incidentClosed(let p):
            let ref = p.incident
            records[ref]?.closing = p.category
            records[ref]?.outcome = p.outcome
            records[ref]?.closedAt = e.at
            records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .closed(p.category, outcome: p.outcome)))
            for (cs, on) in unitOn where on == ref { unitOn[cs] = nil }
        default:
            break
        }
    }
}
