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
    case shiftEnded(ShiftEnded)
    case simHandlersSet(SimHandlersSet)
    case deskTaken(DeskTaken)
    case deskLeft(DeskLeft)
    case incidentBooked(IncidentBooked)
    case mutualAidArrived(MutualAidArrived)
    case contactReturned(ContactReturned)
    case contactCorrected(ContactCorrected)
    case operatorDisabled(OperatorDisabled)
    case signOnRefused(SignOnRefused)
    case majorIncidentDeclared(MajorIncidentDeclared)
    case majorIncidentNoted(MajorIncidentNoted)
    case operatorLockedOut(OperatorLockedOut)
    case operatorUnlocked(OperatorUnlocked)
    case snapshotTaken(SnapshotTaken)
    case operatorPINSet(OperatorPINSet)
    case eidoImported(EIDOImported)
    case logCopied(LogCopied)

    /// Calls the visitor with the payload as its own type: no existential box, so hot paths (writing and
    /// hashing every event) cost no allocation. Everything `Change` knows of its payload goes through here.
    public func visit<V: PayloadVisitor>(_ visitor: inout V) -> V.Output {
        switch self {
        case .operatorRegistered(let p): visitor.visit(p)
        case .operatorSignedOn(let p): visitor.visit(p)
        case .operatorSignedOff(let p): visitor.visit(p)
        case .contactReceived(let p): visitor.visit(p)
        case .contactAnswered(let p): visitor.visit(p)
        case .incidentRaised(let p): visitor.visit(p)
        case .contactLinked(let p): visitor.visit(p)
        case .incidentMerged(let p): visitor.visit(p)
        case .contactResolved(let p): visitor.visit(p)
        case .incidentGraded(let p): visitor.visit(p)
        case .thriveRecorded(let p): visitor.visit(p)
        case .narrativeAdded(let p): visitor.visit(p)
        case .unitAssigned(let p): visitor.visit(p)
        case .unitUnassigned(let p): visitor.visit(p)
        case .unitStatusChanged(let p): visitor.visit(p)
        case .unitMoved(let p): visitor.visit(p)
        case .incidentClosed(let p): visitor.visit(p)
        case .flagAdded(let p): visitor.visit(p)
        case .flagExpired(let p): visitor.visit(p)
        case .shiftClockSet(let p): visitor.visit(p)
        case .injectFired(let p): visitor.visit(p)
        case .shiftEnded(let p): visitor.visit(p)
        case .simHandlersSet(let p): visitor.visit(p)
        case .deskTaken(let p): visitor.visit(p)
        case .deskLeft(let p): visitor.visit(p)
        case .incidentBooked(let p): visitor.visit(p)
        case .mutualAidArrived(let p): visitor.visit(p)
        case .contactReturned(let p): visitor.visit(p)
        case .contactCorrected(let p): visitor.visit(p)
        case .operatorDisabled(let p): visitor.visit(p)
        case .signOnRefused(let p): visitor.visit(p)
        case .majorIncidentDeclared(let p): visitor.visit(p)
        case .majorIncidentNoted(let p): visitor.visit(p)
        case .operatorLockedOut(let p): visitor.visit(p)
        case .operatorUnlocked(let p): visitor.visit(p)
        case .snapshotTaken(let p): visitor.visit(p)
        case .operatorPINSet(let p): visitor.visit(p)
        case .eidoImported(let p): visitor.visit(p)
        case .logCopied(let p): visitor.visit(p)
        }
    }

    /// The largest payload a log takes, in bytes of JSON (1 MiB): every console reads every payload it opens past.
    public static let payloadLimit = 1 << 20

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
        ShiftEnded.self,
        SimHandlersSet.self,
        DeskTaken.self,
        DeskLeft.self,
        IncidentBooked.self,
        MutualAidArrived.self,
        ContactReturned.self,
        ContactCorrected.self,
        OperatorDisabled.self,
        SignOnRefused.self,
        MajorIncidentDeclared.self,
        MajorIncidentNoted.self,
        OperatorLockedOut.self,
        OperatorUnlocked.self,
        SnapshotTaken.self,
        OperatorPINSet.self,
        EIDOImported.self,
        LogCopied.self,
    ]
}

/// Something done with a payload of whichever type it is (see `Change.visit`).
public protocol PayloadVisitor {
    associatedtype Output
    mutating func visit<P: EventPayload>(_ payload: P) -> Output
}
