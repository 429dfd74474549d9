/// Why a sign-on was refused: one of a fixed few, so a refusal (which needs no signature) can carry no text.
public enum SignOnRefusal: String, Hashable, Codable, Sendable, CaseIterable {
    case wrongPIN = "wrong PIN"
    case unknownOperator = "unknown operator"
    case operatorDisabled = "operator disabled"
    case noPINSet = "no PIN set"
    case noPINGiven = "no PIN given"
    /// Tried while locked out: recorded, though the PIN was not checked.
    case lockedOut = "locked out"
    /// A reason an older log wrote as free text.
    case other
}

/// A sign-on was refused, with the reason.
public struct SignOnRefused: EventPayload {
    public static let typeName = "SignOnRefused"
    public var reason: SignOnRefusal

    public init(reason: SignOnRefusal) {
        self.reason = reason
    }

    public var change: Change { .signOnRefused(self) }
    public var summaryText: String { quote(reason.rawValue) }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("reason", reason.rawValue)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var reason: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "reason": reason = try r.value()
            default: try r.skip()
            }
        }
        // An older log's free text reads as `other`: it is never read as a wrong PIN it did not say.
        self.init(reason: SignOnRefusal(rawValue: try Self.required(reason, "reason")) ?? .other)
    }
}
