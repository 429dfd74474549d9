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

    /// `14:05:09 D100@console-1 UnitAssigned BW11 → WM-20261125-0014`, in UK local time.
    public var line: String { "\(at.ukLocal.timeText) \(operatorID)@\(console) \(change.summary)" }
}

/// The facts the log records: one case per event, each wrapping the payload type of the same name
/// (one file each in this folder).
public enum Change: Hashable, Sendable {
    case operatorRegistered(OperatorRegistered)
    case operatorSignedOn(OperatorSignedOn)
    case operatorSignedOff(OperatorSignedOff)
    case contactReceived(ContactReceived)
    case contactAnswered(ContactAnswered)
    case incidentRaised(IncidentRaised)
    case contactLinked(ContactLinked)
    case incidentMerged(IncidentMerged)
    case contactResolved(ContactResolved)
    case incidentGraded(IncidentGraded)
    case thriveRecorded(ThriveRecorded)
    case narrativeAdded(NarrativeAdded)
    case unitAssigned(UnitAssigned)
    case unitUnassigned(UnitUnassigned)
    case unitStatusChanged(UnitStatusChanged)
    case unitMoved(UnitMoved)
    case incidentClosed(IncidentClosed)
    case flagAdded(FlagAdded)
    case flagExpired(FlagExpired)
    case shiftClockSet(ShiftClockSet)
    case injectFired(InjectFired)
    case operatorDisabled(OperatorDisabled)
    case signOnRefused(SignOnRefused)
    case majorIncidentDeclared(MajorIncidentDeclared)
    case majorIncidentNoted(MajorIncidentNoted)
    case operatorLockedOut(OperatorLockedOut)
    case operatorUnlocked(OperatorUnlocked)
    case snapshotTaken(SnapshotTaken)
    case operatorPINSet(OperatorPINSet)

    /// The event's payload, which owns its fields, JSON, summary and subjects.
    public var payload: any EventPayload {
        switch self {
        case .operatorRegistered(let p): p
        case .operatorSignedOn(let p): p
        case .operatorSignedOff(let p): p
        case .contactReceived(let p): p
        case .contactAnswered(let p): p
        case .incidentRaised(let p): p
        case .contactLinked(let p): p
        case .incidentMerged(let p): p
        case .contactResolved(let p): p
        case .incidentGraded(let p): p
        case .thriveRecorded(let p): p
        case .narrativeAdded(let p): p
        case .unitAssigned(let p): p
        case .unitUnassigned(let p): p
        case .unitStatusChanged(let p): p
        case .unitMoved(let p): p
        case .incidentClosed(let p): p
        case .flagAdded(let p): p
        case .flagExpired(let p): p
        case .shiftClockSet(let p): p
        case .injectFired(let p): p
        case .operatorDisabled(let p): p
        case .signOnRefused(let p): p
        case .majorIncidentDeclared(let p): p
        case .majorIncidentNoted(let p): p
        case .operatorLockedOut(let p): p
        case .operatorUnlocked(let p): p
        case .snapshotTaken(let p): p
        case .operatorPINSet(let p): p
        }
    }

    /// Every event type name, in `payloadTypes` order.
    public static var typeNames: [String] { payloadTypes.map { $0.typeName } }

    /// Every payload type, by which stored payloads are decoded: a new event adds its type here.
    static let payloadTypes: [any EventPayload.Type] = [
        OperatorRegistered.self,
        OperatorSignedOn.self,
        OperatorSignedOff.self,
        ContactReceived.self,
        ContactAnswered.self,
        IncidentRaised.self,
        ContactLinked.self,
        IncidentMerged.self,
        ContactResolved.self,
        IncidentGraded.self,
        ThriveRecorded.self,
        NarrativeAdded.self,
        UnitAssigned.self,
        UnitUnassigned.self,
        UnitStatusChanged.self,
        UnitMoved.self,
        IncidentClosed.self,
        FlagAdded.self,
        FlagExpired.self,
        ShiftClockSet.self,
        InjectFired.self,
        OperatorDisabled.self,
        SignOnRefused.self,
        MajorIncidentDeclared.self,
        MajorIncidentNoted.self,
        OperatorLockedOut.self,
        OperatorUnlocked.self,
        SnapshotTaken.self,
        OperatorPINSet.self,
    ]
}
