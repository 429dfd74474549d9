/// A unit's callsign, always upper case (e.g. `BW11`).
public typealias Callsign = String

/// What kind of work a unit is for.
public enum UnitType: String, Hashable, Codable, Sendable, CaseIterable {
    case response, neighbourhood, roads, armed, dog, custodyVan = "custody-van"

    /// Words accepted for this type in files and on the command line.
    public var label: String { rawValue }
    /// One-letter glyph for boards and maps, so type never rests on colour.
    public var glyph: Character {
        switch self {
        case .response: "R";
        case .neighbourhood: "N";
        case .roads: "T";
        case .armed: "A";
        case .dog: "D";
        case .custodyVan: "V"
        }
    }
}

/// A qualification carried by a unit's crew.
public enum Skill: String, Hashable, Codable, Sendable, CaseIterable, Comparable {
    case taser, advancedDriver = "advanced-driver", firearms, publicOrder = "public-order", firstAid = "first-aid"
    public static func < (a: Skill, b: Skill) -> Bool { a.rawValue < b.rawValue }
}

/// Status codes a unit reports, each with a board limit after which it is flagged.
public enum UnitStatus: String, Hashable, Codable, Sendable, CaseIterable {
    case available, atStation = "station", assigned, enRoute = "enroute", atScene = "scene",
        transporting, refreshment, offDuty = "off", unavailable, writeUp = "writeup"

    /// Human text for boards and messages.
    public var label: String {
        switch self {
        case .available: "available"
        case .atStation: "at station"
        case .assigned: "assigned"
        case .enRoute: "en route"
        case .atScene: "at scene"
        case .transporting: "with prisoner"
        case .refreshment: "refreshment"
        case .offDuty: "off duty"
        case .unavailable: "unavailable"
        case .writeUp: "writing up (grade 1 only)"
        }
    }

    /// Short board code, so status never rests on colour.
    public var code: String {
        switch self {
        case .available: "AVL";
        case .atStation: "STN";
        case .assigned: "ASG";
        case .enRoute: "ENR"
        case .atScene: "SCN";
        case .transporting: "TRN";
        case .refreshment: "REF";
        case .offDuty: "OFF";
        case .unavailable: "UNV"
        case .writeUp: "WRT"
        }
    }

    /// Free to take a job now.
    public var isDeployable: Bool { self == .available || self == .atStation }
    /// Committed to an incident.
    public var isCommitted: Bool { self == .assigned || self == .enRoute || self == .atScene || self == .transporting }
    /// On duty (anything but off duty).
    public var isOnDuty: Bool { self != .offDuty }

    /// How long a unit may sit in this status before the board flags it, and why.
    public var limit: (duration: Duration, flag: String)? {
        switch self {
        case .assigned: (.minutes(5), "not yet mobile")
        case .enRoute: (.minutes(30), "long journey")
        case .atScene: (.minutes(60), "welfare check")
        // Transport, the custody queue and booking in take two to six hours.
        case .transporting: (.hours(6), "custody over 6 h")
        case .refreshment: (.minutes(45), "refreshment overrun")
        case .unavailable: (.minutes(120), "unavailable too long")
        case .writeUp: (.minutes(120), "write-up overrun")
        case .available, .atStation, .offDuty: nil
        }
    }
}

/// A deployable police resource.
public struct PoliceUnit: Hashable, Codable, Sendable, Identifiable {
    public var callsign: Callsign
    public var type: UnitType
    public var skills: Set<Skill>
    public var crew: Int
    public var homeArea: AreaID
    public var homeStation: StationID
    public var homeBeat: BeatID?
    /// The area the unit is working now (differs from home after a move).
    public var area: AreaID
    public var status: UnitStatus
    public var statusSince: Instant
    public var position: GeoPoint
    public var incident: IncidentRef?

    public var id: Callsign { callsign }

    enum CodingKeys: String, CodingKey {
        case callsign, type, skills, crew, homeArea, homeStation, homeBeat, area, status, statusSince, position,
            incident
    }

    /// As synthesised, but with skills in sorted order: a set would be written in a per-process hash order, and a
    /// snapshot's bytes (whose digest is recorded in the chain) must be the same for the same state.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(callsign, forKey: .callsign)
        try c.encode(type, forKey: .type)
        try c.encode(skills.sorted(), forKey: .skills)
        try c.encode(crew, forKey: .crew)
        try c.encode(homeArea, forKey: .homeArea)
        try c.encode(homeStation, forKey: .homeStation)
        try c.encodeIfPresent(homeBeat, forKey: .homeBeat)
        try c.encode(area, forKey: .area)
        try c.encode(status, forKey: .status)
        try c.encode(statusSince, forKey: .statusSince)
        try c.encode(position, forKey: .position)
        try c.encodeIfPresent(incident, forKey: .incident)
    }

    public init(
        callsign: Callsign, type: UnitType, skills: Set<Skill> = [], crew: Int = 2, homeArea: AreaID,
        homeStation: StationID, homeBeat: BeatID? = nil, status: UnitStatus = .available,
        statusSince: Instant = Instant(seconds: 0), position: GeoPoint, incident: IncidentRef? = nil
    ) {
        self.callsign = callsign.uppercased(); self.type = type; self.skills = skills; self.crew = crew
        self.homeArea = homeArea; self.homeStation = homeStation; self.homeBeat = homeBeat; self.area = homeArea
        self.status = status; self.statusSince = statusSince; self.position = position; self.incident = incident
    }

    /// Time in the current status.
    public func timeInStatus(at now: Instant) -> Duration { now - statusSince }

    /// The overdue flag for the current status, if its limit has passed.
    public func overdueFlag(at now: Instant) -> String? {
        guard let limit = status.limit, timeInStatus(at: now) > limit.duration else { return nil }
        return limit.flag
    }

    /// Skills as a short sorted list, e.g. `advanced-driver,taser`.
    public var skillsText: String { skills.sorted().map(\.rawValue).joined(separator: ",") }
}
