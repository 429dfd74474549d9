/// National call grade.
public enum Grade: Int, Hashable, Codable, Sendable, CaseIterable, Comparable {
    case emergency = 1, priority = 2, scheduled = 3, resolution = 4

    public static func < (a: Grade, b: Grade) -> Bool { a.rawValue < b.rawValue }

    public var name: String {
        switch self {
        case .emergency: "Emergency";
        case .priority: "Priority";
        case .scheduled: "Scheduled";
        case .resolution: "Resolution"
        }
    }

    /// Arrival target after the call; nil for grade 4, which sends no unit.
    public func target(rural: Bool) -> Duration? {
        switch self {
        case .emergency: rural ? .minutes(20) : .minutes(15)
        case .priority: .minutes(60)
        case .scheduled: .hours(48)
        case .resolution: nil
        }
    }
}

/// An incident reference such as `WM-20261125-0014`: force code, local date, number within the day.
public struct IncidentRef: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var force: String
    public var day: Int
    public var number: Int

    public init(force: String, day: Int, number: Int) { self.force = force; self.day = day; self.number = number }

    /// Parses the full form `WM-20261125-0014` (letters in either case), on bytes: replay parses one per event.
    public init?(parsing text: String) {
        var code = ""
        var part = 0, codeLength = 0, dayDigits = 0, numberDigits = 0
        var day = 0, number = 0
        for b in text.utf8 {
            if b == UInt8(ascii: "-") {
                part += 1
                guard part < 3 else { return nil }
                continue
            }
            switch part {
            case 0:
                codeLength += 1
                switch b {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): code.unicodeScalars.append(UnicodeScalar(b))
                case UInt8(ascii: "a")...UInt8(ascii: "z"): code.unicodeScalars.append(UnicodeScalar(b - 32))
                default: return nil
                }
            case 1:
                // Checked before multiplying: a day of twenty digits must be refused, not overflow.
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), dayDigits < 8 else { return nil }
                day = day * 10 + Int(b - UInt8(ascii: "0")); dayDigits += 1
            default:
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), numberDigits < 9 else { return nil }
                number = number * 10 + Int(b - UInt8(ascii: "0")); numberDigits += 1
            }
        }
        // The day must read back as written: eight digits, no leading zero, a month and day that can be.
        guard part == 2, (1...8).contains(codeLength), dayDigits == 8, day >= 10_000_000,
            (1...12).contains(day / 100 % 100),
            (1...31).contains(day % 100), numberDigits >= 1, number > 0
        else { return nil }
        self.init(force: code, day: day, number: number)
    }

    public static func < (a: IncidentRef, b: IncidentRef) -> Bool { (a.day, a.number) < (b.day, b.number) }

    // One force per log, so day and number are enough to hash; equality still compares the force code.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(day &* 100_003 &+ number)
    }

    // Replaying a log looks incidents up millions of times; a one-word mix is much cheaper than a full Hasher.
    public func _rawHashValue(seed: Int) -> Int {
        mixHash(UInt64(bitPattern: Int64(day &* 100_003 &+ number)), seed: seed)
    }

    /// The short number used within a day, e.g. `0014`.
    public var short: String {
        let s = String(number)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }

    public var description: String { "\(force)-\(day)-\(short)" }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let ref = IncidentRef(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "bad incident reference \(text)"))
        }
        self = ref
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// THRIVE assessment levels.
public enum Level: String, Hashable, Codable, Sendable, CaseIterable {
    case low, medium, high
    public var letter: Character {
        switch self {
        case .low: "L";
        case .medium: "M";
        case .high: "H"
        }
    }
}

/// Threat, Harm, Risk, Investigation, Vulnerability, Engagement: each scored, with free text.
public struct Thrive: Hashable, Codable, Sendable {
    public var threat: Level, harm: Level, risk: Level, investigation: Level, vulnerability: Level, engagement: Level
    public var text: String

    public init(
        threat: Level = .low, harm: Level = .low, risk: Level = .low, investigation: Level = .low,
        vulnerability: Level = .low, engagement: Level = .low, text: String = ""
    ) {
        self.threat = threat; self.harm = harm; self.risk = risk; self.investigation = investigation
        self.vulnerability = vulnerability; self.engagement = engagement; self.text = text
    }

