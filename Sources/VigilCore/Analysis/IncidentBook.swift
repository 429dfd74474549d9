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

        public static func == (a: Record, b: Record) -> Bool { a.ref == b.ref && a.notes == b.notes && a.closedAt == b.closedAt }
        public func hash(into h: inout Hasher) { h.combine(ref) }
    }

    public private(set) var records: [IncidentRef: Record] = [:]
    public private(set) var order: [IncidentRef] = []
    var contacts: [ContactID: Contact] = [:]
    var unitOn: [Callsign: IncidentRef] = [:]

    public init() {}

    /// Folds one event in.
    public mutating func add(_ e: Event) {
        let by = e.operatorID
        switch e.change {
        case .contactReceived(let id, let channel, let details):
            contacts[id] = Contact(id: id, channel: channel, details: details, receivedAt: e.at)
        case .incidentRaised(let ref, let contact, let grade, let category, let location, let address, let area, _, _, let flags):
            var r = Record(ref: ref, grade: grade, category: category, location: location, address: address, area: area,
                           raisedAt: e.at, raisedBy: by, flags: flags)
            if let c = contacts[contact] { r.callers.append(c) }
            r.notes.append(NarrativeEntry(at: e.at, author: by, .raised(contact: contact, grade: grade, category: category)))
            records[ref] = r
            order.append(ref)
        case .contactLinked(let contact, let ref):
            if let c = contacts[contact] { records[ref]?.callers.append(c) }
            records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .linked(contact)))
        case .incidentMerged(let ref, let into):
            let moved = records[ref]?.callers ?? []
            records[into]?.callers += moved
            records[into]?.notes.append(NarrativeEntry(at: e.at, author: by, .merged(ref)))
            records[ref]?.closedAt = e.at
            records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .duplicateOf(into)))
        case .incidentGraded(let ref, let grade, let reason):
            if let old = records[ref]?.grade { records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .regraded(from: old, to: grade, reason: reason))) }
            records[ref]?.grade = grade
        case .thriveRecorded(let ref, let t):
            records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .thrive(t)))
        case .narrativeAdded(let ref, let text):
            records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .note(text)))
        case .unitAssigned(let cs, let ref):
            unitOn[cs] = ref
            records[ref]?.units.append((cs, e.at, []))
            records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .assigned(cs)))
        case .unitUnassigned(let cs, let ref, let reason):
            if unitOn[cs] == ref { unitOn[cs] = nil }
            records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .unassigned(cs, reason: reason)))
        case .unitStatusChanged(let cs, let status, _):
            guard let ref = unitOn[cs], let k = records[ref]?.units.lastIndex(where: { $0.callsign == cs }) else { break }
            records[ref]?.units[k].statuses.append((status, e.at))
            records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .unitStatus(cs, status)))
        case .incidentClosed(let ref, let category, let outcome):
            records[ref]?.closing = category
            records[ref]?.outcome = outcome
            records[ref]?.closedAt = e.at
            records[ref]?.notes.append(NarrativeEntry(at: e.at, author: by, .closed(category, outcome: outcome)))
            for (cs, on) in unitOn where on == ref { unitOn[cs] = nil }
        default:
            break
        }
    }
}
