/// How a contact reached the control room.
public enum Channel: String, Hashable, Codable, Sendable, CaseIterable {
    case emergency = "999", nonEmergency = "101", online

    /// Queue discipline: 999 is answered before 101, 101 before online.
    public var priority: Int {
        switch self {
        case .emergency: 0;
        case .nonEmergency: 1;
        case .online: 2
        }
    }
}

/// A contact's number, shown as `C42`.
public struct ContactID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var value: Int
    public init(_ value: Int) { self.value = value }
    public static func < (a: ContactID, b: ContactID) -> Bool { a.value < b.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
    public func _rawHashValue(seed: Int) -> Int { mixHash(UInt64(bitPattern: Int64(value)), seed: seed) }
    public var description: String { "C\(value)" }
    public init(from decoder: Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

/// Where a contact stands in its handling.
public enum ContactState: Hashable, Codable, Sendable {
    case waiting
    case answered
    /// Became a new incident.
    case raised(IncidentRef)
    /// Appended to an existing incident (a duplicate call).
    case linked(IncidentRef)
    /// Closed with advice, no incident.
    case resolved
}

/// What the caller says, as the handler takes it.
public struct ContactDetails: Hashable, Codable, Sendable {
    public var callerName: String
    public var callerNumber: String
    public var location: GeoPoint?
    public var address: String
    public var account: String
    public init(
        callerName: String = "", callerNumber: String = "", location: GeoPoint? = nil, address: String = "",
        account: String = ""
    ) {
        self.callerName = callerName; self.callerNumber = callerNumber; self.location = location
        self.address = address; self.account = account
    }
}

/// A 999, 101 or online contact.
public struct Contact: Hashable, Codable, Sendable, Identifiable {
    public var id: ContactID
    public var channel: Channel
    public var details: ContactDetails
    public var receivedAt: Instant
    public var answeredAt: Instant?
    public var handler: OperatorID?
    public var state: ContactState
    public var resolution: String?

    public init(id: ContactID, channel: Channel, details: ContactDetails, receivedAt: Instant) {
        self.id = id; self.channel = channel; self.details = details; self.receivedAt = receivedAt
        self.state = .waiting
    }

    /// Waiting in a queue, not yet answered.
    public var isWaiting: Bool { state == .waiting }
    /// Answered but not yet raised, linked or resolved.
    public var isInHand: Bool { state == .answered }

    /// Time in queue so far (or until answered).
    public func wait(at now: Instant) -> Duration { (answeredAt ?? now) - receivedAt }
}

/// A fast 64-bit finaliser (MurmurHash3's fmix64) over a key and the table's seed; keys come from our own log, not an attacker.
@inline(__always)
func mixHash(_ key: UInt64, seed: Int) -> Int {
    var x = key ^ UInt64(bitPattern: Int64(seed))
    x ^= x >> 33
    x &*= 0xff51_afd7_ed55_8ccd
    x ^= x >> 33
    x &*= 0xc4ce_b9fe_1a85_ec53
    x ^= x >> 33
    return Int(bitPattern: UInt(x))
}
