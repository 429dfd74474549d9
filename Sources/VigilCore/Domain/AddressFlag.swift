/// Critical-register warnings attached to an address.
public enum FlagKind: String, Hashable, Codable, Sendable, CaseIterable {
    case firearms, vulnerable, repeatDomesticAbuse = "repeat-da", officerSafety = "officer-safety"

    public var label: String {
        switch self {
        case .firearms: "firearms known"
        case .vulnerable: "vulnerable resident"
        case .repeatDomesticAbuse: "repeat domestic-abuse victim"
        case .officerSafety: "officer-safety warning"
        }
    }

    /// Short tag for boards: never colour alone.
    public var tag: String {
        switch self {
        case .firearms: "FIREARMS";
        case .vulnerable: "VULN";
        case .repeatDomesticAbuse: "REPEAT-DA";
        case .officerSafety: "OFFICER-SAFETY"
        }
    }
}

/// A critical-register entry: a warning about an address, with an optional expiry.
public struct AddressFlag: Hashable, Codable, Sendable, Identifiable {
    public var id: Int
    public var kind: FlagKind
    public var address: String
    public var location: GeoPoint
    public var note: String
    public var expires: Instant?
    public var expired: Bool

    public init(
        id: Int, kind: FlagKind, address: String, location: GeoPoint, note: String = "", expires: Instant? = nil
    ) {
        self.id = id; self.kind = kind; self.address = address; self.location = location; self.note = note
        self.expires = expires; self.expired = false
    }

    /// In force at `now`: not expired by command and not past its expiry date.
    public func isActive(at now: Instant) -> Bool { !expired && (expires.map { now < $0 } ?? true) }

    /// Within 50 m, or the same address text ignoring case and punctuation.
    public func matches(location other: GeoPoint, address text: String) -> Bool {
        matches(location: other, key: normalizedAddress(text))
    }

    /// As `matches(location:address:)`, with the address already normalised (callers checking many flags do it once).
    public func matches(location other: GeoPoint, key: String) -> Bool {
        isNear(other) || (!key.isEmpty && key == normalizedAddress(address))
    }

    /// Within 50 m of the flagged place.
    public func isNear(_ other: GeoPoint) -> Bool {
        // A cheap box test first: 50 m is about 0.00045° of latitude and 0.00074° of longitude here.
        abs(location.lat - other.lat) < 0.0006 && abs(location.lon - other.lon) < 0.001
            && location.distanceKm(to: other) <= 0.05
    }
}

/// Address text reduced to letters and digits, for matching the register.
public func normalizedAddress(_ s: String) -> String {
    // ASCII, the usual case, is done on bytes; anything else falls back to Unicode properties.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(s.utf8.count)
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(b)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b + 32)
        case 0x80...: return String(s.lowercased().filter { $0.isLetter || $0.isNumber })
        default: break
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
