import VigilCore

/// A force file's contents as domain values: the force, its units, its critical register and its operators.
public struct LoadedForce: Hashable, Sendable {
    public var force: Force
    public var units: [PoliceUnit]
    public var flags: [AddressFlag]
    public var operators: [Operator]

    public init(force: Force, units: [PoliceUnit], flags: [AddressFlag], operators: [Operator]) {
        self.force = force; self.units = units; self.flags = flags; self.operators = operators
    }

    /// The state before any event, with every unit's status clock starting at `start`.
    public func initialState(at start: Instant) -> DispatchState {
        DispatchState(
            force: force,
            units: units.map {
                var u = $0; u.statusSince = start; return u
            },
            operators: operators, flags: flags)
    }
}
