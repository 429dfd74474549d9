import VigilCore

/// The units a frame offered for an incident, in the order shown, so a key picks what the dispatcher saw even when
/// the board has changed since (a unit freed or taken elsewhere a moment before the key).
public struct ShownOffer: Hashable, Sendable {
    public var incident: IncidentRef
    public var callsigns: [Callsign]

    public init(incident: IncidentRef, callsigns: [Callsign]) { self.incident = incident; self.callsigns = callsigns }
}
