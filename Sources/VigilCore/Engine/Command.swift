/// A request to change the world; `decide` turns it into events or refuses it.
public enum Command: Hashable, Sendable {
    case signOn
    case signOff
    case registerOperator(Operator)
    /// A contact arrives; `trueGrade`, when a simulator knows it, is what the call really warrants (for scoring).
    case receiveContact(Channel, ContactDetails, trueGrade: Grade? = nil)
    /// Answer a given contact, or the next by queue discipline (999 first) when nil.
    case answerContact(ContactID?)
    /// Raise a new incident from an answered contact; location and address default to the contact's.
    /// `accuracy` says how the location was found when it came from the gazetteer (nil: coordinates were given).
    case raiseIncident(
        from: ContactID, grade: Grade, category: Category, location: GeoPoint?, address: String?,
        accuracy: LocationAccuracy? = nil)
    case linkContact(ContactID, to: IncidentRef)
    /// Fold a duplicate incident into another: its contacts move across and it closes as a duplicate.
    case mergeIncident(IncidentRef, into: IncidentRef)
    case resolveContact(ContactID, advice: String)
    case grade(IncidentRef, Grade, reason: String)
    case recordThrive(IncidentRef, Thrive)
    case addNarrative(IncidentRef, String)
    case assign(IncidentRef, [Callsign])
    case unassign(Callsign, from: IncidentRef?)
    case setStatus(Callsign, UnitStatus, position: GeoPoint?)
    case moveUnit(Callsign, to: AreaID)
    case closeIncident(IncidentRef, Category, outcome: String)
    case addFlag(FlagKind, address: String, location: GeoPoint, note: String, expires: Instant?)
    case expireFlag(Int)
    /// Trainer controls for a simulated shift on this log: the simulator obeys the events they make.
    /// Record that a training shift reached its scenario's end (the simulator's clock operator does this).
    case endShift(scenario: String)
    /// Set how many simulated call handlers answer while people take calls (a trainer's choice).
    case setSimHandlers(Int)
    /// Take a dispatch desk, or (a trainer or supervisor) hand it to another operator.
    case takeDesk(DeskID, for: OperatorID?)
    /// Leave your desks, or one desk; a trainer, supervisor or inspector may release another's (handing it to the
    /// simulator in training), and `reason` says why, e.g. that its console fell silent.
    /// `silent`: released because its holder's console fell silent (set by consoles and the simulator, never typed).
    case leaveDesk(DeskID?, reason: String, silent: Bool = false)
    /// Book a grade 3 incident as an appointment at a time to come.
    case book(IncidentRef, at: Instant)
    /// Correct the caller's name or number as recorded (nil leaves one as it is).
    case correctContact(ContactID, callerName: String?, callerNumber: String?)
    /// Give a contact in hand back to its queue, in its old place.
    case returnContact(ContactID, reason: String)
    /// Book on this many units lent by a neighbouring force, at the station they report to.
    case requestAid(AidPoolID, units: Int)
    /// Stand down a neighbouring force's free lent units (those still committed stay until they clear).
    case standDownAid(AidPoolID)
    case pauseShift
    case resumeShift
    /// Simulated seconds per real second: 1, 10 or 60, or 0 for as fast as possible.
    case setShiftSpeed(Int)
    /// Fire the scenario's inject number `n` (from 1) now.
    /// Fire a scenario inject (numbered from 1); `again` fires one that has already fired.
    case fireInject(Int, again: Bool = false)
    /// Take an operator off duty for good: they can no longer sign on (a supervisor's action).
    case disableOperator(OperatorID)
    /// Declare a major incident over these incidents (more can be added by declaring again with the same name).
    case declareMajorIncident(name: String, incidents: [IncidentRef])
    /// Write in a major incident's own log.
    case noteMajorIncident(Int, String)
    /// Record a refused sign-on (unknown operator, disabled, wrong PIN): the one thing a refused person leaves in the log.
    case recordRefusedSignOn(reason: SignOnRefusal)
    /// Lift a lock-out after wrong PINs (a supervisor's action).
    case unlockOperator(OperatorID)
    /// Record in the chain that a snapshot of the state after `seq` was stored, with its digest (hex SHA-256).
    case recordSnapshot(seq: Int64, digest: String)
    /// Record that an operator's PIN was set: a supervisor's action, or an operator's for their own PIN.
    /// A new PIN was set; on a signed log, with the public half of the signing key it seals.
    case recordPINSet(OperatorID, key: String? = nil)
    /// Take in another agency's incident, sent as an EIDO: a new contact, or an update to the one it became.
    case importEIDO(EIDOIntake)
    /// Record, as the first event of a copy's own, the original's head it was copied at (a supervisor's action).
    case recordCopy(seq: Int64, hash: String, from: String)

