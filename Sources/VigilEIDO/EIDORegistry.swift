import VigilCore

/// How Vigil's terms map to the registry texts NENA-STA-021.1b names for EIDO fields. The README carries the same
/// table; the import reads them back, so a round trip gives the same grades, categories and channels.
public enum EIDORegistry {
    /// Agency Role registry: what a police control room does for an incident it raises.
    public static let forceRoles = ["CallReceiving", "Dispatching", "Responding"]
    /// Agency Role registry: a neighbouring force that only lends units.
    public static let partnerRoles = ["Responding"]
    /// Agency types, from the IANA urn:emergency:service:responder registry (prefix dropped), and NENA's `psap`.
    public static let forceTypes = ["police", "psap"]
    public static let partnerTypes = ["police"]
    /// Person Role registry: the people Vigil records are callers.
    public static let caller = "Caller"
    /// Location Type registry: where the incident is, and where a caller's phone placed them.
    public static let incidentLocation = "Incident", callerLocation = "Caller"

    /// Agent Role registry text for an operator's role.
    public static func agentRole(_ role: Role?) -> String {
        switch role {
        case .callHandler, nil: "Call Taking"
        case .dispatcher: "Dispatching"
        case .inspector, .supervisor: "Supervising"
        case .trainer: "Training"
        }
    }

    /// Incident Type registry text for a category: its detail's common name, or the kind's.
    public static func incidentType(_ c: Category) -> String {
        if let d = c.detail, let t = detailTypes[d] { return t }
        return kindTypes[c.kind] ?? "Other"
    }

    static let kindTypes: [CategoryKind: String] = [
        .publicSafety: "Public Safety", .crime: "Crime", .asb: "Disturbance", .transport: "Traffic",
        .admin: "Administrative",
    ]
    static let detailTypes: [String: String] = [
        "concern-for-welfare": "Welfare Check", "missing-person": "Missing Person", "sudden-death": "Death",
        "suspicious": "Suspicious Circumstances", "collapse": "Medical", "alarm": "Alarm", "fire": "Fire",
        "animal": "Animal", "burglary": "Burglary", "robbery": "Robbery", "assault": "Assault", "theft": "Theft",
        "criminal-damage": "Vandalism", "sexual-offence": "Sexual Assault", "weapons": "Weapons", "drugs": "Drugs",
        "fraud": "Fraud", "vehicle-crime": "Vehicle Crime", "public-order": "Disturbance", "personal": "Disturbance",
        "nuisance": "Disturbance", "environmental": "Disturbance", "rtc": "Traffic Collision",
        "rtc-injury": "Traffic Collision With Injury", "obstruction": "Traffic Hazard",
        "vehicle-breakdown": "Disabled Vehicle", "driving-standards": "Reckless Driving", "duplicate": "Administrative",
        "lost-property": "Lost Property", "found-property": "Found Property", "information": "Information",
        "no-further-action": "Administrative", "hoax": "Hoax",
    ]

    /// A category for an incident type another agency sent: Vigil's own text when it is one, otherwise the first
    /// category whose registry text matches, otherwise nil (the call handler chooses).
    public static func category(internal text: String?, registry: String?) -> Category? {
        if let text, case .success(let c) = Category.parse(text) { return c }
        guard let registry = registry?.lowercased() else { return nil }
        for kind in CategoryKind.allCases {
            for d in kind.details where detailTypes[d]?.lowercased() == registry { return Category(kind, d) }
        }
        return kindTypes.first { $0.value.lowercased() == registry }.map { Category($0.key) }
    }

    /// Incident Status registry text.
    public static func incidentStatus(closed: Bool) -> String { closed ? "Closed" : "Open" }

    /// Common Disposition Code registry text for a closing category.
    public static func disposition(_ closing: Category) -> String {
        switch (closing.kind, closing.detail) {
        case (.admin, "duplicate"): "Duplicate"
        case (.admin, "hoax"): "Unfounded"
        case (.admin, "no-further-action"): "No Further Action"
        case (.crime, _): "Report Taken"
        default: "Completed"
        }
    }

    /// Emergency Resource Type registry text for a unit type.
    public static func resourceType(_ t: UnitType) -> String {
        switch t {
        case .response: "Patrol Unit"
        case .neighbourhood: "Community Policing Unit"
        case .roads: "Traffic Unit"
        case .armed: "Tactical Unit"
        case .dog: "K9 Unit"
        case .custodyVan: "Prisoner Transport"
        }
    }

    /// Resource Attribute registry text for a skill.
    public static func attribute(_ s: Skill) -> String {
        switch s {
        case .taser: "Less Lethal"
        case .advancedDriver: "Advanced Driver"
        case .firearms: "Firearms"
        case .publicOrder: "Public Order"
        case .firstAid: "First Aid"
        }
    }

    /// Primary and Secondary Unit Status registry texts for a status.
    public static func unitStatus(_ s: UnitStatus) -> (primary: String, secondary: [String]) {
        switch s {
        case .available: ("Available", [])
        case .atStation: ("Available", ["At Station"])
        case .assigned: ("Dispatched", [])
        case .enRoute: ("Enroute", [])
        case .atScene: ("On Scene", [])
        case .transporting: ("Transporting", ["Prisoner"])
        case .refreshment: ("Out Of Service", ["Meal Break"])
        case .offDuty: ("Off Duty", [])
        case .unavailable: ("Out Of Service", [])
        case .writeUp: ("Busy", ["Report Writing"])
        }
    }

    /// Caution registry text for a critical-register flag.
    public static func caution(_ k: FlagKind) -> String {
        switch k {
        case .firearms: "Weapons"
        case .vulnerable: "Vulnerable Person"
        case .repeatDomesticAbuse: "Domestic Violence"
        case .officerSafety: "Officer Safety"
        }
    }

    /// The LogEvent call type registry's primary call type for a channel.
    public static func callType(_ c: Channel) -> String { c == .emergency ? "emergency" : "nonEmergency" }
}