    /// Compact board form `T:H H:M R:H I:L V:H E:M`.
    public var summary: String {
        "T:\(threat.letter) H:\(harm.letter) R:\(risk.letter) I:\(investigation.letter) V:\(vulnerability.letter) E:\(engagement.letter)"
    }
}

/// One line of an incident's log: a typed fact, so folding events formats no text; `text` renders it.
public struct NarrativeEntry: Hashable, Codable, Sendable {
    public var at: Instant
    public var author: OperatorID
    public var entry: Entry

    /// What the line records.
    public enum Entry: Hashable, Codable, Sendable {
        case note(String)
        case raised(contact: ContactID, grade: Grade, category: Category)
        case linked(ContactID)
        case merged(IncidentRef)
        case duplicateOf(IncidentRef)
        case regraded(from: Grade, to: Grade, reason: String)
        case thrive(Thrive)
        case assigned(Callsign)
        case unassigned(Callsign, reason: String)
        case unitStatus(Callsign, UnitStatus)
        case closed(Category, outcome: String)
    }

    public init(at: Instant, author: OperatorID, _ entry: Entry) {
        self.at = at; self.author = author; self.entry = entry
    }

    /// The line as shown in the incident log.
    public var text: String {
        switch entry {
        case .note(let t): t
        case .raised(let c, let g, let cat): "Raised from \(c) as grade \(g.rawValue) \(cat)"
        case .linked(let c): "Linked call \(c)"
        case .merged(let ref): "Merged duplicate \(ref)"
        case .duplicateOf(let ref): "Duplicate of \(ref)"
        case .regraded(let from, let to, let reason): "Regraded \(from.rawValue) → \(to.rawValue): \(reason)"
        case .thrive(let t): "THRIVE \(t.summary)" + (t.text.isEmpty ? "" : " \(t.text)")
        case .assigned(let cs): "Assigned \(cs)"
        case .unassigned(let cs, let reason): reason.isEmpty ? "Unassigned \(cs)" : "Unassigned \(cs): \(reason)"
        case .unitStatus(let cs, let status): "\(cs) \(status.label)"
        case .closed(let cat, let outcome): "Closed as \(cat)" + (outcome.isEmpty ? "" : ": \(outcome)")
        }
    }
}

/// An incident: what happened, where, how urgent, and who is dealing.
public struct Incident: Hashable, Codable, Sendable, Identifiable {
    public var ref: IncidentRef
    public var grade: Grade
    public var thrive: Thrive?
    public var opening: Category
    public var closing: Category?
    public var outcome: String?
    public var location: GeoPoint
    public var address: String
    public var area: AreaID
    public var beat: BeatID?
    public var rural: Bool
    /// Critical-register flags in force at the address when the incident was raised.
    public var flags: [AddressFlag]
    public var narrative: [NarrativeEntry]
    public var contacts: [ContactID]
    public var units: [Callsign]
    public var createdAt: Instant
    public var firstAssignedAt: Instant?
    public var firstOnSceneAt: Instant?
    public var closedAt: Instant?
    /// When the current grade's clock started (creation, or the last regrade).
    public var gradedAt: Instant
    /// The appointment a grade 3 incident is booked for, if any.
    public var bookedFor: Instant?
    /// How the location was found from the address (street, place, address); nil when coordinates were given.
    public var accuracy: LocationAccuracy?

    public var id: IncidentRef { ref }
    public var isOpen: Bool { closedAt == nil }

    public init(
        ref: IncidentRef, grade: Grade, opening: Category, location: GeoPoint, address: String, area: AreaID,
        beat: BeatID?, rural: Bool, flags: [AddressFlag], contacts: [ContactID], createdAt: Instant
    ) {
        self.ref = ref; self.grade = grade; self.opening = opening; self.location = location; self.address = address
        self.area = area; self.beat = beat; self.rural = rural; self.flags = flags; self.narrative = []
        self.contacts = contacts; self.units = []; self.createdAt = createdAt; self.gradedAt = createdAt
    }

    /// Vulnerability is shown at a glance: a high V score or a vulnerable-person flag.
    public var isVulnerable: Bool {
        thrive?.vulnerability == .high || flags.contains { $0.kind == .vulnerable || $0.kind == .repeatDomesticAbuse }
            || opening.qualifiers.contains(.domesticAbuse) || opening.qualifiers.contains(.mentalHealth)
    }
}
