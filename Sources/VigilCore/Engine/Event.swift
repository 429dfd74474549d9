/// Something that happened, stamped with who, where and when. Events are facts: `apply` never refuses one.
public struct Event: Hashable, Codable, Sendable {
    public var at: Instant
    public var operatorID: OperatorID
    public var console: ConsoleID
    public var change: Change

    public init(at: Instant, by actor: Actor, _ change: Change) {
        self.at = at; self.operatorID = actor.operatorID; self.console = actor.console; self.change = change
    }

    enum CodingKeys: String, CodingKey { case at, operatorID = "operator", console, change }
}

/// The facts the log records.
public enum Change: Hashable, Codable, Sendable {
    case operatorRegistered(operator: Operator)
    case operatorSignedOn
    case operatorSignedOff
    case contactReceived(contact: ContactID, channel: Channel, details: ContactDetails)
    case contactAnswered(contact: ContactID)
    case incidentRaised(incident: IncidentRef, contact: ContactID, grade: Grade, category: Category, location: GeoPoint,
                        address: String, area: AreaID, beat: BeatID?, rural: Bool, flags: [AddressFlag])
    case contactLinked(contact: ContactID, incident: IncidentRef)
    case incidentMerged(incident: IncidentRef, into: IncidentRef)
    case contactResolved(contact: ContactID, advice: String)
    case incidentGraded(incident: IncidentRef, grade: Grade, reason: String)
    case thriveRecorded(incident: IncidentRef, thrive: Thrive)
    case narrativeAdded(incident: IncidentRef, text: String)
    case unitAssigned(unit: Callsign, incident: IncidentRef)
    case unitUnassigned(unit: Callsign, incident: IncidentRef, reason: String)
    case unitStatusChanged(unit: Callsign, status: UnitStatus, position: GeoPoint?)
    case unitMoved(unit: Callsign, area: AreaID)
    case incidentClosed(incident: IncidentRef, category: Category, outcome: String)
    case flagAdded(flag: AddressFlag)
    case flagExpired(flag: Int)
    case shiftClockSet(paused: Bool, speed: Int)
    case injectFired(inject: Int)
    case operatorDisabled(operator: OperatorID)
    case signOnRefused(reason: String)
    case majorIncidentDeclared(major: Int, name: String, incidents: [IncidentRef])
    case majorIncidentNoted(major: Int, text: String)
    /// Too many wrong PINs: the operator cannot sign on until `until` (or a supervisor unlocks them).
    case operatorLockedOut(operator: OperatorID, until: Instant)
    case operatorUnlocked(operator: OperatorID)
    /// A snapshot of the state after event `seq` was stored, with the SHA-256 of its bytes (hex): the chain vouches
    /// for it, so a forged snapshot is never loaded.
    case snapshotTaken(seq: Int64, digest: String)
    /// An operator's PIN was set or replaced (by a supervisor, or by the operator themselves); the secret is never here.
    case operatorPINSet(operator: OperatorID)

    /// The event type name stored in the log, e.g. `UnitAssigned`.
    public var typeName: String {
        switch self {
        case .operatorRegistered: "OperatorRegistered"
        case .operatorSignedOn: "OperatorSignedOn"
        case .operatorSignedOff: "OperatorSignedOff"
        case .contactReceived: "ContactReceived"
        case .contactAnswered: "ContactAnswered"
        case .incidentRaised: "IncidentRaised"
        case .contactLinked: "ContactLinked"
        case .incidentMerged: "IncidentMerged"
        case .contactResolved: "ContactResolved"
        case .incidentGraded: "IncidentGraded"
        case .thriveRecorded: "ThriveRecorded"
        case .narrativeAdded: "NarrativeAdded"
        case .unitAssigned: "UnitAssigned"
        case .unitUnassigned: "UnitUnassigned"
        case .unitStatusChanged: "UnitStatusChanged"
        case .unitMoved: "UnitMoved"
        case .incidentClosed: "IncidentClosed"
        case .flagAdded: "FlagAdded"
        case .flagExpired: "FlagExpired"
        case .shiftClockSet: "ShiftClockSet"
        case .injectFired: "InjectFired"
        case .operatorDisabled: "OperatorDisabled"
        case .signOnRefused: "SignOnRefused"
        case .majorIncidentDeclared: "MajorIncidentDeclared"
        case .majorIncidentNoted: "MajorIncidentNoted"
        case .operatorLockedOut: "OperatorLockedOut"
        case .operatorUnlocked: "OperatorUnlocked"
        case .snapshotTaken: "SnapshotTaken"
        case .operatorPINSet: "OperatorPINSet"
        }
    }
}
