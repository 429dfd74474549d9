/// What each event's payload owns: its fields, its JSON, its one-line summary and the things it touches.
/// Each event is one type in its own file in this folder, wrapped by a `Change` case.
public protocol EventPayload: Hashable, Codable, Sendable, JSONCodable {
    /// The event type name stored in the log, e.g. `UnitAssigned`.
    static var typeName: String { get }
    /// The payload's schema version; bump it when the payload gains a field.
    static var schemaVersion: Int { get }
    /// This payload as a change to the world.
    var change: Change { get }
    /// The words after the type name in a one-line summary, e.g. `BW11 → WM-20261125-0014`; empty for none.
    var summaryText: String { get }
    /// The incidents this event is about, for audit trails and filters.
    var incidents: [IncidentRef] { get }
    /// The units this event is about.
    var units: [Callsign] { get }
    /// The contacts this event is about.
    var contacts: [ContactID] { get }
}

extension EventPayload {
    public static var schemaVersion: Int { 1 }
    public var summaryText: String { "" }
    public var incidents: [IncidentRef] { [] }
    public var units: [Callsign] { [] }
    public var contacts: [ContactID] { [] }

    /// The member name the payload is stored under, e.g. `unitAssigned`.
    public static var jsonKey: String { typeName.prefix(1).lowercased() + typeName.dropFirst() }

    /// A member `init(json:)` needs, or an error naming it.
    static func required<T>(_ value: T?, _ key: String) throws -> T {
        guard let value else { throw JSONError.missing(key, in: jsonKey) }
        return value
    }
}
