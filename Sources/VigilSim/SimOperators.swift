import VigilCore

/// The operators the simulator acts as. It registers them (as a supervisor of the force) when a run begins.
public enum SimOperators {
    public static let intake = Operator(
        id: "SIM-TEL", name: "Simulated telephony and online intake", role: .callHandler)
    public static let handlers = Operator(id: "SIM-CH", name: "Simulated call handlers", role: .callHandler)
    public static let dispatcher = Operator(
        id: "SIM-DSP", name: "Simulated dispatcher (auto-dispatch)", role: .dispatcher)
    public static let crews = Operator(id: "SIM-CREW", name: "Simulated crews", role: .dispatcher)
    /// Sets the shift clock to the speed a live run was started with, so every console shows the true speed.
    public static let clock = Operator(
        id: "SIM-CLK", name: "Simulator clock (speed from the command line)", role: .trainer)
    /// Calls on mutual aid when a scenario's inject says a neighbouring force sends units.
    public static let incidentManager = Operator(
        id: "SIM-FIM", name: "Simulated force incident manager (mutual aid)", role: .inspector)
    public static let all = [intake, handlers, dispatcher, crews, clock, incidentManager]
    /// Their ids, to tell the simulator's work from people's.
    public static let ids = Set(all.map(\.id))
}

/// Why a simulation cannot go on.
public struct SimulationError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
