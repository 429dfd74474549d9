extension Change {
    /// The incidents this change is about, for audit trails and filters.
    public var incidents: [IncidentRef] {
        switch self {
        case .incidentRaised(let ref, _, _, _, _, _, _, _, _, _), .contactLinked(_, let ref), .incidentGraded(let ref, _, _),
             .thriveRecorded(let ref, _), .narrativeAdded(let ref, _), .unitAssigned(_, let ref), .unitUnassigned(_, let ref, _),
             .incidentClosed(let ref, _, _):
            [ref]
        case .incidentMerged(let a, let b):
            [a, b]
        case .majorIncidentDeclared(_, _, let refs):
            refs
        case .operatorRegistered, .operatorSignedOn, .operatorSignedOff, .contactReceived, .contactAnswered, .contactResolved,
             .unitStatusChanged, .unitMoved, .flagAdded, .flagExpired, .shiftClockSet, .injectFired, .operatorDisabled, .signOnRefused, .majorIncidentNoted,
             .operatorLockedOut, .operatorUnlocked, .snapshotTaken, .operatorPINSet:
            []
        }
    }
}