    /// The permission this command needs.
    public var action: Action {
        switch self {
        case .signOn, .signOff: .signOn
        case .registerOperator, .disableOperator, .unlockOperator, .recordCopy: .administer
        case .receiveContact, .importEIDO: .receiveContact
        case .answerContact, .correctContact: .answerContact
        // Like leaving a desk: one's own call, or (checked in decide) a manager for anyone's, a silent console's too.
        case .returnContact: .signOn
        case .raiseIncident: .raiseIncident
        case .linkContact, .mergeIncident: .link
        case .resolveContact: .resolveContact
        case .grade: .grade
        case .recordThrive: .thrive
        case .addNarrative: .note
        case .assign, .unassign: .assign
        case .takeDesk: .desk
        case .book: .book
        case .requestAid, .standDownAid: .aid
        case .leaveDesk: .signOn
        case .setStatus: .status
        case .moveUnit: .move
        case .closeIncident: .close
        case .addFlag, .expireFlag: .flags
        case .pauseShift, .resumeShift, .setShiftSpeed, .fireInject, .endShift, .setSimHandlers: .train
        case .recordRefusedSignOn, .recordSnapshot, .recordPINSet: .signOn
        case .declareMajorIncident, .noteMajorIncident: .major
        }
    }

    /// Whether the actor must be a registered, enabled, signed-on operator whose role may act: not for the records
    /// made on anyone's behalf (a refused sign-on, a snapshot), which check what they need themselves.
    var needsAuthorisation: Bool {
        switch self {
        case .recordRefusedSignOn, .recordSnapshot: false
        default: true
        }
    }
}

/// Who issues a command, from which console.
public struct Actor: Hashable, Codable, Sendable {
    public var operatorID: OperatorID
    public var console: ConsoleID
    public init(_ operatorID: OperatorID, console: ConsoleID) { self.operatorID = operatorID; self.console = console }
}

/// Kinds of action that roles are allowed or refused.
public enum Action: String, Hashable, Sendable, CaseIterable {
    case signOn = "sign on", administer = "administer operators", receiveContact = "receive contacts",
        answerContact = "answer contacts", raiseIncident = "raise incidents", link = "link calls and incidents",
        resolveContact = "resolve contacts", grade = "regrade incidents", thrive = "record THRIVE", note =
        "add narrative",
        assign = "assign units", status = "set unit status", move = "move units across areas",
        close = "close incidents", flags = "edit the critical register", train = "control a training shift",
        major = "declare major incidents", desk = "work a dispatch desk",
        book = "book appointments", aid = "call on mutual aid"
}

extension Role {
    /// Whether this role may take `action`.
    public func may(_ action: Action) -> Bool {
        switch self {
        case .supervisor: true
        case .trainer: action != .administer
        case .callHandler:
            [
                .signOn, .receiveContact, .answerContact, .raiseIncident, .link, .resolveContact, .thrive, .note, .book,
            ].contains(action)
        case .dispatcher:
            ![.administer, .move, .train, .major, .aid].contains(action)
        case .inspector:
            [.signOn, .link, .grade, .thrive, .note, .move, .close, .flags, .major, .aid].contains(action)
        }
    }

    /// Who to ask when this role may not take `action`.
    func whoMay(_ action: Action) -> String {
        if action == .train { return "the trainer" }
        let roles = Role.allCases.filter { $0 != .supervisor && $0 != .trainer && $0.may(action) }
        return roles.isEmpty ? "a supervisor" : "a " + roles.map(\.label).joined(separator: " or ")
    }
}
