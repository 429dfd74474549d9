/// Why a desk's holder left it: a fixed few, so a screen tells a silent console's release from any typed reason.
public enum DeskRelease: String, Hashable, Codable, Sendable, CaseIterable {
    /// The holder left it.
    case left
    /// A trainer, supervisor or inspector released it.
    case released
    /// A trainer or supervisor handed it to someone else.
    case handedOver = "handed over"
    case signedOff = "signed off"
    case disabled
    /// The holder's console fell silent (no heartbeat), and another console or the simulator released it.
    case consoleSilent = "console silent"

    /// The cause an older event's free-text reason stood for.
    static func inferred(from reason: String) -> DeskRelease {
        if reason.hasPrefix("console silent") { return .consoleSilent }
        if reason == "signed off" { return .signedOff }
        if reason.hasPrefix("disabled by ") { return .disabled }
        if reason.hasPrefix("handed to ") { return .handedOver }
        return .left
    }
}

/// A desk's holder left it: they said so, signed off, were handed off by a trainer or supervisor, or their console
/// fell silent. Nobody holds it now, so a simulator running on the log works it.
public struct DeskLeft: EventPayload {
    public static let typeName = "DeskLeft"
    /// Version 2 gained `cause`; version 1's is inferred from its reason.
    public static let schemaVersion = 2
    public var desk: DeskID
    /// Who held it.
    public var `operator`: OperatorID
    public var cause: DeskRelease
    /// Said with it, e.g. "no heartbeat from tty4242 for 30 s", or what the holder typed.
    public var reason: String

    public init(desk: DeskID, operator: OperatorID, cause: DeskRelease, reason: String = "") {
        self.desk = desk; self.operator = `operator`; self.cause = cause; self.reason = reason
    }

    public var change: Change { .deskLeft(self) }
    public var summaryText: String {
        "\(desk) ← \(`operator`)" + (cause == .left ? "" : " (\(cause.rawValue))")
            + (reason.isEmpty ? "" : ": \(reason)")
    }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("cause", cause.rawValue)
        w.member("desk", desk)
        w.member("operator", `operator`)
        w.member("reason", reason)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var desk: DeskID?, op: OperatorID?, reason: String?, cause: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "cause": cause = try r.value()
            case "desk": desk = try r.value()
            case "operator": op = try r.value()
            case "reason": reason = try r.value()
            default: try r.skip()
            }
        }
        let said = try Self.required(reason, "reason")
        let why: DeskRelease
        if let cause {
            guard let known = DeskRelease(rawValue: cause) else {
                throw JSONError("unknown desk release cause \(cause.debugDescription)")
            }
            why = known
        } else {
            why = .inferred(from: said)
        }
        self.init(
            desk: try Self.required(desk, "desk"), operator: try Self.required(op, "operator"), cause: why,
            reason: said)
    }
}
