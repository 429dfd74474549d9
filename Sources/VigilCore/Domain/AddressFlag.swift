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
        switch self { case .firearms: "FIREARMS"; case .vulnerable: "VULN"; case .repeatDomesticAbuse: "REPEAT-DA"; case .officerSafety: "OFFICER-SAFETY" }
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

    public init(id: Int, kind: FlagKind, address: String, location: GeoPoint, note: String = "", expires: Instant? = nil) {
        self.id = id; self.kind = kind; self.address = address; self.location = location; self.note = note
        self.expires = expires; self.expired = false
    }

    /// In force at `now`: not expired by command and not past its expiry date.
    public func isActive(at now: Instant) -> Bool { !expired && (expires.map { now < $0 } ?? true) }

    /// Within 50 m, or the same address text ignoring case and punctuation.
    public func matches(location other: GeoPoint, address text: String) -> Bool {
        location.distanceKm(to: other) <= 0.05 || (!text.isEmpty && normalizedAddress(text) == normalizedAddress(address))
    }
}

/// Address text reduced to letters and digits, for matching the register.
public func normalizedAddress(_ s: String) -> String {
    String(s.lowercased().filter { $0.isLetter || $0.isNumber })
}
