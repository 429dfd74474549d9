/// Why `decide` refused a command; `message` is one sentence saying what to do instead.
public enum DispatchError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownOperator(OperatorID)
    case operatorDisabled(OperatorID)
    case notSignedOn(OperatorID)
    case alreadySignedOn(OperatorID, ConsoleID)
    case operatorExists(OperatorID)
    case notPermitted(Role, Action, askInstead: String)
    case unknownUnit(Callsign)
    case unknownIncident(String)
    case unknownContact(ContactID)
    case unknownArea(AreaID)
    case unknownFlag(Int)
    case incidentClosed(IncidentRef)
    case incidentArchived(IncidentRef)
    case contactArchived(ContactID)
    case contactNotWaiting(ContactID)
    case contactNotInHand(ContactID)
    case noContactWaiting
    case contactHasNoLocation(ContactID)
    case unitCommitted(Callsign, UnitStatus, IncidentRef)
    case unitNotDeployable(Callsign, UnitStatus)
    case unitOnRefreshment(Callsign)
    case unitWritingUp(Callsign)
    case unitAlreadyAssigned(Callsign, IncidentRef)
    case unitNotOnIncident(Callsign, IncidentRef?)
    case noDeploymentForGrade4(IncidentRef)
    case statusNeedsIncident(Callsign, UnitStatus)
    case statusWhileCommitted(Callsign, UnitStatus, IncidentRef)
    case statusUnchanged(Callsign, UnitStatus)
    case assignedIsSetByAssign(Callsign)
    case sameGrade(IncidentRef, Grade)
    case sameArea(Callsign, AreaID)
    case incidentHasUnits(IncidentRef, [Callsign])
    case mergeIntoSelf(IncidentRef)
    case reasonRequired(IncidentRef)
    case emptyText(String)
    case noUnitsNamed
    case flagAlreadyExpired(Int)
    case shiftAlreadyPaused
    case shiftNotPaused
    case badShiftSpeed(Int)
    case shiftSpeedUnchanged(ShiftClock)
    case badInject(Int)
    case injectAlreadyFired(Int)
    case shiftAlreadyEnded
    case badHandlerCount(Int)
    case cannotDisableSelf
    case noIncidentsNamed
    case alreadyInMajorIncident(Int)
    case unknownMajorIncident(Int)
    case operatorLockedOut(OperatorID, until: Instant)
    case operatorNotLockedOut(OperatorID)
    /// Their PIN was set by a supervisor: it works once, to choose their own.
    case mustChangePIN(OperatorID)
    case notOnEarth(GeoPoint)
    case unknownDesk(String, known: [String])
    case bookOnlyGrade3(IncidentRef, Grade)
    case bookingInPast(IncidentRef, Instant)
    case bookingTooFar(IncidentRef, Instant)
    case alreadyAttended(IncidentRef)
    case deskHeld(Desk, by: OperatorID)
    case deskAlreadyHeld(Desk, by: OperatorID)
    case noDeskHeld(OperatorID)
    case deskNotHeld(Desk)
    case cannotHoldDesk(OperatorID, Role)
    case deskIsAnothers(Role)
    case contactIsAnothers(ContactID, OperatorID)
    case nothingToCorrect(ContactID)
    case badText(String, limit: Int)
    case unknownAidPool(String, known: [String])
    case badAidCount(Int)
    case aidExhausted(AidPool, lent: Int)
    case noAidToStandDown(AidPool, committed: [Callsign])
    case eidoAlreadyImported(String, ContactID)
    case eidoNothingNew(String, ContactID)
    case badImportText(String)
    case eidoFromAnotherAgency(String, String, String)
    case eidoSameTimeDifferent(String, ContactID)
    case eidoFromTheFuture(String)

    public var description: String { message }

    /// One readable sentence naming what to do instead.
    public var message: String {
        switch self {
        case .unknownOperator(let id): "Operator \(id) is not registered; ask a supervisor to add them."
        case .operatorDisabled(let id): "Operator \(id) is disabled; ask a supervisor to re-enable them."
        case .notSignedOn(let id): "Operator \(id) is not signed on; sign on first."
        case .alreadySignedOn(let id, let console):
            "Operator \(id) is already signed on at console \(console); sign off there first."
        case .operatorExists(let id): "Operator \(id) already exists; choose another identifier."
        case .notPermitted(let role, let action, let ask): "A \(role.label) may not \(action.rawValue); ask \(ask)."
        case .unknownUnit(let cs): "There is no unit \(cs); check the callsign on the board."
        case .unknownIncident(let ref): "There is no incident \(ref); check the number in the incident list."
        case .unknownContact(let id): "There is no contact \(id); check the call queue."
        case .unknownArea(let id): "There is no area \(id); use one of the force's area names."
        case .unknownFlag(let id): "There is no critical-register flag F\(id); check the register."
        case .incidentClosed(let ref): "\(ref) is closed; raise a new incident or reopen it through a supervisor."
        case .incidentArchived(let ref):
            "\(ref) closed more than a day ago and is archived; read it with `vigil log export`, or raise a new incident."
        case .contactArchived(let id):
            "Contact \(id) was dealt with more than a day ago and is archived; read it with `vigil log export`."
        case .contactNotWaiting(let id): "\(id) is not waiting in a queue; it has already been answered."
        case .contactNotInHand(let id): "\(id) has not been answered or is already dealt with; answer it first."
        case .noContactWaiting: "No contact is waiting in any queue."
        case .contactHasNoLocation(let id): "\(id) has no location; give one with at=LAT,LON."
        case .unitCommitted(let cs, let status, let ref): "\(cs) is \(status.label) on \(ref); unassign it there first."
        case .unitNotDeployable(let cs, let status): "\(cs) is \(status.label); set it available before assigning it."
        case .unitOnRefreshment(let cs): "\(cs) is on refreshment; only a grade-1 incident may interrupt it."
        case .unitWritingUp(let cs): "\(cs) is writing up; only a grade-1 incident may interrupt it."
        case .unitAlreadyAssigned(let cs, let ref): "\(cs) is already assigned to \(ref)."
        case .unitNotOnIncident(let cs, let ref):
            if let ref {
                "\(cs) is not assigned to \(ref); check the incident's units."
            } else {
                "\(cs) is not assigned to any incident."
            }
        case .noDeploymentForGrade4(let ref):
            "\(ref) is grade 4 (resolution without deployment); regrade it before assigning a unit."
        case .statusNeedsIncident(let cs, let status):
            "\(cs) has no incident, so it cannot be \(status.label); assign it first."
        case .statusWhileCommitted(let cs, let status, let ref):
            "\(cs) is on \(ref), so it cannot go \(status.label); unassign it there first."
        case .statusUnchanged(let cs, let status): "\(cs) is already \(status.label)."
        case .assignedIsSetByAssign(let cs): "Units become assigned by the assign command; use `assign INCIDENT \(cs)`."
        case .sameGrade(let ref, let grade): "\(ref) is already grade \(grade.rawValue)."
        case .sameArea(let cs, let area): "\(cs) is already working in \(area)."
        case .incidentHasUnits(let ref, let units):
            "\(ref) still has \(units.joined(separator: ", ")) assigned; unassign them first."
        case .mergeIntoSelf(let ref): "\(ref) cannot be linked to itself; name the other incident."
        case .reasonRequired(let ref): "Regrading \(ref) needs a reason; add it in quotes."
        case .emptyText(let what): "The \(what) is empty; type some text in quotes."
        case .noUnitsNamed: "No unit was named; give at least one callsign."
        case .flagAlreadyExpired(let id): "Flag F\(id) has already expired."
        case .shiftAlreadyPaused: "The shift is already paused; `resume` starts it again."
        case .shiftNotPaused: "The shift is running; `pause` stops it."
        case .badShiftSpeed(let s): "\(s) is not a shift speed; use 1, 10, 60 or max."
        case .shiftSpeedUnchanged(let clock):
            "The shift already runs at \(clock.speed == 0 ? "max" : "×\(clock.speed)")."
        case .noIncidentsNamed: "Name the incidents the major incident covers, e.g. major \"M6 pile-up\" 0014 0015."
        case .alreadyInMajorIncident(let n): "Those incidents are already in major incident \(n)."
        case .unknownMajorIncident(let n): "There is no major incident \(n); check the number."
        case .cannotDisableSelf: "You cannot disable yourself; ask another supervisor."
        case .badInject(let n): "There is no inject \(n); injects are numbered from 1 in the scenario."
        case .shiftAlreadyEnded: "The shift has already ended."
        case .badHandlerCount(let n): "\(n) is not a number of call handlers; give 0 to \(SimHandlersSet.most)."
        case .injectAlreadyFired(let n): "Inject \(n) has already fired; `inject \(n) again` fires it a second time."
        case .operatorLockedOut(let id, let until):
            "Operator \(id) is locked out after \(SignOnPolicy.lockAfter) wrong PINs until \(until.ukLocal.timeAndDateText); a supervisor can lift it with `vigil operator unlock`."
        case .operatorNotLockedOut(let id): "Operator \(id) is not locked out."
        case .mustChangePIN(let id):
            "Operator \(id)'s PIN was set by a supervisor and works once, to choose their own: sign on at a console, or run `vigil operator pin --as \(id) --id \(id)`."

        case .bookOnlyGrade3(let ref, let grade):
            "\(ref) is grade \(grade.rawValue); only grade 3 incidents are booked as appointments (regrade it first)."
        case .bookingInPast(let ref, let t):
            "\(t.ukLocal.date) \(t.ukLocal.shortTimeText) has passed; book \(ref) for a time to come."
        case .bookingTooFar(let ref, let t):
            "\(t.ukLocal.date) is more than 14 days ahead; book \(ref) within a fortnight."
        case .alreadyAttended(let ref): "\(ref) has been attended already; there is nothing to book."
        case .unknownDesk(let text, let known):
            known.isEmpty
                ? "This force has no dispatch desks; its force file defines none."
                : "There is no desk \(text); the desks are \(known.joined(separator: ", "))."
        case .deskHeld(let desk, let holder):
            "Desk \(desk.name) is held by \(holder); they leave it with `desk off`, or a trainer or supervisor hands it on."
        case .deskAlreadyHeld(let desk, let holder): "\(holder) already holds desk \(desk.name)."
        case .noDeskHeld(let id): "\(id) holds no desk; `desk NAME` takes one."
        case .deskNotHeld(let desk): "Nobody holds desk \(desk.name); the simulator, if one runs, works it."
        case .cannotHoldDesk(let id, let role):
            "\(id) is a \(role.label); only dispatchers, trainers and supervisors hold desks."
        case .deskIsAnothers(let role):
            "A \(role.label) may not hand on or release another's desk; ask a trainer, supervisor or duty inspector."
        case .nothingToCorrect(let id): "\(id)'s caller details are already as given; nothing to correct."
        case .badText(let field, let limit):
            "The \(field) holds control characters (an escape, a bell…) or is over \(limit) characters; nothing was done."
        case .contactIsAnothers(let id, let handler):
            "\(id) is in \(handler)'s hand: only they, or a supervisor, trainer or duty inspector, may act on it."
        case .unknownAidPool(let text, let known):
            known.isEmpty
                ? "This force has no mutual-aid partners; its force file lists none under [[mutual_aid]]."
                : "There is no mutual-aid partner \(text); the partners are \(known.joined(separator: ", "))."
        case .badAidCount(let n): "\(n) is not a number of units to call on; give 1 or more."
        case .aidExhausted(let pool, let lent):
            lent >= pool.units
                ? "\(pool.name) has lent all \(pool.units) of its units already."
                : "\(pool.name) can lend \(pool.units - lent) more units (\(lent) of \(pool.units) are on the board)."
        case .noAidToStandDown(let pool, let committed):
            committed.isEmpty
                ? "No unit of \(pool.name) is on the board."
                : "Every unit of \(pool.name) on the board is committed (\(committed.joined(separator: ", "))); stand them down when they clear."
        case .eidoAlreadyImported(let id, let contact):
            "EIDO \(quote(id)) is already imported as \(contact), and this copy is no newer; nothing was added."
        case .eidoNothingNew(let id, let contact):
            "EIDO \(quote(id)) is newer but adds nothing to \(contact); nothing was added."
        case .eidoFromAnotherAgency(let id, let first, let now):
            "EIDO \(quote(id)) was sent by \(first), and this copy names \(now); nothing was added."
        case .eidoSameTimeDifferent(let id, let contact):
            "EIDO \(quote(id)) has the same lastUpdateTimeStamp as the copy imported as \(contact) but says other "
                + "things; nothing was added (ask the sender for a newer version)."
        case .eidoFromTheFuture(let id):
            "EIDO \(quote(id)) is stamped more than a day ahead of the clock; nothing was imported."
        case .badImportText(let field):
            "An imported \(field) holds control characters, is too long or is out of range; nothing was imported."
        case .notOnEarth(let p):
            "\(p.lat),\(p.lon) is not a place on Earth; give latitude from -90 to 90 and longitude from -180 to 180."
        }
    }
}
