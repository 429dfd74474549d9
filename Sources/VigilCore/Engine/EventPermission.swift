extension Change {
    /// The actions any of which lets an operator's role write this event, as `decide` grants them (an event a command
    /// makes on the side is listed under that command's action too); nil for events anyone may write (sign-on
    /// records, refusals, snapshots, notes, one's own PIN). Readers of a signed log hold each event to it, so a
    /// call handler's signed `MutualAidArrived`, appended by hand, is applied by nobody.
    public var permittedBy: [Action]? {
        switch self {
        case .operatorRegistered, .operatorDisabled, .operatorUnlocked, .logCopied: [.administer]
        case .operatorSignedOn, .operatorSignedOff, .signOnRefused, .operatorLockedOut, .snapshotTaken,
            .operatorPINSet, .narrativeAdded, .deskLeft, .contactReturned:
            nil
        case .contactReceived, .eidoImported: [.receiveContact]
        case .contactAnswered: [.answerContact, .raiseIncident, .receiveContact]
        case .contactCorrected: [.answerContact, .receiveContact]
        case .incidentRaised, .thriveRecorded: [.raiseIncident, .receiveContact, .thrive]
        case .contactLinked: [.link, .raiseIncident, .receiveContact]
        case .incidentMerged: [.link]
        case .contactResolved: [.resolveContact, .raiseIncident, .link, .book, .receiveContact]
        case .incidentGraded: [.grade]
        case .unitAssigned: [.assign]
        case .unitUnassigned, .unitStatusChanged: [.assign, .status, .close, .aid, .move]
        case .unitMoved: [.move, .aid, .status]
        case .incidentClosed: [.close]
        case .flagAdded, .flagExpired: [.flags]
        case .shiftClockSet, .injectFired, .shiftEnded, .simHandlersSet: [.train]
        case .deskTaken: [.desk]
        case .incidentBooked: [.book]
        case .mutualAidArrived: [.aid]
        case .majorIncidentDeclared, .majorIncidentNoted: [.major]
        }
    }
}

extension Change {
    /// Records made for someone who could not sign (a refused sign-on, a lock-out from wrong PINs): on a signed log
    /// they are taken unsigned, so nothing about them, their time included, may steer anything else.
    public var needsNoSigner: Bool {
        switch self {
        case .signOnRefused, .operatorLockedOut: true
        default: false
        }
    }
}

extension Change {
    /// The places an event puts things: `decide` puts nothing off the Earth, and readers hold a hand-made event to
    /// the same (a position of 1e308 stopped every dispatcher's console).
    public var places: [GeoPoint] {
        switch self {
        case .contactReceived(let e): e.details.location.map { [$0] } ?? []
        case .incidentRaised(let e): [e.location]
        case .unitStatusChanged(let e): e.position.map { [$0] } ?? []
        case .eidoImported(let e): e.intake.details.location.map { [$0] } ?? []
        default: []
        }
    }
}
