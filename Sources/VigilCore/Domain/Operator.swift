/// An operator's identifier (a collar or staff number).
public typealias OperatorID = String
/// The name a log's administrator records in (a server's snapshots, its reads): no person's, so no operator takes it.
public let logAdministrator: OperatorID = "ADMIN"

/// Identifies one console process or simulator feed.
public typealias ConsoleID = String

/// Control-room roles; `decide` enforces what each may do.
public enum Role: String, Hashable, Codable, Sendable, CaseIterable {
    case callHandler = "call-handler", dispatcher, inspector, trainer, supervisor

    public var label: String {
        switch self {
        case .callHandler: "call handler";
        case .dispatcher: "dispatcher";
        case .inspector: "duty inspector"
        case .trainer: "trainer";
        case .supervisor: "supervisor"
        }
    }
}

/// A person who works a console.
public struct Operator: Hashable, Codable, Sendable, Identifiable {
    public var id: OperatorID
    public var name: String
    public var role: Role
    public var disabled: Bool
    public init(id: OperatorID, name: String, role: Role, disabled: Bool = false) {
        self.id = id; self.name = name; self.role = role; self.disabled = disabled
    }
}

/// The public half of an operator's signing key, as the chain last set it.
public struct OperatorKey: Hashable, Codable, Sendable {
    /// Base64 of the 32-byte Ed25519 public key.
    public var key: String
    /// Set by someone else (a supervisor): it signs only the operator's choice of their own PIN.
    public var oneTime: Bool
    public init(key: String, oneTime: Bool) { self.key = key; self.oneTime = oneTime }
}
