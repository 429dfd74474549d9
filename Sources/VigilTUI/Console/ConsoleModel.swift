import VigilCore

/// The two working views; F-keys switch between them.
public enum ConsoleView: String, Hashable, Sendable, CaseIterable {
    case callHandler = "call handler", dispatcher, inspector, trainer, audit
}

/// A panel that can have the keyboard.
public enum Panel: String, Hashable, Sendable {
    case queue = "Calls", incidents = "Incidents", detail = "Incident", recommendation = "Recommended", board = "Units",
        map = "Map", callForm = "Call"
    case areas = "Force load", breaches = "Breaches", shiftClock = "Shift", injects = "Injects", scores = "Scores",
        debrief = "Debrief"
    case auditTrail = "Audit"
}

/// Where the console's screen is: everything about it that is not the dispatch state. A value, so key handling is a
/// pure function that tests drive with key sequences.
public struct ConsoleModel: Hashable, Sendable {
    public var operatorID: OperatorID
    public var view: ConsoleView
    public var focus: Panel
    public var selectedIncident: IncidentRef?
    public var selectedUnit: Callsign?
    /// The unit opened from the board with Enter, shown where the incident is until Esc.
    public var openedUnit: Callsign?
    /// The recommendation the last frame showed: `a` and the digits pick from it, not from one worked out later.
    public var shownOffer: ShownOffer?
    public var selectedContact: ContactID?
    /// The call being taken on this console, if any.
    public var form: CallForm?
    public var unitFilter = ""
    public var editingFilter = false
    /// The `:` line while it is open.
    public var commandLine: String? {
        get { lineEditor?.text }
        set { lineEditor = newValue.map { LineEditor($0) } }
    }
    /// Words narrowing the incident list (`/` on the list): number, category, address, area, units.
    public var incidentFilter = ""
    /// Whether `/` is being typed for the incident list rather than the unit board.
    public var editingIncidentFilter = false
    /// How the incident list is ordered (`o` switches).
    public var sort = IncidentSort.needsAction
    /// The time of the last key or frame: the "needs action" order depends on it, and keys act on the order shown.
    public var seenAt = Instant(seconds: 0)
    /// The `:` line with its cursor, while it is open.
    public var lineEditor: LineEditor?
    public var history: [String] = []
    var historyIndex: Int?
    public var helpOpen = false
    /// Whether a new grade 1 rings the bell and flashes the header (a setting: `VIGIL_NO_BELL=1` turns it off).
    public var alertGrade1 = true
    /// What the header flashes, and until when.
    public var flash: Flash?
    /// Bells to ring at the next frame.
    public var bellsPending = 0
    /// How far back the incident view's narrative is scrolled, in lines from the newest.
    public var detailScroll = 0
    /// How far the help overlay is scrolled, in lines.
    public var helpScroll = 0
    public var confirmingQuit = false
    /// A command waiting for y: firing an inject again, closing an incident with units still on it.
    public var confirming: Confirmation?
    /// One line for the last outcome: what happened, or the refusal.
    public var message: String?
    public var messageIsError = false
    public var themeIndex = 0
    public var map = MapView()
    /// The trainer's selected inject, and whether the debrief is showing (and how far it is scrolled).
    public var selectedInject = 0
    public var debriefOpen = false
    public var debriefScroll = 0
    /// How many injects the scenario has (set by whoever runs the shift), so the selection stays on one.
    public var injectCount = 0
    /// The audit view shows only the selected incident's trail.
    public var auditIncidentOnly = false
    /// The window's size at the last frame, so a click can be matched to the panel under it.
    public var screenWidth = 0
    public var screenHeight = 0
    /// Set while the console is locked after idle time.
    public var locked: LockPrompt?
    /// The dispatcher asked to see the whole force, not only the desks they hold.
    public var wholeForce = false

    public init(operatorID: OperatorID, view: ConsoleView = .dispatcher) {
        self.operatorID = operatorID
        self.view = view
        focus = ConsoleModel.home(view)
    }

    /// The panel a view opens on.
    static func home(_ view: ConsoleView) -> Panel {
        switch view {
        case .dispatcher: .incidents;
        case .callHandler: .queue;
        case .inspector: .areas;
        case .trainer: .injects;
        case .audit: .auditTrail
        }
    }

    /// The areas the incident list shows: those of the desks this operator holds, unless they asked for the whole
    /// force (or hold none).
    public func scope(_ state: DispatchState) -> Set<AreaID>? {
        guard !wholeForce, !state.deskHolders.isEmpty else { return nil }
        let areas = state.desks(heldBy: operatorID).flatMap(\.areas)
        return areas.isEmpty ? nil : Set(areas)
    }

    /// Panels Tab visits in this view, in screen order.
    public var panels: [Panel] {
        switch view {
        case .dispatcher: [.incidents, .detail, .recommendation, .board, .map]
        case .callHandler: form == nil ? [.queue, .incidents] : [.queue, .callForm, .incidents]
        case .inspector: [.areas, .breaches, .incidents]
        case .trainer: [.injects, .incidents]
        case .audit: [.auditTrail, .incidents]
        }
    }
}

/// The call-taking form for an answered contact.
public struct CallForm: Hashable, Sendable {
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case caller = "Caller", phone = "Phone", place = "Where", grade = "Grade", category = "Category", thrive =
            "THRIVE", note = "Note"
    }
    public var contact: ContactID
    public var field: Field = .category
    public var grade: Grade = .priority
    /// Whether the handler chose the grade (a digit); until then the form offers the suggested one.
    public var gradeChosen = false
    /// The caller's name and number as the handler corrected them; nil while as received.
    public var callerName: String?
    public var callerNumber: String?
    /// The address as the handler corrected it; nil while it is the caller's as received.
    public var address: String?
    /// What was typed on the Where line before Tab began picking among its matches, and which one is picked.
    public var addressQuery: String?
    public var addressPick = 0
    public var category = ""
    /// THRIVE as typed: up to six of L, M or H, in the order threat, harm, risk, investigation, vulnerability, engagement.
    public var thrive = ""
    public var note = ""

    /// The THRIVE assessment once all six are given.
    public var thriveAssessment: Thrive? {
        let levels = thrive.compactMap { c -> Level? in
            switch c {
            case "L", "l": .low;
            case "M", "m": .medium;
            case "H", "h": .high;
            default: nil
            }
        }
        guard levels.count == 6 else { return nil }
        return Thrive(
            threat: levels[0], harm: levels[1], risk: levels[2], investigation: levels[3], vulnerability: levels[4],
            engagement: levels[5], text: note.trimmingSpaces)
    }
    public init(contact: ContactID) { self.contact = contact }
}

/// The map's zoom and centre; it follows the selected incident unless the operator pans.
public struct MapView: Hashable, Sendable {
    /// 1 shows the whole force; each step in doubles the scale.
    public var zoom = 1
    public var centre: GeoPoint?
    public var follow = true
    public var ascii = false
    /// The area last zoomed to with `z`, by index in the force's list.
    public var area: Int?
}

/// What a key asks of the world outside the model.
public enum ConsoleEffect: Hashable, Sendable {
    case execute(Command)
    case quit
    case themeChanged
    /// Check this PIN against the operator's and unlock the console if it is theirs.
    case unlock(String)
}
